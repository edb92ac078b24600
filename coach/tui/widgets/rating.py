"""A `rating` step: the scale with its labels; type the number or use left and right."""

from __future__ import annotations

import time
from typing import Any

from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from coach.packs import model
from coach.tui.text import plain
from coach.tui.widgets.step import AnswerSubmitted, SkipRequested, StepView

WIDE_SCALE = 20
"""Scales with more points than this are drawn as a slider rather than one cell a number."""


class Scale(Widget, can_focus=True):
    """The numbers of the scale with the chosen one marked; digits, left and right choose."""

    BINDINGS = [
        Binding("left", "move(-1)", "Lower", show=False),
        Binding("right", "move(1)", "Higher", show=False),
        Binding("home", "jump('min')", "Lowest", show=False),
        Binding("end", "jump('max')", "Highest", show=False),
    ]
    value: reactive[int | None] = reactive(None)

    def __init__(self, step: model.RatingStep, value: int | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.step = step
        self.set_reactive(Scale.value, value)
        self._typed = ""
        self._typed_at = 0.0

    def render(self) -> Content:
        step, value = self.step, self.value
        if step.max - step.min > WIDE_SCALE:
            return self._slider(value)
        numbers = range(step.min, step.max + 1)
        full = sum(len(str(n)) + 3 for n in numbers) - 1
        pad = "" if self.size.width and full > self.size.width else " "  # narrow: compact
        cells = []
        for n in numbers:
            text = f"{pad}{n}{pad}"
            cells.append(Content(text).stylize("reverse bold") if n == value else Content(text))
        return Content(" ").join(cells)

    def _slider(self, value: int | None) -> Content:
        width = max(10, min(50, self.size.width - 12))
        span = self.step.max - self.step.min
        filled = 0 if value is None else round((value - self.step.min) / span * width)
        shown = "   " if value is None else f"{value:>3}"
        return Content.assemble(
            f"{self.step.min} ",
            Content("━" * filled).stylize("bold"),
            Content("╌" * (width - filled)).stylize("dim"),
            f" {self.step.max}   ",
            Content(shown).stylize("reverse bold" if value is not None else ""),
        )

    def action_move(self, delta: int) -> None:
        middle = (self.step.min + self.step.max) // 2
        start = middle if self.value is None else self.value + delta
        self.value = max(self.step.min, min(self.step.max, start))
        self._typed = ""

    def action_jump(self, end: str) -> None:
        self.value = self.step.min if end == "min" else self.step.max

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() or event.key == "minus":
            event.stop()
            char = "-" if event.key == "minus" else event.character or ""
            now = time.monotonic()
            typed = self._typed + char if now - self._typed_at < 1.2 else char
            self._typed_at = now
            if typed == "-" or _fits(typed, self.step):
                self._typed = typed
                if typed != "-":
                    self.value = int(typed)
            elif _fits(char, self.step):
                self._typed = char
                self.value = int(char)
        elif event.key == "backspace":
            event.stop()
            self._typed = self._typed[:-1]
            self.value = int(self._typed) if self._typed not in ("", "-") else None


def _fits(typed: str, step: model.RatingStep) -> bool:
    try:
        number = int(typed)
    except ValueError:
        return False
    # a prefix that could still grow into a number on the scale counts as fitting
    return step.min <= number <= step.max or (0 <= number and number * 10 <= step.max)


class RatingView(Vertical, StepView):
    """Prompt, scale, labels, and what the chosen number means."""

    BINDINGS = [Binding("enter", "confirm", "Continue")]

    def __init__(self, step: model.RatingStep, value: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.step = step
        self.initial = value if isinstance(value, int) else None

    def compose(self) -> Any:
        yield Static(plain(self.step.prompt), classes="prompt")
        yield Scale(self.step, self.initial, id="rating-scale")
        yield Static(self._labels(), id="rating-labels")
        yield Static(self._meaning(self.initial), id="rating-meaning")
        yield Static(
            Content(f"Type a number from {self.step.min} to {self.step.max}, or use ← and →."),
            classes="hint",
        )

    def _labels(self) -> Content:
        labels = self.step.labels or {}
        parts = [
            Content.assemble(Content(str(k)).stylize("bold"), " ", plain(v))
            for k, v in sorted(labels.items())
        ]
        return Content("   ·   ").join(parts)

    def _meaning(self, value: int | None) -> Content:
        if value is None:
            return Content("")
        label = (self.step.labels or {}).get(value)
        return Content.assemble(
            "You chose ", Content(str(value)).stylize("bold"), (": " if label else ""), plain(label)
        )

    def on_mount(self) -> None:
        self.watch(self.query_one(Scale), "value", self._chosen)

    def _chosen(self, value: int | None) -> None:
        self.query_one("#rating-meaning", Static).update(self._meaning(value))

    def footer_hints(self) -> list[tuple[str, str]]:
        return [("←→", "Choose")]

    def partial(self) -> Any:
        return self.query_one(Scale).value

    def focus_input(self) -> None:
        self.query_one(Scale).focus()

    def action_confirm(self) -> None:
        value = self.query_one(Scale).value
        if value is None:
            if self.step.optional:
                self.post_message(SkipRequested())
            else:
                self.app.bell()
                self.query_one("#rating-meaning", Static).update(
                    Content(
                        f"Pick a number from {self.step.min} to {self.step.max} when you're ready."
                    ).stylize("italic")
                )
            return
        self.post_message(AnswerSubmitted(value))
