"""History at 80x24: a session read back, a note edited, a session, note or card deleted with a
confirmation and an undo that lasts the visit, and every tab scrolled by keyboard. Each test
reads the store afterwards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.widgets import TextArea

from coach.packs.library import Library
from coach.records import Session
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.confirm import ConfirmModal
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.note_edit import NoteEditor
from coach.tui.screens.session_view import SessionScreen
from tests.records import card, fixed_clock, session
from tests.ui.conftest import FakeTime, focused_on, screen_text, typed, until

SIZE = (80, 24)
FIRST = "00000000-0000-4000-8000-000000000001"


@pytest.fixture
def app(builtin_library: Library, store: ProgressStore, fake_time: FakeTime) -> CoachApp:
    return CoachApp(builtin_library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False)


def fill(store: ProgressStore, notes: int = 1) -> None:
    start = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
    records = [
        session(
            start - dt.timedelta(days=i),
            id=f"00000000-0000-4000-8000-{i + 1:012d}",
            note=f"Note number {i + 1}",
            bring_to_session=True,
            answers={"before": 7, "see": ["the [bold]lamp[/]", "a mug"], "after": 4},
        )
        for i in range(notes)
    ]
    store.add_sessions([Session.model_validate(r) for r in records])
    store.keep_card(card(id="10000000-0000-4000-8000-000000000000", title="My script"))


async def open_history(pilot: Any, app: CoachApp, tab: str = "1") -> HistoryScreen:
    await until(pilot, lambda: app.ready, "the app never loaded")
    await pilot.press("h")
    await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "history never opened")
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    await until(pilot, lambda: "session" in screen_text(app), "history never filled")
    if tab != "1":
        await pilot.press(tab)
        await pilot.pause()
    return screen


def _flat(app: CoachApp) -> str:
    """The screen's words on one line, a dialog's borders left out."""
    return " ".join(screen_text(app).replace("│", " ").split())


async def shows(pilot: Any, app: CoachApp, words: str) -> None:
    await until(pilot, lambda: words in _flat(app), f"never showed {words}")


async def told(pilot: Any, app: CoachApp, words: str) -> None:
    """Wait for a notification with these words."""
    await until(
        pilot,
        lambda: any(n.message == words for n in app._notifications),
        f"never told {words}",
    )


async def test_enter_reads_a_session_back_and_e_edits_its_note_saved_with_ctrl_s(
    app: CoachApp, store: ProgressStore
) -> None:
    """One visit: enter reads a session back step by step, e edits its note, ctrl+s saves it,
    escape goes back to history."""
    fill(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "no session view")
        await shows(pilot, app, "Thursday 12 March 2026, 09:00")
        text = " ".join(screen_text(app).split())
        assert "Distress before → after: 7 → 4" in text
        assert (
            "If you can, look around. Name five things you can see the" in text
        )  # a label: no full stop
        assert text.index("Name five things") < text.index("the [bold]lamp[/], a mug")
        await pilot.press("end")
        await shows(pilot, app, "Note number 1")
        # the note edited and saved with ctrl+s
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor), "no editor")
        await focused_on(pilot, app, TextArea, "the note")
        await typed(pilot, app, " and more")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "editor stayed")
        await shows(pilot, app, "Note number 1 and more")
        stored = store.session(FIRST)
        assert stored is not None and stored.note == "Note number 1 and more"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "escape went nowhere")


async def test_escape_from_a_changed_note_asks_and_keeps_the_old_one(
    app: CoachApp, store: ProgressStore
) -> None:
    fill(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor), "no editor")
        await pilot.press("x", "escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "did not ask")
        await shows(pilot, app, "Leave without saving your changes?")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor), "did not go back")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "did not ask again")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "did not leave")
        stored = store.session(FIRST)
        assert stored is not None and stored.note == "Note number 1"


async def test_a_session_is_deleted_after_asking_and_undo_puts_it_back(
    app: CoachApp, store: ProgressStore
) -> None:
    fill(store, notes=2)
    kept = store.session(FIRST)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "did not ask")
        await shows(pilot, app, "Delete this session from 12 Mar 2026? You can undo it")
        assert "until you leave history." in screen_text(app)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "no way back")
        assert store.session(FIRST) == kept
        await pilot.press("d", "y")
        await until(pilot, lambda: store.session(FIRST) is None, "never deleted")
        await shows(pilot, app, "1 session of practice.")
        # the footer is drawn again in the frames after
        await until(pilot, lambda: "u Undo" in screen_text(app), "no undo key")
        await pilot.press("u")
        await until(pilot, lambda: store.session(FIRST) == kept, "undo did not restore it")
        await shows(pilot, app, "2 sessions of practice.")


async def test_a_deleted_session_from_its_view_is_final_once_history_is_left(
    app: CoachApp, store: ProgressStore
) -> None:
    fill(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "no session view")
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "did not ask")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "stayed on it")
        assert store.session(FIRST) is None
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, HistoryScreen), "did not leave")
        await open_history(pilot, app)
        await pilot.press("u")
        await told(pilot, app, "Nothing to undo.")
        assert store.session(FIRST) is None


async def test_a_note_and_a_card_are_deleted_and_put_back(
    app: CoachApp, store: ProgressStore
) -> None:
    fill(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app, "4")
        await shows(pilot, app, "Note number 1")
        await pilot.press("d")
        await shows(pilot, app, "Delete this note from 12 Mar 2026?")
        await pilot.press("y")
        await shows(pilot, app, "Nothing marked yet.")
        stored = store.session(FIRST)
        assert stored is not None and stored.note is None and not stored.bring_to_session
        await pilot.press("3")
        await shows(pilot, app, "My script")
        await pilot.press("d")
        await shows(pilot, app, "Delete the card “My script”?")
        await pilot.press("y")
        await until(pilot, lambda: store.cards() == [], "card never deleted")
        await pilot.press("u")
        await until(pilot, lambda: len(store.cards()) == 1, "card never put back")
        await pilot.press("u")
        await until(
            pilot, lambda: getattr(store.session(FIRST), "note", None) == "Note number 1", "note"
        )
        await pilot.press("4")
        await shows(pilot, app, "Note number 1")


async def test_for_next_session_reaches_the_last_of_198_notes(
    app: CoachApp, store: ProgressStore
) -> None:
    fill(store, notes=198)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app, "4")
        await shows(pilot, app, "Note number 1")
        assert "Note number 198" not in screen_text(app)
        await pilot.press("end")
        await shows(pilot, app, "Note number 198")
        await pilot.press("home")
        await shows(pilot, app, "Note number 1 ")
        await pilot.press("pagedown")
        notes = app.screen.query_one("#history-notes")
        await until(pilot, lambda: notes.scroll_y > 0, "pagedown did not scroll")
        # scrolled: the notes are drawn where they now are in the frames after
        await until(
            pilot,
            lambda: "Note number 1\n" not in screen_text(app) + "\n",
            "the first note stayed on screen after pagedown",
        )


async def test_enter_on_the_cards_tab_opens_the_highlighted_card(
    app: CoachApp, store: ProgressStore
) -> None:
    fill(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app, "3")
        await pilot.press("enter")
        await shows(pilot, app, "C copies it. Enter or escape closes this.")


async def test_the_charts_name_their_scale(app: CoachApp, store: ProgressStore) -> None:
    fill(store, notes=3)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app, "2")
        await shows(pilot, app, "Distress before, last 3 rated sessions")
        text = screen_text(app)
        assert "0 ▆▆▆ 10" in text and "0 ▄▄▄ 10" in text
        assert "Distress after, last 3 rated sessions" in text


async def test_a_long_history_names_the_command_without_backticks(
    app: CoachApp, store: ProgressStore
) -> None:
    fill(store, notes=501)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot, app)
        await shows(pilot, app, "the command coach history lists them all")
        assert "`" not in screen_text(app)


async def test_e_on_for_next_session_edits_that_note(app: CoachApp, store: ProgressStore) -> None:
    fill(store, notes=2)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot, app, "4")
        await shows(pilot, app, "Note number 2")
        await pilot.press("down", "e")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor), "no editor")
        await pilot.press("!", "ctrl+s")
        await shows(pilot, app, "Note number 2!")
        stored = store.session("00000000-0000-4000-8000-000000000002")
        assert stored is not None and stored.note == "Note number 2!"
        await pilot.press("u")
        # "Note number 2" is on screen before the undo too, inside "Note number 2!"
        await until(
            pilot,
            lambda: "Note number 2" in _flat(app) and "Note number 2!" not in screen_text(app),
            "undo did not put the note back as it was",
        )
