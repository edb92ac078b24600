"""The hostile pack and a hostile history walked through every screen around home: nothing
crashes, nothing is read as markup or an action, and no escape sequence reaches the terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.command import CommandPalette

from coach.core.run import Run
from coach.errors import PackError
from coach.packs.library import Library, LoadedPack
from coach.packs.loader import load_pack, parse_pack
from coach.records import Card, Session
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.crisis import CrisisModal
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.packs import PacksScreen
from coach.tui.screens.settings import SettingsScreen
from tests.records import card, fixed_clock, session
from tests.ui.conftest import PACKS, FakeTime, screen_text, search, shown, typed, until

SIZE = (140, 50)
EVIL = "[/] [@click=app.quit]x[/] \x1b]0;pwned\x07 \x1b[2J \x9b2J \u202eevil \u200bzero"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@pytest.fixture
def hostile_library(tmp_path: Path) -> Library:
    """Only the hostile pack (its exercise made a grounding one, so "right now" offers it),
    and a pack that was refused with an error message quoting escape sequences."""
    text = (PACKS / "hostile.yaml").read_text(encoding="utf-8")
    path = tmp_path / "hostile.yaml"
    path.write_text(text.replace("skill: regulation", "skill: grounding"), encoding="utf-8")
    refused = 'title: !!int "HOSTILE \\e]0;pwned\\a [/]"\nformat: coach-pack/1\nid: bad\n'
    with pytest.raises(PackError) as caught:
        parse_pack(refused.encode(), "bad\x1b]0;pwned\x07 [/].yaml")
    return Library(packs=[LoadedPack(load_pack(path), path, "extra")], problems=[caught.value])


@pytest.fixture
def hostile_store(store: ProgressStore, hostile_library: Library) -> ProgressStore:
    """A session with a hostile title, answers and note (as an older coach or an import may
    have stored it), a hostile card, and a draft to continue."""
    store.record_session(
        Session(
            **session(
                exercise="hostile/every",
                exercise_title=f"HOSTILE stored title {EVIL}",
                answers={"said": f"HOSTILE answer {EVIL}", "before": 9, "after": 3},
                note=f"HOSTILE note {EVIL}\nsecond line",
                bring_to_session=True,
            )
        )
    )
    store.keep_card(
        Card(**card(exercise="hostile/every", title=f"HOSTILE card {EVIL}", text=f"[b]{EVIL}"))
    )
    run = Run(hostile_library.resolve("hostile/every"), fixed_clock())
    run.submit(7)
    store.save_draft(run.draft())
    return store


async def check(pilot: object, app: CoachApp, *expected: str) -> str:
    """The screen as text once the markers are on it: the app runs, the markers show literally,
    nothing unsafe is left."""
    await shown(pilot, app, *expected)
    assert app.is_running and app.return_code is None
    text = screen_text(app)
    for marker in expected:
        assert marker in text, f"{marker!r} is not on the screen:\n{text}"
    assert "pwned" not in text  # escape sequences are gone whole, not just their ESC
    assert not UNSAFE.search(text), repr(UNSAFE.findall(text))
    return text


async def settle(pilot: object) -> None:
    """A few idle waits for what has no condition to wait on (the markers are waited for in
    `check`, each screen by `on`)."""
    for _ in range(4):
        await pilot.pause()  # type: ignore[attr-defined]


async def on(pilot: object, app: CoachApp, kind: type) -> None:
    """Wait until the screen on top is a `kind`."""
    await until(pilot, lambda: isinstance(app.screen, kind), f"{kind.__name__} never came up")


@pytest.mark.every_frame  # every frame composed, as in a terminal (tests/ui/conftest.py)
async def test_hostile_text_is_shown_literally_on_every_screen_around_home(
    hostile_library: Library, hostile_store: ProgressStore, fake_time: FakeTime
) -> None:
    app = CoachApp(
        hostile_library, hostile_store, clock=fixed_clock(), now=fake_time, cursor_blink=False
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await on(pilot, app, HomeScreen)
        assert isinstance(app.screen, HomeScreen)
        await check(
            pilot,
            app,
            "HOSTILE title [/] [b]bold[/b]",  # the list
            "Continue HOSTILE title [/]",  # welcome back
            "HOSTILE stored title [/] [@click=app.quit]x[/]",  # recent practice
            "· HOSTILE title [/] [b]bold[/b] evil: suggested",  # this week
        )
        assert "HOSTILE title [/] [b]bold[/b]" in str(app.query_one("#home-now").render())

        await search(pilot, app, "slash", "HOSTILE")
        await settle(pilot)
        await check(pilot, app, "HOSTILE title [/] [b]bold[/b]")
        await pilot.press("escape")

        await pilot.press("ctrl+p")  # the palette: its discovery list, then a search
        await settle(pilot)
        await pilot.wait_for_scheduled_animations()
        await on(pilot, app, CommandPalette)
        assert isinstance(app.screen, CommandPalette)
        await check(
            pilot, app, "Do: HOSTILE title [/] [b]bold[/b]", "HOSTILE summary [/] [@click=app.quit]"
        )
        await typed(pilot, app, "HOSTILE")
        await settle(pilot)
        await pilot.wait_for_scheduled_animations()
        await check(pilot, app, "Do: HOSTILE title [/] [b]bold[/b]", "HOSTILE summary [/]")
        await pilot.press("escape")
        await settle(pilot)
        await on(pilot, app, HomeScreen)
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("h")  # history, each tab
        await settle(pilot)
        await on(pilot, app, HistoryScreen)
        assert isinstance(app.screen, HistoryScreen)
        await check(
            pilot, app, "HOSTILE stored title [/]", "HOSTILE note [/] [@click=app.quit]x[/]"
        )
        await pilot.press("2")
        await settle(pilot)
        await check(pilot, app, "HOSTILE stored title [/]")  # what helps most
        await pilot.press("3")
        await settle(pilot)
        await check(
            pilot, app, "HOSTILE card [/] [@click=app.quit]x[/]", "[b][/] [@click=app.quit]"
        )
        await pilot.press("4")
        await settle(pilot)
        await check(pilot, app, "HOSTILE note [/] [@click=app.quit]x[/]", "second line")
        await pilot.press("escape")
        await on(pilot, app, HomeScreen)

        await pilot.press("p")  # packs, with the refused one
        await settle(pilot)
        await on(pilot, app, PacksScreen)
        assert isinstance(app.screen, PacksScreen)
        await check(
            pilot,
            app,
            "HOSTILE pack [bold red]loud[/] [/]",
            "[@click=app.quit]author[/]",
            "HOSTILE plan note [/]",
            "bad [/].yaml:1: title: 'HOSTILE  [/]' cannot be read",
        )
        await pilot.click("#packs-body", offset=(8, 1))  # a click on the text runs no action
        await settle(pilot)
        await pilot.press("escape")
        await on(pilot, app, HomeScreen)

        for key, screen, marker in [
            ("question_mark", HelpScreen, "What coach is"),
            ("s", SettingsScreen, "Theme"),
            ("f2", CrisisModal, "Someone to talk to"),
        ]:
            await pilot.press(key)
            await settle(pilot)
            await on(pilot, app, screen)
            assert isinstance(app.screen, screen)
            await check(pilot, app, marker)
            await pilot.press("escape")
            await settle(pilot)
            await on(pilot, app, HomeScreen)
        await on(pilot, app, HomeScreen)
        assert isinstance(app.screen, HomeScreen)
        await check(pilot, app, "HOSTILE title [/]")
        await pilot.press("ctrl+q")
    assert app.return_code == 0 and not app.crashed
