"""The packs screen: what each pack holds, opening an exercise's preview, install from a path,
remove after a question (built-in packs stay), and pack text shown literally."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList

from coach import paths
from coach.packs.install import install
from coach.packs.library import Library, LoadedPack
from coach.packs.loader import load_pack
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.confirm import ConfirmModal
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.packs import PacksScreen
from tests.records import fixed_clock
from tests.ui.conftest import PACKS, FakeTime, screen_text, shown, until

BAD_PACK = """\
format: coach-pack/1
id: broken
title: A broken pack
version: "0.1.0"
exercises:
  - id: one
    title: One
    skill: nonsense
    summary: A summary.
    steps:
      - {type: read, text: Hello.}
"""


def make_app(data_dir: Path, store: ProgressStore, fake_time: FakeTime) -> CoachApp:
    """The app with its preview action recorded (the home's preview is another screen's work)."""
    app = CoachApp(
        Library.load(data_dir), store, clock=fixed_clock(), now=fake_time, cursor_blink=False
    )
    previewed: list[str] = []

    def action_preview(full_id: str) -> None:
        previewed.append(full_id)

    app.previewed = previewed  # type: ignore[attr-defined]
    app.action_preview = action_preview  # type: ignore[attr-defined]
    return app


async def open_packs(pilot: Any, app: CoachApp) -> PacksScreen:
    await until(pilot, lambda: app.ready and isinstance(app.screen, HomeScreen), "home")
    await pilot.press("p")
    await until(pilot, lambda: isinstance(app.screen, PacksScreen), "the packs screen")
    await until(pilot, lambda: isinstance(app.focused, OptionList), "a list of exercises")
    assert isinstance(app.screen, PacksScreen)
    return app.screen


def home_titles(app: CoachApp) -> list[str]:
    assert app.home is not None
    options = app.home.query_one("#home-exercises", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_pack_shows_its_description_and_exercises_and_enter_opens_a_preview(
    data_dir: Path, store: ProgressStore, fake_time: FakeTime
) -> None:
    app = make_app(data_dir, store, fake_time)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_packs(pilot, app)
        await shown(pilot, app, "Core skills", "Short, step-by-step skills", "Box breathing")
        await pilot.press("down", "enter")
        previewed = app.previewed  # type: ignore[attr-defined]
        await until(pilot, lambda: previewed, "the preview was never asked for")
        assert previewed == ["core/box-breathing"]


async def test_install_from_a_path_puts_its_exercises_on_home(
    data_dir: Path, store: ProgressStore, fake_time: FakeTime
) -> None:
    app = make_app(data_dir, store, fake_time)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_packs(pilot, app)
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.focused, Input), "the path field")
        assert isinstance(app.focused, Input)
        app.focused.value = str(PACKS / "clinic-plan.yaml")
        await pilot.press("enter")
        text = await shown(pilot, app, "Installed Tuesday group (clinic), version 1.2.0")
        assert "Mindful walk" in text  # the new pack's block and exercises
        assert (paths.installed_packs_dir(data_dir) / "clinic.yaml").is_file()
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await until(pilot, lambda: "Mindful walk" in " ".join(home_titles(app)), "home's list")
        assert app.library is not None and app.library.get("clinic/walk") is not None


async def test_a_bad_pack_names_file_line_and_field_and_installs_nothing(
    data_dir: Path, store: ProgressStore, fake_time: FakeTime, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text(BAD_PACK, encoding="utf-8")
    app = make_app(data_dir, store, fake_time)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_packs(pilot, app)
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.focused, Input), "the path field")
        assert isinstance(app.focused, Input)
        app.focused.value = str(bad)
        await pilot.press("enter")
        text = await shown(pilot, app, "Nothing was installed", f"{bad}:8:")
        assert "exercises[0].skill: must be grounding" in " ".join(text.split())
        folder = paths.installed_packs_dir(data_dir)
        assert not folder.exists() or not list(folder.iterdir())
        assert "A broken pack" not in text


async def test_remove_asks_first(data_dir: Path, store: ProgressStore, fake_time: FakeTime) -> None:
    """n keeps the pack, then, asked again, y removes it: both answers in one app."""
    install(data_dir, PACKS / "clinic-plan.yaml")
    target = paths.installed_packs_dir(data_dir) / "clinic.yaml"
    app = make_app(data_dir, store, fake_time)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_packs(pilot, app)
        for answer in ("n", "y"):
            screen.query_one("#pack-1", OptionList).focus()
            await pilot.press("d")
            await until(
                pilot, lambda: isinstance(app.screen, ConfirmModal), f"the question ({answer})"
            )
            await until(  # drawn in the frame after the question opens
                pilot, lambda: "Remove Tuesday group (clinic)?" in screen_text(app), answer
            )
            await pilot.press(answer)
            if answer == "n":
                await until(pilot, lambda: app.screen is screen, "back on packs")
                assert target.is_file(), "n removed the pack"
        await shown(pilot, app, "Removed Tuesday group (clinic)")
        assert not target.exists()
        await until(  # the list of packs is drawn again in the frames after the removal
            pilot, lambda: "Mindful walk" not in screen_text(app), "the pack is still listed"
        )
        assert app.library is not None and app.library.get("clinic/walk") is None
        assert "Mindful walk" not in " ".join(home_titles(app))


async def test_a_built_in_pack_cannot_be_removed(
    data_dir: Path, store: ProgressStore, fake_time: FakeTime
) -> None:
    app = make_app(data_dir, store, fake_time)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_packs(pilot, app)
        await pilot.press("d")
        await shown(pilot, app, "Core skills comes with coach, so it cannot be removed here.")
        assert app.screen is screen  # no question was asked
        assert (paths.builtin_packs_dir() / "core.yaml").is_file() or list(
            paths.builtin_packs_dir().glob("*.yaml")
        )


async def test_hostile_pack_text_shows_literally(
    store: ProgressStore, fake_time: FakeTime, tmp_path: Path
) -> None:
    path = tmp_path / "hostile.yaml"
    shutil.copy(PACKS / "hostile.yaml", path)
    library = Library(packs=[LoadedPack(load_pack(path), path, "extra")])
    app = CoachApp(library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_packs(pilot, app)
        text = await shown(
            pilot,
            app,
            "HOSTILE description [/bold] [link=file:///etc/passwd]open[/link]",
            "HOSTILE title [/] [b]bold[/b]",
            "[@click=app.quit]author[/]",
        )
        assert "pwned" not in text
        await pilot.press("d")  # an extra pack is not removed here
        await shown(pilot, app, "was added with --packs, so it cannot be removed here.")
        assert app.is_running


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_packs_screen_snapshot(
    snap_compare: Any, store: ProgressStore, fake_time: FakeTime, size: tuple[int, int]
) -> None:
    library = Library.load(None, [PACKS / "clinic-plan.yaml"])
    app = CoachApp(library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False)

    async def open_screen(pilot: Any) -> None:
        await open_packs(pilot, app)
        await pilot.pause()

    assert snap_compare(app, run_before=open_screen, terminal_size=size)
