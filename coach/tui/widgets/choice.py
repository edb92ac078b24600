"""`choice` and `checklist` steps: up and down move, space ticks, enter confirms."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.packs import model
from coach.tui.text import plain
from coach.tui.widgets.field import AnswerField
from coach.tui.widgets.step import AnswerSubmitted, SkipRequested, StepView

OTHER = "\x00other"


class ChoiceList(OptionList):
    """An option list that says so when enter is pressed with nothing highlighted."""

    class NothingPicked(Message):
        pass

    def action_select(self) -> None:
        if self.highlighted is None:
            self.post_message(self.NothingPicked())
        else:
            super().action_select()


"""The id of the "something else" option (no pack option can contain a NUL)."""


class ChoiceView(Vertical, StepView):
    """One option, several, or a checklist; with `other`, the person may type their own."""

    BINDINGS = [Binding("space", "tick", "Tick", show=False)]
    NONE_IS_AN_ANSWER = False
    """Whether confirming with nothing ticked answers the step (a checklist) or not."""

    def __init__(
        self, step: model.ChoiceStep | model.ChecklistStep, value: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.step = step
        self.options, self.several, self.other = self.shape(step)
        given = [value] if isinstance(value, str) else list(value or [])
        self.ticked = {v for v in given if v in self.options}
        self.other_text = next((v for v in given if v not in self.options), "")
        if self.other_text:
            self.ticked.add(OTHER)

    def compose(self) -> Any:
        yield Static(plain(self.step.prompt), classes="prompt")
        yield ChoiceList(*self._options(), markup=False, id="choice-options")
        if self.other:
            field = AnswerField(
                self.other_text, placeholder="In your own words", max_length=200, id="choice-other"
            )
            field.display = bool(self.other_text) or not self.several
            yield field
        if self.several:
            hint = "Space ticks or unticks. Enter when you are done."
        else:
            hint = "Enter picks the highlighted one."
        yield Static(plain(hint), classes="hint")

    @staticmethod
    def shape(step: Any) -> tuple[list[str], bool, bool]:
        """(the options, whether several can be picked, whether one's own words can be typed)."""
        return list(step.options), step.multiple, step.other

    def _options(self) -> list[Option]:
        found = []
        for i, text in enumerate(self.options):
            found.append(Option(self._label(text, text in self.ticked), id=str(i)))
        if self.other:
            found.append(
                Option(self._label("Something else", OTHER in self.ticked, other=True), id=OTHER)
            )
        return found

    def _label(self, text: str, ticked: bool, other: bool = False) -> Content:
        body = Content(text + "…").stylize("italic") if other else plain(text)
        if not self.several:
            return body
        box = Content("[x] " if ticked else "[ ] ").stylize("bold" if ticked else "dim")
        return Content.assemble(box, body)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        picked = [i for i, text in enumerate(self.options) if text in self.ticked]
        if self.other_text and not self.several:
            options.highlighted = len(self.options)
        elif picked:
            options.highlighted = picked[0]
        elif self.step.optional and not self.several:
            options.highlighted = None  # enter with nothing chosen passes an optional step over
        else:
            options.highlighted = 0
        if self.other and not self.several:
            self.query_one("#choice-other", Input).display = bool(self.other_text)

    def focus_input(self) -> None:
        self.query_one(OptionList).focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Let the list take what the prompt, the "own words" field and the hint leave free."""
        options = self.query_one(OptionList)
        others = sum(
            c.outer_size.height + c.styles.margin.top + c.styles.margin.bottom
            for c in self.children
            if c is not options and c.display
        )
        options.styles.max_height = max(3, self.size.height - others)

    def _key(self, option: Option) -> str:
        return OTHER if option.id == OTHER else self.options[int(option.id or 0)]

    def action_tick(self) -> None:
        if not self.several:
            return
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        option = options.get_option_at_index(options.highlighted)
        key = self._key(option)
        self.ticked.symmetric_difference_update({key})
        text = "Something else" if key == OTHER else key
        options.replace_option_prompt_at_index(
            options.highlighted, self._label(text, key in self.ticked, key == OTHER)
        )
        if key == OTHER:
            field = self.query_one("#choice-other", Input)
            field.display = key in self.ticked
            self.call_after_refresh(self._fit)
            if field.display:
                field.focus()

    def footer_hints(self) -> list[tuple[str, str]]:
        if self.several:
            return [("space", "Tick"), ("⏎", "Done")]
        return [("↑↓", "Move"), ("⏎", "Pick")]

    def on_choice_list_nothing_picked(self, event: ChoiceList.NothingPicked) -> None:
        event.stop()
        if self.several:
            self.confirm()
        elif self.step.optional:
            self.post_message(SkipRequested())
        else:
            self.query_one(ChoiceList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = self._key(event.option)
        if self.several:
            self.confirm()
        elif key == OTHER:
            field = self.query_one("#choice-other", Input)
            field.display = True
            self.call_after_refresh(self._fit)
            field.focus()
        else:
            self.post_message(AnswerSubmitted(key))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.several:
            typed = event.value.strip()
            if typed:
                self.post_message(AnswerSubmitted(typed))
            else:
                self.query_one(OptionList).focus()
            return
        self.confirm()

    def values(self) -> list[str]:
        chosen = [text for text in self.options if text in self.ticked]
        if OTHER in self.ticked and self.other:
            typed = self.query_one("#choice-other", Input).value.strip()
            if typed:
                chosen.append(typed)
        return chosen

    def partial(self) -> Any:
        if self.several:
            return self.values() or None
        if self.other and self.query_one("#choice-other", Input).value.strip():
            return self.query_one("#choice-other", Input).value.strip()
        return None

    def confirm(self) -> None:
        chosen = self.values()
        if chosen or self.NONE_IS_AN_ANSWER:
            self.post_message(AnswerSubmitted(chosen))
        elif self.step.optional:
            self.post_message(SkipRequested())
        else:
            self.app.bell()
            self.notify("Tick one or more with space, then press enter.", markup=False)


class ChecklistView(ChoiceView):
    """A checklist: items to tick, any number of them; ticking none is an answer too."""

    NONE_IS_AN_ANSWER = True

    @staticmethod
    def shape(step: Any) -> tuple[list[str], bool, bool]:
        return list(step.items), True, False
