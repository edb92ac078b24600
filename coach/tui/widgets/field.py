"""A one-line answer field that keeps what is in it: focus puts the cursor at the end.

Textual's Input selects everything on focus, so the first key typed after going back to an
answer (or resuming a draft) replaced it. A person's words are never thrown away by one key.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.message import Message
from textual.widgets import Input, TextArea


class AnswerField(Input):
    def __init__(self, value: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(value, select_on_focus=False, **kwargs)

    def on_focus(self) -> None:
        self.cursor_position = len(self.value)


class AnswerBox(TextArea):
    """A multiline answer: enter is a new line, except in an empty box, where it moves on
    (so an optional question is passed over with enter, as everywhere else)."""

    class EnterWhileEmpty(Message):
        def __init__(self, box: AnswerBox) -> None:
            super().__init__()
            self.box = box

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and not self.text.strip():
            event.stop()
            event.prevent_default()
            self.post_message(self.EnterWhileEmpty(self))
            return
        await super()._on_key(event)
