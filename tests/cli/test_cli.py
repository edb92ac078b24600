"""The command line, driven through Typer's runner: what a person sees, and the exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.paths import reference_data_dir
from tests.conftest import FIXTURES
from tests.packs import dump, pack_data

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(coach_app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


run_cli = run


def test_list_shows_every_exercise_grouped_by_skill() -> None:
    code, out, err = run("list")
    assert code == 0 and err == ""
    # short ids under a heading per skill (issue 14)
    assert "  box-breathing " in out and "  family-boundary " in out
    assert (
        out.index("Grounding")
        < out.index("  five-senses ")
        < out.index("Boundaries")
        < out.index("  saying-no ")
        < out.index("  urge-surfing ")
    )


def test_list_json_has_the_promised_fields() -> None:
    code, out, _ = run("list", "--json")
    records = json.loads(out)
    assert code == 0 and len(records) >= 18
    assert {"id", "title", "skill", "summary", "minutes", "pack"} <= set(records[0])
    assert records[0]["pack"] == "core" and records[0]["id"].startswith("core/")


def test_list_by_skill() -> None:
    _, out, _ = run("list", "--skill", "boundaries", "--json")
    assert {r["skill"] for r in json.loads(out)} == {"boundaries"}


def test_list_refuses_an_unknown_skill_with_the_choices() -> None:
    code, _, err = run("list", "--skill", "coping")
    assert code == 2 and "grounding" in err


def test_show_renders_why_when_and_steps() -> None:
    code, out, _ = run("show", "box-breathing")
    assert code == 0
    for expected in ("Box breathing", "core/box-breathing", "Why this works", "Steps", "1. "):
        assert expected in out
    assert "Breathe: in 4, hold 4, out 4, hold 4" in out


def test_show_json() -> None:
    _, out, _ = run("show", "core/clear-request", "--json")
    shown = json.loads(out)
    assert shown["id"] == "core/clear-request" and shown["steps"][-1]["type"] == "script"


def test_an_unknown_id_is_one_calm_sentence_and_exit_1() -> None:
    code, out, err = run("show", "nothing-like-this")
    assert code == 1 and out == ""
    assert err.strip().startswith("There is no exercise 'nothing-like-this'.")
    assert "Traceback" not in err


def test_find_ranks_matching_exercises() -> None:
    code, out, _ = run("find", "triggered", "at", "work", "--json")
    found = json.loads(out)
    assert code == 0 and found[0]["id"] in {
        "core/stop-skill",
        "core/five-senses",
        "core/work-boundary",
    }
    assert found == sorted(found, key=lambda r: -r["score"])


def test_find_with_no_match_says_so_kindly() -> None:
    code, out, _ = run("find", "zzzz")
    assert code == 0 and "Nothing matched 'zzzz'" in out


def test_validate_a_good_pack(tmp_path: Path) -> None:
    path = tmp_path / "good.yaml"
    path.write_text(dump(pack_data()))
    code, out, _ = run("validate", str(path))
    assert code == 0 and out.strip() == f"{path}: valid (pack test, 1 exercise)"


def test_validate_reports_every_problem_of_every_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(dump(pack_data(title="t" * 81, version=1)))
    grief = FIXTURES / "packs" / "grief.yaml"
    code, out, _ = run("validate", str(bad), str(grief))
    assert code == 1
    lines = out.strip().splitlines()
    assert f"{bad}:3: title: must be at most 80 characters (this one has 81)" in lines
    assert any(line.startswith(f"{bad}:4: version: must be text") for line in lines)
    assert f"{grief}:14: exercises[2].steps[1].seconds: must be between 1 and 3600" in lines
    assert lines[-1] == "2 files checked: 0 valid, 2 with 3 problems to fix."


def test_validate_json_for_tools(tmp_path: Path) -> None:
    grief = FIXTURES / "packs" / "grief.yaml"
    code, out, _ = run(
        "validate", "--json", str(grief), str(FIXTURES / "packs" / "format-example.yaml")
    )
    report = json.loads(out)
    assert code == 1 and report["valid"] is False
    assert report["files"][0]["problems"] == [
        {
            "file": str(grief),
            "line": 14,
            "field": "exercises[2].steps[1].seconds",
            "message": "must be between 1 and 3600",
        }
    ]
    assert report["files"][1] == {
        "file": str(FIXTURES / "packs" / "format-example.yaml"),
        "valid": True,
        "pack": "core",
        "exercises": 2,
        "problems": [],
    }


def test_validate_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(dump(pack_data(id="a")))
    (tmp_path / "b.yml").write_text(dump(pack_data(id="b")))
    code, out, _ = run("validate", str(tmp_path))
    assert code == 0 and out.count("valid (pack") == 2


def test_validate_a_missing_file_exits_1(tmp_path: Path) -> None:
    code, out, _ = run("validate", str(tmp_path / "nope.yaml"))
    assert code == 1 and "cannot be read (no such file or directory)" in out


def test_schema_matches_the_committed_file() -> None:
    code, out, _ = run("schema")
    assert code == 0
    committed = (reference_data_dir() / "pack.schema.json").read_text()
    assert out == committed, "run `coach schema > data/pack.schema.json` and commit it"
    schema = json.loads(out)
    assert schema["properties"]["format"]["const"] == "coach-pack/1"
    assert schema["patternProperties"] == {"^x-": {}}


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("coach ")


def test_extra_packs_from_flag_and_environment(tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(dump(pack_data(id="one")))
    two = tmp_path / "two.yaml"
    two.write_text(dump(pack_data(id="two")))
    _, out, _ = run("--packs", str(one), "list", "--json", env={"COACH_PACKS": str(two)})
    packs = {r["pack"] for r in json.loads(out)}
    assert packs == {"core", "one", "two"}


def test_installed_packs_come_from_the_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "elsewhere"
    (data / "packs").mkdir(parents=True)
    (data / "packs" / "clinic.yaml").write_text(dump(pack_data(id="clinic")))
    _, out, _ = run("--data-dir", str(data), "list", "--json")
    assert "clinic" in {r["pack"] for r in json.loads(out)}
    _, out, _ = run("list", "--json", env={"COACH_DATA_DIR": str(data)})
    assert "clinic" in {r["pack"] for r in json.loads(out)}


def test_a_bad_extra_pack_is_reported_and_the_rest_still_list() -> None:
    code, out, err = run("--packs", str(FIXTURES / "packs" / "grief.yaml"), "list")
    assert code == 0 and "  box-breathing " in out
    assert "A pack was skipped because it has 1 problem" in err
    assert "grief.yaml:14: exercises[2].steps[1].seconds" in err


def test_pack_text_is_printed_literally_never_as_markup() -> None:
    code, out, _ = run("--packs", str(FIXTURES / "packs" / "markup.yaml"), "show", "markup/calm")
    assert code == 0
    assert "[$accent @click=app.bell]ring[/]" in out
    assert "\x1b" not in out and "\x07" not in out


def test_an_unexpected_error_is_calm_and_has_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("coach.packs.library.Library.load", broken)
    code, out, err = run("list")
    assert code == 1
    assert "Something went wrong inside coach" in err and "COACH_DEBUG=1" in err
    assert "Traceback" not in err + out and "boom" not in err


def test_no_command_opens_the_full_screen_coach(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []

    def run(self: object) -> None:
        library, store = self._load()  # type: ignore[attr-defined]
        opened.append((library, store))

    monkeypatch.setattr("coach.tui.app.CoachApp.run", run)
    monkeypatch.setattr("coach.cli.assemble.terminal", lambda: True)  # a pipe gets plain mode
    code, _, err = run_cli()
    assert code == 0 and err == ""
    library, store = opened[0]  # type: ignore[misc]
    assert library.get("core/box-breathing") is not None and store.sessions() == []
