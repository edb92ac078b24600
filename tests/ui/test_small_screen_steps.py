"""At 80x24 with the crisis panel beside the exercise, the rating scale stays on one line."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime, focused_on, screen_text, shown, typed, until
from tests.ui.test_crisis_panel import panel, rated_app  # noqa: F401 - the fixture


async def test_the_rating_scale_fits_on_one_line_beside_the_panel(
    rated_app: CoachApp,  # noqa: F811
    store: ProgressStore,
) -> None:
    store.set_setting("crisis_region", "GB")
    app = rated_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("9", "enter")
        await until(pilot, lambda: panel(app).offered, "no panel")
        await pilot.press("enter")  # read this; then the after-rating, beside the panel
        await until(pilot, lambda: app.screen.query("#rating-scale"), "no second rating")
        await until(pilot, lambda: "And now?" in screen_text(app), "no second rating")
        await pilot.press("1", "0")
        await until(pilot, lambda: "You chose 10" in screen_text(app), "10 not chosen")
        lines = screen_text(app).splitlines()
        scale = [line for line in lines if "0" in line and "9" in line and "5" in line]
        assert scale and "10" in scale[0], lines
        assert not [line for line in lines if line.strip().split()[:1] == ["10"]], lines


SCRIPTED = """\
format: coach-pack/1
id: scripted
title: Scripted
version: "1.0.0"
exercises:
  - id: ask
    title: Rated then a script
    skill: boundaries
    summary: A rating, then a script.
    steps:
      - {type: rating, id: before, prompt: "How strong is it?", distress: before}
      - {type: text, id: need, prompt: "What do you need?"}
      - {type: script, id: plan, title: Your words, template: "I need {need}."}
"""


async def test_the_script_hint_shows_whole_at_80x24_beside_the_panel(
    tmp_path: Path, store: ProgressStore, fake_time: FakeTime
) -> None:
    store.set_setting("crisis_region", "GB")
    pack = tmp_path / "scripted.yaml"
    pack.write_text(SCRIPTED, "utf-8")
    library = Library.load(None, [pack])
    app = CoachApp(
        library, store, clock=fixed_clock(), now=fake_time, start=library.resolve("scripted/ask")
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("9", "enter")
        await until(pilot, lambda: panel(app).offered, "no panel")
        await until(pilot, lambda: app.screen.query("#answer-0"), "no text step")
        await focused_on(pilot, app, Input, "the text step's field")
        await typed(pilot, app, "time")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.query("#script-text"), "no script step")
        text = await shown(pilot, app, "I need time.")
        flat = " ".join(text.split())
        assert "Ctrl+S keeps it as a card" in flat and "Ctrl+O copies it." in flat, text
