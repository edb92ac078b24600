"""`coach plan` from the library index and the week's session files: the same lines as the store
and the packs say, no pydantic or store when both are plainly in order, and every store check
kept for whatever is not."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from coach.core.plan import done_this_week, monday_of
from coach.records import Session
from coach.store.store import ProgressStore
from coach.store.week import week_done
from tests.cli.light_runs import run, warm_runs
from tests.conftest import FIXTURES
from tests.records import session

PLAN_PACK = FIXTURES / "packs" / "clinic-plan.yaml"


def practised(data_dir: Path) -> ProgressStore:
    """The plan pack installed, and sessions this week, last week and next door in the files."""
    (data_dir / "packs").mkdir(parents=True)
    shutil.copy(PLAN_PACK, data_dir / "packs" / "clinic.yaml")
    store = ProgressStore(data_dir)
    now = dt.datetime.now().astimezone().replace(microsecond=0)
    monday = now - dt.timedelta(days=now.weekday())
    older = [
        session(monday - dt.timedelta(days=1), exercise="clinic/walk"),  # the Sunday before
        session(monday + dt.timedelta(minutes=1), exercise="clinic/walk"),
        session(monday + dt.timedelta(minutes=2), exercise="clinic/walk", status="ended-early"),
        session(monday + dt.timedelta(minutes=3), exercise="clinic/ask"),
    ]
    store.add_sessions([Session.model_validate(r) for r in older])  # into their month files
    store.record_session(session(now, exercise="clinic/walk"))  # into recent.json
    return store


def this_month(data_dir: Path) -> Path:
    """This week's Monday's month file, with the store that filed it closed."""
    store = practised(data_dir)
    store.close()
    return data_dir / "sessions" / f"{monday_of(store.clock().date()):%Y-%m}.json"


def test_the_light_count_is_the_stores(data_dir: Path) -> None:
    store = practised(data_dir)
    today = store.clock().date()
    monday = monday_of(today)
    assert week_done(data_dir, monday) == done_this_week(store.sessions(since=monday), today)
    assert week_done(data_dir, monday) == {"clinic/walk": 2, "clinic/ask": 1}


@pytest.mark.parametrize("args", [["plan"], ["plan", "--json"]])
def test_a_warm_plan_says_what_the_store_says(
    args: list[str],
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    practised(data_dir)
    from coach.store import week

    with monkeypatch.context() as patched:  # the store's count
        patched.setattr(week, "week_done", lambda root, monday: None)
        from_store = run(args, capsys)
    assert run(args, capsys) == from_store  # the index written, then the files read
    assert run(args, capsys) == from_store
    assert "2 of 3 this week" in from_store[0] or '"done_this_week": 2' in from_store[0]


def test_a_warm_plan_opens_neither_store_nor_pydantic(data_dir: Path) -> None:
    """`plan`, then `plan --json`, warm, in one fresh process."""
    practised(data_dir)
    commands = [["plan"], ["plan", "--json"]]
    for args, (out, modules) in zip(commands, warm_runs(commands, data_dir), strict=True):
        assert "Mindful walk" in out, (args, out)
        assert not {"pydantic", "tinydb", "filelock", "typer", "coach.records"} & modules, args


def test_a_damaged_week_file_goes_to_the_store_which_puts_it_right(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    month = this_month(data_dir)
    month.write_text('{"sessions": {"1": {"id": 5}}}')
    assert week_done(data_dir, monday_of(dt.date.today())) is None
    _, err = run(["plan"], capsys)
    assert "could not be read" in err
    assert any(".corrupt-" in p.name for p in month.parent.iterdir())


def test_a_tampered_file_the_light_count_reads_is_still_caught_by_the_store(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    month = this_month(data_dir)
    tables = json.loads(month.read_text())
    next(iter(tables["sessions"].values()))["distress_before"] = "lots"
    month.write_text(json.dumps(tables))
    run(["plan"], capsys)  # counted from the files; nothing marked as checked
    assert not any(".corrupt-" in p.name for p in month.parent.iterdir())
    ProgressStore(data_dir).sessions()
    assert any(".corrupt-" in p.name for p in month.parent.iterdir())


@pytest.mark.parametrize("leftover", [".batch-journal", "2026-11.json.staged-ab12", "x.tmp-1"])
def test_anything_cut_short_goes_to_the_store(data_dir: Path, leftover: str) -> None:
    practised(data_dir)
    (data_dir / "sessions" / leftover).write_text("{}")
    assert week_done(data_dir, monday_of(dt.date.today())) is None


def test_a_store_from_a_newer_coach_is_still_refused(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practised(data_dir).close()
    (data_dir / "meta.json").write_text('{"meta": {"1": {"schema_version": 99}}}')
    _, err = run(["plan"], capsys)
    assert "newer coach" in err
