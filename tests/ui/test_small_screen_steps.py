"""At 80x24 with the crisis panel beside the exercise, the rating scale stays on one line."""

from __future__ import annotations

from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from tests.ui.conftest import screen_text, until
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
