"""Issue 14's command-line polish: dates, unknown ids, wording, global options and `list`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import main
from coach.cli.app import app as coach_app
from tests.records import session

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    """A command through the Typer app, at 80 columns."""
    result = runner.invoke(coach_app, list(args), env={"COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


def run_main(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str, str]:
    """A command as the console script runs it (the fast path first), at 80 columns."""
    monkeypatch.setenv("COLUMNS", "80")
    code = 0
    try:
        main(list(args))
    except SystemExit as stop:
        code = int(stop.code or 0)
    found = capsys.readouterr()
    return code, found.out, found.err


def one_line(err: str) -> str:
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err and "Usage:" not in err, err
    return lines[0]


# ---- dates ---------------------------------------------------------------------------------

FUTURE = ("--since", "2999-01-01")


@pytest.mark.parametrize(
    "command",
    [
        ("history", *FUTURE),
        ("history", "--json", *FUTURE),
        ("export", *FUTURE),
        ("export", "--format", "md", *FUTURE),
        ("prep", *FUTURE),
    ],
)
def test_a_range_wholly_in_the_future_is_a_usage_error(
    data_dir: Path, command: tuple[str, ...]
) -> None:
    code, out, err = run(*command)
    assert code == 2 and out == ""
    assert "--since 2999-01-01 is after today" in one_line(err)


def test_the_fast_path_refuses_a_future_since_the_same_way(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run_main(capsys, monkeypatch, "history", *FUTURE)
    assert code == 2 and out == "" and "is after today" in one_line(err)


def test_a_reversed_range_is_a_usage_error(data_dir: Path) -> None:
    code, out, err = run("export", "--since", "2026-02-01", "--until", "2026-01-01")
    assert code == 2 and out == "" and "swap the two dates" in one_line(err)


def test_a_range_up_to_today_still_works(data_dir: Path) -> None:
    from coach.store.store import ProgressStore

    ProgressStore(data_dir).record_session(session("2026-11-20T19:02:00+00:00"))
    code, out, _ = run("history", "--since", "2026-11-01")
    assert code == 0 and "2026" in out


# ---- an id nothing has ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [("show", "box"), ("run", "box"), ("history", "--exercise", "box"), ("show", "box-breth")],
)
def test_an_unknown_exercise_id_says_did_you_mean_and_exits_1(
    data_dir: Path, command: tuple[str, ...]
) -> None:
    typed = command[-1]
    code, out, err = run(*command)
    assert code == 1 and out == ""
    assert one_line(err) == f"No exercise '{typed}'. Did you mean box-breathing?"


@pytest.mark.parametrize(
    "command", [("show", "box"), ("history", "--exercise", "box"), ("show", "nope")]
)
def test_the_fast_path_says_the_same_about_an_unknown_id(
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    code, out, err = run_main(capsys, monkeypatch, *command)
    assert code == 1 and out == ""
    assert f"'{command[-1]}'" in one_line(err)


def test_history_of_an_unknown_exercise_names_it_and_exits_1(data_dir: Path) -> None:
    from coach.store.store import ProgressStore

    ProgressStore(data_dir).record_session(session("2026-11-20T19:02:00+00:00"))
    code, out, err = run("history", "--exercise", "nope")
    assert code == 1 and out == "" and "There is no exercise 'nope'" in one_line(err)
    code, out, err = run("history", "--answers", "--exercise", "nope")
    assert code == 1 and "'nope'" in one_line(err)


def test_a_title_close_to_what_was_typed_is_offered(data_dir: Path) -> None:
    code, _, err = run("show", "Box breathin")
    assert code == 1 and "Did you mean box-breathing?" in one_line(err)


def test_pack_remove_of_a_close_id_says_did_you_mean(data_dir: Path) -> None:
    from tests.conftest import FIXTURES

    assert run("pack", "install", str(FIXTURES / "packs" / "clinic-plan.yaml"))[0] == 0
    code, _, err = run("pack", "remove", "clinik")
    assert code == 1 and "Did you mean clinic?" in one_line(err)


# ---- packs: honest words, a starter to share ----------------------------------------------


def _clinic(tmp_path: Path, version: str) -> Path:
    from tests.conftest import FIXTURES

    text = (FIXTURES / "packs" / "clinic-plan.yaml").read_text()
    path = tmp_path / version / "clinic.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace('version: "1.2.0"', f'version: "{version}"'))
    return path


def test_installing_an_older_version_by_force_says_so(tmp_path: Path, data_dir: Path) -> None:
    assert run("pack", "install", str(_clinic(tmp_path, "0.2.0")))[0] == 0
    code, out, _ = run("pack", "install", "--force", str(_clinic(tmp_path, "0.1.5")))
    said = " ".join(out.split())
    assert code == 0 and "Upgraded" not in said
    assert "Installed the older version 0.1.5 of Tuesday group (clinic) in place of 0.2.0." in said


def test_pack_new_points_at_a_schema_beside_it_not_into_this_computer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from coach.packs.model import schema_text

    monkeypatch.chdir(tmp_path)
    code, out, _ = run("pack", "new", "evening-skills")
    assert code == 0 and "pack.schema.json" in out
    text = (tmp_path / "evening-skills.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=pack.schema.json\n")
    assert "file://" not in text and "site-packages" not in text and str(tmp_path) not in text
    written = (tmp_path / "pack.schema.json").read_text()
    assert json.loads(written) == json.loads(schema_text())
    (tmp_path / "pack.schema.json").write_text("{}")  # one already there is kept
    assert run("pack", "new", "other-skills")[0] == 0
    assert (tmp_path / "pack.schema.json").read_text() == "{}"


# ---- no pydantic words ---------------------------------------------------------------------

PYDANTIC_WORDS = ("Value error", "Input should", "validation error", "pydantic", "type=")


@pytest.mark.parametrize(
    ("command", "plain"),
    [
        (
            ("list", "--skill", "nonsense"),
            "'nonsense' is not one of the choices; choose grounding, boundaries, regulation "
            "or other.",
        ),
        (
            ("export", "--format", "pdf"),
            "'pdf' is not one of the choices; choose json, csv, md or html.",
        ),
        (("history", "--limit", "x"), "'x' is not a whole number; type one like 5."),
        (("history", "--limit", "0"), "'0' is too small; use 1 or more."),
    ],
)
def test_a_wrong_option_value_is_said_plainly(
    data_dir: Path, command: tuple[str, ...], plain: str
) -> None:
    code, out, err = run(*command)
    said = " ".join(err.split())
    assert code == 2 and out == "" and not any(w in err for w in PYDANTIC_WORDS)
    assert f"Invalid value for '{command[1]}': {plain}" in said


def test_the_fast_path_leaves_a_wrong_skill_to_the_same_words(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run_main(capsys, monkeypatch, "list", "--skill", "nonsense")
    assert code == 2 and out == "" and "Value error" not in err
    assert "choose grounding, boundaries, regulation or other" in " ".join(err.split())


# ---- global options after the command ------------------------------------------------------


def test_global_options_after_the_command_on_the_fast_path(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import FIXTURES

    extra = str(FIXTURES / "packs" / "clinic-plan.yaml")
    code, out, err = run_main(capsys, monkeypatch, "list", "--packs", extra)
    assert code == 0 and "No such option" not in err and "walk" in out
    code, out, _ = run_main(capsys, monkeypatch, "show", "clinic/walk", f"--packs={extra}")
    assert code == 0 and "Mindful walk" in out


def test_global_options_after_the_command_in_the_typer_app(tmp_path: Path, data_dir: Path) -> None:
    other = tmp_path / "elsewhere"
    code, out, err = run("stats", "--data-dir", str(other))
    assert code == 0 and "No such option" not in err and "Nothing to count yet" in out
    assert other.is_dir()  # the folder given after the command was the one used


def test_a_command_keeps_its_own_option_of_a_global_name() -> None:
    import typer.main

    from coach.cli.app import app
    from coach.cli.fast import GLOBAL_VALUES, OWN_GLOBALS, hoisted

    root = typer.main.get_command(app)
    names = GLOBAL_VALUES | {"--plain"}
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        own = {o for p in command.params for o in getattr(p, "opts", []) if o in names}
        assert own == OWN_GLOBALS.get(name, set()), name
    assert hoisted(["run", "box", "--plain"]) == ["run", "box", "--plain"]
    assert hoisted(["list", "--plain", "--packs", "x"]) == ["--plain", "--packs", "x", "list"]
    assert hoisted(["find", "--", "--plain"]) == ["find", "--", "--plain"]


# ---- list and find at 80 columns -----------------------------------------------------------


def _fits(out: str) -> list[str]:
    lines = out.rstrip("\n").splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    return lines


def test_list_is_grouped_by_skill_one_line_an_exercise_at_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.packs.library import Library

    refs = Library.load().exercises()
    for code, out, _ in (run("list"), run_main(capsys, monkeypatch, "list")):
        lines = _fits(out)
        assert code == 0
        headings = [line for line in lines if line and not line.startswith(" ")]
        assert headings == ["Grounding", "Boundaries", "Regulation", "Other"][: len(headings)]
        rows = [line for line in lines if line.startswith("  ")]
        assert len(rows) == len(refs)  # one line each, never wrapped
        box = next(row for row in rows if row.split()[0] == "box-breathing")
        assert "Box breathing" in box and box.endswith("4 min")


def test_a_long_title_is_cut_with_an_ellipsis_at_80_columns(tmp_path: Path) -> None:
    from tests.conftest import FIXTURES

    text = (FIXTURES / "packs" / "clinic-plan.yaml").read_text()
    long = "A very long title " * 3
    path = tmp_path / "long.yaml"
    path.write_text(text.replace("title: Mindful walk", f"title: {long.strip()}", 1))
    code, out, _ = run("--packs", str(path), "list", "--skill", "grounding")
    row = next(line for line in _fits(out) if "  walk " in line)
    assert code == 0 and "…" in row and row.endswith("min")


def test_find_is_readable_at_80_columns(data_dir: Path) -> None:
    code, out, _ = run("find", "triggered", "at", "work")
    lines = _fits(out)
    assert code == 0 and len(lines) <= 20
    assert lines[0].startswith("  ") and lines[0].endswith("min")  # id, title, minutes
    assert lines[1].startswith("    ")  # what it is for, on one line under it


# ---- years whenever a range spans years ----------------------------------------------------


def test_prep_over_a_new_year_shows_both_years(data_dir: Path) -> None:
    import datetime as dt

    from coach.store.store import ProgressStore

    start = dt.date(dt.date.today().year - 1, 12, 1)
    ProgressStore(data_dir).record_session(
        session(f"{start.year}-12-05T19:02:00+00:00", note="kept")
    )
    code, out, _ = run("prep", "--since", start.isoformat())
    heading = out.splitlines()[1]
    assert code == 0 and heading.startswith(f"01 Dec {start.year} to ")
    assert heading.split(" to ")[1].startswith(dt.date.today().strftime("%d %b %Y"))
    code, out, _ = run("history", "--since", start.isoformat())
    assert code == 0 and f"05 Dec {start.year}" in out
