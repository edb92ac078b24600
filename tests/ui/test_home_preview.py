"""Home by arrows, an exercise's preview (beside the list when wide, a screen of its own when
narrow), search that says why and forgives a typo, and a footer with only the keys that work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button, Input

from coach.core.run import Run
from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.crisis import WelcomeModal
from coach.tui.screens.exercise import ExerciseScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.home_parts import HomeList
from coach.tui.screens.preview import PreviewScreen
from coach.tui.widgets.preview import PreviewPane
from tests.records import fixed_clock
from tests.ui.conftest import PACKS, FakeTime, screen_text, search, shown, typed, until
from tests.ui.test_hostile_text import check, hostile_library, hostile_store  # noqa: F401, F811
from tests.ui.test_lazy_start import warm_app

WIDE = (120, 40)
NARROW = (80, 24)


@pytest.fixture(scope="module")
def plan_library() -> Library:
    return Library.load(None, [PACKS / "clinic-plan.yaml"])


@pytest.fixture
def make(
    store: ProgressStore, fake_time: FakeTime, builtin_library: Library
) -> Callable[..., CoachApp]:
    def build(library: Library | None = None, **kwargs: object) -> CoachApp:
        return CoachApp(
            library or builtin_library,
            store,
            clock=fixed_clock(),
            now=fake_time,
            cursor_blink=False,
            **kwargs,  # type: ignore[arg-type]
        )

    return build


async def home_filled(pilot: object, app: CoachApp) -> HomeScreen:
    await until(
        pilot,
        lambda: isinstance(app.screen, HomeScreen) and app.screen.data is not None,
        "home never filled",
    )
    assert isinstance(app.screen, HomeScreen)
    return app.screen


def focused_id(app: CoachApp) -> str | None:
    return app.focused.id if app.focused is not None else None


def highlighted_title(home: HomeScreen) -> str:
    ref = home._highlighted()
    assert ref is not None
    return ref.title


def row_texts(app: CoachApp) -> list[str]:
    options = app.screen.query_one(HomeList).options
    return [str(o.prompt) for o in options if not o.disabled]


async def test_arrows_move_through_right_now_welcome_back_and_the_list(
    make: Callable[..., CoachApp], plan_library: Library, store: ProgressStore
) -> None:
    run = Run(plan_library.resolve("clinic/walk"), fixed_clock())
    run.submit(7)
    store.save_draft(run.draft())
    app = make(plan_library)
    async with app.run_test(size=WIDE) as pilot:
        home = await home_filled(pilot, app)

        async def focus_on(widget_id: str) -> None:
            # focus moves in a call after the key is handled: wait for it, not for idle
            await until(pilot, lambda: focused_id(app) == widget_id, f"focus not on {widget_id}")

        await focus_on("home-resume")
        await pilot.press("up")
        await focus_on("home-now")
        await pilot.press("up")  # the top: nothing above
        assert focused_id(app) == "home-now"
        await pilot.press("down", "down")
        await until(pilot, lambda: isinstance(app.focused, HomeList), "the list not focused")
        await until(
            pilot,
            lambda: highlighted_title(home) == "5-4-3-2-1: come back to your senses",
            "the first not highlighted",
        )
        await pilot.press("down")
        await until(pilot, lambda: highlighted_title(home) == "Box breathing", "not the second")
        await pilot.press("up", "up")  # back up the list, then out of it
        await focus_on("home-resume")


async def test_on_a_wide_terminal_the_preview_follows_the_highlight(
    make: Callable[..., CoachApp],
) -> None:
    """Down from "right now" (no kept place above it) reaches the list, the preview beside it
    follows each row highlighted, and enter starts the one shown."""
    app = make()
    async with app.run_test(size=WIDE) as pilot:
        home = await home_filled(pilot, app)
        assert focused_id(app) == "home-now"
        assert not app.screen.query_one(PreviewPane).display
        await pilot.press("down")
        text = await shown(pilot, app, "When it helps", "Steps (")
        above_footer = "\n".join(text.splitlines()[:-1])
        assert "5-4-3-2-1: come back to your senses" in text and "Right now" not in above_footer
        await pilot.press("down")
        text = await shown(pilot, app, "Steps (6)")
        assert isinstance(app.focused, HomeList) and highlighted_title(home) == "Box breathing"
        pane = app.screen.query_one(PreviewPane)
        assert pane.preview is not None and pane.preview.title == "Box breathing"
        assert "About 4 min." in text
        await pilot.press("enter")  # wide: the preview is already shown, enter starts
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen), "no exercise")
        assert app.screen.run.ref.full_id == "core/box-breathing"  # type: ignore[attr-defined]


async def test_on_a_narrow_terminal_enter_previews_and_a_second_enter_starts(
    make: Callable[..., CoachApp],
) -> None:
    app = make()
    async with app.run_test(size=NARROW) as pilot:
        await home_filled(pilot, app)
        await pilot.press("down", "down")
        await until(  # the footer is drawn again in the frames after the list has the focus
            pilot, lambda: "⏎ Preview" in screen_text(app).splitlines()[-1], "no preview key"
        )
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PreviewScreen), "no preview")
        text = await shown(pilot, app, "Box breathing", "Steps (6)", "When it helps")
        assert "⏎ Start" in text.splitlines()[-1] or "enter Start" in text.splitlines()[-1]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "not back home")
        await until(pilot, lambda: isinstance(app.focused, HomeList), "the list lost the focus")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PreviewScreen), "no preview")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen), "no exercise")
        assert app.screen.run.ref.full_id == "core/box-breathing"  # type: ignore[attr-defined]


async def test_the_preview_action_opens_it_by_id(make: Callable[..., CoachApp]) -> None:
    app = make()
    async with app.run_test(size=WIDE) as pilot:
        await home_filled(pilot, app)
        await app.run_action("preview('core/box-breathing')")
        await until(pilot, lambda: isinstance(app.screen, PreviewScreen), "no preview")
        await shown(pilot, app, "Box breathing", "Steps (6)")


async def test_search_forgives_a_typo_and_says_why(make: Callable[..., CoachApp]) -> None:
    app = make()
    async with app.run_test(size=WIDE) as pilot:
        await home_filled(pilot, app)
        await search(pilot, app, "slash", "brething")
        await until(pilot, lambda: "Box breathing" in "".join(row_texts(app)[:1]), "no result")
        assert "matched: title — 'breathing', close to 'brething'" in row_texts(app)[0]
        await shown(pilot, app, "close to 'brething'")
        app.screen.query_one("#home-search", Input).value = ""
        await typed(pilot, app, "panic")
        await until(pilot, lambda: "'panic'" in "".join(row_texts(app)), "no reason given")
        assert "matched: when it helps — 'panic'" in row_texts(app)[0]


async def test_the_welcome_footer_shows_only_keys_that_work(
    make: Callable[..., CoachApp],
) -> None:
    app = make(welcome=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WelcomeModal), "no welcome")
        # the footer is drawn for the welcome in the frames after it opens (home's keys before)
        await until(
            pilot,
            lambda: (
                "Crisis lines" in screen_text(app).splitlines()[-1]
                and "Right now" not in screen_text(app).splitlines()[-1]
            ),
            "the footer never showed the welcome's keys",
        )
        footer = screen_text(app).splitlines()[-1]
        assert "Right now" not in footer and "Search" not in footer and "History" not in footer
        assert "Crisis lines" in footer
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "welcome stayed")
        await until(pilot, lambda: "Right now" in screen_text(app).splitlines()[-1], "no keys")


async def test_a_warm_home_previews_from_the_index_without_reading_the_packs(
    data_dir: Path, fake_time: FakeTime
) -> None:
    loads: list[int] = []
    app = warm_app(data_dir, fake_time, loads)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: app._filled, "home was never filled")
        await until(pilot, lambda: app.screen.query_one("#home-now", Button).has_focus, "focus")
        await pilot.press("down")
        await shown(pilot, app, "When it helps", "Steps (", "About 5 min.")
        assert loads == []


async def test_hostile_words_show_literally_in_the_preview(
    hostile_library: Library,  # noqa: F811
    hostile_store: ProgressStore,  # noqa: F811
    fake_time: FakeTime,
) -> None:
    app = CoachApp(
        hostile_library, hostile_store, clock=fixed_clock(), now=fake_time, cursor_blink=False
    )
    async with app.run_test(size=WIDE) as pilot:
        await home_filled(pilot, app)
        await app.run_action("preview('hostile/every')")
        await until(pilot, lambda: isinstance(app.screen, PreviewScreen), "no preview")
        await check(pilot, app, "HOSTILE title [/] [b]bold[/b]", "Steps (")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_title_in_the_home_list_is_whole(
    make: Callable[..., CoachApp], builtin_library: Library, size: tuple[int, int]
) -> None:
    """The list keeps each exercise's whole title (a minutes note goes first when a row is
    short of room: the preview has it), walked from top to bottom by the keyboard a page at a
    time (each page starts where the last one ended, so every row is on screen once; a frame a
    page, not a frame a row)."""
    app = make()
    async with app.run_test(size=size) as pilot:
        home = await home_filled(pilot, app)
        seen = set()
        listed = home.query_one("#home-exercises", HomeList)
        listed.focus()
        last = listed.option_count - 1
        await pilot.press("down")  # the first exercise highlighted (pagedown from none: the last)
        for _ in range(listed.option_count + 2):
            # the page is read once drawn: the row just highlighted (scrolled to) is on screen
            await until(
                pilot,
                lambda: (
                    listed.highlighted is not None and highlighted_title(home) in screen_text(app)
                ),
                f"the highlighted row {listed.highlighted} never drawn at {size}",
            )
            seen.update(screen_text(app).splitlines())
            if listed.highlighted == last:
                break
            await pilot.press("pagedown")
        assert listed.highlighted == last, f"pagedown stopped at {listed.highlighted} of {last}"
        whole = "\n".join(seen)
        for ref in builtin_library.exercises():
            assert ref.title in whole, f"{ref.title!r} is cut or missing at {size}"
