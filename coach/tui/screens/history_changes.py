"""Changes made from history: a note edited, a session, note or card deleted, and undo.

Each change is applied to the store at once (a crash keeps it); the exact record it replaced is
kept in memory so `u` puts it back, for as long as history is open. Leaving history makes every
change final, since the records kept for undo go with the screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.records import Card, Session
    from coach.store.store import ProgressStore

UNDO_HINT = "You can undo it until you leave history."


def _day(stamp: str) -> str:
    return dt.datetime.fromisoformat(stamp).strftime("%d %b %Y")


class HistoryChanges:
    """The editing half of the history screen (mixed into HistoryScreen)."""

    store: ProgressStore
    app: Any
    undo: list[tuple[str, dict[str, Any]]]

    if TYPE_CHECKING:  # given by HistoryScreen and Textual's Screen

        def reload(self) -> None: ...

        def notify(self, message: str, **kwargs: Any) -> Any: ...

    def _confirm(self, question: str, then: Callable[[], None]) -> None:
        from coach.tui.screens.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(ConfirmModal(question), answered)

    def _changed(self, kind: str, doc: dict[str, Any] | None, words: str) -> None:
        if doc is None:
            self.notify("That was already gone.", markup=False)
            return
        self.undo.append((kind, doc))
        self.notify(f"{words} U puts it back.", markup=False)
        self.reload()

    def edit_note(self, session: Session, after: Callable[[Session], None] | None = None) -> None:
        """Open the note in an editor; ctrl+s there stores it."""
        from coach.tui.screens.note_edit import NoteEditor

        def saved(text: str | None) -> None:
            if text is None or text == (session.note or ""):
                return
            old = self.store.edit_session(session.id, text, started=session.started)
            self._changed("session", old, "Note saved.")
            fresh = self.store.session(session.id)
            if after is not None and fresh is not None:
                after(fresh)

        heading = f"Your note from {_day(session.started)}: {session.exercise_title}"
        self.app.push_screen(NoteEditor(heading, session.note), saved)

    def delete_session(self, session: Session, after: Callable[[], None] | None = None) -> None:
        def delete() -> None:
            self._changed(
                "session",
                self.store.delete_session(session.id, session.started),
                "Session deleted.",
            )
            if after is not None:
                after()

        self._confirm(f"Delete this session from {_day(session.started)}? {UNDO_HINT}", delete)

    def delete_note(self, session: Session) -> None:
        """The note goes, and the session leaves "For next session"; the session itself stays."""

        def delete() -> None:
            old = self.store.edit_session(
                session.id, None, bring_to_session=False, started=session.started
            )
            self._changed("session", old, "Note deleted.")

        self._confirm(f"Delete this note from {_day(session.started)}? {UNDO_HINT}", delete)

    def delete_card(self, card: Card) -> None:
        def delete() -> None:
            self._changed("card", self.store.delete_card(card.id), "Card deleted.")

        self._confirm(f"Delete the card “{card.title}”? {UNDO_HINT}", delete)

    def action_undo(self) -> None:
        """Put back the last thing changed while history is open."""
        if not self.undo:
            self.notify("Nothing to undo.", markup=False)
            return
        kind, doc = self.undo.pop()
        if kind == "card":
            self.store.restore_card(doc)
        else:
            self.store.restore_session(doc)
        self.notify("Put back as it was.", markup=False)
        self.reload()
