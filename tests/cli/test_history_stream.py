"""`coach history` at length: the newest that fit, --limit and --all, and JSON a record a line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.records import Session
from coach.store.store import ProgressStore
from tests.records import session

runner = CliRunner()
START = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(coach_app, list(args))
    return result.exit_code, result.stdout


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    """25 sessions, one a day from 1 September, across two month files and recent.json."""
    store = ProgressStore(data_dir)
    store.add_sessions(
        [Session.model_validate(session(START + dt.timedelta(days=i))) for i in range(20)]
    )
    for i in range(20, 25):
        store.record_session(session(START + dt.timedelta(days=i), note=f"day {i}"))
    return store


def _rows(out: str) -> list[str]:
    return [line for line in out.splitlines() if " 2026 " in line]


def test_history_shows_the_newest_twenty_and_says_how_to_see_the_rest(store: ProgressStore) -> None:
    code, out = run("history")
    rows = _rows(out)
    assert code == 0 and len(rows) == 20
    assert rows[0].startswith("Fri 25 Sep 2026") and rows[-1].startswith("Sun 06 Sep 2026")
    assert "5 older sessions are not shown. Add --limit 25 to see more, or --all" in out


def test_limit_and_all(store: ProgressStore) -> None:
    code, out = run("history", "--limit", "3")
    assert code == 0 and len(_rows(out)) == 3 and "22 older sessions are not shown" in out
    code, out = run("history", "--all")
    assert code == 0 and len(_rows(out)) == 25 and "not shown" not in out
    assert _rows(out)[-1].startswith("Tue 01 Sep 2026")
    code, out = run("history", "--limit", "30")
    assert code == 0 and len(_rows(out)) == 25 and "not shown" not in out
    code, out = run("history", "--exercise", "five-senses", "--limit", "24")
    assert "1 older session is not shown" in out
    assert runner.invoke(coach_app, ["history", "--limit", "3", "--all"]).exit_code == 2


def test_history_json_is_one_record_a_line_and_the_same_content(store: ProgressStore) -> None:
    code, out = run("history", "--json")
    assert code == 0
    assert json.loads(out) == {"sessions": [s.as_record() for s in store.sessions()]}
    lines = out.splitlines()
    assert len(lines) == 25 + 2 and all(json.loads(line.rstrip(","))["id"] for line in lines[1:-1])
    assert len(json.loads(run("history", "--json", "--limit", "2")[1])["sessions"]) == 2


def test_export_json_is_one_record_a_line_oldest_first(store: ProgressStore) -> None:
    code, out = run("export", "--format", "json", "--only-flagged-notes")
    document = json.loads(out)
    assert code == 0 and document["format"] == "coach-export/1" and document["cards"] == []
    assert [s["id"] for s in document["sessions"]] == [s.id for s in reversed(store.sessions())]
    assert len(out.splitlines()) == 25 + 2
    code, out = run("export", "--format", "json", "--no-notes")
    assert {s["note"] for s in json.loads(out)["sessions"]} == {None}


def test_order_holds_across_a_month_edge_in_far_apart_time_zones(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    stamps = ["2026-03-01T00:30:00+14:00", "2026-02-28T20:00:00-10:00", "2026-02-28T09:00:00+00:00"]
    store.add_sessions([Session.model_validate(session(stamp)) for stamp in stamps])
    expected = [s.id for s in store.sessions()]
    assert [s.id for s in store.ordered()] == expected
    assert [s.id for s in store.ordered(newest_first=False)] == expected[::-1]


def test_a_tampered_month_is_still_caught_when_history_streams(
    store: ProgressStore, data_dir: Path
) -> None:
    month = data_dir / "sessions" / "2026-09.json"
    tables = json.loads(month.read_text())
    next(iter(tables["sessions"].values()))["status"] = "half done"
    month.write_text(json.dumps(tables))
    result = runner.invoke(coach_app, ["history", "--all"])
    assert result.exit_code == 0 and "2026-09.json could not be read" in result.stderr
    assert list(month.parent.glob("2026-09.json.corrupt-*"))
