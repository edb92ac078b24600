"""`coach history --answers`: what a person wrote, read back, and a log's own ratings over time."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.store.store import ProgressStore
from tests.records import session

LOG_PACK = """\
format: coach-pack/1
id: mine
title: My log
version: "1.0.0"
exercises:
  - id: urge-log
    title: Urge log
    skill: regulation
    summary: Write down an urge and what you did.
    steps:
      - {type: text, id: trigger, prompt: What set it off?, optional: true}
      - {type: rating, id: strength, title: How strong, prompt: How strong was it?}
      - {type: choice, id: did, prompt: What did you do?, options: [waited, texted someone]}
"""


def _log(data_dir: Path, tmp_path: Path) -> Path:
    pack = tmp_path / "mine.yaml"
    pack.write_text(LOG_PACK, encoding="utf-8")
    store = ProgressStore(data_dir)
    for day, strength, trigger in (
        ("02", 8, "payday [bold]x[/]"),
        ("09", 5, ""),
        ("16", 3, "a call"),
    ):
        store.record_session(
            session(
                f"2026-11-{day}T20:00:00+00:00",
                exercise="mine/urge-log",
                exercise_title="Urge log",
                distress_before=None,
                distress_after=None,
                answers={"trigger": trigger, "strength": strength, "did": "waited"},
                note=None,
            )
        )
    return pack


def test_answers_show_what_was_written_and_the_rating_over_time(
    data_dir: Path, tmp_path: Path
) -> None:
    pack = _log(data_dir, tmp_path)
    result = CliRunner().invoke(
        coach_app, ["--packs", str(pack), "history", "--exercise", "mine/urge-log", "--answers"]
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    # the rating step's own trend, oldest first, with its scale named
    assert "How strong (0 to 10, oldest first): 8, 5, 3" in out
    # each session's answers under the words the person saw, newest first, markup shown as typed
    assert (
        out.index("Mon 16 Nov 2026") < out.index("Mon 09 Nov 2026") < out.index("Mon 02 Nov 2026")
    )
    assert "What set it off?: payday [bold]x[/]" in out
    assert "What did you do?: waited" in out
    # an empty answer is not shown as an empty line
    assert "What set it off?: \n" not in out


def test_answers_without_the_pack_fall_back_to_step_ids(data_dir: Path, tmp_path: Path) -> None:
    _log(data_dir, tmp_path)
    result = CliRunner().invoke(coach_app, ["history", "--exercise", "mine/urge-log", "--answers"])
    assert result.exit_code == 0, result.output
    assert "strength: 3" in result.stdout and "trigger: a call" in result.stdout


def test_the_built_in_urge_log_shows_how_strong_over_time(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    for day, strength in (("02", 9), ("09", 6), ("16", 4)):
        store.record_session(
            session(
                f"2026-11-{day}T20:00:00+00:00",
                exercise="core/urge-log",
                exercise_title="Urge log",
                distress_before=None,
                distress_after=None,
                answers={"trigger": "payday", "strength": strength, "did": "rode it out"},
                note=None,
            )
        )
    result = CliRunner().invoke(coach_app, ["history", "--exercise", "core/urge-log", "--answers"])
    assert result.exit_code == 0, result.output
    assert "How strong was the urge at its peak? (0 to 10, oldest first): 9, 6, 4" in result.stdout
    assert "What did you do?: rode it out" in result.stdout
