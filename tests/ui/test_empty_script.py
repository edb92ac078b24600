"""A script whose answers were all skipped shows a kind line, never an empty box."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from coach.packs.library import Library
from coach.packs.template import EMPTY_SCRIPT
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime, on_step, screen_text, shown, until

PACK = """\
format: coach-pack/1
id: t
title: Script pack
version: 1.0.0
exercises:
  - id: ask
    title: Ask for something
    skill: boundaries
    summary: Two answers, then a script.
    steps:
      - {type: text, id: what, prompt: What happened?}
      - {type: text, id: ask, prompt: What are you asking for?}
      - type: script
        id: card
        template: |
          I'd like to talk about something[[: {what}]].
          I'm asking you to {ask}.
"""


async def test_a_script_with_every_answer_skipped_says_so_kindly(
    tmp_path: Path, store: ProgressStore, fake_time: FakeTime
) -> None:
    (tmp_path / "t.yaml").write_text(PACK)
    library = Library.load(None, [tmp_path / "t.yaml"])
    app = CoachApp(
        library, store, clock=fixed_clock(), now=fake_time, start=library.resolve("t/ask")
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await on_step(pilot, app, "Step 1 of 3")
        await pilot.press("enter")  # skipped
        await on_step(pilot, app, "Step 2 of 3")
        await pilot.press("enter")  # skipped
        await on_step(pilot, app, "Step 3 of 3")
        text = await shown(pilot, app, "Nothing to put together yet.")
        assert "You can go" in text
        assert app.screen.query_one("#script-text", TextArea).text == ""
        await pilot.press("ctrl+s")
        await on_step(pilot, app, "Almost done")
        assert "Nothing to put together" not in screen_text(app)
        await pilot.press("enter", "enter")
        await until(pilot, lambda: store.sessions(), "the run saved")
    (session,) = store.sessions()
    assert session.answers == {"card": ""}  # kept as left: the kind line is never stored
    assert store.cards() == []
    assert EMPTY_SCRIPT.startswith("Nothing to put together yet.")
