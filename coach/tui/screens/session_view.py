"""One session read back: what was written, step by step, the ratings before and after, and the
note. Arrow keys, PageUp/PageDown, Home and End scroll; e edits the note, d deletes the session."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.tui.text import plain, styled
from coach.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from coach.packs.model import Exercise
    from coach.records import Session
    from coach.tui.screens.history import HistoryScreen


def _rating(value: int | None) -> str:
    return "-" if value is None else str(value)


def session_lines(session: Session, exercise: Exercise | None) -> list[Content]:
    """The session as blocks of text: when and how it ended, the ratings, each answer, the note."""
    from coach.core.log import answer_log

    when = dt.datetime.fromisoformat(session.started).strftime("%A %d %B %Y, %H:%M")
    ended = "Finished." if session.status == "completed" else "Saved part way."
    blocks = [Content.assemble(plain(when), "  ", Content(ended).stylize("dim"))]
    if session.distress_before is not None or session.distress_after is not None:
        blocks.append(
            plain(
                f"Distress before → after: {_rating(session.distress_before)} → "
                f"{_rating(session.distress_after)} (0 to 10)"
            )
        )
    answers = answer_log([session], exercise)[0].answers
    for label, answer in answers:
        blocks.append(Content.assemble(styled(label, "bold"), "\n", plain(answer)))
    if not answers:
        blocks.append(Content("Nothing was written in this session.").stylize("dim"))
    note = plain(session.note) if session.note else Content("(no note)").stylize("dim")
    blocks.append(Content.assemble(Content("Your note").stylize("bold"), "\n", note))
    if session.bring_to_session:
        blocks.append(Content("Marked to bring to your next session.").stylize("italic"))
    return blocks


class SessionScreen(Screen[None]):
    """A session to read; changes go through the history screen, which keeps the undo."""

    CSS_PATH = ["../styles/screens.tcss", "../styles/history.tcss"]

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "edit", "Edit note"),
        Binding("d", "delete", "Delete"),
    ]

    def footer_hints(self) -> list[tuple[str, str]]:
        return [("↑ ↓", "Scroll")]

    def __init__(self, session: Session, owner: HistoryScreen) -> None:
        super().__init__()
        self.session = session
        self.owner = owner

    def compose(self) -> Any:
        yield Static(styled(self.session.exercise_title, "bold"), id="session-title")
        yield VerticalScroll(id="session-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show(self.session)
        self.query_one("#session-body").focus()

    def show(self, session: Session) -> None:
        """Draw the session as it is stored now."""
        self.session = session
        library = getattr(self.app, "library", None)
        ref = library.get(session.exercise) if library is not None else None
        body = self.query_one("#session-body", VerticalScroll)
        body.remove_children()
        body.mount_all(
            Static(block, classes="session-block", markup=False)
            for block in session_lines(session, ref.exercise if ref else None)
        )

    def action_edit(self) -> None:
        self.owner.edit_note(self.session, self.show)

    def action_delete(self) -> None:
        self.owner.delete_session(self.session, self._gone)

    def _gone(self) -> None:
        self.dismiss(None)
