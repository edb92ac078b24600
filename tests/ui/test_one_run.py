"""One run, two faces: the same answers typed in plain mode and in the app store the same
record, byte for byte, escape sequences and bidi characters cleaned the same way."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input

from coach import plain
from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from tests.records import fixed_clock
from tests.ui.conftest import PACKS, FakeTime, focused_on, on_step, step_moves_on, typed, until

SESSION_ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
NOTE = "Helped a bit \x1b]0;x\x07\u202eok\u200b"
"""A note with a terminal-title escape sequence, a bidi override and a zero-width space."""
SEEN = "lamp\u202e \x1b[2J"

PLAIN_ANSWERS = [
    "7",  # rating
    "",  # read
    SEEN,
    "mug",
    "A day",
    "then a walk",
    "",
    "2",
    "Chest, my jaw",
    "1, walked",
    "I saw lamp, mug. I felt tense in chest, my jaw. Ok.",
    "",
    "6",
    NOTE,
    "yes",
]


@pytest.fixture(autouse=True)
def fixed_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run gets the same session id, so the whole record can be compared."""
    monkeypatch.setattr("coach.core.run.new_id", lambda: SESSION_ID)


def stored(store: ProgressStore) -> str:
    """Everything the run left in the store, as JSON."""

    def record(value: Any) -> Any:
        return value.as_record() if hasattr(value, "as_record") else dict(value)

    return json.dumps(
        {
            "sessions": [record(s) for s in store.sessions()],
            "cards": [record(c) for c in store.cards()],
            "drafts": [record(d.model_dump(mode="json")) for d in store.drafts()],
        },
        sort_keys=True,
        ensure_ascii=False,
    )


async def paste(pilot: Any, app: CoachApp, text: str) -> Input:
    """Paste into the focused field, as a terminal does (escape characters and all), and wait
    until the field holds it."""
    focused = app.focused
    assert isinstance(focused, Input), focused
    was = focused.value
    focused.post_message(events.Paste(text))
    await until(pilot, lambda: focused.value != was, "the paste never reached the field")
    return focused


async def test_plain_mode_and_the_app_store_the_same_record(tmp_path: Path) -> None:
    library = Library.load(None, [PACKS / "every-step.yaml"])
    ref = library.resolve("test/all")
    app_store = ProgressStore(tmp_path / "app", clock=fixed_clock())
    plain_store = ProgressStore(tmp_path / "plain", clock=fixed_clock())
    time = FakeTime()

    app = CoachApp(library, app_store, clock=fixed_clock(), now=time, start=ref)
    async with app.run_test(size=(100, 32)) as pilot:
        # each step waits to be on screen with the focus before its keys: a key pressed while
        # the next step is still being mounted would land on the old one
        await pilot.press("7", "enter")
        await on_step(pilot, app, "Step 2 of 11")
        await pilot.press("enter")
        await on_step(pilot, app, "Step 3 of 11")
        time.advance(10)
        await step_moves_on(pilot, app)
        await on_step(pilot, app, "Step 4 of 11")
        time.advance(10)
        await step_moves_on(pilot, app)
        await on_step(pilot, app, "Step 5 of 11")
        first = await paste(pilot, app, SEEN)
        await pilot.press("enter")
        await until(pilot, lambda: app.focused is not first, "the second field never took focus")
        await typed(pilot, app, "mug")
        await pilot.press("enter")
        await on_step(pilot, app, "Step 6 of 11")
        await typed(pilot, app, "A day")
        await pilot.press("enter")  # a new line in the box
        await typed(pilot, app, "then a walk")
        await pilot.press("ctrl+s")
        await on_step(pilot, app, "Step 7 of 11")
        await pilot.press("down", "enter")
        await on_step(pilot, app, "Step 8 of 11")
        await pilot.press("down", "space", "down", "down", "space")
        await focused_on(pilot, app, Input, "the field for something else")
        await typed(pilot, app, "my jaw")
        await pilot.press("enter")
        await on_step(pilot, app, "Step 9 of 11")
        await pilot.press("space", "down", "down", "space", "enter")
        await on_step(pilot, app, "Step 10 of 11")
        await pilot.press("end")
        await typed(pilot, app, " Ok.")
        await pilot.press("ctrl+s")
        await on_step(pilot, app, "Step 11 of 11")
        await pilot.press("right", "right", "enter")
        await on_step(pilot, app, "Almost done")
        await paste(pilot, app, NOTE)
        await pilot.press("tab", "space", "enter")
        await on_step(pilot, app, "Done")
        await pilot.press("enter")
    assert app.return_value is not None and app.return_value.status == "saved"

    console = plain.Console(io.StringIO("\n".join(PLAIN_ANSWERS) + "\n"), io.StringIO())
    outcome = plain.run_exercise(ref, plain_store, console, fixed_clock())
    assert outcome == "saved"

    from_app, from_plain = stored(app_store), stored(plain_store)
    assert from_app == from_plain
    (session,) = json.loads(from_plain)["sessions"]
    assert session["id"] == SESSION_ID
    assert session["note"] == "Helped a bit ok"  # escape, bidi and zero-width taken out
    assert session["answers"]["see"] == ["lamp", "mug"]
    assert session["bring_to_session"] is True
    assert json.loads(from_plain)["cards"][0]["text"] == PLAIN_ANSWERS[10]
    for hidden in ("\x1b", "\u202e", "\u200b", "\x07"):
        assert hidden not in from_plain
