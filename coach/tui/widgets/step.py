"""What every step view shares: the messages it posts, how it is made for a step, and how the
screen asks for its value."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Pace:
    """What the paced views (breathing, timer) need: a monotonic clock, and reduce motion."""

    now: Callable[[], float]
    reduce_motion: bool = False


class StepView:
    """Mixin for step views: `partial()` is what is typed so far, kept if the person leaves."""

    @classmethod
    def make(cls, step: Any, value: Any, pace: Pace) -> Widget:
        """The view for `step`, starting from `value` (every view is made the same way)."""
        return cls(step, value)  # type: ignore[call-arg, return-value]

    def partial(self) -> Any:
        return None

    def focus_input(self) -> None:
        """Put focus where typing goes, as soon as the step opens."""
        if isinstance(self, Widget):
            self.focus()
