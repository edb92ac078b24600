"""The crisis panel beside an exercise: every region when none is chosen (F3 chooses one on the
spot), following the latest distress rating, and never covered by a toast. Driven with Pilot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static
from textual.widgets._toast import Toast

from coach.core import crisis
from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.crisis import CrisisModal
from coach.tui.screens.exercise import ExerciseScreen
from coach.tui.widgets.crisis_panel import CrisisPanel
from coach.tui.widgets.finish import FinishView
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime, screen_text
from tests.ui.conftest import until as wait_until

RATED = """\
format: coach-pack/1
id: rated
title: Rated
version: "1.0.0"
exercises:
  - id: twice
    title: Rated twice
    skill: regulation
    summary: A rating before and after.
    minutes: 1
    steps:
      - {type: rating, id: before, prompt: "How strong is it?", distress: before}
      - {type: read, text: "Read this."}
      - {type: rating, id: after, prompt: "And now?", distress: after}
"""


@pytest.fixture
def rated_app(tmp_path: Path, store: ProgressStore, fake_time: FakeTime) -> CoachApp:
    pack = tmp_path / "rated.yaml"
    pack.write_text(RATED, "utf-8")
    library = Library.load(None, [pack])
    start = library.resolve("rated/twice")
    return CoachApp(library, store, clock=fixed_clock(), now=fake_time, start=start)


def panel(app: CoachApp) -> CrisisPanel:
    assert isinstance(app.screen, ExerciseScreen), app.screen
    return app.screen.query_one(CrisisPanel)


def panel_words(app: CoachApp) -> str:
    return " ".join(" ".join(str(s.content) for s in panel(app).query(Static)).split())


async def until(pilot: Any, done: Any) -> None:
    """Wait for a condition, not a guess at how long the app needs: a deadline in seconds, not
    a count of frames, so a loaded machine only makes it slower."""
    await wait_until(pilot, done, "the screen did not get there")


async def on_screen(pilot: Any, app: CoachApp, text: str) -> None:
    """The panel is offered a frame before its lines are drawn: wait for the drawing."""
    await until(pilot, lambda: text in screen_text(app))


async def test_with_no_region_the_panel_shows_every_region_and_f3_chooses_one(
    rated_app: CoachApp, store: ProgressStore
) -> None:
    app = rated_app
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("9", "enter")
        await until(pilot, lambda: panel(app).offered)
        words = panel_words(app)
        assert "That's a lot right now." in words and "That rating is high" not in words
        for region in crisis.regions().values():
            assert region.name in words
        assert "Emergency 911" in words and "Emergency 999" in words
        assert "F3: choose where you are" in words
        # the footer is drawn again a frame after the panel is offered
        await until(pilot, lambda: "F3 Where I am" in screen_text(app).splitlines()[-1])
        await pilot.press("f3")  # the list of regions, on the spot
        await until(pilot, lambda: isinstance(app.screen, CrisisModal))
        await until(pilot, lambda: app.screen.query_one("#crisis-regions").has_focus)
        await pilot.press("down", "enter")  # the second: the United Kingdom
        await until(pilot, lambda: store.setting("crisis_region") == "GB")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        await until(pilot, lambda: "Samaritans: Call 116 123" in panel_words(app))
        words = panel_words(app)
        assert "United Kingdom:" in words and "United States" not in words
        # chosen: the key is not offered (the footer is drawn again in the frames after)
        await until(pilot, lambda: "F3 Where I am" not in screen_text(app))


async def test_the_panel_follows_the_latest_rating(
    rated_app: CoachApp, store: ProgressStore
) -> None:
    store.set_setting("crisis_region", "GB")
    app = rated_app
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("9", "enter")
        await until(pilot, lambda: panel(app).offered)
        await on_screen(pilot, app, "Someone to talk to")
        await pilot.press("enter")  # read this
        await pilot.press("2", "enter")  # the after-rating is low
        await until(pilot, lambda: app.screen.query(FinishView))
        assert not panel(app).offered and not panel(app).display
        await on_screen(pilot, app, "Before")  # the closing view drawn, a frame after it mounts
        assert "Someone to talk to" not in screen_text(app)
        await pilot.press("escape")  # back to the after-rating: high again
        await pilot.press("backspace", "1", "0", "enter")
        await until(pilot, lambda: panel(app).offered)
        await on_screen(pilot, app, "Samaritans: Call 116 123")


@pytest.mark.parametrize("size", [(80, 24), (100, 32), (140, 40)])
async def test_a_toast_never_covers_the_emergency_line(
    rated_app: CoachApp, store: ProgressStore, size: tuple[int, int]
) -> None:
    store.set_setting("crisis_region", "GB")
    app = rated_app
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("9", "enter")
        await until(pilot, lambda: panel(app).offered)
        emergency = app.screen.query_one(".crisis-emergency", Static)
        await until(pilot, lambda: emergency.region.area > 0)
        for said in ("Copied", "That could not be kept just now. " * 4):
            app.screen.notify(said, markup=False)
        await until(pilot, lambda: len([t for t in app.screen.query(Toast) if t.region.area]) == 2)
        assert "Emergency services: Call 999" in str(emergency.content)
        for toast in app.screen.query(Toast):
            assert not toast.region.overlaps(emergency.region), (toast.region, emergency.region)
            assert not toast.region.overlaps(panel(app).region)


async def test_f2_with_no_region_shows_every_region_compactly_and_the_safety_plan_key(
    rated_app: CoachApp,
) -> None:
    app = rated_app
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, CrisisModal))
        compact = [str(s.content) for s in app.screen.query(".crisis-compact").results(Static)]
        assert compact == crisis.compact_lines() and len(compact) == len(crisis.regions())
        text = screen_text(app)
        assert "United States: Call or text 988 · Emergency 911" in text
        assert "often 112" in text and "lines in many countries" in text  # Somewhere else
        assert "South Africa: SADAG 0800 567 567 · Emergency 10111 or 112 from a mobile" in compact
        assert "p: My safety plan" in text
        keys = {b.key: b.action for b in CrisisModal.BINDINGS}  # type: ignore[union-attr]
        assert keys["p"] == "app.safety_plan"


async def test_words_of_risk_in_an_answer_bring_the_lines_beside_the_exercise(
    make_app: Any, store: ProgressStore
) -> None:
    from tests.ui.conftest import press_each, typed

    store.set_setting("crisis_region", "GB")
    app = make_app("test/all")
    async with app.run_test(size=(100, 32)) as pilot:
        await press_each(pilot, app, ["3", "enter", "enter", "enter", "enter"])  # to a text step
        assert not panel(app).offered  # a rating of 3 is under the threshold
        await typed(pilot, app, "I want to die")
        await pilot.press("enter", "enter")  # the item, then the list as answered
        await until(pilot, lambda: panel(app).offered)
        await on_screen(pilot, app, "Samaritans: Call 116 123")
