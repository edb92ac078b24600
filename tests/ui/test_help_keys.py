"""Help fits 80x24 as plain lines (no boxes), and every key it names is a real binding,
also named in the README."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

from textual.app import App
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, Select, SelectionList, Switch, Tabs, TextArea

import coach.tui
from coach.store.store import ProgressStore
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.help_keys import KEYS, shown
from tests.conftest import ROOT
from tests.ui.conftest import FakeTime, screen_text, settled, until
from tests.ui.test_palette import app_on

TEXTUAL = (App, Screen, Button, Input, OptionList, Select, SelectionList, TextArea, Switch, Tabs)
HANDLED_BY_HAND = {"digits"}  # a number on a rating scale: read in RatingScale.on_key


def bound_keys() -> set[str]:
    """Every key bound anywhere in coach's screens and widgets, or the Textual ones they use."""
    classes: list[type] = [*TEXTUAL, ScrollableContainer]
    for info in pkgutil.walk_packages(coach.tui.__path__, "coach.tui."):
        module = importlib.import_module(info.name)
        classes.extend(c for _, c in inspect.getmembers(module, inspect.isclass))
    keys: set[str] = {"ctrl+p"}  # the palette: App.COMMAND_PALETTE_BINDING
    for cls in classes:
        for klass in getattr(cls, "__mro__", ()):
            for binding in vars(klass).get("BINDINGS", ()):
                if isinstance(binding, Binding):
                    keys.update(binding.key.split(","))
                elif isinstance(binding, tuple):
                    keys.update(binding[0].split(","))
    return keys


def test_every_key_help_names_is_bound() -> None:
    bound = bound_keys()
    named = {key for _, rows in KEYS for keys, _ in rows for key in keys}
    assert named - HANDLED_BY_HAND - bound == set()


def test_the_readme_names_every_key_help_names() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    keys_part = readme[readme.index("### The home screen") : readme.index("### Plain mode")]
    for _, rows in KEYS:
        for keys, _ in rows:
            for key in keys:
                name = shown(key)
                assert re.search(rf"(?<![\w+]){re.escape(name)}(?![\w+])", keys_part), name


async def test_help_at_80x24_is_plain_lines(store: ProgressStore, fake_time: FakeTime) -> None:
    app = app_on(store, fake_time)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        await until(pilot, lambda: getattr(home, "data", None) is not None, "no home")
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "no help")
        body = app.screen.query_one("#help-body")
        await until(pilot, lambda: "What coach is" in screen_text(app), "help never drawn")
        seen = [screen_text(app)]
        for _ in range(12):  # page down through all of it, each page read once it is drawn
            if body.max_scroll_y > 0 and body.scroll_y == body.max_scroll_y:
                break
            await pilot.press("pagedown")
            await until(pilot, lambda: screen_text(app) != seen[-1], "page down drew nothing new")
            await until(pilot, lambda: body.scroll_y == body.scroll_target_y, "still scrolling")
            seen.append(await settled(pilot, app))
        assert body.max_scroll_y > 0 and body.scroll_y == body.max_scroll_y, (
            "help's end not reached"
        )
        whole = "\n".join(seen)
        assert not re.search("[\u2500-\u257f]", whole), "box-drawing characters in help"
        assert "ctrl+s        keep a script or a long answer, and go on" in whole
        assert "u             undo, until you leave history" in whole
        assert "You can stop at any time." in whole
        assert all(len(line) <= 80 for line in whole.splitlines())
