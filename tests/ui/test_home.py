"""Home and the screens around it, driven with the keyboard and the command palette."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from coach.core.run import Run
from coach.packs.library import Library
from coach.records import Session
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.exercise import ExerciseScreen
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.home_parts import HomeList
from coach.tui.screens.packs import PacksScreen
from coach.tui.screens.safety_plan import SafetyPlanScreen
from coach.tui.screens.settings import SettingsScreen
from coach.tui.themes import theme_order
from tests.records import FIXED_NOW, card, fixed_clock, session
from tests.ui.conftest import PACKS, FakeTime, screen_text, search, until

SIZE = (100, 32)


@pytest.fixture(scope="module")
def plan_library() -> Library:
    return Library.load(None, [PACKS / "clinic-plan.yaml"])


@pytest.fixture
def home_app(
    plan_library: Library, store: ProgressStore, fake_time: FakeTime
) -> Callable[..., CoachApp]:
    def make(library: Library | None = None) -> CoachApp:
        return CoachApp(
            library or plan_library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False
        )

    return make


async def settle(pilot: object) -> None:
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


async def test_a_first_visit_offers_something_useful_in_one_keypress(
    home_app: Callable[..., CoachApp], builtin_library: Library
) -> None:
    app = home_app(builtin_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "Hello. This is a calm place to practice." in text
        assert "Feet on the floor" in text  # right now: needs nothing, works anywhere
        assert "Welcome back" not in text and "Recent practice" not in text
        await pilot.press("enter")  # the focused "right now"
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.run.ref.full_id == "core/feet-on-floor"


async def test_n_starts_right_now_from_anywhere_on_home(
    home_app: Callable[..., CoachApp], builtin_library: Library
) -> None:
    app = home_app(builtin_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "n")
        assert isinstance(app.screen, ExerciseScreen)


async def test_coming_back_with_a_draft_continues_in_one_keypress(
    home_app: Callable[..., CoachApp], plan_library: Library, store: ProgressStore
) -> None:
    ref = plan_library.resolve("clinic/walk")
    run = Run(ref, fixed_clock())
    run.submit(7)
    store.save_draft(run.draft())
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Welcome back. Your place is kept, whenever you're ready." in text
        assert "Continue Mindful walk (step 2 of 2)" in text
        await pilot.press("enter")  # focus starts on continue
        await settle(pilot)
        await pilot.press("enter")  # the resume dialog: continue where I was
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.run.position == "Step 2 of 2" and app.screen.run.answers == {"before": 7}


async def test_after_a_gap_a_kind_word_and_no_count(
    home_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    store.record_session(session((FIXED_NOW - dt.timedelta(days=9)).isoformat()))
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Welcome back. It's good to see you." in text
        greeting = text.splitlines()[0]  # the first line on screen
        assert (
            not re.search(r"\d", greeting) and "day" not in greeting and "miss" not in text.lower()
        )


async def test_this_week_counts_what_was_done_against_the_plan(
    home_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    monday = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    for days in (0, 2):
        store.record_session(
            session(
                monday + dt.timedelta(days=days),
                exercise="clinic/walk",
                exercise_title="Mindful walk",
            )
        )
    store.record_session(
        session(
            monday - dt.timedelta(days=1), exercise="clinic/walk", exercise_title="Mindful walk"
        )
    )  # last week
    store.record_session(
        session(monday, exercise="clinic/walk", status="ended-early")
    )  # not completed
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Mindful walk: 2 of 3 this week" in text
        assert "Ask for a pause: suggested once this week" in text
        assert "streak" not in text.lower()


async def test_search_finds_by_situation_and_enter_starts_it(
    home_app: Callable[..., CoachApp], builtin_library: Library
) -> None:
    app = home_app(builtin_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, app, "slash", "boundaries with family")
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.run.ref.full_id == "core/family-boundary"


async def test_finishing_a_run_returns_home_and_shows_it(
    home_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    """Found by search, done and saved: home again shows it, with the search cleared and the
    whole list back (one walk for both, each assertion named)."""
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        await search(pilot, app, "slash", "mindful walk")
        await pilot.press("enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen), "no exercise")
        for key in ("4", "enter", "2", "enter", "enter", "enter"):  # rate, rate, save, close
            await pilot.press(key)
            await pilot.pause()
        await until(pilot, lambda: app.screen is home, "not back home")
        await until(pilot, lambda: len(store.sessions()) == 1, "nothing saved")
        await until(pilot, lambda: "Ask for a pause" in screen_text(app), "the list not whole")
        assert isinstance(app.screen, HomeScreen)
        assert "today      4 → 2  Mindful walk" in screen_text(app), "the run is not on home"
        assert home.query_one("#home-search", Input).value == "", "the search was not cleared"
        rows = [str(o.prompt) for o in home.query_one(HomeList).options if not o.disabled]
        assert any(t.strip().startswith("Ask for a pause") for t in rows), "the list not whole"
    assert len(store.sessions()) == 1


SCREENS = [
    ("h", HistoryScreen, "history"),
    ("p", PacksScreen, "packs"),
    ("s", SettingsScreen, "settings"),
    ("question_mark", HelpScreen, "help"),
]


async def test_every_screen_by_its_key_and_by_the_palette(
    home_app: Callable[..., CoachApp],
) -> None:
    """Each screen in turn in one app: by its key, back home with escape, by the palette; then
    the safety plan by the palette."""
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, screen, palette in SCREENS:
            assert isinstance(app.screen, HomeScreen), f"not home before {key!r}: {app.screen}"
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen), f"{key!r} opened {app.screen}, not {screen}"
            await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen), f"escape from {screen} went to {app.screen}"
            await search(pilot, app, "ctrl+p", f"open {palette}")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, screen), f"'open {palette}' opened {app.screen}"
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, HomeScreen), f"not home before the safety plan: {app.screen}"
        await search(pilot, app, "ctrl+p", "safety plan")  # the safety plan: by the palette
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SafetyPlanScreen), f"'safety plan' opened {app.screen}"


async def test_the_palette_finds_every_exercise_by_name(
    home_app: Callable[..., CoachApp], builtin_library: Library
) -> None:
    app = home_app(builtin_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, app, "ctrl+p", "do urge surfing")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert (
            isinstance(app.screen, ExerciseScreen)
            and app.screen.run.ref.full_id == "core/urge-surfing"
        )


async def test_history_figures_match_the_stored_sessions(
    home_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    store.add_sessions(
        [
            Session.model_validate(r)
            for r in (
                session(
                    "2026-11-02T09:00:00+00:00",
                    distress_before=8,
                    distress_after=3,
                    note="Before the meeting",
                    bring_to_session=True,
                ),
                session(
                    "2026-11-10T20:00:00+00:00",
                    distress_before=6,
                    distress_after=5,
                    note=None,
                    bring_to_session=False,
                ),
                session(
                    "2026-11-20T19:00:00+00:00",
                    exercise="core/saying-no",
                    exercise_title="Say no",
                    skill="boundaries",
                    distress_before=9,
                    distress_after=None,
                    bring_to_session=False,
                ),
            )
        ]
    )
    store.keep_card(
        card(title="Ask for what you need", text="When plans change...\nI'm asking you to wait.")
    )
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        text = screen_text(app)
        assert "3 sessions of practice." in text
        assert "Fri 20 Nov 2026 19:00  Say no  9 → -" in text
        await pilot.press("2")
        await settle(pilot)
        text = screen_text(app)
        assert "Over your last 2 rated sessions: 7.0 before, 4.0 after, on average." in text
        assert (
            "5-4-3-2-1: come back to the room: 3.0 points lower after than before, on average, "
            "over 2 rated sessions" in " ".join(text.split())
        )
        assert "16 Nov 2026   boundaries 1" in text and "02 Nov 2026   grounding 1" in text
        await pilot.press("3")
        await settle(pilot)
        assert "Ask for what you need  When plans change..." in screen_text(app)
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "Before the meeting" in text and text.count("5-4-3-2-1") == 1


async def test_a_card_opens_to_read_and_copy(
    home_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    store.keep_card(card(title="My script", text="When [bold]plans[/] change, I feel upset."))
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h", "3")
        await settle(pilot)
        await pilot.press("tab")
        app.screen.query_one("#history-cards").focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "When [bold]plans[/] change, I feel upset." in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == "When [bold]plans[/] change, I feel upset."


async def test_packs_show_author_version_and_plan(home_app: Callable[..., CoachApp]) -> None:
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        text = screen_text(app)
        assert "Tuesday group  clinic · version 1.2.0" in text
        assert "by Riverside Clinic · 2 exercises, added with --packs" in text
        assert "Mindful walk, 3 times a week: Before work, if you can." in text
        assert "Ask for a pause, once a week (2026-11-01 to 2026-12-31)" in text
        assert "Core skills" in text


async def test_settings_apply_at_once_and_survive_a_restart(
    home_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    """A theme chosen with the keyboard, then by value, reduced motion, region and threshold:
    each applies at once and the last of each is kept for the next start."""
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        await pilot.press("enter", "end", "enter")  # by keys: open the list, last theme, choose
        await settle(pilot)
        last = theme_order(app.available_themes)[-1]  # Dark (the default) is first
        assert app.theme == last and store.setting("theme") == last, "the theme chosen by keys"
        screen.query_one("#setting-theme").value = "high-contrast"  # type: ignore[attr-defined]
        await settle(pilot)
        assert app.theme == "high-contrast"
        await pilot.press("tab", "space")  # reduce motion
        await settle(pilot)
        screen.query_one("#setting-region").value = "GB"  # type: ignore[attr-defined]
        screen.query_one("#setting-threshold").value = 8  # type: ignore[attr-defined]
        await settle(pilot)
    chosen = store.preferences()
    assert (chosen.theme, chosen.reduce_motion, chosen.crisis_region, chosen.crisis_threshold) == (
        "high-contrast",
        True,
        "GB",
        8,
    )
    again = home_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "high-contrast" and again.reduce_motion is True
        await pilot.press("s")
        await settle(pilot)
        assert again.screen.query_one("#setting-region").value == "GB"  # type: ignore[attr-defined]


async def test_the_first_frame_waits_for_nothing(plan_library: Library, tmp_path: Path) -> None:
    calls: list[str] = []

    def load() -> tuple[Library, ProgressStore]:
        calls.append("loaded")
        return plan_library, ProgressStore(tmp_path / "late", clock=fixed_clock())

    app = CoachApp(load=load, clock=fixed_clock(), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await settle(pilot)
        assert calls == ["loaded"] and "Mindful walk" in screen_text(app)
