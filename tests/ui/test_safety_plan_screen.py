"""The safety plan in the app: opened by the app's action, read whole at 80x24 with scrolling,
changed part by part, saved through the store; escape never loses what was saved."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.containers import VerticalScroll
from textual.widgets import Static, TextArea

from coach.packs.library import Library
from coach.records import SafetyPlan
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.safety_plan import SafetyPlanScreen, UnsavedEdit
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime, screen_text, shown, typed

SIZE = (80, 24)


async def until(pilot: Any, condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Wait for a condition the person would see, never a guessed length of time."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the screen did not get there in time"
        await pilot.pause()


def home_app(library: Library, store: ProgressStore, fake_time: FakeTime) -> CoachApp:
    return CoachApp(library, store, clock=fixed_clock(), now=fake_time)


async def open_plan(pilot: Any, app: CoachApp) -> SafetyPlanScreen:
    await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.ready)
    app.action_safety_plan()
    await until(pilot, lambda: isinstance(app.screen, SafetyPlanScreen))
    await pilot.pause()
    assert isinstance(app.screen, SafetyPlanScreen)
    return app.screen


async def test_write_a_part_save_it_and_see_it_stored_and_shown(
    library: Library, store: ProgressStore, fake_time: FakeTime
) -> None:
    store.set_setting("crisis_region", "GB")
    app = home_app(library, store, fake_time)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot, app)
        text = await shown(pilot, app, "My safety plan", "1. My warning signs")
        assert "My safety plan" in text and "1. My warning signs" in text
        whole = str(screen.query_one("#plan-text", Static).content)
        assert "Press e to write your plan" in whole
        assert "- Samaritans" in whole  # a new plan shows the region's lines before any saving
        await pilot.press("e")
        await until(pilot, lambda: screen.editing)
        assert isinstance(app.focused, TextArea) and app.focused.id == "plan-warning-signs"
        await typed(pilot, app, "tired")
        await pilot.press("enter")
        await typed(pilot, app, "[bold]loud[/bold]")
        people = screen.query_one("#plan-people", TextArea)
        people.focus()
        await until(pilot, lambda: app.focused is people)
        await typed(pilot, app, "Sam 555 0100")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not screen.editing)
        saved = store.safety_plan()
        assert saved is not None
        assert saved.warning_signs == ["tired", "[bold]loud[/bold]"]
        assert saved.people == ["Sam 555 0100"]
        assert any("Samaritans" in line for line in saved.professionals)  # the region's lines
        await until(pilot, lambda: "- [bold]loud[/bold]" in screen_text(app))  # never markup
        assert "- Sam 555 0100" in str(screen.query_one("#plan-text", Static).content)


async def test_the_whole_plan_scrolls_at_80_by_24(
    library: Library, store: ProgressStore, fake_time: FakeTime
) -> None:
    lines = [f"line {n} of my plan" for n in range(1, 9)]
    store.save_safety_plan(
        SafetyPlan.model_validate(
            {
                "updated": "2026-11-30T20:00:00+00:00",
                **dict.fromkeys(("warning_signs", "people"), lines),
            }
            | {"safer_place": ["LAST-LINE no alcohol in the house"]}
        )
    )
    app = home_app(library, store, fake_time)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot, app)
        view = screen.query_one("#plan-view", VerticalScroll)
        await shown(pilot, app, "1. My warning signs")  # laid out and drawn
        assert view.max_scroll_y > 0
        assert "1. My warning signs" in screen_text(app)
        assert "LAST-LINE" not in screen_text(app)
        await pilot.press("end")
        await until(pilot, lambda: view.scroll_y == view.max_scroll_y)
        await shown(pilot, app, "LAST-LINE")  # scrolled: drawn where it is in the frame after
        assert "LAST-LINE no alcohol in the house" in screen_text(app)
        assert all(len(row) <= 80 for row in screen_text(app).splitlines())


async def test_escape_leaves_an_edit_without_losing_what_was_saved(
    library: Library, store: ProgressStore, fake_time: FakeTime
) -> None:
    before = SafetyPlan.model_validate(
        {"updated": "2026-11-30T20:00:00+00:00", "on_my_own": ["a hot shower"]}
    )
    store.save_safety_plan(before)
    app = home_app(library, store, fake_time)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot, app)
        await until(pilot, lambda: "- a hot shower" in screen_text(app))  # drawn a frame later
        await pilot.press("e")
        await until(pilot, lambda: screen.editing)
        box = screen.query_one("#plan-on-my-own", TextArea)
        assert box.text == "a hot shower"
        box.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"changed my mind")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, UnsavedEdit))  # asked first (issue 12)
        await pilot.press("l")
        await until(pilot, lambda: not screen.editing)
        assert store.safety_plan() == before
        await until(pilot, lambda: "- a hot shower" in screen_text(app))  # the plan drawn again
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert store.safety_plan() == before


async def test_escape_with_changes_asks_and_keeps_the_typing_until_told(
    library: Library, store: ProgressStore, fake_time: FakeTime
) -> None:
    before = SafetyPlan.model_validate(
        {"updated": "2026-11-30T20:00:00+00:00", "on_my_own": ["a hot shower"]}
    )
    store.save_safety_plan(before)
    app = home_app(library, store, fake_time)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot, app)
        await pilot.press("e")
        await until(pilot, lambda: screen.editing)
        box = screen.query_one("#plan-on-my-own", TextArea)
        box.focus()
        await until(pilot, lambda: app.focused is box)
        await pilot.press("end", "enter")
        await typed(pilot, app, "call my sister")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, UnsavedEdit))
        question = await shown(pilot, app, "Your changes are not saved yet.")  # a frame later
        assert "Your changes are not saved yet." in question and "S saves them." in question
        await pilot.press("enter")  # the default keeps editing, the typing as it was
        await until(pilot, lambda: app.screen is screen and app.focused is box)
        assert screen.editing and box.text == "a hot shower\ncall my sister"
        assert store.safety_plan() == before
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, UnsavedEdit))
        await pilot.press("s")
        await until(pilot, lambda: app.screen is screen and not screen.editing)
        saved = store.safety_plan()
        assert saved is not None and saved.on_my_own == ["a hot shower", "call my sister"]
        await until(pilot, lambda: "- call my sister" in screen_text(app))


async def test_escape_without_changes_leaves_the_edit_without_asking(
    library: Library, store: ProgressStore, fake_time: FakeTime
) -> None:
    app = home_app(library, store, fake_time)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot, app)
        await pilot.press("e")
        await until(pilot, lambda: screen.editing)
        await pilot.press("escape")
        await until(pilot, lambda: not screen.editing)
        assert app.screen is screen and store.safety_plan() is None


async def test_a_long_item_wraps_under_its_words_not_its_dash(
    library: Library, store: ProgressStore, fake_time: FakeTime
) -> None:
    long = "LONG-ITEM walk to the park and sit by the pond until the worst of it has passed by"
    store.save_safety_plan(
        SafetyPlan.model_validate(
            {"updated": "2026-11-30T20:00:00+00:00", "on_my_own": [long, "SHORT-ITEM tea"]}
        )
    )
    app = home_app(library, store, fake_time)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot, app)
        await until(pilot, lambda: "- LONG-ITEM" in screen_text(app))
        rows = screen_text(app).splitlines()
        at = next(n for n, row in enumerate(rows) if "- LONG-ITEM" in row)
        column = rows[at].index("LONG-ITEM")
        wrapped = rows[at + 1 : next(n for n, r in enumerate(rows) if "SHORT-ITEM" in r)]
        assert wrapped, "the long item did not wrap at 80 columns"
        for row in wrapped:  # each later line starts where the words do, not at the dash
            assert row[:column].strip() == "" and row[column] != " ", rows
        words = " ".join(part.strip() for part in [rows[at][column:], *wrapped])
        assert words == long


EVIL = "[/] [@click=app.quit]x[/] \x1b]0;pwned\x07 \x1b[2J \x9b2J \u202eevil \u200bzero"


async def test_hostile_text_typed_into_the_plan_is_shown_literally(
    library: Library, store: ProgressStore, fake_time: FakeTime
) -> None:
    app = home_app(library, store, fake_time)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot, app)
        await pilot.press("e")
        await until(pilot, lambda: screen.editing)
        screen.query_one("#plan-warning-signs", TextArea).insert(EVIL)  # as if pasted
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not screen.editing)
        assert app.is_running  # the [@click=app.quit] was not an action
        saved = store.safety_plan()
        assert saved is not None
        (line,) = saved.warning_signs
        assert line.startswith("[/] [@click=app.quit]x[/]") and line.endswith("evil zero")
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\u202e\u200b" for c in line)
        # the plan is drawn again after the save: wait for it, a screenshot may come first
        await until(pilot, lambda: "- [/] [@click=app.quit]x[/]" in screen_text(app))
        assert "\x1b" not in app.export_screenshot()


async def test_f2_then_p_opens_the_plan_and_escape_comes_back(
    library: Library, store: ProgressStore, fake_time: FakeTime
) -> None:
    from coach.tui.screens.crisis import CrisisModal

    app = home_app(library, store, fake_time)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.ready)
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, CrisisModal))
        await until(pilot, lambda: "My safety plan" in screen_text(app))  # drawn a frame later
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, SafetyPlanScreen))
        await until(pilot, lambda: "warning signs" in screen_text(app).lower())
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, SafetyPlanScreen))
