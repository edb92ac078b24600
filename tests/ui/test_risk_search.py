"""Words about suicide or self-harm typed in home search or the palette reach the crisis lines."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from textual.command import CommandList

from coach.core import crisis
from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.crisis import CrisisModal
from coach.tui.screens.home import HomeScreen
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime, screen_text, search

SIZE = (100, 32)
OPENING = (
    "If you're thinking about suicide or might hurt yourself, you can reach someone right now."
)


@pytest.fixture
def app(store: ProgressStore, fake_time: FakeTime, builtin_library: Library) -> CoachApp:
    return CoachApp(builtin_library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False)


async def until(pilot: Any, condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """Let the app run until `condition` holds (the palette gathers hits in batches)."""
    limit = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < limit, "the screen never got there"
        await pilot.pause()


def first_hit(app: CoachApp) -> str | None:
    """The first hit the palette shows, once it shows any."""
    hits = app.screen.query(CommandList)
    if not hits or not hits.first().option_count:
        return None
    return str(hits.first().get_option_at_index(0).prompt).split("\n")[0]


def risk_text(app: CoachApp) -> str:
    """Every line of the block above the results, scrolled into view or not."""
    return "\n".join(str(row.render()) for row in app.screen.query("#home-risk Static"))


async def test_home_search_shows_every_regions_lines_above_the_exercises(app: CoachApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.data is not None
        )
        await search(pilot, app, "slash", "suicidal")
        await until(pilot, lambda: app.screen.query_one("#home-risk").display)
        await until(pilot, lambda: "coach does not contact anyone" in risk_text(app))
        await until(  # the block and the list are drawn in the frames after they change
            pilot, lambda: all(t in screen_text(app) for t in ("about suicide", "Box breathing"))
        )
        shown = screen_text(app)
        assert "Nothing matched" not in shown
        assert shown.index("thinking about suicide") < shown.index("Box breathing")  # the list
        block = risk_text(app)
        assert block.startswith(OPENING)
        for region in crisis.regions().values():
            assert region.name in block
            assert all(line in block for line in crisis.lines(region))
        assert "coach does not contact anyone" in block
        await pilot.press("escape")
        await until(pilot, lambda: not app.screen.query_one("#home-risk").display)
        await search(pilot, app, "slash", "skills")  # "kills" inside a word is not a risk word
        await pilot.pause()
        assert not app.screen.query_one("#home-risk").display


async def test_home_search_shows_the_chosen_regions_lines(
    app: CoachApp, store: ProgressStore
) -> None:
    store.set_setting("crisis_region", "GB")
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.data is not None
        )
        await search(pilot, app, "slash", "self harm")
        await until(pilot, lambda: app.screen.query_one("#home-risk").display)
        await until(  # the block and the list are drawn in the frames after they change
            pilot, lambda: all(t in screen_text(app) for t in ("Samaritans", "Feet on the floor"))
        )
        shown = screen_text(app)
        assert "Samaritans: Call 116 123" in shown and "988" not in shown
        assert "Ask and keep" not in shown  # "self" alone does not pull in self-respect
        assert "Feet on the floor" in shown


async def test_the_palette_offers_crisis_lines_first_and_opens_them(app: CoachApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.data is not None
        )
        await search(pilot, app, "ctrl+p", "i want to die")
        await until(pilot, lambda: first_hit(app) == "Crisis lines and help")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CrisisModal))
        await until(pilot, lambda: "116 123" in screen_text(app))  # drawn in the frame after
