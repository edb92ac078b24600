"""Settings names its themes as a person would, and says what no chosen region means."""

from __future__ import annotations

from textual.widgets import Select

from coach.store.store import ProgressStore
from tests.ui.conftest import FakeTime, screen_text, until
from tests.ui.test_palette import app_on


async def test_settings_shows_human_theme_names_and_an_honest_region_prompt(
    store: ProgressStore, fake_time: FakeTime
) -> None:
    app = app_on(store, fake_time)
    async with app.run_test(size=(100, 32)) as pilot:
        home = app.screen
        await until(pilot, lambda: getattr(home, "data", None) is not None, "no home")
        await pilot.press("s")
        await until(pilot, lambda: app.screen.query("#setting-theme"), "no settings")
        themes = app.screen.query_one("#setting-theme", Select)
        labels = [str(label) for label, _ in themes._options]
        assert labels[:3] == ["Dark", "Light", "High contrast"]
        assert "Rosé Pine Moon" in labels
        assert not [label for label in labels if "-" in label]
        await until(  # the screen is drawn in the frames after it is mounted
            pilot,
            lambda: "Not chosen: show every region's lines" in screen_text(app),
            "settings never drawn",
        )
        text = screen_text(app)
        assert "Dark" in text and "textual-dark" not in text
        assert "Not chosen: show every region's lines" in text
        assert "Ask me" not in text
