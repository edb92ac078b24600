"""Home drawn from the library index in its first frame, before the packs are read."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Button, OptionList

from coach.errors import CoachError
from coach.packs import index
from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.exercise import ExerciseScreen
from tests.records import fixed_clock
from tests.ui.conftest import PACKS, FakeTime, on_step, until

SIZE = (100, 32)
CLINIC = PACKS / "clinic-plan.yaml"


def listed_titles(app: CoachApp) -> list[str]:
    options = app.screen.query_one("#home-exercises", OptionList).options
    return [str(option.prompt).strip() for option in options if not option.disabled]


def warm_listing(data_dir: Path) -> tuple[Library, index.Listing]:
    library = Library.load(data_dir, [CLINIC])
    index.write(data_dir, library)
    listing = index.read(data_dir, [CLINIC])
    assert listing is not None
    return library, listing


def app_with(
    listing: index.Listing, load: Callable[[], tuple[Library, ProgressStore]], time: FakeTime
) -> CoachApp:
    return CoachApp(load=load, listing=listing, clock=fixed_clock(), now=time, cursor_blink=False)


async def test_a_warm_index_fills_the_list_and_right_now_before_the_packs_are_read(
    data_dir: Path, fake_time: FakeTime
) -> None:
    _, listing = warm_listing(data_dir)

    def not_yet() -> tuple[Library, ProgressStore]:
        raise CoachError("The packs cannot be read just now.")

    app = app_with(listing, not_yet, fake_time)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: listed_titles(app), "the index never listed")
        titles = listed_titles(app)
        assert any(t.startswith("Mindful walk") and "10 min" in t for t in titles)
        assert any(t.startswith("Ask for a pause") for t in titles)
        assert "One moment" not in str(app.screen.query_one("#home-now", Button).label)
        await pilot.press("enter")  # right now, with nothing read: a calm word, no crash
        assert not isinstance(app.screen, ExerciseScreen)


async def test_choosing_from_the_index_opens_the_exercise_as_the_packs_say_now(
    data_dir: Path, store: ProgressStore, fake_time: FakeTime
) -> None:
    library, listing = warm_listing(data_dir)
    app = app_with(listing, lambda: (library, store), fake_time)
    async with app.run_test(size=SIZE) as pilot:
        while not app.ready or app.home is None or app.home.data is None:
            await pilot.pause()
        right_now = app.home.data.right_now
        assert right_now is not None
        await pilot.press("n")
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.run.ref.full_id == right_now.full_id
        assert app.screen.run.ref.exercise is right_now.exercise  # the validated pack


async def test_an_exercise_the_packs_no_longer_have_is_not_opened(
    data_dir: Path, store: ProgressStore, fake_time: FakeTime
) -> None:
    _, listing = warm_listing(data_dir)
    without = Library.load(None, [])  # the clinic pack is gone (or no longer valid)
    app = app_with(listing, lambda: (without, store), fake_time)
    async with app.run_test(size=SIZE) as pilot:
        while not app.ready:
            await pilot.pause()
        app.home.post_message(  # type: ignore[union-attr]
            app.home.ExerciseChosen(listing.exercises[-1])  # type: ignore[union-attr]
        )
        await until(  # the message is handled, and the notice given, in the frames after
            pilot,
            lambda: any("no longer in your packs" in str(n.message) for n in app._notifications),
            "nothing said",
        )
        assert not isinstance(app.screen, ExerciseScreen)


STARTS = textwrap.dedent(
    """
    import sys
    import coach.tui.app as tui

    class Watched(tui.CoachApp):
        CSS_PATH = [tui.__file__.rsplit("/", 1)[0] + "/styles/app.tcss",
                    tui.__file__.rsplit("/", 1)[0] + "/styles/home.tcss"]

        def home_filled(self):
            print("pydantic" in sys.modules, "coach.packs.model" in sys.modules, flush=True)
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


def test_with_a_warm_index_home_is_filled_before_pydantic_is_imported(data_dir: Path) -> None:
    library = Library.load(data_dir, [])
    index.write(data_dir, library)
    ProgressStore(data_dir).set_setting("first_run_done", True)
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "COACH_PACKS": ""}
    for _ in range(2):  # the first start keeps the store's summary of home (store/summary.py)
        done = subprocess.run(
            [sys.executable, "-c", STARTS], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[:2] == ["False", "False"]


async def test_a_pack_changed_while_coach_is_open_is_validated_again_when_chosen(
    data_dir: Path, store: ProgressStore, fake_time: FakeTime, tmp_path: Path
) -> None:
    pack = tmp_path / "clinic.yaml"
    pack.write_text(CLINIC.read_text())
    library = Library.load(None, [pack])
    app = CoachApp(library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        while app.home is None or app.home.data is None:
            await pilot.pause()
        pack.write_text(CLINIC.read_text().replace("Ask for a pause", "Ask for a short break"))
        app.home.post_message(app.home.ExerciseChosen(library.resolve("clinic/ask")))
        while not isinstance(app.screen, ExerciseScreen):
            await pilot.pause()
        assert app.screen.run.ref.title == "Ask for a short break"
        # the first step mounted before the screen goes, and home back before the next choice
        await on_step(pilot, app, app.screen.run.position)
        app.screen.dismiss(None)
        await until(pilot, lambda: app.screen is app.home, "home never came back")
        pack.write_text(CLINIC.read_text().replace("skill: grounding", "skill: nonsense"))
        app.home.post_message(app.home.ExerciseChosen(library.resolve("clinic/walk")))
        await until(
            pilot,
            lambda: any("no longer in your packs" in str(n.message) for n in app._notifications),
            "the refusal was never said",
        )
        assert not isinstance(app.screen, ExerciseScreen)
        assert any("no longer in your packs" in str(n.message) for n in app._notifications)
        assert not any(t.startswith("Mindful walk") for t in listed_titles(app))
