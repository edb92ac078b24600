"""A warm start fills home from the small caches and loads nothing else by itself: the packs
(pydantic) and the store are read only when a person opens an exercise or a screen needing them."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from coach.core import glance
from coach.packs.library import Library
from coach.records import Session
from coach.store import summary
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.exercise import ExerciseScreen
from coach.tui.screens.history import HistoryScreen
from tests.records import FIXED_NOW, fixed_clock, session
from tests.ui.conftest import FakeTime, search, until
from tests.ui.test_home_index import SIZE, warm_listing

WATCHED = textwrap.dedent(
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
            print("filled", "pydantic" in sys.modules, "coach.packs.model" in sys.modules,
                  "warm", self.store is None, "frozen", gc.get_freeze_count() > 0,
                  "files", "coach.files" in sys.modules,
                  "collecting", self.collecting_while_starting, gc.isenabled(), flush=True)
            self.call_after_refresh(self.settled)

        def _home_drawn(self):
            super()._home_drawn()
            print("then", gc.isenabled(), flush=True)

        async def settled(self):
            await self.workers.wait_for_complete()  # anything loading by itself has loaded
            self.call_after_refresh(self.report)

        def report(self):
            loaded = [m for m in ("pydantic", "tinydb", "coach.store.store") if m in sys.modules]
            print("loaded", *loaded, flush=True)
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


def test_warm_starts_at_many_sessions_fill_home_from_the_caches_and_load_nothing_else(
    data_dir: Path,
) -> None:
    """Three real starts of `coach` on ten years of sessions, each watched at the filled home
    and once settled (one batch of starts for what three tests each started coach three times
    for): the first fills home from the store; the last is filled from the kept caches without
    pydantic or the pack models, with what it imported frozen and without coach.files (the look
    read from the settings file alone), no garbage collection until home is drawn and the
    collector back on then, and once settled has loaded neither pydantic nor the sessions."""
    Library.load(data_dir, [])
    store = ProgressStore(data_dir)
    start = dt.datetime(2016, 1, 1, 9, tzinfo=dt.UTC)
    store.add_sessions(
        [Session.model_validate(session(start + dt.timedelta(days=d))) for d in range(0, 3650, 3)]
    )
    store.set_setting("first_run_done", True)
    store.set_setting("theme", "textual-light")
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "COACH_PACKS": ""}
    starts = []
    for _ in range(3):  # the first starts keep the library index and the store's summary
        done = subprocess.run(
            [sys.executable, "-c", WATCHED], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr[-2000:]
        filled, then, settled = done.stdout.strip().split("\n")
        starts.append((filled.split() + then.split(), settled.split()))
    (cold_filled, cold_settled), (filled, settled) = starts[0], starts[-1]
    assert cold_filled[1:3] == ["True", "True"], (
        f"nothing kept yet, filled from the store: {starts}"
    )
    assert "pydantic" in cold_settled, f"nothing kept yet, the packs were read: {starts}"
    assert filled[1:3] == ["False", "False"], f"warm home filled with pydantic: {starts}"
    assert filled[3:9] == ["warm", "True", "frozen", "True", "files", "False"], (
        f"a warm start read the store, froze nothing or imported coach.files: {starts}"
    )
    assert filled[9:] == ["collecting", "False", "False", "then", "True"], (
        f"no garbage collection while coach starts, and again once home is drawn: {starts}"
    )
    assert settled == ["loaded"], f"a settled warm home loaded pydantic or the sessions: {starts}"


def warm_app(data_dir: Path, fake_time: FakeTime, loads: list[int]) -> CoachApp:
    library, listing = warm_listing(data_dir)
    store = ProgressStore(data_dir, clock=fixed_clock())
    store.record_session(session((FIXED_NOW - dt.timedelta(days=1)).isoformat(), "clinic/walk"))
    store.set_setting("first_run_done", True)
    store.set_setting("crisis_region", "GB")
    shown = {"last_started": None, "kept": [], "week": [], "recent": []}
    store.keep_summary(glance.key(library.stamps, FIXED_NOW), store.summary_files(), shown)
    kept = glance.parse(summary.read(data_dir, glance.key(library.stamps, FIXED_NOW)), listing)
    assert kept is not None

    def load() -> tuple[Library, ProgressStore]:
        loads.append(1)
        return library, store

    return CoachApp(
        load=load, listing=listing, glance=kept, data_dir=data_dir, clock=fixed_clock(),
        now=fake_time, cursor_blink=False, welcome=True,
    )  # fmt: skip


async def test_opening_an_exercise_loads_the_packs_then_history_works(
    data_dir: Path, fake_time: FakeTime
) -> None:
    loads: list[int] = []
    app = warm_app(data_dir, fake_time, loads)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app._filled, "home was never filled")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert loads == [] and app.store is None  # nothing read behind the home
        assert app.region() == "GB"  # F2's region, from the settings file alone
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen), "no exercise")
        assert loads == [1]
        app.pop_screen()  # back home (the exercise's own ways out are tested elsewhere)
        await until(pilot, lambda: app.screen is app.home, "home did not come back")
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "no history")
        assert loads == [1]


async def test_search_on_a_warm_home_works_from_the_index(
    data_dir: Path, fake_time: FakeTime
) -> None:
    loads: list[int] = []
    app = warm_app(data_dir, fake_time, loads)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app._filled, "home was never filled")
        await search(pilot, app, "slash", "walk")
        await until(
            pilot,
            lambda: (
                [str(o.prompt) for o in app.screen.query_one("#home-exercises").options][-1:]
                == ["  Mindful walk · 10 min\n    matched: title — 'walk'"]
                and len(app.screen.query_one("#home-exercises").options) <= 3
            ),  # type: ignore[attr-defined]
            "the search found nothing",
        )
        assert loads == []
