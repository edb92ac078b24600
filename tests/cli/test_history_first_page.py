"""`coach history`'s first page through the fast path and the quick look (coach.store.glance):
the same lines as the Typer app, in the store's exact order, without the record models once the
files were checked, and a month changed since it was checked still caught and set aside."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import fast
from coach.cli.app import app as coach_app
from coach.records import Session
from coach.store import glance, migrate
from coach.store.store import ProgressStore
from tests.cli.test_light_commands import _modules_after
from tests.records import session

START = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)
EDGES = ["2026-03-01T00:30:00+14:00", "2026-02-28T20:00:00-10:00", "2026-02-28T09:00:00+00:00"]


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    """25 sessions a day apart from 1 September (20 filed by month, 5 in recent.json), and three
    across a month's edge in far-apart time zones."""
    store = ProgressStore(data_dir)
    filed = [session(START + dt.timedelta(days=i)) for i in range(20)]
    filed += [session(stamp, exercise="core/box-breathing") for stamp in EDGES]
    store.add_sessions([Session.model_validate(s) for s in filed])
    for i in range(20, 25):
        store.record_session(session(START + dt.timedelta(days=i), note=f"day {i}"))
    return store


@pytest.mark.parametrize(
    "args",
    [
        ["history"],
        ["history", "--limit", "3"],
        ["history", "--limit", "26"],
        ["history", "--since", "2026-09-10"],
        ["history", "--exercise", "box-breathing", "--limit", "2"],
        ["history", "--exercise", "core/five-senses", "--limit", "5"],
    ],
    ids=" ".join,
)
def test_the_fast_path_prints_what_the_store_and_the_typer_app_print(
    args: list[str],
    store: ProgressStore,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert fast.run(args) is True  # the first run checks the files and keeps their digests
    first = capsys.readouterr()
    assert fast.run(args) is True
    again = capsys.readouterr()
    typer_run = CliRunner().invoke(coach_app, args)
    assert first.out == again.out == typer_run.stdout and " 2026 " in first.out
    assert first.err == again.err == typer_run.stderr == ""

    def refuse(*_: object) -> None:
        raise glance.NotVouched("read through the store")

    monkeypatch.setattr(glance.Glance, "__init__", refuse)
    assert fast.run(args) is True
    assert capsys.readouterr().out == first.out


def test_a_session_file_with_no_sessions_table_reads_as_none(
    store: ProgressStore, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "sessions" / "recent.json").write_bytes(b"{}")
    for _ in range(2):  # checked, then read by its digest
        assert fast.run(["history", "--limit", "1"]) is True
        out = capsys.readouterr().out
        assert "Sun 20 Sep 2026" in out and "22 older sessions are not shown" in out


@pytest.mark.parametrize("since", [None, dt.date(2026, 2, 28), dt.date(2026, 9, 20)])
def test_the_quick_look_keeps_the_stores_exact_order_and_count(
    store: ProgressStore, data_dir: Path, since: dt.date | None
) -> None:
    look = glance.Glance(data_dir)
    assert [doc["id"] for doc in look.newest(since)] == [s.id for s in store.ordered(since=since)]
    store.tally()  # the store's tally cache, which the count reads
    assert look.count() == store.tally().sessions == 28
    assert glance.STORE_VERSION == migrate.CURRENT_VERSION


def test_a_checked_folder_shows_its_first_page_without_pydantic_or_typer(
    store: ProgressStore, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the first run checks the files and keeps their digests: the same code here, without a
    # process of its own; the second, in a fresh process, is the one whose modules are counted
    assert fast.run(["history"]) is True
    assert " 2026 " in capsys.readouterr().out
    out, modules = _modules_after(["history", "--limit", "3"], data_dir)
    assert out.count(" 2026 ") == 3 and "25 older sessions are not shown" in out
    heavy = {"pydantic", "pydantic_core", "typer", "coach.records", "tinydb", "coach.store.store"}
    assert not heavy & modules


@pytest.mark.parametrize("keep_stamp", [False, True], ids=["edited", "edited-same-size-and-time"])
def test_a_month_changed_after_it_was_checked_is_caught_and_set_aside(
    store: ProgressStore, data_dir: Path, capsys: pytest.CaptureFixture[str], keep_stamp: bool
) -> None:
    assert fast.run(["history"]) is True
    capsys.readouterr()
    month = data_dir / "sessions" / "2026-09.json"
    before = month.stat()
    raw = month.read_bytes()
    month.write_bytes(raw.replace(b'"completed"', b'"half-done"', 1))
    if keep_stamp:
        os.utime(month, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert fast.run(["history"]) is True
    seen = capsys.readouterr()
    assert "2026-09.json could not be read" in seen.err
    assert list(month.parent.glob("2026-09.json.corrupt-*"))
    assert "half-done" not in month.read_text()


def test_an_encrypted_or_other_version_folder_is_read_through_the_store(
    store: ProgressStore, data_dir: Path
) -> None:
    meta = data_dir / "meta.json"
    tables = json.loads(meta.read_text())
    next(iter(tables["meta"].values()))["schema_version"] = 2
    meta.write_text(json.dumps(tables))
    with pytest.raises(glance.NotVouched):
        glance.Glance(data_dir)
    (data_dir / "key.json").write_text("{}")
    with pytest.raises(glance.NotVouched):
        glance.Glance(data_dir)
