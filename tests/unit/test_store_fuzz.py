"""Store files changed a byte at a time or cut short: reading never gives a traceback, and a
session is never lost without a word.

A fixed seed per file (random.Random("1234-FILE")); 80 changes per file (a quarter of them cuts,
the rest changed bytes, both kinds many times over); COACH_FUZZ_EXAMPLES changes the number,
e.g. COACH_FUZZ_EXAMPLES=5000 pytest tests/unit/test_store_fuzz.py to search longer.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
from pathlib import Path

import pytest

from coach.errors import CoachError
from coach.prefs import Preferences
from coach.records import Card, Draft, ImportEntry, Session
from coach.store.store import ProgressStore
from tests.records import card, fixed_clock, session

EXAMPLES = int(os.environ.get("COACH_FUZZ_EXAMPLES") or "80")
DAY_ONE = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
DAY_TWO = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
FILES = (
    "sessions/recent.json",
    "sessions/2026-10.json",
    "settings.json",
    "drafts.json",
    "cards.json",
    "meta.json",
)


def _draft(exercise: str, updated: str) -> Draft:
    return Draft(
        exercise=exercise,
        pack_version="1.0.0",
        session_id=str(__import__("uuid").uuid4()),
        started="2026-11-26T08:00:00+00:00",
        updated=updated,
        step=1,
        answers={"before": 6, "see": ["lamp"]},
    )


def _fill(root: Path) -> None:
    """Every store file written on day one, then changed on day two, so each has a backup."""
    for clock, day in ((DAY_ONE, "26"), (DAY_TWO, "27")):
        store = ProgressStore(root, clock=fixed_clock(clock))
        store.add_sessions(
            [Session.model_validate(session(f"2026-10-{day}T10:00:00+00:00", note=f"old {day}"))]
        )
        store.record_session(session(f"2026-11-{day}T08:00:00+00:00"))
        store.save_draft(_draft(f"core/draft-{day}", f"2026-11-{day}T08:30:00+00:00"))
        store.keep_card(Card.model_validate(card(title=f"card {day}")))
        store.save_preferences(Preferences(theme="high-contrast", crisis_threshold=6))
        store.log_import(
            ImportEntry(
                file=f"export-{day}.json",
                imported=f"2026-11-{day}T09:00:00+00:00",
                sessions_added=1,
                cards_added=0,
            )
        )
        store.close()


def _mutate(good: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.25:
        return good[: rng.randrange(len(good))]
    at = rng.randrange(len(good))
    return good[:at] + bytes([rng.randrange(256)]) + good[at + 1 :]


def _read_everything(root: Path) -> tuple[ProgressStore, list[Session]]:
    store = ProgressStore(root, clock=fixed_clock(DAY_TWO))
    found = store.sessions()
    store.tally()
    store.cards()
    store.drafts()
    store.preferences()
    store.latest_sessions(3)
    return store, found


@pytest.mark.slow
@pytest.mark.parametrize("relative", FILES)
def test_a_changed_store_file_is_read_or_put_right_never_lost(
    tmp_path: Path, relative: str
) -> None:
    root = tmp_path / "data"
    _fill(root)
    original = {rel: (root / rel).read_bytes() for rel in FILES}
    _, before = _read_everything(root)
    ids = {s.id for s in before}
    assert len(ids) == 4
    assert (root / "backups" / "2026-11-27" / relative).is_file()
    target = root / relative
    rng = random.Random(f"1234-{relative}")  # a fixed seed per file, so each file is its own
    for example in range(EXAMPLES):
        changed = _mutate(original[relative], rng)
        target.write_bytes(changed)
        try:
            store, after = _read_everything(root)
        except CoachError:
            pass  # one calm sentence (a store from a newer coach, say)
        else:
            if not store.notices:
                assert len(after) == len(ids), (example, changed)
                assert {s.id for s in after} >= ids - _ids_in(original[relative]), example
            else:
                aside = list(target.parent.glob(f"{target.name}.corrupt-*"))
                assert aside and aside[0].read_bytes() == changed, (example, store.notices)
                assert target.is_file(), example
                assert "was put back" in store.notices[0], store.notices
        for rel, raw in original.items():  # each file as it was (rewritten only if it is not)
            if _bytes_or_none(root / rel) != raw:
                (root / rel).write_bytes(raw)
        for leftover in [*root.rglob("*.corrupt-*")]:
            leftover.unlink()
        shutil.rmtree(root / "cache", ignore_errors=True)


def _bytes_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _ids_in(raw: bytes) -> set[str]:
    import re

    return {m.decode() for m in re.findall(rb'"id":"([0-9a-f-]{36})"', raw)}


def test_a_file_that_parses_but_does_not_validate_is_set_aside_and_its_backup_put_back(
    tmp_path: Path,
) -> None:
    root = tmp_path / "data"
    _fill(root)
    recent = root / "sessions" / "recent.json"
    good = recent.read_bytes()
    recent.write_bytes(good.replace(b'"started":"2026-11-27T08', b'"started":"2026-11-27{08', 1))
    store, found = _read_everything(root)
    assert len(store.notices) == 1 and "was put back" in store.notices[0]
    # day one's backup is put back; the changed session stays in the copy set aside, named
    assert len(found) == 3
    assert "could not be read and is kept in recent.json.corrupt-" in store.notices[0]
    assert list(recent.parent.glob("recent.json.corrupt-*"))
