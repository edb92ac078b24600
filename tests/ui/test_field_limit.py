"""A field that is full says so calmly under it, instead of silently dropping letters."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input

from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime, focused_on, screen_text, shown, typed, until

PACK = """\
format: coach-pack/1
id: limits
title: Limits
version: "1.0"
exercises:
  - id: short
    title: A short answer
    skill: other
    summary: One short answer.
    steps:
      - {type: text, id: word, prompt: "One word?", max_length: 12}
"""
FULL = "That's the most this box holds: 12 characters."


async def test_a_full_field_says_so_and_the_words_go_when_there_is_room(
    tmp_path: Path, store: ProgressStore, fake_time: FakeTime
) -> None:
    pack = tmp_path / "limits.yaml"
    pack.write_text(PACK, encoding="utf-8")
    library = Library.load(None, [pack])
    app = CoachApp(
        library,
        store,
        clock=fixed_clock(),
        now=fake_time,
        start=library.resolve("limits/short"),
        cursor_blink=False,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await focused_on(pilot, app, Input, "the answer field")
        await typed(pilot, app, "eleven char")  # typed ahead, as a person types
        await shown(pilot, app, "eleven char")
        assert FULL not in screen_text(app)
        for character in "sXYZ":  # typed ahead too, three past what the field holds
            key = events.Key(character, character)
            key.set_sender(app)
            app._driver.send_message(key)  # type: ignore[union-attr]
        text = await shown(pilot, app, FULL)
        assert "eleven chars" in text and "XYZ" not in text
        await pilot.press("backspace")
        await until(pilot, lambda: FULL not in screen_text(app), "the note stayed")
