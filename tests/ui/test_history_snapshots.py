"""Snapshots of history's session view, and of its delete question, at 80x24 and 120x40."""

from __future__ import annotations

from typing import Any

import pytest

from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime, shown
from tests.ui.test_home_snapshots import fill, settle

DRAWN = {"session": "Distress before → after", "delete": "Delete this session from"}
"""What the session view, and the delete question, show once drawn."""


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
        await pilot.press(keys[0])
        await shown(pilot, pilot.app, "12 sessions of practice.")  # history drawn, then its keys
        await pilot.press(*keys[1:])
        await shown(pilot, pilot.app, DRAWN[name])

    app = CoachApp(builtin_library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False)
    assert snap_compare(app, run_before=open_screen, terminal_size=size)
