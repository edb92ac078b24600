"""The crash-safe storage: a failed write changes nothing, an unreadable file is never overwritten."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coach import files as storage  # atomic writes live in coach/files.py
from coach.files import WriteFailed
from coach.store.store import ProgressStore
from tests.records import fixed_clock, session


def files_of(root: Path) -> dict[str, bytes]:
    """Every file under the data folder (not the lock), by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if storage.TEMP_MARK in p.name]


_yesterday = fixed_clock(dt.datetime(2026, 11, 26, 20, 0, tzinfo=dt.UTC))


class FailingOs:
    """The os module, except that the `fail_at`-th call of write, fsync or replace fails."""

    def __init__(self, fail_at: int, code: int) -> None:
        self.fail_at, self.code, self.calls = fail_at, code, 0

    def _counted(self, name: str) -> Any:
        real = getattr(os, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self.fail_at:
                raise OSError(self.code, os.strerror(self.code))
            return real(*args, **kwargs)

        return call

    def __getattr__(self, name: str) -> Any:
        if name in ("write", "fsync", "replace"):
            return self._counted(name)
        return getattr(os, name)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_files_are_owner_only_whatever_the_umask(tmp_path: Path, umask_022: None) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    store.record_session(session())
    store.set_setting("theme", "dark")
    root = tmp_path / "data"
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "sessions").stat().st_mode) == 0o700
    for path in root.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_an_existing_loose_data_folder_is_made_private(tmp_path: Path, umask_022: None) -> None:
    root = tmp_path / "data"
    root.mkdir(mode=0o755)
    ProgressStore(root, clock=fixed_clock())
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EROFS])
def test_a_failing_write_fsync_or_replace_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    pristine = tmp_path / "pristine"
    # a session stored yesterday, so today's first write also makes a backup: more calls to break
    ProgressStore(pristine, clock=_yesterday).record_session(session())
    root = tmp_path / "data"
    new = session()
    failures = 0
    for fail_at in range(1, 100):
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(pristine, root)
        before = files_of(root)
        store = ProgressStore(root, clock=fixed_clock())
        failing = FailingOs(fail_at, code)
        monkeypatch.setattr(storage, "os", failing)
        try:
            store.record_session(new)
        except WriteFailed as err:
            failures += 1
            monkeypatch.setattr(storage, "os", os)
            after = files_of(root)
            backups = {k: v for k, v in after.items() if k.startswith("backups/")}
            assert {k: v for k, v in after.items() if k not in backups} == before, fail_at
            for name, copy in backups.items():  # a backup made before the failure: the old bytes
                assert copy == before[name.split("/", 2)[2]]
            assert temp_files(root) == []
            assert "could not be saved" in str(err) and "unchanged" in str(err)
            continue
        finally:
            monkeypatch.setattr(storage, "os", os)
        # no failure, or the failed call came after a rename (the folder's fsync): it stands
        assert temp_files(root) == []
        assert ProgressStore(root, clock=fixed_clock()).session(new["id"]) is not None
        if failing.calls < fail_at:
            break  # every call of the write has failed once in turn
    else:
        raise AssertionError("the write never finished")
    # the backup's write, fsync and replace, then the session file's write, fsync and replace
    assert failures == 6


def test_a_full_disk_message_is_calm_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    monkeypatch.setattr(storage, "os", FailingOs(1, errno.ENOSPC))
    with pytest.raises(WriteFailed) as caught:
        store.record_session(session())
    assert str(caught.value) == (
        "Your practice could not be saved because the disk is full. "
        "Everything saved before is unchanged."
    )


def test_after_a_failed_write_the_store_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    first = store.record_session(session())
    store.set_setting("theme", "dark")
    monkeypatch.setattr(storage, "os", FailingOs(1, errno.ENOSPC))
    with pytest.raises(WriteFailed):
        store.set_setting("theme", "light")  # an update in place: the cache must not keep it
    monkeypatch.setattr(storage, "os", os)
    assert store.setting("theme") == "dark"
    second = store.record_session(session())
    assert {s.id for s in store.sessions()} == {first.id, second.id}


CORRUPT_SHAPES = {
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "nul-filled": lambda good: b"\x00" * len(good),
    "trailing garbage": lambda good: good + b"\x00garbage}",
    "invalid utf-8": lambda good: good.replace(b"Did", b"\xff\xfeDid"),
    "wrong schema": lambda good: b'{"sessions": ["not", "documents"]}',
    "not an object": lambda good: b"[1, 2, 3]",
}


def _yesterday_and_today(root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """A session stored yesterday (so today's first write backs the file up), and one today."""
    kept = session("2026-11-20T19:02:00+00:00")
    ProgressStore(root, clock=_yesterday).record_session(kept)
    later = session("2026-11-21T19:02:00+00:00")
    ProgressStore(root, clock=fixed_clock()).record_session(later)
    return kept, later


@pytest.mark.parametrize("shape", sorted(CORRUPT_SHAPES))
def test_a_corrupt_file_is_moved_aside_and_the_backup_restored(tmp_path: Path, shape: str) -> None:
    root = tmp_path / "data"
    kept, _lost = _yesterday_and_today(root)
    recent = root / "sessions" / "recent.json"
    damaged = CORRUPT_SHAPES[shape](recent.read_bytes())
    recent.write_bytes(damaged)

    store = ProgressStore(root, clock=fixed_clock())
    assert [s.id for s in store.sessions()] == [kept["id"]]  # the backup from yesterday
    aside = list((root / "sessions").glob("recent.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    assert len(store.notices) == 1
    notice = store.notices[0]
    assert notice.startswith("sessions/recent.json could not be read (")
    assert (
        f"It was moved to {aside[0].name}, and the backup made on 2026-11-27 was put back."
        in notice
    )


def test_a_corrupt_file_without_a_backup_is_kept_aside_and_starts_fresh(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = ProgressStore(root, clock=fixed_clock())
    store.set_setting("theme", "dark")
    (root / "settings.json").write_bytes(b"{not json")
    store = ProgressStore(root, clock=fixed_clock())
    assert store.settings() == {}
    assert "there was no backup of it yet, so it starts fresh" in store.notices[0]
    aside = list(root.glob("settings.json.corrupt-*"))
    assert aside and aside[0].read_bytes() == b"{not json"
    store.set_setting("theme", "light")  # and it keeps working
    assert ProgressStore(root, clock=fixed_clock()).setting("theme") == "light"


def test_a_corrupt_file_is_never_overwritten_by_a_write(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = ProgressStore(root, clock=fixed_clock())
    store.record_session(session())
    recent = root / "sessions" / "recent.json"
    recent.write_bytes(b"\x00" * 64)
    store.record_session(session())  # the same open store, writing into the damaged file
    aside = list((root / "sessions").glob("recent.json.corrupt-*"))
    assert aside and aside[0].read_bytes() == b"\x00" * 64


def test_stale_temp_files_are_cleaned_at_start(tmp_path: Path) -> None:
    root = tmp_path / "data"
    ProgressStore(root, clock=fixed_clock()).record_session(session())
    leftovers = [root / ".settings.json.tmp-123-abcd", root / "sessions" / ".recent.json.tmp-9-ff"]
    for path in leftovers:
        path.write_bytes(b"half a write")
    ProgressStore(root, clock=fixed_clock())
    assert not any(p.exists() for p in leftovers)
