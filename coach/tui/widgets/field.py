"""A one-line answer field that keeps what is in it: focus puts the cursor at the end.

Textual's Input selects everything on focus, so the first key typed after going back to an
answer (or resuming a draft) replaced it. A person's words are never thrown away by one key.
When the field is full, a calm line under it says so (Textual's Input stops taking letters
without a word).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Static

from coach.tui.text import plain


class FullNote(Static):
    """The line under a full field."""

    DEFAULT_CSS = """
    FullNote {
        height: auto;
        color: $text-muted;
        padding: 0 1;
    }
    """


class AnswerField(Input):
    def __init__(self, value: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(value, select_on_focus=False, **kwargs)
        self._note: FullNote | None = None

    def on_focus(self) -> None:
        self.cursor_position = len(self.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self:
            self._say_when_full()

    def _say_when_full(self) -> None:
        limit = self.max_length or 0
        full = limit > 0 and len(self.value) >= limit
        if full and self._note is None:
            self._note = FullNote(
                plain(f"That's the most this box holds: {limit} characters."),
                classes="field-full",
            )
            row = (
                self.parent
                if self.parent is not None and self.parent.has_class("answer-row")
                else self
            )
            row.parent.mount(self._note, after=row)  # type: ignore[union-attr]
        elif not full and self._note is not None:
            self._note.remove()
            self._note = None
