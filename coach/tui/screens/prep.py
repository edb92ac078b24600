"""What to bring to the next session, on screen, with a key to save it as Markdown."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.errors import CoachError
from coach.export import for_person as exporting
from coach.text import clean
from coach.tui.text import plain, styled
from coach.tui.widgets.footer import KeysFooter


class PrepScreen(Screen[None]):
    """The prep text as `coach prep` writes it; ctrl+s saves it (never over a file unasked)."""

    CSS_PATH = ["../styles/screens.tcss", "../styles/export.tcss"]

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+s,s", "save", "Save it"),
    ]

    def __init__(self, text: str, target: Path) -> None:
        super().__init__()
        self.text = text
        self.target = target

    def compose(self) -> Any:
        yield Static(styled("Bring to your next session", "bold"), id="prep-title")
        with VerticalScroll(id="prep-body", can_focus=True):
            yield Static(readable(self.text), id="prep-text")
        yield Static(plain(f"s saves it to {self.target}"), id="prep-said")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#prep-body").focus()

    def action_save(self) -> None:
        if self.target.exists():
            from coach.tui.screens.confirm import ConfirmModal

            def answered(yes: bool | None) -> None:
                if yes:
                    self._save()
                else:
                    self._say(f"Nothing was written; {self.target} is kept as it was.")

            question = clean(f"{self.target} is already there. Replace it?")
            self.app.push_screen(ConfirmModal(question, "Y replaces it.", "N keeps it."), answered)
            return
        self._save()

    def _save(self) -> None:
        try:
            exporting.write(self.target, self.text)
        except CoachError as err:
            self._say(str(err))
            return
        self._say(f"Written to {self.target}, readable by you only.")

    def _say(self, words: str) -> None:
        self.query_one("#prep-said", Static).update(plain(words))


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def readable(markdown: str) -> Content:
    """The prep's Markdown as a person reads it: headings in bold, the escapes that keep
    their words from becoming Markdown taken off again (the words shown exactly as written)."""
    lines = []
    for line in markdown.splitlines():
        heading = re.match(r"#+ (.*)", line)
        if heading:
            lines.append(styled(heading.group(1), "bold"))
        else:
            lines.append(plain(_ESCAPED.sub(r"\1", line)))
    return Content("\n").join(lines)
