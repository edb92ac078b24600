"""The command palette holds coach's own commands only, and a theme chosen there is kept."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from coach.core.practice import preferences
from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.themes import theme_label
from tests.records import fixed_clock
from tests.ui.conftest import PACKS, FakeTime, focused_on, until
from tests.ui.conftest import typed as type_ahead

DEVELOPER = ("Screenshot", "Maximize", "Keys", "Quit the application", "Change theme")


@functools.cache
def plan_library() -> Library:
    """The plan pack, read and validated once for the module (an app never changes a library)."""
    return Library.load(None, [PACKS / "clinic-plan.yaml"])


def app_on(store: ProgressStore, fake_time: FakeTime) -> CoachApp:
    return CoachApp(plan_library(), store, clock=fixed_clock(), now=fake_time, cursor_blink=False)


def entries(app: CoachApp) -> list[str]:
    """The first line of every entry the open palette lists."""
    found = app.screen.query(CommandList)
    if not found:
        return []
    hits = found.first()
    return [
        str(hits.get_option_at_index(i).prompt).split("\n")[0] for i in range(hits.option_count)
    ]


async def palette_open(pilot: Any, app: CoachApp, *typed: str) -> list[str]:
    """Open the palette (typing `typed` ahead, as a person does: see `typed` in conftest) and
    wait until it lists its entries."""
    home = app.screen
    await until(pilot, lambda: getattr(home, "data", None) is not None, "home never filled")
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette), "no palette")
    app.screen.query_one(Input).cursor_blink = False
    if typed:
        await focused_on(pilot, app, Input, "the palette's field")
        await type_ahead(pilot, app, "".join(typed))
    await until(pilot, lambda: len(entries(app)) > (0 if typed else 20), "the palette is empty")
    return entries(app)


async def test_the_palette_lists_coachs_commands_and_none_of_textuals(
    store: ProgressStore, fake_time: FakeTime
) -> None:
    app = app_on(store, fake_time)
    async with app.run_test(size=(100, 32)) as pilot:
        listed = await palette_open(pilot, app)
        for wanted in (
            "Open your history",
            "Open settings",
            "Export or share your practice",
            "Crisis lines",
            "My safety plan",
            "Theme: Dark",
            "Theme: High contrast",
            "Theme: Rosé Pine Moon",
            "Do: Mindful walk",
        ):
            assert wanted in listed, wanted
        for developer in DEVELOPER:
            assert not [entry for entry in listed if entry.startswith(developer)], developer
        assert not [entry for entry in listed if "textual-" in entry or "rose-pine" in entry]


async def test_a_theme_chosen_in_the_palette_is_kept_after_a_restart(
    data_dir: Path, fake_time: FakeTime
) -> None:
    app = app_on(ProgressStore(data_dir, clock=fixed_clock()), fake_time)
    async with app.run_test(size=(100, 32)) as pilot:
        await palette_open(pilot, app, "theme high contrast")
        await until(pilot, lambda: entries(app)[:1] == ["Theme: High contrast"], "no high contrast")
        await pilot.press("enter")
        await until(pilot, lambda: app.theme == "high-contrast", "the theme never changed")
    again = ProgressStore(data_dir, clock=fixed_clock())
    assert preferences(again).theme == "high-contrast"
    restarted = app_on(again, fake_time)
    async with restarted.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: restarted.theme == "high-contrast", "not kept on restart")


def test_unknown_themes_get_a_clean_title_case_name() -> None:
    assert theme_label("textual-dark") == "Dark"
    assert theme_label("rose-pine-moon") == "Rosé Pine Moon"
    assert theme_label("my_cool-theme") == "My Cool Theme"
    assert theme_label("dracula") == "Dracula"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_palette_snapshot(
    snap_compare: Any, store: ProgressStore, fake_time: FakeTime, size: tuple[int, int]
) -> None:
    async def opened(pilot: Any) -> None:
        await palette_open(pilot, pilot.app)
        await pilot.pause()

    assert snap_compare(app_on(store, fake_time), run_before=opened, terminal_size=size)
