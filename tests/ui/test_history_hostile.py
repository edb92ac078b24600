"""Hostile text on history's session view, note editor and delete questions: shown literally,
never read as markup or an action, no escape sequence reaching the terminal."""

from __future__ import annotations

from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.confirm import ConfirmModal
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.note_edit import NoteEditor
from coach.tui.screens.session_view import SessionScreen
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime
from tests.ui.test_hostile_text import (  # noqa: F401 - fixtures
    SIZE,
    check,
    hostile_library,
    hostile_store,
    on,
)


async def test_hostile_text_shows_literally_in_history_s_own_screens(
    hostile_library: Library,  # noqa: F811
    hostile_store: ProgressStore,  # noqa: F811
    fake_time: FakeTime,
) -> None:
    app = CoachApp(
        hostile_library, hostile_store, clock=fixed_clock(), now=fake_time, cursor_blink=False
    )
    async with app.run_test(size=SIZE) as pilot:
        await on(pilot, app, type(app.screen))
        await check(pilot, app, "HOSTILE title [/]")
        await pilot.press("h")
        await on(pilot, app, HistoryScreen)
        await check(pilot, app, "HOSTILE stored title [/]")
        await pilot.press("enter")
        await on(pilot, app, SessionScreen)
        await check(
            pilot,
            app,
            "HOSTILE stored title [/] [@click=app.quit]x[/]",
            "HOSTILE answer [/] [@click=app.quit]x[/]",
            "HOSTILE note [/] [@click=app.quit]x[/]",
        )
        await pilot.press("e")
        await on(pilot, app, NoteEditor)
        await check(pilot, app, "HOSTILE note [/] [@click=app.quit]x[/]", "second line")
        await pilot.press("escape")
        await on(pilot, app, SessionScreen)
        await pilot.press("escape")
        await on(pilot, app, HistoryScreen)
        await pilot.press("3", "d")
        await on(pilot, app, ConfirmModal)
        await check(pilot, app, "HOSTILE card [/] [@click=app.quit]x[/]")
        await pilot.press("n")
        await on(pilot, app, HistoryScreen)
        assert len(hostile_store.cards()) == 1
    assert not app.crashed
