"""Snapshots of history's session view, and of its delete question, at 80x24 and 120x40."""

from __future__ import annotations

from typing import Any

import pytest

from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime
from tests.ui.test_home_snapshots import fill, settle


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize(
    ("keys", "name"), [(["h", "down", "enter"], "session"), (["h", "d"], "delete")]
)
def test_history_session_view(
    snap_compare: Any,
    store: ProgressStore,
    fake_time: FakeTime,
    builtin_library: Library,
    size: tuple[int, int],
    keys: list[str],
    name: str,
) -> None:
    fill(store)

    async def open_screen(pilot: Any) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    app = CoachApp(builtin_library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False)
    assert snap_compare(app, run_before=open_screen, terminal_size=size)
