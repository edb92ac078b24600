"""Backups when the clock jumps years ahead and comes back, and temp files doctor --fix clears."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from coach.store.doctor import examine
from coach.store.store import ProgressStore
from tests.records import session

UTC = dt.UTC


class JumpingClock:
    """A clock a test sets by hand: forward by years, then back."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def _write_on(root: Path, clock: JumpingClock, day: dt.datetime, theme: str) -> ProgressStore:
    clock.now = day
    store = ProgressStore(root, clock=clock)
    store.set_setting("theme", theme)
    return store


def test_after_a_clock_jump_todays_backup_is_newest_and_kept(tmp_path: Path) -> None:
    root = tmp_path / "data"
    clock = JumpingClock(dt.datetime(2026, 11, 20, 9, tzinfo=UTC))
    _write_on(root, clock, clock.now, "start")
    _write_on(root, clock, dt.datetime(2026, 11, 21, 9, tzinfo=UTC), "before-jump")
    for n in range(9):  # nine days with the clock eight years ahead
        _write_on(root, clock, dt.datetime(2034, 6, 1 + n, 9, tzinfo=UTC), f"future-{n}")
    back = dt.datetime(2026, 11, 28, 9, tzinfo=UTC)
    store = _write_on(root, clock, back, "back-again")
    days = [p.name for p in store.backups.days()]
    assert days[0] == "2026-11-28"  # made last, so newest, whatever the dates say
    assert (root / "backups" / "2026-11-28" / "settings.json").is_file()
    assert len(days) == 7
    store.set_setting("theme", "later")  # and it is not pruned by the next write either
    assert (root / "backups" / "2026-11-28" / "settings.json").is_file()

    # recovery puts back the copy made last, not the one dated furthest ahead
    (root / "settings.json").write_bytes(b"{broken")
    again = ProgressStore(root, clock=clock)
    assert again.settings()["theme"] == "future-8"  # what settings held before 2026-11-28's write
    assert "the backup made on 2026-11-28 was put back" in again.notices[0]

    findings = " ".join(f.message for f in examine(root, back.date()))
    assert "the newest is from today" in findings
    assert not re.search(r"-\d+ days", findings)


def test_doctor_never_says_a_negative_age(tmp_path: Path) -> None:
    root = tmp_path / "data"
    clock = JumpingClock(dt.datetime(2034, 6, 1, 9, tzinfo=UTC))
    _write_on(root, clock, clock.now, "a")
    _write_on(root, clock, dt.datetime(2034, 6, 2, 9, tzinfo=UTC), "b")
    messages = " ".join(f.message for f in examine(root, dt.date(2026, 11, 28)))
    assert not re.search(r"-\d+ days", messages)
    assert "dated 2034-06-02, later than today" in messages


def test_doctor_fix_clears_temp_files_everywhere_coach_writes(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = ProgressStore(root, clock=JumpingClock(dt.datetime(2026, 11, 20, 9, tzinfo=UTC)))
    store.record_session(session())
    left = [
        root / "backups" / "manual" / ".coach-backup-20261120.zip.tmp-12-abcd",
        root / "cache" / ".tallies.json.tmp-3-ffff",
        root / "packs" / ".mine.yaml.tmp-4-0000",
        root / "backups" / ".x.tmp-5-1111",
    ]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half")
    assert any("temp file" in f.message for f in examine(root, dt.date(2026, 11, 20)))
    store.repair()
    assert not any(p.exists() for p in left)
    assert not any("temp file" in f.message for f in examine(root, dt.date(2026, 11, 20)))
