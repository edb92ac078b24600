"""What an export holds: the sessions and cards in a date range, as coach-export/1 records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coach.records import EXPORT_FORMAT, Card, Record, SafetyPlan, Session, local_day
from coach.store.store import ProgressStore


@dataclass
class ExportData:
    """Sessions (oldest first) and cards chosen for one export."""

    exported: dt.datetime
    sessions: list[Session]
    cards: list[Card]
    since: dt.date | None = None
    until: dt.date | None = None
    safety_plan: SafetyPlan | None = None
    """The person's safety plan, only when they chose to include it (`--safety-plan`)."""

    def as_json(self) -> dict[str, Any]:
        """The coach-export/1 document, exactly as docs/export-format.md lays it out."""
        document: dict[str, Any] = {
            "format": EXPORT_FORMAT,
            "exported": self.exported.isoformat(timespec="seconds"),
            "sessions": [_json(s) for s in self.sessions],
            "cards": [_json(c) for c in self.cards],
        }
        if self.safety_plan is not None:
            document["x-safety-plan"] = self.safety_plan.as_record()
        return document


def _json(record: Record) -> dict[str, Any]:
    return record.as_record()


def gather(
    store: ProgressStore,
    since: dt.date | None = None,
    until: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExportData:
    """The sessions and cards between `since` and `until` (local dates, both included)."""
    now = store.clock()
    sessions = store.sessions(since=since, until=until, progress=progress)
    sessions.reverse()  # oldest first
    return ExportData(now, sessions, gather_cards(store, since, until), since, until)


def gather_cards(
    store: ProgressStore, since: dt.date | None = None, until: dt.date | None = None
) -> list[Card]:
    """The kept cards made between `since` and `until`, oldest first."""
    cards = []
    for card in reversed(store.cards()):
        day = local_day(card.created)
        if (since and day < since) or (until and day > until):
            continue
        cards.append(card)
    return cards
