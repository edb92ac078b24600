"""Snapshots of each step type and the end of a run: fixed clock, fixed time, no cursor blink.

Review the report before `pytest --snapshot-update`: a changed picture is a changed screen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from coach.tui.app import CoachApp
from tests.ui.conftest import FakeTime, drawn_at_moved_time, press_each
from tests.ui.test_runner import SKIP, kept_at

SIZE = (100, 32)

# Each step's picture is taken after a run kept part way is continued from its draft, then the
# keys are pressed that reach and work the step (the last move onto the step is always by keys
# where a jump straight onto it draws otherwise, as the progress bar's half cells do). The walk
# from the first step by keys is test_runner's whole-walk test; here what each step looks like
# is at stake. `BEFORE` answers the steps of test/all in turn, as these keys do: 7, enter on the
# reading, the breathing and the timer ended early, the two text steps left empty, calm, head,
# nothing ticked, the script as made, and 3.
BEFORE: list[object] = [7, None, 0, 0, SKIP, SKIP, "calm", ["head"], [], "I saw . I felt calm in head.", 3]  # fmt: skip
TO_STEP: dict[str, tuple[list[object], list[str]]] = {
    "rating": ([], ["7"]),
    "read": ([], ["7", "enter"]),
    "text": (BEFORE[:4], ["l", "a", "m", "p"]),
    "multiline": (BEFORE[:4], ["enter", "enter"]),
    "choice": (BEFORE[:6], ["down"]),
    "multiple": (BEFORE[:6], ["enter", "space", "down", "down", "down", "space"]),
    "checklist": (BEFORE[:8], ["space"]),
    "script": ([7, None, 0, 0, ["lamp", ""], SKIP, "tense", ["head"]], ["space", "enter"]),
    "finish": (BEFORE, []),
}


def continued(app: CoachApp, pressed: list[str]) -> Callable[[Any], Awaitable[None]]:
    """Continue the kept place (when there is one), wait for its step, then press `pressed`."""
    from coach.tui.screens.resume import ResumeModal
    from tests.ui.conftest import on_step, until

    async def run_before(pilot: Any) -> None:
        def asked() -> bool:
            focused = app.focused
            return (
                isinstance(app.screen, ResumeModal)
                and getattr(focused, "id", "") == "resume-continue"
            )

        await until(pilot, lambda: asked() or hasattr(app.screen, "run"), "no step, no question")
        if isinstance(app.screen, ResumeModal):
            await pilot.press("enter")
            await until(pilot, lambda: hasattr(app.screen, "run"), "the kept place never opened")
        run = app.screen.run  # type: ignore[attr-defined]
        await on_step(pilot, app, run.position)
        await press_each(pilot, app, pressed)

    return run_before


@pytest.fixture
def blinkless(make_app: Callable[..., CoachApp]) -> Callable[..., CoachApp]:
    return lambda exercise="test/all": make_app(exercise, cursor_blink=False)


@pytest.mark.parametrize("where", sorted(TO_STEP))
def test_step_snapshots(
    snap_compare: Any, blinkless: Callable[..., CoachApp], store: Any, library: Any, where: str
) -> None:
    answers, pressed = TO_STEP[where]
    kept_at(store, library, answers)
    app = blinkless()
    assert snap_compare(app, run_before=continued(app, pressed), terminal_size=SIZE)


def test_breathe_snapshot(
    snap_compare: Any, blinkless: Callable[..., CoachApp], fake_time: FakeTime
) -> None:
    async def half_way_in(pilot: Any) -> None:
        # the guide up before the time moves (it starts from the time it is mounted at)
        await press_each(pilot, pilot.app, ["7", "enter", "enter"])
        fake_time.advance(0.6)  # into the first breath in: the shape is growing
        await drawn_at_moved_time(pilot, fake_time)

    assert snap_compare(blinkless(), run_before=half_way_in, terminal_size=SIZE)


def test_breathe_with_reduced_motion_snapshot(
    snap_compare: Any, blinkless: Callable[..., CoachApp], store: Any, fake_time: FakeTime
) -> None:
    store.set_setting("reduce_motion", True)

    async def half_way_in(pilot: Any) -> None:
        await press_each(pilot, pilot.app, ["7", "enter", "enter"])  # the guide up first
        fake_time.advance(0.6)
        await drawn_at_moved_time(pilot, fake_time)

    assert snap_compare(blinkless(), run_before=half_way_in, terminal_size=SIZE)


def test_timer_snapshot(
    snap_compare: Any, blinkless: Callable[..., CoachApp], fake_time: FakeTime
) -> None:
    async def one_second_in(pilot: Any) -> None:
        await press_each(pilot, pilot.app, ["7", "enter", "enter", "enter"])  # the timer up first
        fake_time.advance(1.2)
        await drawn_at_moved_time(pilot, fake_time)

    assert snap_compare(blinkless(), run_before=one_second_in, terminal_size=SIZE)


def test_done_snapshot(
    snap_compare: Any, blinkless: Callable[..., CoachApp], store: Any, library: Any
) -> None:
    # the rating passed over, "w", and "ok" for the next session, kept at the closing note
    kept_at(store, library, [SKIP, "w"], "test/short", note="ok", bring_to_session=True)
    app = blinkless("test/short")
    assert snap_compare(app, run_before=continued(app, ["enter"]), terminal_size=SIZE)


def test_resume_snapshot(snap_compare: Any, make_app: Callable[..., CoachApp], store: Any) -> None:
    from coach.core.run import Run
    from tests.records import fixed_clock

    app = make_app("test/all", cursor_blink=False)
    run = Run(app.start, fixed_clock())  # type: ignore[arg-type]
    run.submit(6)
    store.save_draft(run.draft())
    assert snap_compare(app, terminal_size=SIZE)


def test_runner_at_80_by_24_snapshot(
    snap_compare: Any, blinkless: Callable[..., CoachApp], store: Any, library: Any
) -> None:
    kept_at(store, library, BEFORE)
    app = blinkless()
    assert snap_compare(app, run_before=continued(app, []), terminal_size=(80, 24))
