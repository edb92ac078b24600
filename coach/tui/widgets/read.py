"""A `read` step: Markdown to read (links are never opened), then continue."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from coach.packs import model
from coach.tui.widgets.step import AnswerSubmitted, Pace, StepView


class ReadView(VerticalScroll, StepView, can_focus=True):
    """Scrollable reading; enter continues."""

    BINDINGS = [Binding("enter", "continue", "Continue")]

    def __init__(self, step: model.ReadStep, **kwargs: Any) -> None:
        super().__init__(Markdown(step.text, open_links=False), **kwargs)

    @classmethod
    def make(cls, step: model.ReadStep, value: Any, pace: Pace) -> ReadView:
        return cls(step)

    def action_continue(self) -> None:
        self.post_message(AnswerSubmitted(None))

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()  # a link in a pack is text to read, never something to open
