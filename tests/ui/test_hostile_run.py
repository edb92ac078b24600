"""A pack with markup, unbalanced tags, escapes, bidi and zero-width characters in every field of
every step type, walked through the app and plain mode: nothing crashes, the markup shows as
the letters it is, and no escape, bidi or zero-width character is printed or stored."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, TextArea

from coach import plain
from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.exercise import ExerciseScreen
from coach.tui.screens.stop import StopModal
from coach.tui.screens.why import WhyModal
from coach.tui.widgets.crisis_panel import CrisisPanel
from tests.records import fixed_clock
from tests.ui.conftest import PACKS, FakeTime, on_step, shown, step_moves_on, until

HIDDEN = ("\x1b", "\x9b", "\x07", "\u202e", "\u2066", "\u2067", "\u200b")
TYPED = "typed [/] [b]x[/b] \x1b]0;pwned\x07\u202eevil\u200b"
"""An answer as a hostile paste would type it."""


def library() -> Library:
    return Library.load(None, [PACKS / "hostile.yaml"])


def stored(store: ProgressStore) -> str:
    def record(value: Any) -> Any:
        return value.as_record() if hasattr(value, "as_record") else dict(value)

    sessions = [record(s) for s in store.sessions()]
    cards = [record(c) for c in store.cards()]
    return json.dumps({"sessions": sessions, "cards": cards}, ensure_ascii=False)


def assert_clean(text: str) -> None:
    for hidden in HIDDEN:
        assert hidden not in text, repr(hidden)


def run_position(app: CoachApp) -> str:
    assert isinstance(app.screen, ExerciseScreen), app.screen
    return app.screen.run.position


@pytest.mark.every_frame  # every frame composed, as in a terminal (tests/ui/conftest.py)
async def test_the_app_shows_hostile_text_as_written_on_every_step(tmp_path: Path) -> None:
    found = library()
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    time = FakeTime()
    app = CoachApp(
        found, store, clock=fixed_clock(), now=time, start=found.resolve("hostile/every")
    )
    async with app.run_test(size=(100, 32)) as pilot:
        # every key that opens a step or a dialog is followed by a wait for it to be on screen
        await on_step(pilot, app, "Step 1 of 9")
        text = await shown(pilot, app, "HOSTILE title [/] [b]bold[/b] evil")
        assert "HOSTILE title [/] [b]bold[/b] evil" in text
        assert "HOSTILE rating title [/]" in text
        assert "HOSTILE rating prompt [/]" in text
        assert "HOSTILE low [/]" in text
        await pilot.press("f1")  # why this works
        await until(pilot, lambda: isinstance(app.screen, WhyModal), "why never opened")
        assert isinstance(app.screen, WhyModal)
        assert "HOSTILE why [/] [red]x[/red] evil" in await shown(pilot, app, "HOSTILE why")
        await pilot.press("escape")
        await on_step(pilot, app, "Step 1 of 9")
        await pilot.press("f10")  # the stop dialog, then go on
        await until(pilot, lambda: isinstance(app.screen, StopModal), "stop never opened")
        assert isinstance(app.screen, StopModal)
        assert "Stop here for now?" in await shown(pilot, app, "Stop here")
        await pilot.press("escape")
        await on_step(pilot, app, "Step 1 of 9")
        await pilot.press("1", "0", "enter")  # a high distress rating: the crisis panel
        await on_step(pilot, app, "Step 2 of 9")
        assert app.screen.query_one(CrisisPanel).offered
        text = await shown(pilot, app, "Someone to talk to", "HOSTILE read title")
        assert "Someone to talk to" in text
        assert "HOSTILE read title [/]" in text
        assert "HOSTILE read text [/] [bold]b[/bold]" in text
        await pilot.press("enter")
        await on_step(pilot, app, "Step 3 of 9")
        assert "HOSTILE breathe text [/]" in await shown(pilot, app, "HOSTILE breathe text")
        time.advance(10)
        await step_moves_on(pilot, app)
        await on_step(pilot, app, "Step 4 of 9")
        assert run_position(app) == "Step 4 of 9"
        assert "HOSTILE timer text [/]" in await shown(pilot, app, "HOSTILE timer text")
        time.advance(10)
        await step_moves_on(pilot, app)
        await on_step(pilot, app, "Step 5 of 9")
        assert run_position(app) == "Step 5 of 9"
        text = await shown(pilot, app, "HOSTILE text prompt", "HOSTILE placeholder")
        assert "HOSTILE text prompt [/]" in text and "HOSTILE placeholder [/]" in text
        field = app.focused
        assert isinstance(field, Input)
        field.post_message(events.Paste(TYPED))
        await until(pilot, lambda: field.value, "the paste never reached the field")
        await pilot.press("enter")
        await on_step(pilot, app, "Step 6 of 9")
        assert run_position(app) == "Step 6 of 9"
        text = await shown(pilot, app, "HOSTILE choice prompt", "[b]two[/b]")
        assert "HOSTILE choice prompt [/]" in text
        assert "HOSTILE option [/]" in text and "[b]two[/b]" in text
        await pilot.press("down", "down", "enter")
        await on_step(pilot, app, "Step 7 of 9")
        assert run_position(app) == "Step 7 of 9"
        text = await shown(pilot, app, "HOSTILE item", "[@click=app.quit]two[/]")
        assert "HOSTILE item [/]" in text and "[@click=app.quit]two[/]" in text
        await pilot.press("space", "enter")
        await on_step(pilot, app, "Step 8 of 9")
        assert run_position(app) == "Step 8 of 9"
        assert "HOSTILE script prompt [/]" in await shown(pilot, app, "HOSTILE script prompt")
        script = app.screen.query_one("#script-text", TextArea).text
        assert script.startswith("HOSTILE template [/] I said typed [/] [b]x[/b] evil")
        await pilot.press("ctrl+s")
        await on_step(pilot, app, "Step 9 of 9")
        assert "HOSTILE after prompt [/]" in await shown(pilot, app, "HOSTILE after prompt")
        await pilot.press("3", "enter")
        await on_step(pilot, app, "Almost done")
        assert run_position(app) == "Almost done"
        field = app.focused
        assert isinstance(field, Input) and field.id == "finish-note"
        field.post_message(events.Paste(TYPED))
        await until(pilot, lambda: field.value, "the paste never reached the note")
        await pilot.press("enter")
        await on_step(pilot, app, "Done")
        text = await shown(pilot, app, "You practiced", "Your script is kept")
        assert "You practiced HOSTILE title [/] [b]bold[/b] evil." in text
        assert "Your script is kept as a card." in text
        await pilot.press("enter")
    assert app.return_value is not None and app.return_value.status == "saved"
    record = stored(store)
    assert_clean(record)
    (session,) = json.loads(record)["sessions"]
    assert session["answers"]["said"] == "typed [/] [b]x[/b] evil"
    assert session["answers"]["pick"] == "[b]two[/b]"
    assert session["note"] == "typed [/] [b]x[/b] evil"


def test_plain_mode_prints_and_stores_hostile_text_cleanly(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    answers = ["why", "crisis", "10", "stop", "go on", "", TYPED, "2", "1, 2", "", "3"]
    answers += [TYPED, "no"]
    out = io.StringIO()
    console = plain.Console(io.StringIO("\n".join(answers) + "\n"), out, lambda seconds: None)
    outcome = plain.run_exercise(library().resolve("hostile/every"), store, console, fixed_clock())
    printed = out.getvalue()
    assert outcome == "saved", printed
    assert_clean(printed)
    assert "HOSTILE title [/] [b]bold[/b] evil. HOSTILE summary [/] [@click=app.quit]quit[/]" in (
        printed
    )
    assert "HOSTILE why [/] [red]x[/red]" in printed
    assert "HOSTILE read text [/] [bold]b[/bold]" in printed
    assert "That's a lot right now." in printed
    assert "2. [b]two[/b]" in printed and "2. [@click=app.quit]two[/]" in printed
    assert "Saved. You practiced HOSTILE title [/] [b]bold[/b] evil." in printed
    record = stored(store)
    assert_clean(record)
    (session,) = json.loads(record)["sessions"]
    assert session["answers"]["said"] == "typed [/] [b]x[/b] evil"
    assert session["answers"]["ticks"] == ["HOSTILE item [/]", "[@click=app.quit]two[/]"]
    assert session["note"] == "typed [/] [b]x[/b] evil"
