"""The therapist's side: packs to hand out, plans, reports a person shares, and session prep."""

from __future__ import annotations

import datetime as dt
import json
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.core.plan import this_week
from coach.packs.library import Library
from coach.packs.loader import load_pack
from coach.records import Session
from coach.store.store import ProgressStore
from tests.conftest import FIXTURES
from tests.packs import dump, pack_data
from tests.records import card, session, session_record

runner = CliRunner()
PLAN_PACK = FIXTURES / "packs" / "clinic-plan.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(coach_app, list(args))
    return result.exit_code, result.stdout, result.stderr


def pack_file(tmp_path: Path, version: str, name: str = "clinic.yaml", **changes: object) -> Path:
    text = PLAN_PACK.read_text().replace('version: "1.2.0"', f'version: "{version}"')
    for old, new in changes.items():
        text = text.replace(old.replace("_", " "), str(new))
    path = tmp_path / version / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# ---- packs --------------------------------------------------------------------------------------


def test_install_upgrade_and_remove_keep_history(tmp_path: Path, data_dir: Path) -> None:
    code, out, _ = run("pack", "install", str(pack_file(tmp_path, "1.0.0")))
    assert (
        code == 0
        and out.strip() == "Installed Tuesday group (clinic), version 1.0.0, with 2 exercises."
    )
    installed = data_dir / "packs" / "clinic.yaml"
    assert stat.S_IMODE(installed.stat().st_mode) == 0o600
    ProgressStore(data_dir).record_session(
        session(exercise="clinic/walk", exercise_title="Mindful walk")
    )

    code, out, _ = run("pack", "install", str(pack_file(tmp_path, "1.1.0")))
    assert (
        code == 0
        and out.strip()
        == "Upgraded Tuesday group (clinic) from version 1.0.0 to 1.1.0. Your history is kept."
    )
    code, out, _ = run("pack", "install", str(pack_file(tmp_path, "1.1.0")))
    assert out.strip() == "Tuesday group (clinic) 1.1.0 is already installed; nothing changed."

    code, _, err = run("pack", "install", str(pack_file(tmp_path, "0.9.0")))
    assert code == 1 and "older than the installed 1.1.0. To install it anyway, add --force." in err
    assert load_pack(installed).version == "1.1.0"
    assert run("pack", "install", "--force", str(pack_file(tmp_path, "0.9.0")))[0] == 0

    code, out, _ = run("pack", "remove", "clinic")
    assert code == 0 and "Your history of its exercises stays." in out
    assert not installed.exists()
    assert [s.exercise for s in ProgressStore(data_dir).sessions()] == ["clinic/walk"]
    _, out, _ = run("history", "--json")
    assert json.loads(out)["sessions"][0]["exercise_title"] == "Mindful walk"


def test_an_invalid_pack_installs_nothing_and_names_every_problem(
    tmp_path: Path, data_dir: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(dump(pack_data(title="t" * 81, version=2)))
    code, _, err = run("pack", "install", str(bad))
    assert code == 1
    assert (
        f"{bad}:3: title: must be at most 80 characters" in err
        and f"{bad}:4: version: must be text" in err
    )
    assert not (data_dir / "packs").exists() or not list((data_dir / "packs").iterdir())


def test_a_built_in_id_cannot_be_taken_or_removed(tmp_path: Path) -> None:
    mine = tmp_path / "core.yaml"
    mine.write_text(dump(pack_data(id="core")))
    code, _, err = run("pack", "install", str(mine))
    assert code == 1 and "belongs to a pack that comes with coach" in err
    code, _, err = run("pack", "remove", "core")
    assert code == 1 and "comes with coach and cannot be removed" in err
    code, _, err = run("pack", "remove", "nothing")
    assert code == 1 and "No installed pack is called 'nothing'" in err


def test_pack_list(tmp_path: Path) -> None:
    assert run("pack", "install", str(pack_file(tmp_path, "1.2.0")))[0] == 0
    code, out, _ = run("pack", "list", "--json")
    packs = {p["id"]: p for p in json.loads(out)}
    assert code == 0 and set(packs) == {"core", "clinic"}
    clinic = packs["clinic"]
    assert (
        clinic["title"],
        clinic["version"],
        clinic["author"],
        clinic["exercises"],
        clinic["origin"],
    ) == (
        "Tuesday group",
        "1.2.0",
        "Riverside Clinic",
        2,
        "installed",
    )
    assert clinic["plan"][0] == {
        "exercise": "clinic/walk",
        "per_week": 3,
        "from": None,
        "until": None,
        "note": "Before work, if you can.",
    }
    code, out, _ = run("pack", "list")
    assert "Tuesday group" in out and "walk 3x a week" in out


def test_pack_new_writes_a_starter_that_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("pack", "new", "evening-skills")
    assert code == 0 and "Wrote evening-skills.yaml" in out
    written = tmp_path / "evening-skills.yaml"
    text = written.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    pack = load_pack(written)
    assert (
        pack.id == "evening-skills"
        and pack.plan
        and len({s.type for e in pack.exercises for s in e.steps}) >= 6
    )
    assert run("validate", str(written))[0] == 0
    code, _, err = run("pack", "new", "evening-skills")
    assert code == 1 and "is already there; nothing was written" in err
    code, _, err = run("pack", "new", "Bad Id")
    assert code == 1 and "cannot be a pack id" in err


# ---- plans ----------------------------------------------------------------------------------------


def _plan_library() -> Library:
    return Library.load(None, [PLAN_PACK])


@pytest.mark.parametrize(
    ("started", "counts"),
    [
        ("2026-11-23T00:00:00+00:00", True),  # Monday, first minute
        ("2026-11-29T23:59:00+00:00", True),  # Sunday, last minute
        ("2026-11-22T23:59:00+00:00", False),  # the Sunday before
        ("2026-11-30T00:00:00+00:00", False),  # next Monday
        ("2026-11-29T23:30:00-08:00", True),  # Sunday night in Los Angeles, Monday in UTC
        ("2026-11-23T00:30:00+09:00", True),  # Monday morning in Tokyo, Sunday in UTC
        ("2026-11-22T23:30:00-01:00", False),  # Sunday night where it was lived
    ],
)
def test_plan_weeks_run_monday_to_sunday_as_lived(started: str, counts: bool) -> None:
    record = session_record(started, exercise="clinic/walk")
    progress = this_week(_plan_library(), [record], dt.date(2026, 11, 25))
    walk = next(p for p in progress if p.exercise == "clinic/walk")
    assert walk.done == (1 if counts else 0)


def test_plan_counts_only_completed_sessions_and_respects_dates() -> None:
    records = [
        session_record("2026-11-24T10:00:00+00:00", exercise="clinic/walk"),
        session_record("2026-11-24T11:00:00+00:00", exercise="clinic/walk", status="ended-early"),
    ]
    progress = {p.exercise: p for p in this_week(_plan_library(), records, dt.date(2026, 11, 25))}
    assert (
        progress["clinic/walk"].done == 1 and progress["clinic/walk"].words() == "1 of 3 this week"
    )
    assert progress["clinic/ask"].words() == "suggested once this week"
    later = {p.exercise for p in this_week(_plan_library(), records, dt.date(2027, 1, 5))}
    assert later == {"clinic/walk"}  # the second entry ends on 2026-12-31


def test_coach_plan_json(tmp_path: Path, data_dir: Path) -> None:
    assert run("pack", "install", str(pack_file(tmp_path, "1.2.0")))[0] == 0
    ProgressStore(data_dir).record_session(
        session(dt.datetime.now().astimezone(), exercise="clinic/walk")
    )
    code, out, _ = run("plan", "--json")
    plan = json.loads(out)
    walk = next(p for p in plan["plan"] if p["exercise"] == "clinic/walk")
    assert code == 0 and (walk["done_this_week"], walk["per_week"]) == (1, 3)
    _, out, _ = run("plan")
    assert "Mindful walk: 1 of 3 this week" in out and "streak" not in out.lower()


# ---- the shared report ----------------------------------------------------------------------------


@pytest.fixture
def practice(tmp_path: Path, data_dir: Path) -> ProgressStore:
    assert run("pack", "install", str(pack_file(tmp_path, "1.2.0")))[0] == 0
    store = ProgressStore(data_dir)
    monday = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    records = []
    for i in range(8):
        records.append(
            session(
                monday + dt.timedelta(days=2 * i),
                exercise="clinic/walk",
                exercise_title="Mindful walk",
                distress_before=8 - i % 3,
                distress_after=4,
                note=("<script>alert('x')</script> & more" if i == 0 else f"note {i}"),
                bring_to_session=i in (0, 3),
            )
        )
    store.add_sessions([Session.model_validate(r) for r in records])
    store.keep_card(card(title="My <b>script</b>", text="When plans change, I feel <i>upset</i>."))
    return store


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_html_report_is_self_contained_and_escapes_text(
    practice: ProgressStore, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    code, _, err = run(
        "export",
        "--format",
        "html",
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-30",
        "--out",
        str(out),
    )
    assert code == 0
    assert (
        "This will include 8 sessions (01 Nov 2026 to 30 Nov 2026), 2 notes marked for your next "
        "session (other notes stay private), and 1 kept card. To share every note, add --all-notes."
        in err
    )
    assert "note 3" in out.read_text() and "note 1" not in out.read_text()
    code, _, err = run("export", "--format", "html", "--all-notes", "--out", str(out), "--force")
    assert code == 0 and "8 notes, and 1 kept card." in err and "--all-notes" not in err
    html = out.read_text()
    assert "note 1" in html
    parsed = Collect()
    parsed.feed(html)
    assert "svg" in parsed.tags and "polyline" in parsed.tags
    assert "script" not in parsed.tags and "b" not in parsed.tags and "i" not in parsed.tags
    assert not any(
        value and ("http:" in value or "https:" in value)
        for name, value in parsed.attrs
        if name != "xmlns"
    )
    assert not any(tag in parsed.tags for tag in ("link", "img", "iframe", "object"))
    text = "".join(parsed.text)
    assert "<script>alert('x')</script> & more" in text  # shown as text
    assert "My <b>script</b>" in text and "When plans change, I feel <i>upset</i>." in text
    assert "Mindful walk" in text and "8 of 15 suggested" not in text
    plan_row = next(
        line
        for line in html.splitlines()
        if '<tr><td>Mindful walk</td><td class="num">8</td>' in line
    )
    # counted from the first walk (02 Nov), never a total suggested that reads as what was missed
    assert plan_row.endswith("<td>3 times a week</td><td>02 Nov 2026</td></tr>")


def test_no_notes_and_only_flagged_notes(practice: ProgressStore, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    code, _, err = run("export", "--format", "md", "--only-flagged-notes", "--out", str(out))
    assert code == 0 and "2 notes marked for your next session" in err
    text = out.read_text()
    assert "note 3" in text and "note 1" not in text and "note 2" not in text
    code, _, err = run(
        "export", "--format", "html", "--no-notes", "--out", str(tmp_path / "r.html")
    )
    assert code == 0 and "no notes" in err
    html = (tmp_path / "r.html").read_text()
    assert "note 3" not in html and "alert" not in html
    code, out_json, _ = run("export", "--no-notes")
    assert all(s["note"] is None for s in json.loads(out_json)["sessions"])
    code, _, err = run("export", "--no-notes", "--only-flagged-notes")
    assert code == 2


def test_csv_and_markdown_carry_the_same_content(practice: ProgressStore, tmp_path: Path) -> None:
    import csv
    import io

    _, md, _ = run("export", "--format", "md")
    assert (
        "| Mindful walk | 8 | 3 times a week | 02 Nov 2026 |" in md
        and "## Where your rating dropped most" in md
        and "## Kept cards" in md
    )
    assert "\\<script\\>" in md
    _, text, _ = run("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    plan = next(r for r in rows if r["kind"] == "plan")
    assert (plan["title"], plan["done"], plan["suggested"]) == ("Mindful walk", "8", "")
    assert {r["kind"] for r in rows} >= {
        "plan",
        "exercise",
        "dropped-most",
        "rating",
        "note",
        "card",
    }


def test_the_json_export_carries_the_plan_for_the_report(practice: ProgressStore) -> None:
    _, out, _ = run("export")
    document = json.loads(out)
    assert document["x-plan"][0]["exercise"] == "clinic/walk"


# ---- the therapist's view -------------------------------------------------------------------------


def _shared(practice: ProgressStore, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.json"
    assert run("export", "--out", str(path))[0] == 0
    return path


def test_report_on_one_file(practice: ProgressStore, tmp_path: Path, data_dir: Path) -> None:
    shared = _shared(practice, tmp_path, "alex")
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    code, out, _ = run("report", str(shared))
    assert code == 0
    assert "alex" in out and "02 Nov 2026 to 16 Nov 2026: 8 sessions, 8 completed." in out
    assert "Mindful walk: done 8 times; suggested 3 times a week" in out and "of 9" not in out
    flat = " ".join(out.split())
    assert "Average distress before: 7.2 in the first half, 7.0 in the second" in flat
    assert "<script>alert('x')</script> & more" in out and "note 3" in out and "note 2" not in out
    after = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert before == after  # the report reads; it never writes


def test_report_on_many_files_is_one_line_each(practice: ProgressStore, tmp_path: Path) -> None:
    files = [_shared(practice, tmp_path, name) for name in ("alex", "sam")]
    code, out, _ = run("report", *map(str, files))
    lines = [line for line in out.splitlines() if line.startswith(("alex", "sam"))]
    assert code == 0 and len(lines) == 2 and "Mindful walk: 8" in lines[0] and "8/9" not in out
    _, out, _ = run("report", "--json", *map(str, files))
    assert [r["file"] for r in json.loads(out)] == ["alex", "sam"]


def test_report_refuses_a_file_that_is_not_an_export_calmly(tmp_path: Path) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text('{"format": "something-else"}')
    code, _, err = run("report", str(odd))
    assert code == 1 and "cannot be read as a coach export" in err and "Traceback" not in err


# ---- session prep ---------------------------------------------------------------------------------


def test_prep_brings_only_the_flagged_notes(practice: ProgressStore, tmp_path: Path) -> None:
    code, out, _ = run("prep", "--since", "2026-11-01")
    assert code == 0
    assert "alert" in out and "note 3" in out
    for i in (1, 2, 4, 5, 6, 7):
        assert f"note {i}" not in out
    assert "The hardest moments" in out and "8 before" in out
    target = tmp_path / "prep.md"
    assert run("prep", "--since", "2026-11-01", "--out", str(target))[0] == 0
    text = target.read_text()
    assert text.startswith("# For my next session") and "note 3" in text and "note 4" not in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# ---- dates across years ---------------------------------------------------------------------------


def _two_years() -> list[dict[str, object]]:
    return [
        session("2017-03-13T10:00:00+00:00", note="the old one", bring_to_session=True),
        session("2026-11-20T19:02:00+00:00", note="the new one", bring_to_session=True),
    ]


def test_dates_show_their_year_when_the_range_spans_years(data_dir: Path, tmp_path: Path) -> None:
    store = ProgressStore(data_dir)
    store.add_sessions([Session.model_validate(r) for r in _two_years()])
    code, out, _ = run("history")
    assert code == 0 and "Mon 13 Mar 2017" in out and "Fri 20 Nov 2026" in out
    code, out, _ = run("prep", "--since", "2017-01-01")
    assert code == 0 and "01 Jan 2017 to " in out
    assert "Mon 13 Mar 2017, 10:00, 5-4-3-2-1" in out and "Fri 20 Nov 2026, 19:02, 5-4-3-2-1" in out
    written = tmp_path / "prep.md"
    code, _, _ = run("prep", "--since", "2017-01-01", "--out", str(written))
    text = written.read_text(encoding="utf-8")
    assert code == 0 and "Mon 13 Mar 2017, 10:00" in text and "Fri 20 Nov 2026, 19:02" in text
    shared = tmp_path / "shared.json"
    shared.write_text(json.dumps({"format": "coach-export/1", "sessions": _two_years()}))
    code, out, _ = run("report", str(shared))
    assert code == 0 and "13 Mar 2017 to 20 Nov 2026" in out
    assert "Mon 13 Mar 2017, 5-4-3-2-1" in out and "Fri 20 Nov 2026, 5-4-3-2-1" in out


def test_a_report_from_another_year_shows_the_year_of_its_notes(tmp_path: Path) -> None:
    shared = tmp_path / "shared.json"
    shared.write_text(json.dumps({"format": "coach-export/1", "sessions": _two_years()[:1]}))
    code, out, _ = run("report", str(shared))
    assert code == 0 and "Mon 13 Mar 2017, 5-4-3-2-1" in out


def test_report_names_and_skips_a_truncated_file_among_good_ones(
    practice: ProgressStore, tmp_path: Path
) -> None:
    good = _shared(practice, tmp_path, "alex")
    cut = tmp_path / "sam.json"
    cut.write_bytes(good.read_bytes()[:300])  # a download that stopped part way
    odd = json.loads(good.read_text())
    odd["x-plan"] = [{"exercise": ["?"], "per_week": 10**9, "from": "never", "installed": 3}]
    (tmp_path / "kim.json").write_text(json.dumps(odd))
    code, out, err = run("report", str(good), str(cut), str(tmp_path / "kim.json"))
    assert code == 0 and "Traceback" not in err
    assert "sam.json cannot be read as a coach export" in err and "sam.json was skipped" in err
    rows = [line.split()[0] for line in out.splitlines() if line.startswith(("alex", "kim"))]
    assert rows == ["alex", "kim"]


# ---- where ratings dropped most, with counts --------------------------------------------------

DROPPED = "Mindful walk: 3.1 points lower after than before, on average, over 8 rated sessions"


def test_report_shows_where_the_rating_dropped_most_with_its_count(
    practice: ProgressStore, tmp_path: Path
) -> None:
    code, out, _ = run("report", str(_shared(practice, tmp_path, "alex")))
    flat = " ".join(out.split())
    assert code == 0
    assert "Where your rating dropped most" in out and DROPPED in flat
    assert "not what caused it" in flat
    assert "helps you most" not in flat.lower() and "what helped" not in flat.lower()


def test_prep_in_the_terminal_shows_where_the_rating_dropped_most(
    practice: ProgressStore,
) -> None:
    code, out, _ = run("prep", "--since", "2026-11-01")
    flat = " ".join(out.split())
    assert code == 0
    assert "Where your rating dropped most" in out and DROPPED in flat
    assert "not what caused it" in flat
