"""Box breathing without the holds: `h` leaves them out of the guide, and brings them back."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from textual.widgets import Static

from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.widgets.breathe import BreatheView
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime, screen_text, until


def phase_text(app: CoachApp) -> str:
    return str(app.screen.query_one("#breathe-phase", Static).render())


async def phase_after(pilot: Any, app: CoachApp, fake_time: FakeTime, seconds: float) -> str:
    """Move the guide's time on and wait until the phase shown is the one for that moment."""
    fake_time.advance(seconds)
    view = app.screen.query_one(BreatheView)
    deadline = time.monotonic() + 10
    while True:
        _, index, left, _ = view.pacer.state()
        word = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out"}[
            view.pacer.phases[index].kind
        ]
        shown = phase_text(app)
        if shown.startswith(word):
            return shown.split("   ")[0]
        assert time.monotonic() < deadline, f"still showing {shown!r}, not {word!r}"
        await pilot.pause()


async def test_h_leaves_the_holds_out_and_brings_them_back(
    data_dir: Path, fake_time: FakeTime, builtin_library: Library
) -> None:
    library = builtin_library
    store = ProgressStore(data_dir, clock=fixed_clock())
    app = CoachApp(
        library,
        store,
        clock=fixed_clock(),
        now=fake_time,
        start=library.resolve("core/box-breathing"),
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("5", "enter")  # how tense
        await until(pilot, lambda: app.screen.run.position.startswith("Step 2"), "not at step 2")  # type: ignore[attr-defined]
        await pilot.press("enter")  # the square, read
        await until(pilot, lambda: app.screen.query(BreatheView), "the guide never came")
        assert app.screen.query_one(BreatheView).pacer.holds
        await until(
            pilot,
            lambda: all(w in screen_text(app) for w in ("h Skip the holds", "H skips the holds")),
            "the guide and its footer never offered h",
        )
        # with the holds, four seconds in is a hold
        assert await phase_after(pilot, app, fake_time, 4.5) == "Hold"
        await pilot.press("h")
        await until(pilot, lambda: "h Keep the holds" in screen_text(app), "h did not switch")
        shown = [await phase_after(pilot, app, fake_time, 0.5)]
        for _ in range(3):
            shown.append(await phase_after(pilot, app, fake_time, 4))
        assert shown == ["Breathe in", "Breathe out", "Breathe in", "Breathe out"]
        assert "Hold" not in shown
        await pilot.press("h")  # and back again
        await until(pilot, lambda: "h Skip the holds" in screen_text(app), "h did not switch back")
        assert await phase_after(pilot, app, fake_time, 4.5) == "Hold"
        await until(pilot, lambda: "Breath 2 of 4" in screen_text(app), "the breath not counted")
        # the breath taken without holds counts
