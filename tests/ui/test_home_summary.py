"""Home filled from the store's summary in its first frame: the same as the full store says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coach.core import glance
from coach.errors import CoachError
from coach.packs.library import Library
from coach.records import Draft
from coach.store import summary
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from tests.records import FIXED_NOW, fixed_clock, session
from tests.ui.conftest import FakeTime, settled, shown
from tests.ui.test_home_index import SIZE, warm_listing


def filled_store(data_dir: Path) -> ProgressStore:
    store = ProgressStore(data_dir, clock=fixed_clock())
    store.record_session(session((FIXED_NOW - dt.timedelta(days=5)).isoformat(), "clinic/walk"))
    store.record_session(session((FIXED_NOW - dt.timedelta(days=1)).isoformat(), distress_after=2))
    store.save_draft(
        Draft.model_validate(
            {
                "exercise": "clinic/ask",
                "pack_version": "1.0.0",
                "session_id": "2b5c7c1e-4d3c-4b8e-9a51-0f3f7a0c9e11",
                "started": (FIXED_NOW - dt.timedelta(hours=1)).isoformat(),
                "updated": (FIXED_NOW - dt.timedelta(hours=1)).isoformat(),
                "step": 1,
                "answers": {},
            }
        )
    )
    return store


async def test_home_from_the_summary_shows_what_the_full_store_says(
    data_dir: Path, fake_time: FakeTime
) -> None:
    library, listing = warm_listing(data_dir)
    store = filled_store(data_dir)
    full = CoachApp(library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False)
    async with full.run_test(size=SIZE) as pilot:
        while full.home is None or full.home.data is None:
            await pilot.pause()
        # filled, then drawn in the frames after
        await shown(pilot, full, "Continue Ask for a pause", "yesterday")
        from_store = await settled(pilot, full)
    key = glance.key(library.stamps, FIXED_NOW)
    kept = glance.parse(summary.read(data_dir, key), listing)
    assert kept is not None and kept.kept and kept.week and kept.recent

    def not_yet() -> tuple[Library, ProgressStore]:
        raise CoachError("The packs cannot be read just now.")

    quick = CoachApp(
        load=not_yet, listing=listing, glance=kept, clock=fixed_clock(), now=fake_time,
        cursor_blink=False,
    )  # fmt: skip
    async with quick.run_test(size=SIZE) as pilot:
        await shown(pilot, quick, "Continue Ask for a pause", "yesterday")  # the first frame
        assert quick.library is None  # drawn without the packs or the store
        from_summary = await settled(pilot, quick)
    assert "Continue Ask for a pause" in from_summary and "yesterday" in from_summary
    assert kept.recent[0].after == 2
    assert from_summary == from_store
