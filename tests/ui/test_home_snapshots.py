"""Snapshots of home (empty, returning, with a plan) and of history, packs, settings and help.

A fixed clock and no cursor blink keep them the same run after run.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import pytest

from coach.core.run import Run
from coach.packs.library import Library
from coach.records import Session
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from tests.records import FIXED_NOW, card, fixed_clock, session
from tests.ui.conftest import PACKS, FakeTime, shown, until

SIZE = (100, 32)


async def settle(pilot: Any) -> None:
    """Wait until home is filled: set once the frame that shows what the store says is drawn
    (a few idle waits were a guess at it)."""
    await until(pilot, lambda: pilot.app._filled, "home never filled")


@functools.cache
def loaded(plan: bool) -> Library:
    """The built-in library, with the plan pack or not, read and validated once for the module
    (an app never changes a library)."""
    return Library.load(None, [PACKS / "clinic-plan.yaml"] if plan else [])


def app_with(store: ProgressStore, fake_time: FakeTime, plan: bool = False) -> CoachApp:
    return CoachApp(loaded(plan), store, clock=fixed_clock(), now=fake_time, cursor_blink=False)


def fill(store: ProgressStore) -> None:
    """A few weeks of practice, a card and a note for the next session."""
    records = []
    for i in range(12):
        started = FIXED_NOW - dt.timedelta(days=2 * i + 1, hours=i)
        records.append(
            session(
                started,
                exercise=("core/box-breathing", "core/saying-no", "clinic/walk")[i % 3],
                exercise_title=("Box breathing", "Say no and hold it", "Mindful walk")[i % 3],
                skill=("grounding", "boundaries", "grounding")[i % 3],
                distress_before=4 + i % 6,
                distress_after=2 + i % 4,
                note="Helped before the call." if i == 1 else None,
                bring_to_session=i == 1,
                id=f"00000000-0000-4000-8000-{i:012d}",
            )
        )
    store.add_sessions([Session.model_validate(r) for r in records])
    store.keep_card(
        card(
            id="10000000-0000-4000-8000-000000000000",
            title="Ask for what you need",
            text="When plans change, I feel left out.\nI'm asking you to tell me a day ahead.",
        )
    )


def test_home_empty(snap_compare: Any, store: ProgressStore, fake_time: FakeTime) -> None:
    assert snap_compare(app_with(store, fake_time), run_before=settle, terminal_size=SIZE)


def test_home_returning(snap_compare: Any, store: ProgressStore, fake_time: FakeTime) -> None:
    fill(store)
    run = Run(
        loaded(False).resolve("core/family-boundary"),
        fixed_clock(),
        session_id="20000000-0000-4000-8000-000000000000",
    )
    run.submit(6)
    store.save_draft(run.draft())
    assert snap_compare(app_with(store, fake_time), run_before=settle, terminal_size=SIZE)


def test_home_with_plan(snap_compare: Any, store: ProgressStore, fake_time: FakeTime) -> None:
    fill(store)
    assert snap_compare(
        app_with(store, fake_time, plan=True), run_before=settle, terminal_size=SIZE
    )


def test_home_at_80_by_24(snap_compare: Any, store: ProgressStore, fake_time: FakeTime) -> None:
    fill(store)
    assert snap_compare(
        app_with(store, fake_time, plan=True), run_before=settle, terminal_size=(80, 24)
    )


DRAWN = {
    "history-sessions": "12 sessions of practice.",
    "history-progress": "Over your last",
    "history-cards": "Ask for what you need",
    "history-notes": "Helped before the call.",
    "packs": "Tuesday group",
    "settings": "Theme",
    "help": "What coach is",
}
"""A line each screen (or tab) shows once it is drawn."""


@pytest.mark.parametrize(
    ("keys", "name"),
    [
        (["h"], "history-sessions"),
        (["h", "2"], "history-progress"),
        (["h", "3"], "history-cards"),
        (["h", "4"], "history-notes"),
        (["p"], "packs"),
        (["s"], "settings"),
        (["question_mark"], "help"),
    ],
)
def test_screen_snapshots(
    snap_compare: Any, store: ProgressStore, fake_time: FakeTime, keys: list[str], name: str
) -> None:
    fill(store)

    async def open_screen(pilot: Any) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
        await shown(pilot, pilot.app, DRAWN[name])  # the screen, or its tab, drawn

    assert snap_compare(
        app_with(store, fake_time, plan=True), run_before=open_screen, terminal_size=SIZE
    )


@pytest.mark.parametrize(
    ("size", "keys"),
    [((120, 40), ["down", "down"]), ((80, 24), ["down", "down", "enter"])],
    ids=["wide-pane", "narrow-screen"],
)
def test_home_with_the_preview(
    snap_compare: Any,
    store: ProgressStore,
    fake_time: FakeTime,
    size: tuple[int, int],
    keys: list[str],
) -> None:
    """Box breathing's preview: beside the list when wide, a screen of its own when narrow."""
    fill(store)

    async def preview(pilot: Any) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
        await shown(pilot, pilot.app, "Box breathing", "Steps (6)")  # the preview drawn

    assert snap_compare(
        app_with(store, fake_time, plan=True), run_before=preview, terminal_size=size
    )
