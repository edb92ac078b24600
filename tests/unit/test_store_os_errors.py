"""Plain OS errors in the store (permission, read-only, no space, a linked lock) are one calm
sentence naming the path; a read-only data folder can still be read.

The tests run as root, whom permissions do not stop, so the errors are raised by stand-ins for
the os functions, exactly as the kernel would raise them.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from coach.errors import CoachError
from coach.records import Card
from coach.store.store import ProgressStore
from tests.records import card, fixed_clock, session

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _filled(root: Path) -> ProgressStore:
    store = ProgressStore(root, clock=fixed_clock())
    store.record_session(session())
    store.keep_card(Card.model_validate(card()))
    store.set_setting("theme", "high-contrast")
    store.close()
    return store


def _refusing(code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every call that would change the disk fails with `code`, as on a read-only mount."""

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code), str(args[0]) if args else None)

    real_open = os.open

    def opening(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & WRITE_FLAGS:
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", opening)
    for name in ("replace", "rename", "mkdir", "chmod", "unlink", "utime", "rmdir", "fchmod"):
        monkeypatch.setattr(os, name, fail)


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_a_read_only_data_folder_can_still_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    root = tmp_path / "data"
    _filled(root)
    (root / ".lock").unlink()  # a copy of a folder, mounted read-only, with no lock in it
    _refusing(code, monkeypatch)
    store = ProgressStore(root, clock=fixed_clock())
    assert len(store.sessions()) == 1
    assert len(store.cards()) == 1
    assert store.preferences().theme == "high-contrast"
    assert store.drafts() == []
    store.tally()
    with pytest.raises(CoachError) as refused:
        store.record_session(session())
    message = str(refused.value)
    assert str(root) in message and "could not be saved" in message
    assert "Traceback" not in message


def test_no_space_while_making_a_folder_is_a_calm_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    store = ProgressStore(root, clock=fixed_clock())

    def full(path: Any, *args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(os, "mkdir", full)
    with pytest.raises(CoachError, match="the disk is full") as refused:
        store.record_session(session())
    assert "sessions" in str(refused.value)


def test_a_sessions_folder_that_cannot_be_read_is_a_calm_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    _filled(root)
    real_open = os.open

    def denied(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).startswith(str(root / "sessions")):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    store = ProgressStore(root, clock=fixed_clock())
    with pytest.raises(CoachError, match="coach is not allowed to read it") as refused:
        store.sessions()
    assert "sessions/recent.json" in str(refused.value)
    assert store.preferences().theme == "high-contrast"  # the rest still reads


def test_a_lock_that_is_a_link_is_refused_and_its_target_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "data"
    _filled(root)
    target = tmp_path / "precious.txt"
    target.write_text("do not truncate me")
    (root / ".lock").unlink()
    (root / ".lock").symlink_to(target)
    store = ProgressStore(root, clock=fixed_clock())
    assert len(store.sessions()) == 1  # reading needs no lock
    with pytest.raises(CoachError, match="is a link") as refused:
        store.record_session(session())
    assert str(root / ".lock") in str(refused.value)
    assert target.read_text() == "do not truncate me"
