"""What the home shows from the store, in a small plain shape the store can keep as a summary, so
the home is filled before pydantic, the records or any month of history is read.

Nothing here imports pydantic or coach.records: it runs before the first frame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from coach import __version__
from coach.frozen import frozen
from coach.packs.index import Listed, Listing
from coach.text import clean

LONG_GAP_DAYS = 3
MAX_ROWS = 50


@frozen
class Kept:
    """An exercise left part way, as the home offers it: "Continue <title> (<position>)"."""

    full_id: str
    title: str
    position: str


@frozen
class Practised:
    """One line of recent practice."""

    started: str
    title: str
    before: int | None
    after: int | None
    full_id: str = ""


@frozen
class WeekLine:
    """One line of this week's plan."""

    title: str
    met: bool
    words: str


@frozen
class Glance:
    """Everything the home's right column shows, worked out from the store."""

    last_started: str | None
    kept: tuple[Kept, ...] = ()
    week: tuple[WeekLine, ...] = ()
    recent: tuple[Practised, ...] = ()

    def greeting(self, today: dt.date) -> str:
        """The kind word for today (a return after a while, a place kept, a first visit)."""
        last = dt.date.fromisoformat(self.last_started[:10]) if self.last_started else None
        return greeting(last, today, bool(self.kept))

    def as_json(self) -> dict[str, Any]:
        return {
            "last_started": self.last_started,
            "kept": [[k.full_id, k.title, k.position] for k in self.kept],
            "week": [[w.title, w.met, w.words] for w in self.week],
            "recent": [[p.started, p.title, p.before, p.after, p.full_id] for p in self.recent],
        }

    def last_change(self, full_id: str) -> tuple[int, int] | None:
        """The distress before and after the newest recent practice of an exercise, if rated."""
        for done in self.recent:
            if done.full_id == full_id:
                if done.before is not None and done.after is not None:
                    return done.before, done.after
                return None
        return None


def greeting(last_practice: dt.date | None, today: dt.date, has_draft: bool) -> str:
    """A kind word: for a first visit, a return after a while, or a usual day. No counting."""
    if has_draft:
        return "Welcome back. Your place is kept, whenever you're ready."
    if last_practice is None:
        return "Hello. This is a calm place to practice. Pick anything that fits right now."
    if (today - last_practice).days >= LONG_GAP_DAYS:
        return "Welcome back. It's good to see you."
    return "Good to see you."


def key(stamps: Sequence[Sequence[Any]], now: dt.datetime) -> dict[str, Any]:
    """What a kept summary holds only for: this coach, these pack files, this day and offset."""
    offset = now.utcoffset()
    return {
        "coach": __version__,
        "packs": [list(s) for s in stamps],
        "today": now.date().isoformat(),
        "offset": offset.total_seconds() if offset is not None else None,
    }


def parse(payload: object, listing: Listing) -> Glance | None:
    """A kept summary as a Glance, or None unless every part has exactly the expected shape
    and every exercise it names is in the library as listed now."""
    try:
        return _parse(payload, {e.full_id: e for e in listing.exercises})
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None


def _parse(payload: object, listed: dict[str, Listed]) -> Glance | None:
    if not isinstance(payload, dict) or set(payload) != {"last_started", "kept", "week", "recent"}:
        return None
    last = payload["last_started"]
    if last is not None:
        last = _stamp(last)
    kept = tuple(
        Kept(_text(full_id), _text(title), _text(position))
        for full_id, title, position in _rows(payload["kept"], 3)
    )
    if any(k.full_id not in listed for k in kept):
        return None
    week = tuple(
        WeekLine(_text(title), _flag(met), _text(words))
        for title, met, words in _rows(payload["week"], 3)
    )
    recent = tuple(
        Practised(_stamp(row[0]), _text(row[1]), _rating(row[2]), _rating(row[3]), _id(row[4:]))
        for row in _rows(payload["recent"], 4, 5)
    )
    return Glance(last, kept, week, recent)


def _rows(value: object, *widths: int) -> list[list[Any]]:
    if not isinstance(value, list) or len(value) > MAX_ROWS:
        raise ValueError("not a short list")
    for row in value:
        if not isinstance(row, list) or len(row) not in widths:
            raise ValueError("not a row")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return clean(value, limit=200)


def _id(rest: list[Any]) -> str:
    """The exercise's full id of a recent row (none in a summary kept before it was)."""
    return _text(rest[0]) if rest else ""


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError("not a flag")
    return value


def _stamp(value: object) -> str:
    if not isinstance(value, str) or len(value) > 40:
        raise TypeError("not a moment")
    dt.datetime.fromisoformat(value)  # ValueError when it is not one
    return value


def _rating(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not -1000 <= value <= 100:
        raise ValueError("not a rating")
    return value
