"""The end of a run: distress before and after side by side, an optional note, a toggle to bring
it to the next session; enter saves."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from coach.records import NOTE_LIMIT
from coach.tui.text import plain
from coach.tui.widgets.field import AnswerField
from coach.tui.widgets.step import StepView


class BringToggle(Widget, can_focus=True):
    """`[x] Bring this to my next session`: space or a click switches it; enter means save."""

    BINDINGS = [Binding("space", "switch", "Switch", show=False)]

    def footer_hints(self) -> list[tuple[str, str]]:
        return [("space", "Switch")]

    value: reactive[bool] = reactive(False)

    def __init__(self, label: str, value: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.label = label
        self.set_reactive(BringToggle.value, value)

    def render(self) -> Content:
        box = Content("[x] " if self.value else "[ ] ").stylize("bold" if self.value else "dim")
        return Content.assemble(box, self.label)

    def action_switch(self) -> None:
        self.value = not self.value

    def on_click(self) -> None:
        self.value = not self.value


class FinishView(Vertical, StepView):
    """Saving is one keypress; the note and the toggle are there if wanted."""

    BINDINGS = [Binding("enter", "save", "Save")]

    class SaveRequested(Message):
        def __init__(self, note: str, bring_to_session: bool) -> None:
            super().__init__()
            self.note = note
            self.bring_to_session = bring_to_session

    def __init__(
        self,
        before: int | None,
        after: int | None,
        has_distress: bool,
        note: str = "",
        bring: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.before, self.after, self.has_distress = before, after, has_distress
        self.note, self.bring = note, bring

    def compose(self) -> Any:
        yield Static(Content("That's the last step.").stylize("bold"), classes="prompt")
        if self.has_distress:
            with Horizontal(id="finish-distress"):
                yield Static(
                    self._box("Before", self.before), classes="distress-box", id="distress-before"
                )
                yield Static(
                    self._box("After", self.after), classes="distress-box", id="distress-after"
                )
        yield Static(
            "Anything you want to remember about this one? (You can leave it empty.)",
            classes="label",
        )
        yield AnswerField(
            self.note,
            placeholder="A few words, if you like",
            max_length=NOTE_LIMIT,
            id="finish-note",
        )
        yield BringToggle("Bring this to my next session", self.bring, id="finish-bring")
        yield Static(
            plain("Enter saves. Tab goes to the toggle, and space switches it."), classes="hint"
        )

    @staticmethod
    def _box(label: str, value: int | None) -> Content:
        shown = "–" if value is None else str(value)
        return Content.assemble(Content(label).stylize("dim"), "\n", Content(shown).stylize("bold"))

    def footer_hints(self) -> list[tuple[str, str]]:
        return [("⏎", "Save"), ("tab", "Next")]

    def focus_input(self) -> None:
        self.query_one("#finish-note", Input).focus()

    def values(self) -> tuple[str, bool]:
        return self.query_one("#finish-note", Input).value, self.query_one(BringToggle).value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        note, bring = self.values()
        self.post_message(self.SaveRequested(note, bring))


class DoneView(Vertical, StepView, can_focus=True):
    """Saved: a plain word of what was kept; enter closes."""

    BINDINGS = [Binding("enter", "close", "Close")]

    class Closed(Message):
        pass

    def __init__(self, lines: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lines = lines

    def compose(self) -> Any:
        yield Static(Content("Saved.").stylize("bold"), classes="prompt")
        for line in self.lines:
            yield Static(Content(line))
        yield Static(plain("Press enter to close."), classes="hint")

    def action_close(self) -> None:
        self.post_message(self.Closed())
