"""A one-line answer field that keeps what is in it: focus puts the cursor at the end.

Textual's Input selects everything on focus, so the first key typed after going back to an
answer (or resuming a draft) replaced it. A person's words are never thrown away by one key.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class AnswerField(Input):
    def __init__(self, value: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(value, select_on_focus=False, **kwargs)

    def on_focus(self) -> None:
        self.cursor_position = len(self.value)
