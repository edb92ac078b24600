"""A `text` step: `count` separate fields, one line each, or multiline boxes when asked."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static, TextArea

from coach.packs import model
from coach.tui.text import plain
from coach.tui.widgets.answer_box import AnswerBox
from coach.tui.widgets.field import AnswerField
from coach.tui.widgets.step import AnswerSubmitted, SkipRequested, StepView


class TextView(Vertical, StepView):
    """Enter moves to the next field and, on the last, continues (ctrl+s in multiline boxes)."""

    BINDINGS = [Binding("ctrl+s", "continue", "Continue", show=False)]

    def __init__(self, step: model.TextStep, value: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.step = step
        given = [value] if isinstance(value, str) else list(value or [])
        self.initial = (given + [""] * step.count)[: step.count]

    def compose(self) -> Any:
        step = self.step
        yield Static(plain(step.prompt), classes="prompt")
        for i, text in enumerate(self.initial):
            field: Input | TextArea
            if step.multiline:
                field = AnswerBox(
                    text,
                    soft_wrap=True,
                    id=f"answer-{i}",
                    classes="answer-box",
                )
            else:
                field = AnswerField(
                    text,
                    placeholder=step.placeholder if i == 0 and step.placeholder else "",
                    max_length=step.max_length,
                    id=f"answer-{i}",
                )
            if step.count > 1:
                with Horizontal(classes="answer-row"):
                    yield Static(plain(f"{i + 1}."), classes="answer-number")
                    yield field
            else:
                yield field
        hint = "Enter goes to the next one." if step.count > 1 else ""
        if step.multiline:
            hint = (
                "Ctrl+S when you are done. Tab moves between boxes."
                if step.count > 1
                else "Ctrl+S when you are done."
            )
        yield Static(plain(f"{hint} You can leave this empty.".strip()), classes="hint")

    def fields(self) -> list[Input | TextArea]:
        """The answer fields, as many as are mounted (none yet while the step is still mounting:
        a run stopped at that moment keeps what was there before, never a crash)."""
        found: list[Input | TextArea] = []
        for i in range(self.step.count):
            found += [w for w in self.query(f"#answer-{i}") if isinstance(w, Input | TextArea)]
        return found

    def values(self) -> list[str]:
        fields = self.fields()
        if len(fields) < self.step.count:
            return list(self.initial)
        return [f.text if isinstance(f, TextArea) else f.value for f in fields]

    def partial(self) -> Any:
        values = self.values()
        if not any(v.strip() for v in values):
            return None
        return values[0] if self.step.count == 1 else values

    def focus_input(self) -> None:
        values = self.values()
        first_empty = next((i for i, v in enumerate(values) if not v), 0)
        fields = self.fields()
        if first_empty < len(fields):
            fields[first_empty].focus()

    def footer_hints(self) -> list[tuple[str, str]]:
        if self.step.multiline:
            return [("^s", "Continue")]
        fields = self.fields()
        last = not fields or self.screen.focused is fields[-1]
        return [("⏎", "Continue" if last else "Next")]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._next_from(event.input)

    def on_answer_box_enter_while_empty(self, event: AnswerBox.EnterWhileEmpty) -> None:
        event.stop()
        self._next_from(event.box)

    def _next_from(self, field: object) -> None:
        fields = self.fields()
        at = fields.index(field) if field in fields else len(fields) - 1
        if at < len(fields) - 1:
            fields[at + 1].focus()
        else:
            self.action_continue()

    def action_continue(self) -> None:
        values = self.values()
        if not any(v.strip() for v in values):
            self.post_message(SkipRequested())
        else:
            self.post_message(AnswerSubmitted(values[0] if self.step.count == 1 else values))
