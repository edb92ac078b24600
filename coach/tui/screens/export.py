"""Export: choose a format, a range, which notes and where; see what will be included; write it.
Prep ("bring to your next session") opens from here too."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Static

from coach.errors import CoachError
from coach.export import for_person as exporting
from coach.text import clean
from coach.tui.text import plain, styled
from coach.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from coach.packs.library import Library
    from coach.store.store import ProgressStore

NOTES: tuple[tuple[exporting.Notes, str], ...] = (
    ("flagged", "Only notes marked for your next session"),
    ("all", "Every note"),
    ("none", "No notes"),
)
PATH_LIMIT = 4096


class ExportScreen(Screen[None]):
    """A report to share, or what to bring to the next session; nothing is replaced unasked."""

    CSS_PATH = ["../styles/screens.tcss", "../styles/export.tcss"]

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+s", "write", "Write it"),
        Binding("ctrl+o", "prep", "For your next session"),
    ]

    def __init__(self, store: ProgressStore, library: Library, folder: Path | None = None) -> None:
        super().__init__()
        self.store = store
        self.library = library
        self.folder = folder or exporting.default_folder()
        self.today = store.clock().date()

    def compose(self) -> Any:
        yield Static(styled("Export your practice", "bold"), id="export-title")
        yield Static("", id="export-preview")
        with VerticalScroll(id="export-body"):
            yield Static("Format", classes="export-label")
            with RadioSet(id="export-format"):
                for n, fmt in enumerate(exporting.FORMATS):
                    yield RadioButton(fmt, value=n == 0, id=f"format-{fmt}")
            yield Static("Notes", classes="export-label")
            with RadioSet(id="export-notes"):
                for n, (choice, words) in enumerate(NOTES):
                    yield RadioButton(words, value=n == 0, id=f"notes-{choice}")
            yield Static("Safety plan", classes="export-label")
            yield Checkbox(plain("Include my safety plan"), value=False, id="export-safety-plan")
            yield Static("Dates (like 2026-11-30; empty for all)", classes="export-label")
            with Horizontal(id="export-range"):
                yield Input(placeholder="From", id="export-since", max_length=10)
                yield Input(placeholder="To", id="export-until", max_length=10)
            yield Static("Save as", classes="export-label")
            yield Input(str(self._target_for("html")), id="export-path", max_length=PATH_LIMIT)
        yield Static("", id="export-said")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_preview()
        self.query_one("#export-format", RadioSet).focus()

    # ---- the choices --------------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return pressed.id.removeprefix("format-") if pressed and pressed.id else "html"

    @property
    def notes(self) -> exporting.Notes:
        pressed = self.query_one("#export-notes", RadioSet).pressed_button
        for choice, _ in NOTES:
            if pressed is not None and pressed.id == f"notes-{choice}":
                return choice
        return "flagged"

    @property
    def with_safety_plan(self) -> bool:
        """Off each time the screen opens: the plan goes in only when the person ticks it."""
        return self.query_one("#export-safety-plan", Checkbox).value

    def _target_for(self, fmt: str) -> Path:
        return self.folder / exporting.default_name(fmt, self.today)

    def _range(self) -> tuple[Any, Any]:
        since = self.query_one("#export-since", Input).value
        until = self.query_one("#export-until", Input).value
        return exporting.checked_range(since, until, self.today)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id == "export-format":
            path = self.query_one("#export-path", Input)
            stem = Path(path.value)
            if stem.suffix.lstrip(".") in exporting.FORMATS:  # follows the format chosen
                path.value = str(stem.with_suffix(f".{self.fmt}"))
        self._show_preview()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._show_preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        typed = event.value.strip()
        if event.input.id in ("export-since", "export-until") and len(typed) in (0, 10):
            self._show_preview()  # a whole date or none: the sessions are read once per change

    def _show_preview(self) -> None:
        shown = self.query_one("#export-preview", Static)
        try:
            start, end = self._range()
            sentence = exporting.preview(
                self.store, self.library, self.fmt, start, end, self.notes, self.with_safety_plan
            )
        except CoachError as err:
            shown.update(plain(str(err)))
            return
        if self.notes == "flagged":
            sentence += " Choose Every note to share them all."
        if exporting.encrypted(self.store):
            sentence += " Your data is encrypted; this file will not be."
        shown.update(plain(sentence))

    # ---- writing ------------------------------------------------------------------------------

    def action_write(self) -> None:
        typed = clean(self.query_one("#export-path", Input).value, limit=PATH_LIMIT).strip()
        if not typed:
            self._say("Type where to save it first.")
            return
        target = Path(typed).expanduser()
        if target.is_dir():
            target = target / exporting.default_name(self.fmt, self.today)
        if target.exists():
            from coach.tui.screens.confirm import ConfirmModal

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(target)
                else:
                    self._say("Nothing was written. Choose another name, or say yes to replace it.")

            question = clean(f"{target} is already there. Replace it?")
            self.app.push_screen(ConfirmModal(question, "Y replaces it.", "N keeps it."), answered)
            return
        self._write(target)

    def _write(self, target: Path) -> None:
        try:
            start, end = self._range()
            built = exporting.build(
                self.store, self.library, self.fmt, start, end, self.notes, self.with_safety_plan
            )
            exporting.write(target, built.text)
        except CoachError as err:
            self._say(str(err))
            return
        self._say(f"{built.summary} Written to {target}, readable by you only.")

    def _say(self, words: str) -> None:
        self.query_one("#export-said", Static).update(plain(words))

    # ---- prep ---------------------------------------------------------------------------------

    def action_prep(self) -> None:
        from coach.tui.screens.prep import PrepScreen

        try:
            start, _ = self._range()
            notes = exporting.prep(self.store, start)
        except CoachError as err:
            self._say(str(err))
            return
        name = f"coach-prep-{self.today.isoformat()}.md"
        self.app.push_screen(PrepScreen(notes.markdown(), self.folder / name))
