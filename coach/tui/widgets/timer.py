"""A `timer` step: a countdown to do something by (hold cold water, walk), with pause."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static

from coach.packs import model
from coach.tui.text import plain
from coach.tui.widgets.breathe import FRAMES_PER_SECOND
from coach.tui.widgets.step import AnswerSubmitted, Pace, StepView


def clock_face(seconds: float) -> str:
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}"


class TimerView(Vertical, StepView, can_focus=True):
    """Counts down by itself and continues at zero; space pauses, enter ends it early."""

    BINDINGS = [
        Binding("enter", "finish", "Done"),
        Binding("space", "pause", "Pause", show=False),
    ]

    def footer_hints(self) -> list[tuple[str, str]]:
        return [("space", "Go on" if self.paused_at is not None else "Pause")]

    def __init__(self, step: model.TimerStep, now: Callable[[], float], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.step = step
        self.now = now
        self.began = now()
        self.paused_at: float | None = None
        self._sent = False
        self._shown: tuple[str, bool] = ("", False)

    @classmethod
    def make(cls, step: model.TimerStep, value: Any, pace: Pace) -> TimerView:
        return cls(step, pace.now)

    def compose(self) -> Any:
        if self.step.text:
            yield Static(plain(self.step.text), classes="prompt")
        yield Static(id="timer-face")
        yield ProgressBar(
            total=self.step.seconds, show_eta=False, show_percentage=False, id="timer-bar"
        )
        yield Static(plain("Space pauses. Enter ends it early."), classes="hint")

    def on_mount(self) -> None:
        self._draw()
        self.set_interval(1 / FRAMES_PER_SECOND, self._draw)

    def elapsed(self) -> float:
        end = self.paused_at if self.paused_at is not None else self.now()
        return min(self.step.seconds, max(0.0, end - self.began))

    def _draw(self) -> None:
        if self._sent:
            return
        elapsed = self.elapsed()
        if elapsed >= self.step.seconds:
            self._send()
            return
        face = clock_face(self.step.seconds - elapsed)
        paused = self.paused_at is not None
        if (face, paused) != self._shown:
            self._shown = (face, paused)
            text = Content(face).stylize("bold")
            if paused:
                text = Content.assemble(text, "   paused: space goes on")
            self.query_one("#timer-face", Static).update(text)
        self.query_one(ProgressBar).progress = elapsed

    def _send(self) -> None:
        if not self._sent:
            self._sent = True
            self.post_message(AnswerSubmitted(int(round(self.elapsed()))))

    def action_pause(self) -> None:
        self.screen.refresh_bindings()  # the footer says "Go on" while paused
        if self.paused_at is None:
            self.paused_at = self.now()
        else:
            self.began += self.now() - self.paused_at
            self.paused_at = None
        self._draw()

    def action_finish(self) -> None:
        self._send()
