"""Outside files and arguments coach refuses calmly, changing nothing (issue 11)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.packs.model import Pack
from tests.conftest import FIXTURES
from tests.records import session

runner = CliRunner()
PLAN_PACK = FIXTURES / "packs" / "clinic-plan.yaml"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(coach_app, list(args))
    return result.exit_code, result.stdout, result.stderr


def one_sentence(err: str) -> str:
    """The message, checked to be one calm line with no traceback."""
    assert "Traceback" not in err and "Something went wrong" not in err
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def sparse(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    with path.open("wb") as f:
        f.truncate(3 * 2**30)
    return path


# ---- pack install and remove --------------------------------------------------------------------


@needs_fifo
def test_pack_install_refuses_a_fifo_without_waiting(tmp_path: Path, data_dir: Path) -> None:
    code, _, err = run("pack", "install", str(fifo(tmp_path, "clinic.yaml")))
    assert code == 1 and "is not a regular file" in one_sentence(err)
    assert not (data_dir / "packs").exists() or not list((data_dir / "packs").iterdir())


def test_pack_install_refuses_a_huge_sparse_file(tmp_path: Path, data_dir: Path) -> None:
    code, _, err = run("pack", "install", str(sparse(tmp_path, "clinic.yaml")))
    assert code == 1 and "is larger than" in one_sentence(err)


def test_pack_install_installs_the_bytes_it_checked(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is read once: a change made right after the check is not what gets installed."""
    import coach.packs.install as install

    source = tmp_path / "clinic.yaml"
    checked = PLAN_PACK.read_bytes()
    source.write_bytes(checked)
    swapped = checked.replace(b'version: "1.2.0"', b'version: "9.9.9"')
    real = install.parse_pack

    def check_then_swap(raw: bytes, name: str) -> Pack:
        pack = real(raw, name)
        if name == str(source):
            source.write_bytes(swapped)
        return pack

    monkeypatch.setattr(install, "parse_pack", check_then_swap)
    code, out, _ = run("pack", "install", str(source))
    assert code == 0 and out.startswith("Installed Tuesday group (clinic), version 1.2.0")
    assert (data_dir / "packs" / "clinic.yaml").read_bytes() == checked


@pytest.mark.parametrize("target", ["HOME/notes", "~/notes", "../notes", "notes.yaml", "Notes"])
def test_pack_remove_touches_nothing_but_an_installed_pack(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    notes = home / "notes.yaml"
    notes.write_text("my notes\n")
    packs = data_dir / "packs"
    packs.mkdir(parents=True)
    beside = data_dir / "notes.yaml"
    beside.write_text("beside\n")
    inside = packs / "notes.yaml.yaml"
    inside.write_text("not a pack\n")
    code, _, err = run("pack", "remove", target.replace("HOME", str(home)))
    assert code == 1 and "nothing was removed" in one_sentence(err)
    assert notes.read_text() == "my notes\n" and beside.read_text() == "beside\n"
    assert inside.exists()


def test_pack_remove_leaves_a_file_that_is_not_that_pack(tmp_path: Path, data_dir: Path) -> None:
    packs = data_dir / "packs"
    packs.mkdir(parents=True)
    other = packs / "clinic.yaml"
    other.write_text("just some words\n")
    code, _, err = run("pack", "remove", "clinic")
    assert code == 1 and "did not remove it" in one_sentence(err)
    assert other.read_text() == "just some words\n"
    code, _, err = run("pack", "remove", "nothing")
    assert code == 1 and "nothing was removed" in one_sentence(err)


def test_pack_remove_removes_an_installed_pack(tmp_path: Path, data_dir: Path) -> None:
    source = tmp_path / "clinic.yaml"
    source.write_bytes(PLAN_PACK.read_bytes())
    assert run("pack", "install", str(source))[0] == 0
    code, out, _ = run("pack", "remove", "clinic")
    assert code == 0 and out.startswith("Removed Tuesday group (clinic).")
    assert not (data_dir / "packs" / "clinic.yaml").exists() and source.exists()


# ---- outside files: import, report, passphrase file ----------------------------------------------


def _export(tmp_path: Path, name: str = "alex.json", sessions: str = "[]") -> Path:
    path = tmp_path / name
    path.write_text(
        '{"format": "coach-export/1", "exported": "2026-11-27T14:03:11+00:00", '
        f'"sessions": {sessions}, "cards": []}}'
    )
    return path


def _hostile(tmp_path: Path, kind: str) -> Path:
    if kind == "fifo":
        return fifo(tmp_path, "shared.json")
    if kind == "sparse":
        return sparse(tmp_path, "shared.json")
    if kind == "folder":
        folder = tmp_path / "shared.json"
        folder.mkdir()
        return folder
    link = tmp_path / "shared.json"
    link.symlink_to("/dev/zero")
    return link


HOSTILE = [
    pytest.param("fifo", marks=needs_fifo),
    "sparse",
    "folder",
    pytest.param("zero", marks=pytest.mark.skipif(not Path("/dev/zero").exists(), reason="")),
]
REFUSED = ("is not a regular file", "is larger than")


@pytest.mark.parametrize("kind", HOSTILE)
def test_import_refuses_what_is_not_a_plain_file_at_once(
    tmp_path: Path, data_dir: Path, kind: str
) -> None:
    code, _, err = run("import", str(_hostile(tmp_path, kind)))
    assert code == 1 and any(r in one_sentence(err) for r in REFUSED)
    assert not (data_dir / "sessions").exists() or not list((data_dir / "sessions").iterdir())


@pytest.mark.parametrize("kind", HOSTILE)
def test_report_refuses_what_is_not_a_plain_file_at_once(tmp_path: Path, kind: str) -> None:
    code, _, err = run("report", str(_hostile(tmp_path, kind)))
    assert code == 1 and any(r in one_sentence(err) for r in REFUSED)


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_passphrase_file_that_is_not_a_plain_file_is_refused_at_once(
    tmp_path: Path, data_dir: Path, kind: str
) -> None:
    key = _hostile(tmp_path, kind)
    code, _, err = run("encrypt", "--passphrase-file", str(key))
    assert code == 1 and any(r in one_sentence(err) for r in REFUSED)


def test_a_key_file_linked_to_dev_zero_is_refused_for_reading_too(tmp_path: Path) -> None:
    key = _hostile(tmp_path, "zero")
    code, _, err = run("--passphrase-file", str(key), "encrypt")
    assert code == 1 and "is not a regular file" in one_sentence(err)


# ---- duplicate keys -----------------------------------------------------------------------------


def test_an_export_with_a_key_given_twice_is_refused_and_changes_nothing(
    tmp_path: Path, data_dir: Path
) -> None:
    record = json.dumps(session())
    twice = record[:-1] + ', "distress_before": 3}'
    path = _export(tmp_path, sessions=f"[{twice}]")
    code, _, err = run("import", str(path))
    assert code == 1 and "the key 'distress_before' appears twice" in err
    assert "nothing was changed" in err
    assert run("history", "--json")[1].count('"started"') == 0
    code, _, err = run("report", str(path))
    assert code == 1 and "'distress_before' appears twice" in err


# ---- report on several files --------------------------------------------------------------------


def test_report_names_and_skips_a_bad_file_and_reports_the_rest(tmp_path: Path) -> None:
    good = _export(tmp_path, "alex.json")
    bad = tmp_path / "sam.json"
    bad.write_text('{"format": "something-else"}')
    code, out, err = run("report", str(good), str(bad), str(tmp_path / "missing.json"))
    assert code == 0
    assert "alex" in out and "sam" not in out
    assert f"{bad} cannot be read as a coach export" in err and "sam.json was skipped" in err
    assert "missing.json was skipped" in err and "Traceback" not in err
    code, out, _ = run("report", "--json", str(bad), str(good))
    assert code == 0 and '"file": "alex"' in out
    code, _, err = run("report", str(bad), str(tmp_path / "missing.json"))
    assert code == 1 and "None of the files could be read" in err


# ---- --out never replaces a file without --force ------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [("export",), ("export", "--format", "md"), ("backup",), ("prep",)],
    ids=["export", "export-md", "backup", "prep"],
)
def test_out_refuses_to_replace_a_file_unless_forced(
    tmp_path: Path, data_dir: Path, command: tuple[str, ...]
) -> None:
    from coach.store.store import ProgressStore

    ProgressStore(data_dir).record_session(session())
    target = tmp_path / "mine.txt"
    target.write_text("something I wrote\n")
    code, out, err = run(*command, "--out", str(target))
    assert code == 1 and "is already there, so nothing was written" in one_sentence(err)
    assert "--force" in err and target.read_text() == "something I wrote\n"
    code, _, _ = run(*command, "--out", str(target), "--force")
    assert code == 0 and target.read_bytes() != b"something I wrote\n"


# ---- dates at the ends of the calendar ----------------------------------------------------------

FAR = ("--since", "0001-01-01", "--until", "9999-12-31")


@pytest.mark.parametrize(
    "command",
    [
        ("history", "--json", "--since", "0001-01-01"),
        ("export", *FAR),
        ("export", "--format", "md", *FAR),
        ("export", "--format", "csv", "--until", "9999-12-31"),
        ("export", "--until", "0001-01-01"),
        ("prep", "--since", "0001-01-01"),
    ],
)
def test_dates_at_the_ends_of_the_calendar_do_not_crash(
    data_dir: Path, command: tuple[str, ...]
) -> None:
    from coach.store.store import ProgressStore

    ProgressStore(data_dir).record_session(session("2026-11-20T19:02:00+00:00", note="kept"))
    code, out, err = run(*command)
    assert code == 0 and "Traceback" not in err and "Something went wrong" not in err
    if "--until" not in command and "9999-12-31" not in command:
        assert "2026-11-20" in out or "20 Nov" in out  # the session is in the range


def test_prep_from_the_beginning_starts_at_the_first_session(data_dir: Path) -> None:
    from coach.store.store import ProgressStore

    ProgressStore(data_dir).record_session(session("2026-11-20T19:02:00+00:00"))
    code, out, _ = run("prep", "--since", "0001-01-01")
    assert code == 0 and "20 Nov" in out.splitlines()[1] and "1 session of practice" in out


@pytest.mark.parametrize(
    "command",
    [
        ("export", "--since", "2026-12-01", "--until", "2026-01-01"),
        ("export", "--format", "md", "--since", "2026-11-01", "--until", "0001-01-01"),
    ],
)
def test_a_reversed_range_is_refused(data_dir: Path, command: tuple[str, ...]) -> None:
    code, out, err = run(*command)
    assert code == 2 and out == ""  # a usage error (issue 14)
    assert "is after --until" in one_sentence(err) and "swap the two dates" in err


def test_prep_since_a_day_still_to_come_is_refused(data_dir: Path) -> None:
    code, _, err = run("prep", "--since", "9999-12-31")
    assert code == 2 and "is after today" in one_sentence(err)  # a usage error (issue 14)


@needs_fifo
def test_validate_refuses_a_fifo_and_checks_the_rest(tmp_path: Path) -> None:
    code, out, _ = run("validate", str(fifo(tmp_path, "a.yaml")), str(PLAN_PACK))
    assert code == 1 and "is not a regular file, so coach did not read it" in out
    assert "valid (pack clinic, 2 exercises)" in out
