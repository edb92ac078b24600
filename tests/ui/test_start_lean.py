"""A warm start does no work the filled home does not need: no garbage collection until home is
drawn and none over the modules just imported after, no coach.files (secrets, signal) for the
look, and no second frame moving the focus from the search field to "right now"."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coach.store.store import ProgressStore
from coach.tui.widgets.field import AnswerField
from tests.ui.conftest import FakeTime, until
from tests.ui.test_home_index import SIZE
from tests.ui.test_lazy_start import warm_app

AT_FILLED = textwrap.dedent(
    """
    import gc, sys
    import coach.tui.app as tui

    class Watched(tui.CoachApp):
        CSS_PATH = [tui.__file__.rsplit("/", 1)[0] + "/styles/app.tcss",
                    tui.__file__.rsplit("/", 1)[0] + "/styles/home.tcss"]

        def get_default_screen(self):
            self.collecting_while_starting = gc.isenabled()
            return super().get_default_screen()

        def home_filled(self):
            warm = self.store is None  # filled from the caches, nothing read behind it
            print("warm", warm, "frozen", gc.get_freeze_count() > 0,
                  "files", "coach.files" in sys.modules,
                  "collecting", self.collecting_while_starting, gc.isenabled(), flush=True)
            self.exit()

    plain_run = Watched.run
    Watched.run = lambda self, **kw: plain_run(self, headless=True, size=(100, 32))
    tui.CoachApp = Watched
    import coach.cli.assemble
    coach.cli.assemble.terminal = lambda: True
    from coach.cli import main
    main([])
    """
)


def test_a_warm_start_freezes_what_it_imported_and_reads_the_look_without_coach_files(
    data_dir: Path,
) -> None:
    store = ProgressStore(data_dir)
    store.set_setting("first_run_done", True)
    store.set_setting("theme", "textual-light")
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "COACH_PACKS": ""}
    seen: list[str] = []
    for _ in range(3):  # the first starts keep the library index and the store's summary
        done = subprocess.run(
            [sys.executable, "-c", AT_FILLED], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr[-2000:]
        seen = done.stdout.split()
        if seen[:2] == ["warm", "True"]:
            break
    assert seen[:6] == ["warm", "True", "frozen", "True", "files", "False"]
    # no garbage collection while coach starts; collecting again once home is drawn
    assert seen[6:] == ["collecting", "False", "True"]


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
