"""Session prep: what to bring to the next session. The notes a person marked, the hardest
moments (the highest distress), and where ratings dropped most, in a date range."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coach.core import stats
from coach.records import Session
from coach.text import markdown_escape as escape

HARDEST = 3


@dataclass
class Prep:
    since: dt.date
    until: dt.date
    flagged: list[Session]
    hardest: list[Session]
    dropped: list[stats.ExerciseFigures]
    sessions: int

    def markdown(self) -> str:
        # the range above names its years; within one year a date needs none, across years it does
        shape = "%a %d %b, %H:%M" if self.since.year == self.until.year else "%a %d %b %Y, %H:%M"

        def when(s: Session) -> str:
            return dt.datetime.fromisoformat(s.started).strftime(shape)

        lines = [
            "# For my next session",
            "",
            f"{self.since:%d %b %Y} to {self.until:%d %b %Y}: {self.sessions} session{'s' if self.sessions != 1 else ''} of practice.",
            "",
            "## What I want to bring",
            "",
        ]
        for s in self.flagged:
            note = s.note or "(no note)"
            lines.append(
                f"- {when(s)}, {escape(s.exercise_title)}: {escape(note)}".replace("\n", "\n  ")
            )
        if not self.flagged:
            lines.append("Nothing marked. At the end of an exercise you can mark it to bring.")
        lines += ["", "## The hardest moments", ""]
        for s in self.hardest:
            lines.append(
                f"- {when(s)}, {escape(s.exercise_title)}: {s.distress_before} before"
                + (f", {s.distress_after} after" if s.distress_after is not None else "")
            )
        if not self.hardest:
            lines.append("No ratings in this range.")
        lines += ["", f"## {stats.DROPPED_HEADING}", ""]
        for fig in self.dropped:
            lines.append(
                "- " + stats.dropped_words(escape(fig.title), fig.mean_drop or 0.0, fig.rated)
            )
        lines.append(stats.DROPPED_CAVEAT if self.dropped else stats.DROPPED_NONE)
        return "\n".join(lines) + "\n"


def gather_prep(sessions: list[Session], since: dt.date, until: dt.date) -> Prep:
    """Only the notes marked "bring to my next session" come along; others stay private."""
    flagged = [s for s in sessions if s.bring_to_session]
    rated = [(s.distress_before, s) for s in sessions if s.distress_before is not None]
    rated.sort(key=lambda pair: (-pair[0], pair[1].started))
    hardest = [s for _, s in rated[:HARDEST]]
    return Prep(
        since, until, flagged, hardest, stats.compute(sessions).dropped_most[:3], len(sessions)
    )
