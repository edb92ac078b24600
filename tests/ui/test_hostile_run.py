"""A pack with markup, unbalanced tags, escapes, bidi and zero-width characters in every field of
every step type, walked through the app and plain mode: nothing crashes, the markup shows as
the letters it is, and no escape, bidi or zero-width character is printed or stored."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

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
from tests.ui.conftest import PACKS, FakeTime, screen_text, step_moves_on

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


def on_step(app: CoachApp) -> str:
    assert isinstance(app.screen, ExerciseScreen), app.screen
    return app.screen.run.position


async def test_the_app_shows_hostile_text_as_written_on_every_step(tmp_path: Path) -> None:
    found = library()
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    time = FakeTime()
    app = CoachApp(
        found, store, clock=fixed_clock(), now=time, start=found.resolve("hostile/every")
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "HOSTILE title [/] [b]bold[/b] evil" in text
        assert "HOSTILE rating title [/]" in text
        assert "HOSTILE rating prompt [/]" in text
        assert "HOSTILE low [/]" in text
        await pilot.press("f1")  # why this works
        assert isinstance(app.screen, WhyModal)
        assert "HOSTILE why [/] [red]x[/red] evil" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("f10")  # the stop dialog, then go on
        assert isinstance(app.screen, StopModal)
        assert "Stop here for now?" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("1", "0", "enter")  # a high distress rating: the crisis panel
        assert app.screen.query_one(CrisisPanel).offered
        text = screen_text(app)
        assert "Someone to talk to" in text
        assert "HOSTILE read title [/]" in text
        assert "HOSTILE read text [/] [bold]b[/bold]" in text
        await pilot.press("enter")
        assert "HOSTILE breathe text [/]" in screen_text(app)
        time.advance(10)
        await step_moves_on(pilot, app)
        assert on_step(app) == "Step 4 of 9"
        assert "HOSTILE timer text [/]" in screen_text(app)
        time.advance(10)
        await step_moves_on(pilot, app)
        assert on_step(app) == "Step 5 of 9"
        text = screen_text(app)
        assert "HOSTILE text prompt [/]" in text and "HOSTILE placeholder [/]" in text
        field = app.focused
        assert isinstance(field, Input)
        field.post_message(events.Paste(TYPED))
        await pilot.pause()
        await pilot.press("enter")
        assert on_step(app) == "Step 6 of 9"
        text = screen_text(app)
        assert "HOSTILE choice prompt [/]" in text
        assert "HOSTILE option [/]" in text and "[b]two[/b]" in text
        await pilot.press("down", "down", "enter")
        assert on_step(app) == "Step 7 of 9"
        text = screen_text(app)
        assert "HOSTILE item [/]" in text and "[@click=app.quit]two[/]" in text
        await pilot.press("space", "enter")
        assert on_step(app) == "Step 8 of 9"
        assert "HOSTILE script prompt [/]" in screen_text(app)
        script = app.screen.query_one("#script-text", TextArea).text
        assert script.startswith("HOSTILE template [/] I said typed [/] [b]x[/b] evil")
        await pilot.press("ctrl+s")
        assert "HOSTILE after prompt [/]" in screen_text(app)
        await pilot.press("3", "enter")
        assert on_step(app) == "Almost done"
        field = app.focused
        assert isinstance(field, Input) and field.id == "finish-note"
        field.post_message(events.Paste(TYPED))
        await pilot.pause()
        await pilot.press("enter")
        text = screen_text(app)
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
