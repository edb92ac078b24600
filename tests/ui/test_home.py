"""Home and the screens around it, driven with the keyboard and the command palette."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandList
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
from tests.ui.conftest import PACKS, FakeTime, screen_text, search, shown, until

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


async def filled(pilot: object, app: CoachApp) -> None:
    """Wait until home is drawn with what the packs and the store say."""
    await until(pilot, lambda: app._filled and isinstance(app.screen, HomeScreen), "no home")


async def opened(pilot: object, app: CoachApp, kind: type) -> None:
    await until(pilot, lambda: isinstance(app.screen, kind), f"{kind.__name__} never opened")


def focused_id(app: CoachApp) -> str | None:
    return app.focused.id if app.focused is not None else None


def first_hit(app: CoachApp) -> str:
    """The first line of the palette's first hit, once it lists any."""
    hits = app.screen.query(CommandList)
    if not hits or not hits.first().option_count:
        return ""
    return str(hits.first().get_option_at_index(0).prompt).split("\n")[0]


async def palette_hit(pilot: object, app: CoachApp, typed: str, hit: str) -> None:
    """Open the palette, type `typed`, and wait until `hit` is its first hit (the palette
    gathers its hits in batches, in the frames after the typing)."""
    await search(pilot, app, "ctrl+p", typed)
    await until(pilot, lambda: first_hit(app).startswith(hit), f"{typed!r}: {first_hit(app)!r}")


async def test_a_first_visit_offers_something_useful_in_one_keypress(
    home_app: Callable[..., CoachApp], builtin_library: Library
) -> None:
    app = home_app(builtin_library)
    async with app.run_test(size=SIZE) as pilot:
        await filled(pilot, app)
        text = await shown(pilot, app, "Hello. This is a calm place to practice.", "Feet on the")
        assert "Hello. This is a calm place to practice." in text
        assert "Feet on the floor" in text  # right now: needs nothing, works anywhere
        assert "Welcome back" not in text and "Recent practice" not in text
        await until(pilot, lambda: app.focused is not None, "nothing focused")
        await pilot.press("enter")  # the focused "right now"
        await opened(pilot, app, ExerciseScreen)
        assert app.screen.run.ref.full_id == "core/feet-on-floor"


async def test_n_starts_right_now_from_anywhere_on_home(
    home_app: Callable[..., CoachApp], builtin_library: Library
) -> None:
    app = home_app(builtin_library)
    async with app.run_test(size=SIZE) as pilot:
        await filled(pilot, app)
        await pilot.press("down", "n")
        await opened(pilot, app, ExerciseScreen)


async def test_coming_back_with_a_draft_continues_in_one_keypress(
    home_app: Callable[..., CoachApp], plan_library: Library, store: ProgressStore
) -> None:
    ref = plan_library.resolve("clinic/walk")
    run = Run(ref, fixed_clock())
    run.submit(7)
    store.save_draft(run.draft())
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await filled(pilot, app)
        text = await shown(pilot, app, "Welcome back.", "Continue Mindful walk")
        assert "Welcome back. Your place is kept, whenever you're ready." in text
        assert "Continue Mindful walk (step 2 of 2)" in text
        await until(pilot, lambda: focused_id(app) == "home-resume", "continue not focused")
        await pilot.press("enter")  # focus starts on continue
        await until(  # the resume dialog, its default focused
            pilot, lambda: focused_id(app) == "resume-continue", "no resume question"
        )
        await pilot.press("enter")  # the resume dialog: continue where I was
        await opened(pilot, app, ExerciseScreen)
        assert app.screen.run.position == "Step 2 of 2" and app.screen.run.answers == {"before": 7}


async def test_after_a_gap_a_kind_word_and_no_count(
    home_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    store.record_session(session((FIXED_NOW - dt.timedelta(days=9)).isoformat()))
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await filled(pilot, app)
        text = await shown(pilot, app, "Welcome back. It's good to see you.")
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
        await filled(pilot, app)
        text = await shown(pilot, app, "2 of 3 this week", "suggested once this week")
        assert "Mindful walk: 2 of 3 this week" in text
        assert "Ask for a pause: suggested once this week" in text
        assert "streak" not in text.lower()


async def test_search_finds_by_situation_and_enter_starts_it(
    home_app: Callable[..., CoachApp], builtin_library: Library
) -> None:
    app = home_app(builtin_library)
    async with app.run_test(size=SIZE) as pilot:
        await filled(pilot, app)
        await search(pilot, app, "slash", "boundaries with family")
        await until(pilot, lambda: "A boundary with family" in screen_text(app), "no hit")
        await pilot.press("enter", "enter")
        await opened(pilot, app, ExerciseScreen)
        assert app.screen.run.ref.full_id == "core/family-boundary"


async def test_finishing_a_run_returns_home_and_shows_it(
    home_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    """Found by search, done and saved: home again shows it, with the search cleared and the
    whole list back (one walk for both, each assertion named)."""
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await filled(pilot, app)
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
HITS = {
    "history": "Open your history",
    "packs": "Open your packs",
    "settings": "Open settings",
    "help": "Open help",
}


@pytest.mark.every_frame  # every frame composed, as in a terminal (tests/ui/conftest.py)
async def test_every_screen_by_its_key_and_by_the_palette(
    home_app: Callable[..., CoachApp],
) -> None:
    """Each screen in turn in one app: by its key, back home with escape, by the palette; then
    the safety plan by the palette."""
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await filled(pilot, app)
        for key, screen, palette in SCREENS:
            assert isinstance(app.screen, HomeScreen), f"not home before {key!r}: {app.screen}"
            await pilot.press(key)
            await until(
                pilot,
                lambda: isinstance(app.screen, screen),  # noqa: B023 - used at once
                f"{key!r} opened {app.screen}, not {screen}",
            )
            await pilot.press("escape")
            await until(
                pilot,
                lambda: isinstance(app.screen, HomeScreen),
                f"escape from {screen} went to {app.screen}",
            )
            await palette_hit(pilot, app, f"open {palette}", HITS[palette])
            await pilot.press("enter")
            await until(
                pilot,
                lambda: isinstance(app.screen, screen),  # noqa: B023 - used at once
                f"'open {palette}' opened {app.screen}",
            )
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, HomeScreen), "escape stayed")
        assert isinstance(app.screen, HomeScreen), f"not home before the safety plan: {app.screen}"
        await palette_hit(pilot, app, "safety plan", "My safety plan")  # by the palette
        await pilot.press("enter")
        await until(
            pilot,
            lambda: isinstance(app.screen, SafetyPlanScreen),
            f"'safety plan' opened {app.screen}",
        )


async def test_the_palette_finds_every_exercise_by_name(
    home_app: Callable[..., CoachApp], builtin_library: Library
) -> None:
    app = home_app(builtin_library)
    async with app.run_test(size=SIZE) as pilot:
        await filled(pilot, app)
        await palette_hit(pilot, app, "do urge surfing", "Do: Urge surfing")
        await pilot.press("enter")
        await opened(pilot, app, ExerciseScreen)
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
        await filled(pilot, app)
        await pilot.press("h")
        await opened(pilot, app, HistoryScreen)
        text = await shown(pilot, app, "3 sessions of practice.", "Say no  9 → -")
        assert "3 sessions of practice." in text
        assert "Fri 20 Nov 2026 19:00  Say no  9 → -" in text
        await pilot.press("2")
        text = await shown(  # each tab is drawn in the frames after its key
            pilot, app, "Over your last 2 rated", "3.0 points lower", "boundaries 1", "grounding 1"
        )
        assert "Over your last 2 rated sessions: 7.0 before, 4.0 after, on average." in text
        assert (
            "5-4-3-2-1: come back to the room: 3.0 points lower after than before, on average, "
            "over 2 rated sessions" in " ".join(text.split())
        )
        assert "16 Nov 2026   boundaries 1" in text and "02 Nov 2026   grounding 1" in text
        await pilot.press("3")
        await until(
            pilot,
            lambda: "Ask for what you need  When plans change..." in screen_text(app),
            "the card not listed",
        )
        await pilot.press("4")
        await until(
            pilot,
            lambda: (
                "Before the meeting" in screen_text(app)
                and screen_text(app).count("5-4-3-2-1") == 1
            ),
            "the marked note not shown alone",
        )


async def test_a_card_opens_to_read_and_copy(
    home_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    store.keep_card(card(title="My script", text="When [bold]plans[/] change, I feel upset."))
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await filled(pilot, app)
        await pilot.press("h")
        await opened(pilot, app, HistoryScreen)
        await pilot.press("3")
        await shown(pilot, app, "My script")
        await pilot.press("tab")
        cards = app.screen.query_one("#history-cards")
        cards.focus()
        await until(pilot, lambda: cards.has_focus, "the cards not focused")
        await pilot.press("down", "enter")
        await until(
            pilot,
            lambda: "When [bold]plans[/] change, I feel upset." in screen_text(app),
            "the card not opened",
        )
        await pilot.press("c")
        await until(
            pilot,
            lambda: app.clipboard == "When [bold]plans[/] change, I feel upset.",
            f"not copied: {app.clipboard!r}",
        )


async def test_packs_show_author_version_and_plan(home_app: Callable[..., CoachApp]) -> None:
    app = home_app()
    async with app.run_test(size=SIZE) as pilot:
        await filled(pilot, app)
        await pilot.press("p")
        await opened(pilot, app, PacksScreen)
        text = await shown(pilot, app, "Tuesday group", "Riverside Clinic", "Core skills")
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
        await filled(pilot, app)
        await pilot.press("s")
        await opened(pilot, app, SettingsScreen)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        await until(pilot, lambda: app.focused is not None, "nothing focused on settings")
        await pilot.press("enter", "end", "enter")  # by keys: open the list, last theme, choose
        last = theme_order(app.available_themes)[-1]  # Dark (the default) is first
        await until(
            pilot,
            lambda: app.theme == last and store.setting("theme") == last,
            "the theme chosen by keys",
        )
        screen.query_one("#setting-theme").value = "high-contrast"  # type: ignore[attr-defined]
        await until(pilot, lambda: app.theme == "high-contrast", "the theme chosen by value")
        await pilot.press("tab", "space")  # reduce motion
        await until(pilot, lambda: store.preferences().reduce_motion, "motion not reduced")
        screen.query_one("#setting-region").value = "GB"  # type: ignore[attr-defined]
        screen.query_one("#setting-threshold").value = 8  # type: ignore[attr-defined]
        await until(  # each change is kept as its field's change message is handled
            pilot,
            lambda: (
                (store.preferences().crisis_region, store.preferences().crisis_threshold)
                == ("GB", 8)
            ),
            "the region and threshold not kept",
        )
    chosen = store.preferences()
    assert (chosen.theme, chosen.reduce_motion, chosen.crisis_region, chosen.crisis_threshold) == (
        "high-contrast",
        True,
        "GB",
        8,
    )
    again = home_app()
    async with again.run_test(size=SIZE) as pilot:
        await filled(pilot, again)
        assert again.theme == "high-contrast" and again.reduce_motion is True
        await pilot.press("s")
        await opened(pilot, again, SettingsScreen)
        assert again.screen.query_one("#setting-region").value == "GB"  # type: ignore[attr-defined]


async def test_the_first_frame_waits_for_nothing(plan_library: Library, tmp_path: Path) -> None:
    calls: list[str] = []

    def load() -> tuple[Library, ProgressStore]:
        calls.append("loaded")
        return plan_library, ProgressStore(tmp_path / "late", clock=fixed_clock())

    app = CoachApp(load=load, clock=fixed_clock(), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await filled(pilot, app)
        await shown(pilot, app, "Mindful walk")
        assert calls == ["loaded"] and "Mindful walk" in screen_text(app)
