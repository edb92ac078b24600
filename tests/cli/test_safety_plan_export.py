"""The safety plan leaves the machine only when the person asks (`export --safety-plan`), and
`coach import` brings it back only where there is none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.records import SafetyPlan
from coach.store.store import ProgressStore
from tests.records import fixed_clock, session

runner = CliRunner()
HOSTILE = "<script>alert(1)</script> **bold** [red]x[/red]"
PLAN = SafetyPlan.model_validate(
    {
        "updated": "2026-11-30T20:00:00+00:00",
        "warning_signs": ["PRIVATE-SIGN-7f3a"],
        "people": [HOSTILE],
        "safer_place": ["Jo keeps my pills"],
    }
)


@pytest.fixture
def kept(data_dir: Path) -> Path:
    store = ProgressStore(data_dir, clock=fixed_clock())
    store.record_session(session())
    store.save_safety_plan(PLAN)
    store.close()
    return data_dir


def export(*args: str) -> str:
    result = runner.invoke(coach_app, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["json", "md", "csv"])
def test_without_the_flag_no_format_holds_the_plan(kept: Path, fmt: str) -> None:
    text = export("--format", fmt)
    assert "PRIVATE-SIGN" not in text and "x-safety-plan" not in text
    assert "Safety plan" not in text


def test_without_the_flag_the_html_report_holds_no_plan(kept: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    export("--format", "html", "--out", str(out))
    assert "PRIVATE-SIGN" not in out.read_text() and "Safety plan" not in out.read_text()


def test_json_with_the_flag_holds_the_plan_under_x_safety_plan(kept: Path) -> None:
    document = json.loads(export("--safety-plan"))
    assert document["x-safety-plan"] == PLAN.as_record()


def test_markdown_and_html_show_a_safety_plan_section_literally(kept: Path, tmp_path: Path) -> None:
    md = export("--format", "md", "--safety-plan")
    assert "## Safety plan" in md and "PRIVATE-SIGN-7f3a" in md
    assert "**4. People I can ask for help**" in md
    assert "<script>" not in md and "\\*\\*bold\\*\\*" in md
    assert (
        "My warning signs" in md and "Things I can do on my own" not in md
    )  # empty parts left out
    out = tmp_path / "r.html"
    export("--format", "html", "--safety-plan", "--out", str(out))
    html = out.read_text()
    assert "<h2>Safety plan</h2>" in html and "Jo keeps my pills" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html


def test_csv_never_holds_the_plan_and_says_so(kept: Path) -> None:
    result = runner.invoke(coach_app, ["export", "--format", "csv", "--safety-plan"])
    assert result.exit_code == 0
    assert "PRIVATE-SIGN" not in result.stdout
    assert "csv export leaves your safety plan out" in result.stderr


def test_import_restores_the_plan_only_where_there_is_none(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "export.json"
    file.write_text(export("--safety-plan"))
    elsewhere = tmp_path / "other-data"
    monkeypatch.setenv("COACH_DATA_DIR", str(elsewhere))
    result = runner.invoke(coach_app, ["import", str(file)])
    assert result.exit_code == 0, result.output
    assert "The safety plan in the file is now your safety plan." in result.stdout
    restored = ProgressStore(elsewhere)
    assert restored.safety_plan() == PLAN
    assert all("x-safety-plan" not in entry.as_record() for entry in restored.imports())
    restored.save_safety_plan(PLAN.model_copy(update={"people": ["Sam"]}))
    restored.close()
    again = runner.invoke(coach_app, ["import", str(file)])
    assert "You already have a safety plan here, so it stays as it is." in again.stdout
    assert ProgressStore(elsewhere).safety_plan().people == ["Sam"]  # type: ignore[union-attr]


def test_a_plan_that_does_not_fit_refuses_the_whole_import(kept: Path, tmp_path: Path) -> None:
    document = json.loads(export("--safety-plan"))
    document["x-safety-plan"]["people"] = ["x" * 301]
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(document))
    result = runner.invoke(coach_app, ["import", str(file)])
    assert result.exit_code == 1
    assert "x-safety-plan: people.0: can be up to 300 characters" in result.output
