"""history, stats, export, import, backup and doctor, as a person runs them."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.store.store import ProgressStore
from tests.records import card, session

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(coach_app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    """A store with three sessions: two of five-senses (one ended early), one of saying-no."""
    store = ProgressStore(data_dir)
    store.record_session(
        session(
            "2026-11-02T09:00:00+00:00",
            distress_before=8,
            distress_after=3,
            note="Before the meeting",
        )
    )
    store.record_session(
        session(
            "2026-11-10T20:00:00+00:00",
            distress_before=6,
            distress_after=5,
            status="ended-early",
            bring_to_session=False,
            note=None,
        )
    )
    store.record_session(
        session(
            "2026-11-20T19:00:00+00:00",
            exercise="core/saying-no",
            exercise_title="Say no and hold it",
            skill="boundaries",
            distress_before=5,
            distress_after=None,
        )
    )
    store.keep_card(card())
    return store


def test_history_json_is_the_export_records_newest_first(store: ProgressStore) -> None:
    code, out, _ = run("history", "--json")
    assert code == 0
    assert json.loads(out) == {"sessions": [s.as_record() for s in store.sessions()]}
    assert [s["started"][:10] for s in json.loads(out)["sessions"]] == [
        "2026-11-20",
        "2026-11-10",
        "2026-11-02",
    ]


def test_history_filters(store: ProgressStore) -> None:
    _, out, _ = run("history", "--since", "2026-11-05", "--json")
    assert len(json.loads(out)["sessions"]) == 2
    _, out, _ = run("history", "--exercise", "five-senses", "--json")
    assert {s["exercise"] for s in json.loads(out)["sessions"]} == {"core/five-senses"}


def test_history_table_shows_what_happened(store: ProgressStore) -> None:
    code, out, _ = run("history")
    assert code == 0
    assert "Say no and hold it" in out and "8 → 3" in out and "(saved part way)" in out
    assert "bring to session" in out


def test_a_bad_date_is_explained(store: ProgressStore) -> None:
    code, _, err = run("history", "--since", "last week")
    assert code == 2 and "is not a date like 2026-11-01" in err


def test_empty_history_and_stats_are_kind() -> None:
    _, out, _ = run("history")
    assert "Nothing here yet" in out
    _, out, _ = run("stats")
    assert "Nothing to count yet" in out


def test_stats_figures_match_the_sessions(store: ProgressStore) -> None:
    code, out, _ = run("stats", "--json")
    figures = json.loads(out)
    assert code == 0 and figures["sessions"] == 3
    five = next(e for e in figures["exercises"] if e["exercise"] == "core/five-senses")
    assert (five["count"], five["completed"], five["rated"]) == (2, 1, 2)
    assert (five["mean_before"], five["mean_after"], five["mean_drop"]) == (7.0, 4.0, 3.0)
    no = next(e for e in figures["exercises"] if e["exercise"] == "core/saying-no")
    assert (no["rated"], no["mean_drop"]) == (0, None)
    assert figures["dropped_most"] == [
        {
            "exercise": "core/five-senses",
            "title": "5-4-3-2-1: come back to the room",
            "mean_drop": 3.0,
            "sessions": 2,
        }
    ]
    weeks = {w["week_start"]: w["by_skill"] for w in figures["weeks"]}
    none = {"grounding": 0, "boundaries": 0, "regulation": 0, "other": 0}
    assert weeks == {  # Mondays; the tests run in UTC
        "2026-11-16": {**none, "boundaries": 1},
        "2026-11-09": {**none, "grounding": 1},
        "2026-11-02": {**none, "grounding": 1},
    }


def test_stats_table(store: ProgressStore) -> None:
    code, out, _ = run("stats")
    assert code == 0 and "3 sessions of practice in all." in out
    words = " ".join(out.split())  # the terminal wraps long lines
    assert "Where your rating dropped most" in words
    assert "3.0 points lower after than before, on average, over 2 rated sessions" in words
    assert "not what caused it" in words
    assert "helps" not in out.lower()


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html"])
def test_export_to_a_private_file(store: ProgressStore, tmp_path: Path, fmt: str) -> None:
    out_file = tmp_path / f"export.{fmt}"
    code, _, err = run("export", "--format", fmt, "--out", str(out_file))
    assert code == 0
    if fmt == "json":
        assert "This will include 3 sessions and 1 card, with every answer." in err
    else:
        assert (
            "This will include 3 sessions (02 Nov 2026 to 20 Nov 2026), 2 notes marked for your "
            "next session (other notes stay private), and 1 kept card. "
            "To share every note, add --all-notes." in err
        )
    assert err.strip().endswith(f"Written to {out_file}, readable by you only.")
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    text = out_file.read_text()
    if fmt == "json":
        assert json.loads(text)["sessions"][0]["started"].startswith("2026-11-02")
    elif fmt == "csv":
        assert text.splitlines()[0].startswith("kind,day,exercise")
    elif fmt == "md":
        assert text.startswith("# My practice")
    else:
        assert text.startswith("<!doctype html>")


def test_export_to_stdout_is_just_the_data(store: ProgressStore) -> None:
    code, out, err = run("export", "--since", "2026-11-15")
    assert code == 0 and err == ""
    assert len(json.loads(out)["sessions"]) == 1


def test_import_then_import_again(store: ProgressStore, tmp_path: Path, data_dir: Path) -> None:
    exported = tmp_path / "mine.json"
    run("export", "--out", str(exported))
    other = tmp_path / "other-data"
    result = runner.invoke(coach_app, ["--data-dir", str(other), "import", str(exported)])
    assert result.exit_code == 0 and result.stdout.strip() == "Imported 3 sessions and 1 card."
    result = runner.invoke(coach_app, ["--data-dir", str(other), "import", str(exported)])
    assert (
        result.stdout.strip()
        == "Imported 0 sessions and 0 cards. 4 records you already had stayed as they were."
    )


def test_a_bad_import_is_one_calm_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "coach-export/1", "sessions": [session(status="lost")]}))
    code, _, err = run("import", str(bad))
    assert code == 1 and "was not imported, and nothing was changed" in err
    assert "sessions[0]" in err and "status" in err and "Traceback" not in err


def test_backup_to_a_zip(store: ProgressStore, tmp_path: Path) -> None:
    target = tmp_path / "backup.zip"
    code, out, _ = run("backup", "--out", str(target))
    assert code == 0 and "Backed up" in out
    names = set(zipfile.ZipFile(target).namelist())
    assert {"meta.json", "cards.json", "sessions/recent.json"} <= names
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_backup_without_out_goes_in_the_backups_folder(
    store: ProgressStore, data_dir: Path
) -> None:
    code, out, _ = run("backup")
    assert code == 0
    (made,) = (data_dir / "backups" / "manual").glob("coach-backup-*.zip")
    assert str(made) in out.replace("\n", "")


def test_doctor_on_a_healthy_store(store: ProgressStore) -> None:
    code, out, _ = run("doctor")
    assert code == 0 and "Everything looks fine." in out


def test_doctor_warns_about_loose_permissions(store: ProgressStore, data_dir: Path) -> None:
    month = data_dir / "sessions" / "recent.json"
    os.chmod(month, 0o644)
    code, out, _ = run("doctor")
    assert code == 1
    assert f"{month} can be read by other users (mode 644)." in out
    assert f"chmod 600 '{month}', or coach doctor --fix" in out


def test_doctor_finds_unreadable_files_and_leftovers(store: ProgressStore, data_dir: Path) -> None:
    (data_dir / "cards.json").write_bytes(b"\x00\x00")
    (data_dir / ".settings.json.tmp-1-ab").write_bytes(b"half")
    code, out, _ = run("doctor", "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    messages = [f["message"] for f in report["findings"] if not f["ok"]]
    assert any(m.startswith("cards.json cannot be read") for m in messages)
    assert any("unfinished temp file" in m for m in messages)
    assert (data_dir / "cards.json").read_bytes() == b"\x00\x00"  # doctor changes nothing


def test_doctor_without_a_data_folder(tmp_path: Path) -> None:
    result = runner.invoke(coach_app, ["--data-dir", str(tmp_path / "none"), "doctor"])
    assert result.exit_code == 0 and "No data folder yet" in result.stdout
    assert not (tmp_path / "none").exists()


def test_a_repaired_file_is_announced_on_stderr(store: ProgressStore, data_dir: Path) -> None:
    (data_dir / "cards.json").write_bytes(b"garbage")
    code, _, err = run("history", "--json")
    assert code == 0 and "cards.json could not be read" not in err  # history does not read cards
    code, out, err = run("export")
    assert code == 0 and "cards.json could not be read (the file is not valid JSON" in err
    assert json.loads(out)["cards"] == []


def test_history_never_sends_control_characters_to_the_terminal(tmp_path: Path) -> None:
    record = session(exercise_title="Title\x1b[2J\x1b]0;pwned\x07", note="note\x1b[31m red")
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"format": "coach-export/1", "sessions": [record]}))
    assert run("import", str(path))[0] == 0
    for command in (["history"], ["stats"]):
        code, out, _ = run(*command)
        assert code == 0 and "\x1b" not in out and "\x07" not in out
    _, out, _ = run("history", "--json")
    stored = json.loads(out)["sessions"][0]
    assert (stored["note"], stored["exercise_title"]) == ("note red", "Title")  # cleaned on import


def test_exporting_onto_a_folder_says_so(store: ProgressStore, tmp_path: Path) -> None:
    code, _, err = run("export", "--out", str(tmp_path))
    assert code == 1
    assert err.strip().endswith(
        f"{tmp_path} could not be written because that is a folder. Nothing was changed."
    )


def test_an_empty_data_dir_flag_means_the_usual_folder(
    store: ProgressStore, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("--data-dir", "", "history", "--json")
    assert code == 0 and len(json.loads(out)["sessions"]) == 3
    assert not (tmp_path / "meta.json").exists()


def test_doctor_fix_mends_and_then_says_what_is_left(store: ProgressStore, data_dir: Path) -> None:
    os.chmod(data_dir / "sessions" / "recent.json", 0o644)
    (data_dir / "cards.json").write_bytes(b"\x00")
    code, out, _ = run("doctor", "--fix")
    assert "readable by you only" in out and "cards.json could not be read" in out
    assert code == 1  # the unreadable file, set aside, is for the person to look at
    assert "is a file coach could not read and set aside" in out
    code, out, _ = run("doctor")
    assert "can be read by other users" not in out


def test_an_import_with_a_rating_off_its_scale_is_refused(data_dir: Path, tmp_path: Path) -> None:
    record = session(exercise="core/box-breathing", distress_before=1000000)
    path = tmp_path / "off.json"
    path.write_text(json.dumps({"format": "coach-export/1", "sessions": [record]}))
    code, _, err = run("import", str(path))
    assert code == 1 and "was not imported, and nothing was changed" in err
    expected = (
        f"sessions[0] (id {record['id']}): distress_before 1000000 is outside the 0 to 10 scale "
        "of core/box-breathing"
    )
    assert expected in " ".join(err.split())
    assert ProgressStore(data_dir).sessions() == []
