"""A warm start does no work the filled home does not need: no full garbage collection over the
modules just imported, no coach.files (secrets, signal) for the look, and no second frame moving
the focus from the search field to "right now". (A real warm start, watched at the filled home:
test_lazy_start, with the other checks of real starts.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.store.store import ProgressStore
from coach.tui.widgets.field import AnswerField
from tests.ui.conftest import FakeTime, until
from tests.ui.test_home_index import SIZE
from tests.ui.test_lazy_start import warm_app


@pytest.mark.parametrize("theme", ["textual-light", "high-contrast"])
def test_the_look_read_at_start_is_the_one_chosen(data_dir: Path, theme: str) -> None:
    from coach.tui import startup

    ProgressStore(data_dir).set_setting("theme", theme)
    ProgressStore(data_dir).set_setting("reduce_motion", True)
    look = startup.read_look(data_dir)
    assert (look.theme, look.reduce_motion, look.first_run_done) == (theme, True, False)
    (data_dir / startup.SETTINGS_FILE).write_bytes(b" " * (startup.READ_LIMIT + 1))
    assert startup.read_look(data_dir) == startup.Look()  # too large: the defaults


async def test_the_warm_home_opens_on_right_now_without_visiting_the_search_field(
    data_dir: Path, fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    focused: list[str] = []
    plain_focus = AnswerField.on_focus

    def noted(self: AnswerField) -> None:
        focused.append(str(self.id))
        plain_focus(self)

    monkeypatch.setattr(AnswerField, "on_focus", noted)
    app = warm_app(data_dir, fake_time, [])
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app._filled, "home was never filled")
        assert app.screen.focused is not None and app.screen.focused.id == "home-now"
        assert focused == []  # the cursor never blinked in the search field first
        await pilot.press("slash")
        await until(pilot, lambda: focused == ["home-search"], "search was not focused")
