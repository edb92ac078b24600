"""A multiline answer box: enter is a new line, except in an empty box."""

from __future__ import annotations

from textual import events
from textual.message import Message

from coach.tui.widgets.steady_text_area import SteadyTextArea


class AnswerBox(SteadyTextArea):
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
