"""`coach doctor` on files that parse but do not validate, cut-short recoveries and clock jumps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coach.store.doctor import examine
from coach.store.store import ProgressStore
from tests.records import fixed_clock, session

DAY_ONE = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
DAY_TWO = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


def _two_days(root: Path) -> dict[str, object]:
    kept = session("2026-11-20T19:02:00+00:00")
    ProgressStore(root, clock=fixed_clock(DAY_ONE)).record_session(kept)
    store = ProgressStore(root, clock=fixed_clock(DAY_TWO))
    store.record_session(session("2026-11-21T19:02:00+00:00"))
    store.set_setting("theme", "high-contrast")
    store.set_setting("reduce_motion", True)  # settings.json now has a backup from today
    return kept


def _bad(root: Path) -> list[str]:
    return [f.message for f in examine(root, DAY_TWO.date()) if not f.ok]


def test_doctor_finds_a_renamed_key_in_settings_and_fix_puts_it_right(tmp_path: Path) -> None:
    root = tmp_path / "data"
    _two_days(root)
    settings = root / "settings.json"
    settings.write_bytes(settings.read_bytes().replace(b'"key"', b'"kez"', 1))
    assert any("settings.json cannot be read" in line for line in _bad(root))
    done = ProgressStore(root, clock=fixed_clock(DAY_TWO)).repair()
    assert any("settings.json could not be read" in line for line in done)
    assert not any("cannot be read" in line for line in _bad(root))
    ProgressStore(root, clock=fixed_clock(DAY_TWO)).preferences()  # reads again


def test_doctor_finds_a_session_that_does_not_validate(tmp_path: Path) -> None:
    root = tmp_path / "data"
    _two_days(root)
    recent = root / "sessions" / "recent.json"
    recent.write_bytes(
        recent.read_bytes().replace(b'"started":"2026-11-21T', b'"started":"2026-11-21{')
    )
    assert any("recent.json cannot be read" in line for line in _bad(root))
    ProgressStore(root, clock=fixed_clock(DAY_TWO)).repair()
    assert not any("cannot be read" in line for line in _bad(root))
