"""Settings, kept in the store: theme (applied as you choose it), motion, crisis resources."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Select, Static, Switch

from coach.core.practice import Shelf, preferences, remember
from coach.errors import CoachError
from coach.prefs import DEFAULT_THEME, THRESHOLD_RANGE
from coach.tui.text import styled
from coach.tui.themes import theme_label, theme_order
from coach.tui.widgets.footer import KeysFooter

NO_REGION = "Not chosen: show every region's lines"


class SettingsScreen(Screen[None]):
    """Each change is saved at once; there is nothing to confirm."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [Binding("escape", "app.pop_screen", "Home")]

    class Changed(Message):
        """A setting was saved; the app applies what it shows (theme, motion)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, store: Shelf, themes: list[str], regions: dict[str, str]) -> None:
        super().__init__()
        self.store = store
        self.themes = themes
        self.regions = regions

    def compose(self) -> Any:
        chosen = preferences(self.store)
        theme, region = chosen.theme, chosen.crisis_region
        yield Static(styled("Settings", "bold"), id="settings-title")
        with VerticalScroll(id="settings-body"):
            yield Static("Theme: how coach looks. It changes as you choose.", classes="label")
            yield Select(
                [(theme_label(name), name) for name in theme_order(self.themes)],
                value=theme if theme in self.themes else DEFAULT_THEME,
                allow_blank=False,
                id="setting-theme",
            )
            with Horizontal(classes="switch-row"):
                yield Switch(chosen.reduce_motion, id="setting-motion")
                yield Static(
                    "Reduce motion: the breathing guide counts in words, with no moving shape."
                )
            yield Static("Where you are, for crisis lines that can help:", classes="label")
            yield Select(
                [(name, code) for code, name in self.regions.items()],
                value=region if region in self.regions else Select.NULL,
                prompt=NO_REGION,
                id="setting-region",
            )
            yield Static(
                "Offer crisis resources when a rating is at least (on a 0 to 10 scale):",
                classes="label",
            )
            yield Select(
                [(str(n), n) for n in THRESHOLD_RANGE],
                value=chosen.crisis_threshold,
                allow_blank=False,
                id="setting-threshold",
            )
            yield Static(
                "Other scales use the same share of their top. The exercise always goes on; "
                "nothing is sent or shared.",
                classes="hint",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#setting-theme", Select).focus()

    def footer_hints(self) -> list[tuple[str, str]]:
        return [("tab", "Next"), ("⏎", "Choose"), ("space", "Switch")]

    def _save(self, key: str, value: Any) -> None:
        try:
            remember(self.store, **{key: value})
        except CoachError as err:
            self.notify(str(err), severity="warning", markup=False)
            return
        self.post_message(self.Changed(key))

    def on_select_changed(self, event: Select.Changed) -> None:
        keys = {
            "setting-theme": "theme",
            "setting-region": "crisis_region",
            "setting-threshold": "crisis_threshold",
        }
        key = keys.get(event.select.id or "")
        if key is None:
            return
        value = None if event.value is Select.NULL else event.value
        if getattr(preferences(self.store), key) != value:
            self._save(key, value)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        if event.switch.id == "setting-motion":
            self._save("reduce_motion", event.value)
