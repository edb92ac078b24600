"""The store's summary of home (store/summary.py): fresh only while every file is as it was."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from coach.core import glance
from coach.packs.index import Listed, Listing, Named, Summary
from coach.store import summary
from coach.store.store import ProgressStore
from coach.store.vault import encrypt_folder, open_codec
from tests.records import FIXED_NOW, session

KEY = glance.key([["pack.yaml", "built-in", 1, 2]], FIXED_NOW)
HOME = glance.Glance(
    "2026-11-20T19:02:00+00:00",
    recent=(glance.Practised("2026-11-20T19:02:00+00:00", "Five senses", 7, 4),),
).as_json()
LISTING = Listing(
    (
        Listed(
            "core/five-senses",
            Summary("five-senses", "Five senses", "grounding", "Senses.", 3.0, [], ["anywhere"]),
            Named("core"),
        ),
    )
)


def kept(root: Path) -> Path:
    store = ProgressStore(root)
    store.record_session(session())
    store.keep_summary(KEY, store.summary_files(), HOME)
    return root / summary.SUMMARY_CACHE


def test_a_kept_summary_is_read_back_and_private(data_dir: Path) -> None:
    path = kept(data_dir)
    assert summary.read(data_dir, KEY) == HOME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    found = glance.parse(HOME, LISTING)
    assert found is not None and found.recent[0].before == 7


def test_a_new_session_or_another_day_or_pack_makes_it_stale(data_dir: Path) -> None:
    kept(data_dir)
    assert summary.read(data_dir, {**KEY, "today": "2026-11-28"}) is None
    assert summary.read(data_dir, {**KEY, "packs": []}) is None
    ProgressStore(data_dir).record_session(session("2026-11-21T10:00:00+00:00"))
    assert summary.read(data_dir, KEY) is None


def test_a_changed_month_file_makes_it_stale(data_dir: Path) -> None:
    kept(data_dir)
    month = data_dir / "sessions" / "2020-01.json"
    month.write_text('{"sessions": {}}')
    assert summary.read(data_dir, KEY) is None


def test_a_damaged_or_hostile_summary_is_never_trusted(data_dir: Path) -> None:
    path = kept(data_dir)
    good = json.loads(path.read_bytes())
    for bad in (b"", b"{", b"[]", b"\xff\xfe", json.dumps({**good, "extra": 1}).encode()):
        path.write_bytes(bad)
        assert summary.read(data_dir, KEY) is None
    hostile = {**good["home"], "recent": [["not a time", "x", 1, 2]]}
    assert glance.parse(hostile, LISTING) is None
    assert glance.parse({**good["home"], "recent": [["2026-11-20", "x", True, 2]]}, LISTING) is None
    unknown = {**good["home"], "kept": [["gone/exercise", "Gone", "step 1 of 2"]]}
    assert glance.parse(unknown, LISTING) is None
    marked = {**good["home"], "recent": [["2026-11-20T19:02:00+00:00", "[b]x\x1b[2J", 1, 2]]}
    parsed = glance.parse(marked, LISTING)
    assert parsed is not None and "\x1b" not in parsed.recent[0].title
    path.unlink()
    os.mkfifo(path)  # never blocks on a fifo
    assert summary.read(data_dir, KEY) is None


def test_an_encrypted_folder_keeps_it_sealed(data_dir: Path) -> None:
    ProgressStore(data_dir).record_session(session())
    encrypt_folder(data_dir, "a long passphrase here")
    codec = open_codec(data_dir, "a long passphrase here")
    store = ProgressStore(data_dir, codec=codec)
    store.keep_summary(KEY, store.summary_files(), HOME)
    raw = (data_dir / summary.SUMMARY_CACHE).read_bytes()
    assert b"Five senses" not in raw
    assert summary.read(data_dir, KEY, codec) == HOME
    assert summary.read(data_dir, KEY) is None  # never read as plain
