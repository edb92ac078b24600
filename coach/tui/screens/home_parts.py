"""Pieces of the home screen: the exercise list that hands ↑ on to the cards above it, and the
words of its rows and recent practice."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from coach.tui.text import plain

if TYPE_CHECKING:
    from coach.core.glance import Practised
    from coach.packs.index import Listed
    from coach.packs.library import ExerciseRef

SKILL_TITLES = {
    "grounding": "Grounding",
    "boundaries": "Boundaries",
    "regulation": "Regulation",
    "other": "Other",
}
WIDE = 100
"""From this many columns the preview sits in home's right column; narrower, enter opens it."""


def minutes(ref: ExerciseRef | Listed) -> str:
    """ " · 5 min", or nothing when the exercise does not say."""
    found = ref.minutes
    return f" · {found:g} min" if found else ""


def list_room(width: int) -> int:
    """About how many columns a row of the list has on a terminal `width` wide (home.tcss gives
    the list 7 of every 10 columns under WIDE, half from there)."""
    return int((width - 6) * (0.7 if width < WIDE else 0.5)) - 7


def row_words(ref: ExerciseRef | Listed, why: str = "", room: int | None = None) -> Content:
    """One exercise in the list; in search results, a second line says why it matched. When
    the row would not fit `room`, the minutes go (the preview has them), never the title."""
    more = minutes(ref)
    if room is not None and 2 + len(ref.title) + len(more) > room:
        more = ""
    words = Content.assemble("  ", plain(ref.title), Content(more).stylize("dim"))
    if why:
        words = Content.assemble(words, "\n    ", plain(why).stylize("dim"))
    return words


def recent_line(done: Practised, today: dt.date) -> Content:
    """A line of recent practice: the day, the change in distress, then the title (cut last)."""
    before, after = done.before, done.after
    change = f"{before:>2} → {after:<2}" if before is not None and after is not None else " " * 7
    return Content.assemble(
        Content(when(done.started, today)).stylize("dim"), " ", change, " ", plain(done.title)
    )


def when(stamp: str, today: dt.date) -> str:
    """The day of a practice: today, yesterday, or its date."""
    day = dt.date.fromisoformat(stamp[:10])
    if day == today:
        return "today    "
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    return day.strftime("%a %d %b")


class HomeList(OptionList):
    """The exercise list: ↑ from its first exercise goes on to the cards above it."""

    class LeftTop(Message):
        """↑ was pressed on the first exercise."""

    def action_cursor_up(self) -> None:
        first = next((i for i, o in enumerate(self.options) if not o.disabled), None)
        if self.highlighted is None or self.highlighted == first:
            self.post_message(self.LeftTop())
            return
        super().action_cursor_up()
