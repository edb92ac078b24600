"""Crisis lines in the app: offered beside the exercise at and above the threshold only, F2 from
any screen, the region asked once on first run. Driven with Pilot; what is shown is asserted."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, OptionList, Static

from coach.core import crisis
from coach.core.run import Run
from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.crisis import CrisisModal, WelcomeModal
from coach.tui.screens.exercise import ExerciseScreen
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.resume import ResumeModal
from coach.tui.widgets.crisis_panel import CrisisPanel
from tests.records import fixed_clock
from tests.ui.conftest import (
    PACKS,
    FakeTime,
    on_step,
    screen_text,
    shown,
    step_moves_on,
    typed,
    until,
)

SIZE = (100, 32)


def panel_shown(app: CoachApp) -> bool:
    screen = app.screen
    assert isinstance(screen, ExerciseScreen), screen
    return screen.query_one(CrisisPanel).offered


def panel_words(app: CoachApp) -> str:
    """The text of every Static in the crisis panel, shown or scrolled out of sight."""
    panel = app.screen.query_one(CrisisPanel)
    return " ".join(" ".join(str(s.content) for s in panel.query(Static)).split())


def words(app: CoachApp) -> str:
    """The text of every Static on the top screen, one space between words (the screen wraps
    it differently at each width)."""
    texts = [str(static.content) for static in app.screen.query(Static) if static.region.area]
    return " ".join(" ".join(texts).split())


@pytest.mark.parametrize(
    ("rating", "offered"), [("7", False), ("8", False), ("9", True), ("10", True)]
)
async def test_a_high_distress_rating_offers_the_lines_and_the_exercise_goes_on(
    make_app: Callable[..., CoachApp], store: ProgressStore, rating: str, offered: bool
) -> None:
    store.set_setting("crisis_region", "GB")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = ["1", "0"] if rating == "10" else [rating]
        await pilot.press(*keys, "enter")
        await on_step(pilot, app, "Step 2 of 11")
        # the step and the panel beside it are drawn in the frames after they change
        text = await shown(pilot, app, "Read this", *(["Samaritans: Call 116 123"] * offered))
        assert panel_shown(app) is offered
        assert ("Someone to talk to" in text) is offered
        assert ("Samaritans: Call 116 123" in text) is offered
        assert ("coach does not contact anyone" in words(app)) is offered
        assert "Read this" in text  # the exercise is right there beside it
        await pilot.press("enter")  # and goes on with the same keys
        await on_step(pilot, app, "Step 3 of 11")
        assert panel_shown(app) is offered  # once offered, it stays for the run


async def test_the_threshold_comes_from_settings(
    make_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    store.set_setting("crisis_threshold", 6)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter")
        await on_step(pilot, app, "Step 2 of 11")
        assert not panel_shown(app)
        await pilot.press("escape")  # back to the rating, and a 6 this time
        await on_step(pilot, app, "Step 1 of 11")
        await pilot.press("backspace", "6", "enter")
        await on_step(pilot, app, "Step 2 of 11")
        await until(pilot, lambda: panel_shown(app), "a 6 did not offer the lines")
        shown = panel_words(app)  # no region chosen: every region, a line or two each
        for region in crisis.regions().values():
            assert f"{region.name}: {region.short}" in shown
        assert "F3: choose where you are" in shown


@pytest.mark.parametrize(("five", "ten", "offered"), [("4", "9", False), ("5", "0", True)])
async def test_other_scales_use_their_top_tenth_and_only_distress_ratings_count(
    store: ProgressStore, fake_time: FakeTime, five: str, ten: str, offered: bool
) -> None:
    library = Library.load(None, [PACKS / "scales.yaml"])
    app = CoachApp(
        library, store, clock=fixed_clock(), now=fake_time, start=library.resolve("scales/five")
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(five, "enter")
        await on_step(pilot, app, "Step 2 of 3")
        await until(pilot, lambda: panel_shown(app) is offered, f"offered is not {offered}")
        await pilot.press(ten, "enter")  # a 9 on a scale that is not about distress
        await on_step(pilot, app, "Step 3 of 3")
        assert panel_shown(app) is offered


async def test_f2_opens_the_lines_from_any_screen_and_nothing_typed_is_lost(
    make_app: Callable[..., CoachApp], store: ProgressStore, fake_time: FakeTime
) -> None:
    store.set_setting("crisis_region", "US")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "enter")
        fake_time.advance(10)
        await step_moves_on(pilot, app)
        fake_time.advance(5)
        await step_moves_on(pilot, app)
        await pilot.press("enter")  # timer ended early
        assert isinstance(app.focused, Input)
        await typed(pilot, app, "lamp")
        await pilot.press("f2")  # even while typing in a field
        await until(pilot, lambda: isinstance(app.screen, CrisisModal), "F2 opened nothing")
        text = await shown(pilot, app, "Call or text 988", "Some of these lines")
        assert "Call or text 988" in text and "Text HOME to 741741" in text
        # 4 of the 7 US lines are unchecked: the hint says so, not only the newest date
        assert shown_whole(app, "#crisis-hint")
        hint = " ".join(str(app.screen.query_one("#crisis-hint", Static).content).split())
        assert hint.startswith(
            "Some of these lines are not checked yet. The others were last checked 2026-11-27."
        )
        assert "Some of these lines" in text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen), "escape stayed")
        await until(
            pilot, lambda: getattr(app.focused, "value", None) == "lamp", "the typing was lost"
        )
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, CrisisModal), "F2 opened nothing")
        await pilot.press("f2")  # F2 again closes it
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen), "F2 did not close it")


async def test_f2_on_home_and_help_and_choosing_a_region_there(
    store: ProgressStore,
    fake_time: FakeTime,
    monkeypatch: pytest.MonkeyPatch,
    builtin_library: Library,
) -> None:
    app = CoachApp(builtin_library, store, clock=fixed_clock(), now=fake_time)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "no home")
        await until(
            pilot, lambda: "F2 Crisis lines" in screen_text(app).splitlines()[-1], "no F2 key"
        )
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "no help")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, CrisisModal), "F2 opened nothing")
        regions = ("United States", "United Kingdom", "Ireland", "Canada", "Australia")
        # no region yet: every region's lines (scrolled), laid out in the frames after F2
        await until(pilot, lambda: all(r in words(app) for r in regions), "not every region")
        await pilot.press("r")
        await until(pilot, lambda: app.screen.query_one("#crisis-regions").has_focus, "no list")
        for _ in range(3):
            await pilot.press("down")
        await pilot.press("enter")  # the fourth region: Canada
        await until(pilot, lambda: store.setting("crisis_region") == "CA", "Canada not chosen")
        await until(  # the lines are laid out again in the frames after the choice
            pilot,
            lambda: "Call or text 9-8-8" in words(app) and "United States" not in words(app),
            f"not only Canada's lines: {words(app)}",
        )
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "escape did not go back")


async def test_the_region_can_come_from_coach_region(
    make_app: Callable[..., CoachApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_REGION", "au")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, CrisisModal), "F2 opened nothing")
        text = await shown(pilot, app, "Lifeline: Call 13 11 14")
        assert "Lifeline: Call 13 11 14" in text and "United States" not in text


async def test_first_run_says_what_coach_is_and_asks_the_region_once(
    store: ProgressStore, fake_time: FakeTime, builtin_library: Library
) -> None:
    def make() -> CoachApp:
        return CoachApp(
            load=lambda: (builtin_library, store), clock=fixed_clock(), now=fake_time, welcome=True
        )

    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WelcomeModal), "no welcome")
        await until(pilot, lambda: "not a crisis service" in words(app), "the welcome not laid out")
        text = words(app)
        assert "not a crisis service" in text and "not a replacement for care" in text
        await pilot.press("down", "enter")  # the second region: the United Kingdom
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the welcome stayed")
    assert store.setting("crisis_region") == "GB"
    assert store.setting("first_run_done") is True
    again = make()
    async with again.run_test(size=SIZE) as pilot:
        # home filled: the store read, and the welcome (pushed with it) would be up by now
        await until(pilot, lambda: again._filled, "home never filled")
        assert isinstance(again.screen, HomeScreen)  # shown once, not every time


async def test_first_run_can_leave_the_region_for_later(
    store: ProgressStore, fake_time: FakeTime, builtin_library: Library
) -> None:
    app = CoachApp(
        load=lambda: (builtin_library, store), clock=fixed_clock(), now=fake_time, welcome=True
    )
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WelcomeModal), "no welcome")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the welcome stayed")
    assert store.setting("crisis_region") is None
    assert store.setting("first_run_done") is True


async def test_first_run_does_not_ask_what_coach_region_already_says(
    store: ProgressStore,
    fake_time: FakeTime,
    builtin_library: Library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COACH_REGION", "IE")
    app = CoachApp(
        load=lambda: (builtin_library, store), clock=fixed_clock(), now=fake_time, welcome=True
    )
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WelcomeModal), "no welcome")
        await until(pilot, lambda: "not a crisis service" in words(app), "the welcome not laid out")
        assert "Where are you?" not in words(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the welcome stayed")
    assert store.setting("first_run_done") is True


SMALL = (80, 24)


def shown_whole(app: CoachApp, selector: str) -> bool:
    """Whether the widget is on screen and its container shows every row of it (not cut off)."""
    widget = app.screen.query_one(selector)
    seen = app.screen.region
    for container in widget.ancestors_with_self:
        if container is app.screen:
            break
        seen = seen.intersection(container.region)  # type: ignore[attr-defined]
    return bool(widget.display) and widget.region.area > 0 and seen.contains_region(widget.region)


async def test_every_line_of_every_region_can_be_reached_on_a_small_screen(
    make_app: Callable[..., CoachApp],
) -> None:
    """End, page down and the down arrow each reach the last line, in turn in one app (home
    takes the lines back to the top between them)."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, CrisisModal), "F2 opened nothing")
        # the hint stays in view all along (from the first frame the lines are laid out in)
        await until(pilot, lambda: shown_whole(app, "#crisis-hint"), "the hint is cut off")
        body = app.screen.query_one("#crisis-body")
        for key, most in [("end", 1), ("pagedown", 15), ("down", 120)]:
            await pilot.press("home")
            await until(
                pilot,
                lambda: body.scroll_y == 0,
                f"home did not take the lines to the top before {key!r}",
            )
            # up to `most` presses, but only as many as reach the end (each press is a wait for
            # the app): the end reached within `most` presses is what the assertions check
            for _ in range(most):
                if body.max_scroll_y > 0 and body.scroll_y == body.max_scroll_y:
                    break
                await pilot.press(key)
            await until(
                pilot,
                lambda: body.max_scroll_y > 0 and body.scroll_y == body.max_scroll_y,
                f"{most} presses of {key!r} reached line {body.scroll_y} of {body.max_scroll_y}",
            )
            # scrolled: the lines are drawn where they now are in the frame after
            await shown(pilot, app, "findahelpline.com")
            last = app.screen.query(".crisis-line").last()
            assert "findahelpline.com" in str(last.content)  # type: ignore[attr-defined]
            assert shown_whole(app, ".crisis-line:last-child"), key
            assert shown_whole(app, "#crisis-hint"), key
            text = screen_text(app)
            hint = str(app.screen.query_one("#crisis-hint", Static).content)
            assert "findahelpline.com" in text and "Some of these lines" in text, key
            assert "The others were last checked 2026-11-27." in hint, key
            assert "Escape closes" in text, key
        await pilot.press("r")  # the region list fits too
        await until(
            pilot,
            lambda: shown_whole(app, "#crisis-regions") and shown_whole(app, "#crisis-hint"),
            "the region list or the hint is cut off",
        )
        await pilot.press("end")  # twelve regions: the list scrolls to the last
        await shown(pilot, app, "Somewhere else")


async def test_the_welcome_fits_a_small_screen(
    store: ProgressStore, fake_time: FakeTime, builtin_library: Library
) -> None:
    app = CoachApp(
        load=lambda: (builtin_library, store), clock=fixed_clock(), now=fake_time, welcome=True
    )
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WelcomeModal), "no welcome")
        text = await shown(pilot, app, "Where are you?", "↑ ↓ and enter choose")
        for option in ("United States", "Australia"):
            assert option in text
        assert "↑ ↓ and enter choose; escape chooses later." in text
        assert "not a crisis service" in words(app) and "Where are you?" in text
        assert shown_whole(app, "#welcome-regions")
        assert shown_whole(app, "#welcome-dialog > .hint")
        await pilot.press("end")  # twelve regions: the list scrolls to the last options
        text = await shown(pilot, app, "Somewhere else", "I'd rather not say")
        for option in ("Somewhere else", "I'd rather not say"):
            assert option in text
        assert shown_whole(app, "#welcome-regions")


async def test_choosing_a_region_in_f2_changes_the_lines_beside_the_exercise(
    make_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    store.set_setting("crisis_region", "GB")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9", "enter")
        await on_step(pilot, app, "Step 2 of 11")
        await until(pilot, lambda: panel_shown(app), "no lines beside the exercise")
        await until(pilot, lambda: "Samaritans: Call 116 123" in words(app), "not the UK's lines")
        await pilot.press("f2", "r")
        await until(pilot, lambda: isinstance(app.screen, CrisisModal), "F2 opened nothing")
        await until(pilot, lambda: app.screen.query_one("#crisis-regions").has_focus, "no list")
        regions = app.screen.query_one("#crisis-regions", OptionList)
        assert regions.highlighted == 1  # the list starts at where the person is: the UK
        await pilot.press("up", "enter")  # the United States
        await until(pilot, lambda: store.setting("crisis_region") == "US", "the US not chosen")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen), "escape stayed")
        assert panel_shown(app)
        await until(  # the panel's lines are laid out again in the frames after the change
            pilot,
            lambda: "United States:" in words(app) and "Samaritans" not in words(app),
            f"not the US lines alone: {words(app)}",
        )
        text = words(app)
        assert "United States:" in text and "Call or text 988" in text
        assert "Samaritans" not in text
        assert app.screen.run.position == "Step 2 of 11"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("rating", "offered", "by_keys"),
    [(["9"], True, True), (["5"], False, False), (["1", "0"], True, False)],
)
async def test_a_high_rating_kept_in_a_draft_brings_the_lines_back_on_continuing(
    library: Library,
    store: ProgressStore,
    fake_time: FakeTime,
    make_app: Callable[..., CoachApp],
    rating: list[str],
    offered: bool,
    by_keys: bool,
) -> None:
    """The draft is kept by keys in the app once (rated, then ctrl+q); the other ratings are
    kept through the run itself, as the app keeps them (quitting keeps a place: test_runner)."""
    store.set_setting("crisis_region", "IE")
    if by_keys:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*rating, "enter")
            await on_step(pilot, app, "Step 2 of 11")
            await until(pilot, lambda: panel_shown(app), "no lines beside the exercise")
            await pilot.press("ctrl+q")
    else:
        run = Run(library.resolve("test/all"), fixed_clock())
        run.submit(int("".join(rating)))
        store.save_draft(run.draft())
    assert store.draft("test/all") is not None

    home = CoachApp(library, store, clock=fixed_clock(), now=fake_time)
    async with home.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: home._filled, "home never filled")
        assert isinstance(home.screen, HomeScreen)
        await pilot.press("c")  # continue, from the home screen
        await until(
            pilot,
            lambda: isinstance(home.screen, ResumeModal) and home.screen.focused is not None,
            "no resume question",
        )
        await pilot.press("enter")  # continue where I was
        await on_step(pilot, home, "Step 2 of 11")
        # the step, and the panel beside it, are drawn in the frames after it opens
        await shown(pilot, home, "Read this", *(["Someone to talk to"] * offered))
        assert panel_shown(home) is offered
        assert ("Call 116 123" in words(home)) is offered
        assert ("Someone to talk to" in screen_text(home)) is offered
