"""A `script` step: the earlier answers put together, to edit, keep as a card and copy."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from coach.clipboard import copy_text
from coach.packs import model
from coach.packs.template import EMPTY_SCRIPT
from coach.tui.text import plain
from coach.tui.widgets.steady_text_area import SteadyTextArea
from coach.tui.widgets.step import AnswerSubmitted, StepView

DEFAULT_PROMPT = "Here it is, made from your answers. Change anything that doesn't sound like you."


class ScriptView(Vertical, StepView):
    """Enter is a new line here; ctrl+s keeps the script and goes on."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep and go on"),
        Binding("ctrl+o", "copy", "Copy"),
    ]

    def __init__(self, step: model.ScriptStep, text: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.step = step
        self.text = text if isinstance(text, str) else ""

    def compose(self) -> Any:
        yield Static(plain(self.step.prompt or DEFAULT_PROMPT), classes="prompt")
        yield Static(  # above the box, so a short screen never cuts it off
            "Ctrl+S keeps it as a card you can find again, and goes on. Ctrl+O copies it.",
            classes="hint",
        )
        yield SteadyTextArea(
            self.text, soft_wrap=True, id="script-text", placeholder=plain(EMPTY_SCRIPT)
        )

    def current(self) -> str:
        return self.query_one("#script-text", TextArea).text

    def partial(self) -> Any:
        return self.current()

    def focus_input(self) -> None:
        self.query_one("#script-text", TextArea).focus()

    def action_keep(self) -> None:
        self.post_message(AnswerSubmitted(self.current()))

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.current())  # the terminal's own clipboard (OSC 52)
        copy_text(self.current())  # and the system's, where a clipboard program is installed
        self.notify(
            "Copied. If it doesn't paste, ctrl+s still keeps it as a card.",
            markup=False,
        )
