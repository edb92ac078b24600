"""Snapshots of each step type and the end of a run: fixed clock, fixed time, no cursor blink.

Review the report before `pytest --snapshot-update`: a changed picture is a changed screen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from coach.tui.app import CoachApp
from tests.ui.conftest import FakeTime, drawn_at_moved_time, press_each

SIZE = (100, 32)

# keys from the start of test/all to reach each step (time is moved by `run_before` where needed)
TO_STEP = {
    "rating": ["7"],
    "read": ["7", "enter"],
    "text": ["7", "enter", "enter", "enter", "enter", "l", "a", "m", "p"],
    "multiline": ["7", "enter", "enter", "enter", "enter", "enter", "enter"],
    "choice": ["7", "enter", "enter", "enter", "enter", "enter", "enter", "ctrl+s", "down"],
    "multiple": [
        "7",
        "enter",
        "enter",
        "enter",
        "enter",
        "enter",
        "enter",
        "ctrl+s",
        "enter",
        "space",
        "down",
        "down",
        "down",
        "space",
    ],
    "checklist": [
        "7",
        "enter",
        "enter",
        "enter",
        "enter",
        "enter",
        "enter",
        "ctrl+s",
        "enter",
        "space",
        "enter",
        "space",
    ],
    "script": [
        "7",
        "enter",
        "enter",
        "enter",
        "enter",
        "l",
        "a",
        "m",
        "p",
        "enter",
        "enter",
        "ctrl+s",
        "down",
        "enter",
        "space",
        "enter",
        "space",
        "enter",
    ],
    "finish": [
        "7",
        "enter",
        "enter",
        "enter",
        "enter",
        "enter",
        "enter",
        "ctrl+s",
        "enter",
        "space",
        "enter",
        "enter",
        "ctrl+s",
        "3",
        "enter",
    ],
}


def keys(app: CoachApp, pressed: list[str]) -> Callable[[Any], Awaitable[None]]:
    """Press `pressed` with a wait for each step to be on screen (see `press_each`)."""
    return lambda pilot: press_each(pilot, app, pressed)


@pytest.fixture
def blinkless(make_app: Callable[..., CoachApp]) -> Callable[..., CoachApp]:
    return lambda exercise="test/all": make_app(exercise, cursor_blink=False)


@pytest.mark.parametrize("where", sorted(TO_STEP))
def test_step_snapshots(snap_compare: Any, blinkless: Callable[..., CoachApp], where: str) -> None:
    app = blinkless()
    assert snap_compare(app, run_before=keys(app, TO_STEP[where]), terminal_size=SIZE)


def test_breathe_snapshot(
    snap_compare: Any, blinkless: Callable[..., CoachApp], fake_time: FakeTime
) -> None:
    async def half_way_in(pilot: Any) -> None:
        await pilot.press("7", "enter", "enter")
        fake_time.advance(0.6)  # into the first breath in: the shape is growing
        await drawn_at_moved_time(pilot, fake_time)

    assert snap_compare(blinkless(), run_before=half_way_in, terminal_size=SIZE)


def test_breathe_with_reduced_motion_snapshot(
    snap_compare: Any, blinkless: Callable[..., CoachApp], store: Any, fake_time: FakeTime
) -> None:
    store.set_setting("reduce_motion", True)

    async def half_way_in(pilot: Any) -> None:
        await pilot.press("7", "enter", "enter")
        fake_time.advance(0.6)
        await drawn_at_moved_time(pilot, fake_time)

    assert snap_compare(blinkless(), run_before=half_way_in, terminal_size=SIZE)


def test_timer_snapshot(
    snap_compare: Any, blinkless: Callable[..., CoachApp], fake_time: FakeTime
) -> None:
    async def one_second_in(pilot: Any) -> None:
        await pilot.press("7", "enter", "enter", "enter")
        fake_time.advance(1.2)
        await drawn_at_moved_time(pilot, fake_time)

    assert snap_compare(blinkless(), run_before=one_second_in, terminal_size=SIZE)


def test_done_snapshot(snap_compare: Any, blinkless: Callable[..., CoachApp]) -> None:
    app = blinkless("test/short")
    pressed = ["enter", "w", "enter", "o", "k", "tab", "space", "enter"]
    assert snap_compare(app, run_before=keys(app, pressed), terminal_size=SIZE)


def test_resume_snapshot(snap_compare: Any, make_app: Callable[..., CoachApp], store: Any) -> None:
    from coach.core.run import Run
    from tests.records import fixed_clock

    app = make_app("test/all", cursor_blink=False)
    run = Run(app.start, fixed_clock())  # type: ignore[arg-type]
    run.submit(6)
    store.save_draft(run.draft())
    assert snap_compare(app, terminal_size=SIZE)


def test_runner_at_80_by_24_snapshot(snap_compare: Any, blinkless: Callable[..., CoachApp]) -> None:
    app = blinkless()
    assert snap_compare(app, run_before=keys(app, TO_STEP["finish"]), terminal_size=(80, 24))
