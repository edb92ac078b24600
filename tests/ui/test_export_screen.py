"""Export and prep from inside the app: the CLI's preview, only the marked notes by default,
never a file replaced unasked, and prep shown on screen and saved."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, RadioSet

from coach.packs.library import Library
from coach.records import Session
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.confirm import ConfirmModal
from coach.tui.screens.export import ExportScreen
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.prep import PrepScreen
from tests.records import FIXED_NOW, fixed_clock, session
from tests.ui.conftest import FakeTime, screen_text, shown, until

MARKED = "Marked to bring [b]along[/b]"
PRIVATE = "A private thought"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    return folder


def fill(store: ProgressStore) -> None:
    records = [
        session(
            FIXED_NOW - dt.timedelta(days=i + 1),
            note=(MARKED, PRIVATE, None)[i],
            bring_to_session=i == 0,
            id=f"00000000-0000-4000-8000-{i:012d}",
        )
        for i in range(3)
    ]
    store.add_sessions([Session.model_validate(r) for r in records])


async def open_export(pilot: Any, app: CoachApp, by_keys: bool = False) -> ExportScreen:
    """The export screen, opened from history by keys (h, then x) or, where the way there is
    not what a test is about, as x does it (the app's open action), without drawing history."""
    await until(pilot, lambda: app.ready and isinstance(app.screen, HomeScreen), "home")
    if by_keys:
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "history")
        await pilot.press("x")
    else:
        app.action_open("export")

    def ready() -> bool:  # mounted: its first field, the format, has the focus
        focused = app.focused
        return (
            isinstance(app.screen, ExportScreen) and getattr(focused, "id", "") == "export-format"
        )

    await until(pilot, ready, "the export screen")
    assert isinstance(app.screen, ExportScreen)
    return app.screen


def make_app(store: ProgressStore, fake_time: FakeTime, library: Library) -> CoachApp:
    """The app over the built-in packs (`builtin_library`, read once for the session)."""
    return CoachApp(library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False)


async def test_export_writes_only_the_marked_notes_by_default(
    store: ProgressStore, fake_time: FakeTime, home: Path, builtin_library: Library
) -> None:
    fill(store)
    app = make_app(store, fake_time, builtin_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot, app, by_keys=True)
        await shown(pilot, app, "This will include 3 sessions", "1 note marked for")
        target = home / "Documents" / "coach-report-2026-11-27.html"
        assert screen.query_one("#export-path", Input).value == str(target)
        await pilot.press("ctrl+s")
        await until(pilot, target.is_file, "the report was never written")
        text = target.read_text(encoding="utf-8")
        assert "Marked to bring [b]along[/b]" in text.replace("&#x27;", "'")
        assert PRIVATE not in text
        await shown(pilot, app, "Written to", "readable by you only")


async def test_json_with_every_note_and_its_own_path(
    store: ProgressStore, fake_time: FakeTime, home: Path, builtin_library: Library, tmp_path: Path
) -> None:
    fill(store)
    app = make_app(store, fake_time, builtin_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot, app)
        fmt = screen.query_one("#export-format", RadioSet)
        fmt.focus()
        for _ in range(3):
            await pilot.press("right")
        await pilot.press("enter")
        await until(pilot, lambda: screen.fmt == "json", "json was never chosen")
        path = screen.query_one("#export-path", Input)
        assert path.value.endswith(".json")  # the name follows the format
        screen.query_one("#export-notes", RadioSet).focus()
        await pilot.press("down", "enter")
        await shown(pilot, app, "2 notes")
        target = tmp_path / "out" / "mine.json"
        path.value = str(target)
        await pilot.press("ctrl+s")
        await until(pilot, target.is_file, "the export was never written")
        notes = {s["note"] for s in json.loads(target.read_text(encoding="utf-8"))["sessions"]}
        assert notes == {MARKED, PRIVATE, None}


async def test_a_file_already_there_is_replaced_only_after_a_yes(
    store: ProgressStore, fake_time: FakeTime, home: Path, builtin_library: Library
) -> None:
    """n keeps the file (nothing written), then, asked again, y replaces it: both answers in
    one app."""
    fill(store)
    target = home / "Documents" / "coach-report-2026-11-27.html"
    target.write_text("mine", encoding="utf-8")
    app = make_app(store, fake_time, builtin_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot, app)
        for answer in ("n", "y"):
            await pilot.press("ctrl+s")
            await until(
                pilot, lambda: isinstance(app.screen, ConfirmModal), f"the question ({answer})"
            )
            await until(  # drawn in the frame after the question opens
                pilot, lambda: "is already there. Replace it?" in screen_text(app), answer
            )
            await pilot.press(answer)
            await until(pilot, lambda: app.screen is screen, f"back on export after {answer}")
            if answer == "n":
                await shown(pilot, app, "Nothing was written")
                assert target.read_text(encoding="utf-8") == "mine", "n replaced the file"
            else:
                await shown(pilot, app, "Written to")
                assert "<html" in target.read_text(encoding="utf-8"), "y did not replace it"


async def test_a_reversed_range_is_said_and_nothing_written(
    store: ProgressStore, fake_time: FakeTime, home: Path, builtin_library: Library
) -> None:
    fill(store)
    app = make_app(store, fake_time, builtin_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot, app)
        screen.query_one("#export-since", Input).value = "2026-11-20"
        screen.query_one("#export-until", Input).value = "2026-11-01"
        await shown(pilot, app, "From comes after To.")
        await pilot.press("ctrl+s")
        await shown(pilot, app, "From comes after To.")
        assert not list((home / "Documents").iterdir())


async def test_prep_shows_what_to_bring_and_saves_it(
    store: ProgressStore, fake_time: FakeTime, home: Path, builtin_library: Library
) -> None:
    fill(store)
    app = make_app(store, fake_time, builtin_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot, app)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, PrepScreen), "prep")
        text = await shown(pilot, app, "What I want to bring", "Marked to bring", "[b]along[/b]")
        assert PRIVATE not in text
        await pilot.press("s")
        target = home / "Documents" / "coach-prep-2026-11-27.md"
        await until(pilot, target.is_file, "prep was never saved")
        assert "Marked to bring \\[b\\]along" in target.read_text(encoding="utf-8")
        await shown(pilot, app, "Written to")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen), "back on export")
