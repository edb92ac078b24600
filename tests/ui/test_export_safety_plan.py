"""The safety plan in the app's export: left out unless the person ticks it (off each time the
screen opens), named in the "This will include" sentence when ticked, never in csv, and read
with the store's key in an encrypted folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.widgets import Checkbox, Input, RadioSet, Static

from coach.packs.library import Library
from coach.records import SafetyPlan
from coach.store.store import ProgressStore
from coach.store.vault import encrypt_folder, open_codec
from coach.tui.app import CoachApp
from coach.tui.screens.export import ExportScreen
from coach.tui.screens.history import HistoryScreen
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime, until
from tests.ui.test_export_screen import fill, home, make_app, open_export

__all__ = ["home"]  # the fixture, shared with the export screen's tests

SIGN = "PRIVATE-SIGN-7f3a"
HOSTILE = "[b]Sam[/b] <script>x</script>"
PLAN = SafetyPlan.model_validate(
    {
        "updated": "2026-11-30T20:00:00+00:00",
        "warning_signs": [SIGN],
        "people": [HOSTILE],
        "safer_place": ["Jo keeps my pills"],
    }
)
ORDER = ("html", "md", "csv", "json")


async def choose(pilot: Any, screen: ExportScreen, fmt: str) -> None:
    """Pick a format with the keys a person would press."""
    screen.query_one("#export-format", RadioSet).focus()
    await pilot.press("home", *["right"] * ORDER.index(fmt), "enter")
    await until(pilot, lambda: screen.fmt == fmt, f"{fmt} was never chosen")


async def tick(pilot: Any, screen: ExportScreen) -> None:
    box = screen.query_one("#export-safety-plan", Checkbox)
    box.focus()
    await until(pilot, lambda: screen.app.focused is box, "the tick never had the focus")
    await pilot.press("space")
    await until(pilot, lambda: box.value, "the plan was never ticked")


def preview(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-preview", Static).content)


async def says(pilot: Any, screen: ExportScreen, words: str) -> str:
    """Wait until the "This will include" sentence holds `words` (it wraps on screen)."""
    await until(pilot, lambda: words in preview(screen), f"{words!r} never said")
    return preview(screen)


async def write_to(pilot: Any, screen: ExportScreen, target: Path) -> str:
    screen.query_one("#export-path", Input).value = str(target)
    await pilot.press("ctrl+s")
    await until(pilot, target.is_file, f"{target.name} was never written")
    return target.read_text(encoding="utf-8")


async def test_the_plan_is_in_the_file_only_when_ticked(
    store: ProgressStore, fake_time: FakeTime, home: Path, builtin_library: Library, tmp_path: Path
) -> None:
    """For json, md and html in turn, each on the export screen opened afresh in one app: a file
    written before the tick leaves the plan out, one written after holds it."""
    fill(store)
    store.save_safety_plan(PLAN)
    app = make_app(store, fake_time, builtin_library)
    written: dict[str, str] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        for fmt in ("json", "md", "html"):
            screen = await open_export(pilot, app)
            await choose(pilot, screen, fmt)
            left_out = await write_to(pilot, screen, tmp_path / f"without.{fmt}")
            assert SIGN not in left_out and "x-safety-plan" not in left_out, fmt
            await tick(pilot, screen)
            written[fmt] = await write_to(pilot, screen, tmp_path / f"with.{fmt}")
            said = str(screen.query_one("#export-said", Static).content)
            assert "and your safety plan. Written to" in said, fmt
            await pilot.press("escape")
    assert json.loads(written["json"])["x-safety-plan"] == PLAN.as_record()
    for fmt in ("md", "html"):
        with_it = written[fmt]
        assert SIGN in with_it and "Jo keeps my pills" in with_it, fmt
        assert "Safety plan" in with_it or "safety plan" in with_it, fmt


async def test_the_sentence_names_the_plan_and_the_tick_is_off_each_time(
    store: ProgressStore, fake_time: FakeTime, home: Path, builtin_library: Library, tmp_path: Path
) -> None:
    fill(store)
    store.save_safety_plan(PLAN)
    app = make_app(store, fake_time, builtin_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot, app, by_keys=True)
        before = await says(pilot, screen, "and 0 kept cards.")
        assert "safety plan" not in before
        assert not screen.query_one("#export-safety-plan", Checkbox).value
        await tick(pilot, screen)
        ticked = await says(pilot, screen, "0 kept cards and your safety plan. Choose Every")
        assert "stay private), 0 kept cards and your safety plan." in ticked
        await choose(pilot, screen, "csv")
        await says(pilot, screen, "0 kept cards. A csv export leaves your safety plan out.")
        csv = await write_to(pilot, screen, tmp_path / "r.csv")
        assert SIGN not in csv and "Jo keeps" not in csv
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "back on history")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen), "export again")
        again = app.screen
        assert isinstance(again, ExportScreen) and again is not screen
        assert not again.query_one("#export-safety-plan", Checkbox).value


async def test_ticked_without_a_plan_says_so_calmly(
    store: ProgressStore, fake_time: FakeTime, home: Path, builtin_library: Library
) -> None:
    fill(store)
    app = make_app(store, fake_time, builtin_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot, app)
        await tick(pilot, screen)
        await says(pilot, screen, "0 kept cards. You have no safety plan yet")


async def test_an_encrypted_folder_exports_the_plan_read_with_its_key(
    data_dir: Path,
    fake_time: FakeTime,
    home: Path,
    tmp_path: Path,
    builtin_library: Library,
) -> None:
    plain_store = ProgressStore(data_dir, clock=fixed_clock())
    fill(plain_store)
    plain_store.save_safety_plan(PLAN)
    plain_store.close()
    encrypt_folder(data_dir, "a long passphrase")
    sealed = ProgressStore(
        data_dir, clock=fixed_clock(), codec=open_codec(data_dir, "a long passphrase")
    )
    app = CoachApp(builtin_library, sealed, clock=fixed_clock(), now=fake_time, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot, app)
        await choose(pilot, screen, "md")
        await tick(pilot, screen)
        said = await says(pilot, screen, "your safety plan. Choose Every note")
        assert said.endswith("Your data is encrypted; this file will not be.")
        text = await write_to(pilot, screen, tmp_path / "sealed.md")
    assert SIGN in text and "Jo keeps my pills" in text
