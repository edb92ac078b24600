"""What every step view shares: the messages it posts and how the screen asks for its value."""

from __future__ import annotations

from typing import Any

from textual.message import Message
from textual.widget import Widget


class AnswerSubmitted(Message):
    """The person confirmed an answer for the current step."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


class SkipRequested(Message):
    """The person chose to pass over the current step."""


class StepView:
    """Mixin for step views: `partial()` is what is typed so far, kept if the person leaves."""

    def partial(self) -> Any:
        return None

    def focus_input(self) -> None:
        """Put focus where typing goes, as soon as the step opens."""
        if isinstance(self, Widget):
            self.focus()
