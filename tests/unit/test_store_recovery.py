"""Putting a damaged file right, stopped at every step: the file is never missing, and the next
start finishes the job."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

import pytest

from coach.store.store import ProgressStore
from tests.records import fixed_clock, session

DAY_ONE = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
DAY_TWO = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


class Killed(BaseException):
    """Stands in for kill -9 at one exact point: nothing after it runs."""


def _damaged_store(root: Path) -> tuple[str, Path, bytes]:
    kept = session("2026-11-20T19:02:00+00:00")
    ProgressStore(root, clock=fixed_clock(DAY_ONE)).record_session(kept)
    ProgressStore(root, clock=fixed_clock(DAY_TWO)).record_session(session())
    recent = root / "sessions" / "recent.json"
    damaged = recent.read_bytes()[:-7]
    recent.write_bytes(damaged)
    return kept["id"], recent, damaged


def _replaces_in_a_recovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    _, _, _ = _damaged_store(tmp_path / "count")
    calls = []
    real = os.replace

    def counting(src: object, dst: object) -> None:
        calls.append(dst)
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", counting)
    ProgressStore(tmp_path / "count", clock=fixed_clock(DAY_TWO)).sessions()
    monkeypatch.setattr(os, "replace", real)
    return len(calls)


def test_a_recovery_killed_at_any_replace_never_leaves_the_file_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = _replaces_in_a_recovery(tmp_path, monkeypatch)
    assert steps >= 2  # the damaged bytes copied aside, then the restored copy put in place
    real = os.replace
    for kill_at in range(steps + 1):
        root = tmp_path / f"kill-{kill_at}"
        kept, recent, damaged = _damaged_store(root)
        seen: list[object] = []

        def dying(
            src: object,
            dst: object,
            kill_at: int = kill_at,
            seen: list[object] = seen,
            recent: Path = recent,
        ) -> None:
            if len(seen) == kill_at:
                raise Killed
            seen.append(dst)
            real(src, dst)  # type: ignore[arg-type]
            assert recent.is_file()

        monkeypatch.setattr(os, "replace", dying)
        with pytest.raises(Killed) if kill_at < steps else contextlib.nullcontext():
            ProgressStore(root, clock=fixed_clock(DAY_TWO)).sessions()
        monkeypatch.setattr(os, "replace", real)
        assert recent.is_file(), kill_at
        again = ProgressStore(root, clock=fixed_clock(DAY_TWO))
        assert kept in {s.id for s in again.sessions()}, kill_at
        assert damaged in [p.read_bytes() for p in recent.parent.glob("recent.json.corrupt-*")]


def test_a_set_aside_file_with_nothing_beside_it_gets_its_backup_back(tmp_path: Path) -> None:
    """What an older coach left when killed between moving the file aside and restoring it."""
    root = tmp_path / "data"
    kept, recent, damaged = _damaged_store(root)
    os.replace(recent, recent.with_name("recent.json.corrupt-20261127T090000"))
    store = ProgressStore(root, clock=fixed_clock(DAY_TWO))
    assert recent.is_file()
    assert [s.id for s in store.sessions()] == [kept]
    assert "the backup made on 2026-11-27 was put back" in store.notices[0]
