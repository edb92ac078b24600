"""A big import is one change: all its months or none, one sync of the disk, and the shortcuts
that keep it quick (a file with nothing to clean, timestamps checked in pydantic's core) refuse
and clean exactly what the slow way did."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from coach.export.cleaning import cleaning_needed
from coach.export.importer import ImportRefused, import_file
from coach.records import Timestamp, _timestamp
from coach.store.store import ProgressStore
from coach.text import clean
from tests.killing import killed_at_every_point
from tests.records import fixed_clock, session

DAY = fixed_clock(dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC))
MONTHS = [f"2025-{m:02d}-09T10:00:00+00:00" for m in range(1, 13)]


def _export(path: Path, sessions: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps({"format": "coach-export/1", "sessions": sessions}))
    return path


def _filled(root: Path) -> set[str]:
    store = ProgressStore(root, clock=DAY)
    store.record_session(session("2025-03-01T08:00:00+00:00"))
    store.add_sessions([])  # nothing to add writes nothing
    import_file(store, _export(root.parent / "first.json", [session(MONTHS[2])]))
    return store.session_ids()


def test_a_killed_import_leaves_all_its_months_or_none(tmp_path: Path) -> None:
    start = tmp_path / "start"
    before = _filled(start)
    export = [session(started) for started in MONTHS]
    wanted = {record["id"] for record in export}
    path = _export(tmp_path / "year.json", export)

    def importing(root: Path) -> None:
        import_file(ProgressStore(root, clock=DAY), path)

    seen = set()
    for point, root in killed_at_every_point(importing, start, tmp_path):
        store = ProgressStore(root, clock=DAY)
        ids = store.session_ids()
        assert before <= ids, f"killed at step {point}, sessions were lost"
        added = ids & wanted
        assert added in (set(), wanted), f"killed at step {point}, {len(added)} of 12 were there"
        assert store.notices == []
        assert not [p for p in (root / "sessions").iterdir() if p.name.startswith(".")]
        seen.add(bool(added))
        assert import_file(store, path).sessions_added == len(wanted - added)
        assert wanted <= store.session_ids()
    assert seen == {False, True}  # some kills came before the change, some after


def test_an_import_of_many_months_syncs_the_disk_a_few_times_not_per_month(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(tmp_path / "data", clock=DAY)
    path = _export(
        tmp_path / "years.json",
        [session(f"20{y}-{m:02d}-09T10:00:00+00:00") for y in range(15, 25) for m in range(1, 13)],
    )
    calls = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append(fd), real(fd))[1])
    assert import_file(store, path).sessions_added == 120
    assert len(store.session_months()) == 120
    assert len(calls) <= 6  # the journal, the folders, the log of imports: not 240


def test_every_character_clean_would_change_is_noticed_in_the_file() -> None:
    """The quick look at the whole file never misses a string that needs cleaning."""
    for code in itertools.chain(range(0xD800), range(0xE000, 0x10000)):
        char = chr(code)
        if clean(char) == char and clean(char, multiline=True) == char:
            continue
        assert not char.isprintable(), hex(code)
        for ascii_only in (True, False):
            raw = json.dumps({"t": f"a{char}b"}, ensure_ascii=ascii_only).encode()
            needed = cleaning_needed(raw)
            if needed == "one-line":  # only a line break, which notes keep
                assert char == "\n" and clean(char, multiline=True) == char
            else:
                assert needed == "all", hex(code)
    plain = {"t": "plain words, café, “quoted” — and ½"}
    assert cleaning_needed(json.dumps(plain, ensure_ascii=False).encode("utf-8")) == "none"
    assert cleaning_needed(json.dumps(plain).encode("utf-8")) == "all"  # \u escapes: looked at


def test_a_file_that_needs_cleaning_is_still_cleaned(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=DAY)
    record = session(exercise_title="Box\u202e breathing\n", note="line one\nline \x1b[31mtwo")
    import_file(store, _export(tmp_path / "odd.json", [record]))
    [stored] = store.sessions()
    assert (stored.exercise_title, stored.note) == ("Box breathing ", "line one\nline two")


@pytest.mark.parametrize(
    "stamp",
    [
        f"{y}-{md}{sep}{t}{z}"
        for y, md, sep, t, z in itertools.product(
            ["1969", "1970", "2000", "2100", "2200", "2201"],
            ["02-28", "02-29", "02-30", "04-31", "12-31", "13-01", "00-10"],
            "T ",
            ["00:00", "23:59:59.123456", "24:00", "12:00:60", "12:00:59.1234567", "1\u0660:00"],
            ["", "Z", "+05:60", "+23:59:59", "+23:59:60", "+24:00", "-05:30", "+00:00\n"],
        )
    ][::7],
)
def test_timestamps_checked_in_the_core_are_the_ones_datetime_reads(stamp: str) -> None:
    try:
        _timestamp(stamp)
        expected = True
    except ValueError:
        expected = False
    try:
        TypeAdapter(Timestamp).validate_python(stamp)
        took = True
    except ValidationError:
        took = False
    assert took == expected


def test_a_refused_timestamp_still_says_why(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=DAY)
    record = session()
    record["finished"] = "2026-11-20T19:02:00"
    with pytest.raises(ImportRefused, match=r"finished: needs a UTC offset, like \+00:00"):
        import_file(store, _export(tmp_path / "naive.json", [record]))
    assert store.session_ids() == set()
