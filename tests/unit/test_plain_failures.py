"""Plain mode when a save fails (a full disk, encryption switched on in another window): the
status is 1, and what was typed is kept as the place the next run offers back, or, when the
store refuses every write, shown so nothing is lost from view."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.errors import CoachError
from coach.store.store import ProgressStore
from tests.cli.built_in_packs import validate_built_in_once
from tests.conftest import FIXTURES

runner = CliRunner()
PACK = str(FIXTURES / "packs" / "every-step.yaml")
SHORT = ["--packs", PACK, "run", "test/short", "--plain"]
FULL = "There is no space left on the disk. Free some space, then try again."


@pytest.fixture(autouse=True)
def _built_in_packs_validated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test here loads the library on the way to what it is about, not to test loading."""
    validate_built_in_once(monkeypatch)


def refuse(*args: object, **kwargs: object) -> None:
    raise CoachError(FULL)


def coach(args: list[str], lines: list[str]) -> tuple[int, str]:
    result = runner.invoke(coach_app, args, input="\n".join(lines) + "\n")
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout


def test_a_session_that_cannot_be_saved_exits_1_and_is_offered_back(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:
        patched.setattr(ProgressStore, "record_run", refuse)
        code, out = coach(SHORT, ["5", "calm", "a note", "no"])
    assert code == 1, out
    assert FULL in out and "Saved." not in out
    assert "kept as your place" in out and "coach run test/short --plain" in out
    draft = ProgressStore(data_dir).draft("test/short")
    assert draft is not None and draft.answers == {"before": 5, "word": "calm"}
    assert draft.note == "a note"
    code, out = coach(SHORT, ["yes", "", "no"])  # the next run offers the kept place back
    assert code == 0, out
    assert "Welcome back to A short one" in out
    (session,) = ProgressStore(data_dir).sessions()
    assert session.answers == {"before": 5, "word": "calm"} and session.note == "a note"


def test_when_every_write_is_refused_the_answers_are_shown_and_the_status_is_1(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ProgressStore, "record_run", refuse)
    monkeypatch.setattr(ProgressStore, "save_draft", refuse)
    code, out = coach(SHORT, ["5", "calm", "", "no"])
    assert code == 1, out
    assert "could not write anything" in out
    assert "  How is it? 5\n  One word? calm\n" in out
    assert ProgressStore(data_dir).sessions() == []


def test_a_stop_that_cannot_be_saved_exits_1(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ProgressStore, "record_run", refuse)
    code, out = coach(SHORT, ["4", "stop", "save"])
    assert code == 1, out
    draft = ProgressStore(data_dir).draft("test/short")
    assert draft is not None and draft.answers == {"before": 4}


def test_end_of_input_with_no_place_kept_exits_1_and_shows_the_answers(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ProgressStore, "save_draft", refuse)
    code, out = coach(SHORT, ["3", "half"])  # the text step never ends: end of input
    assert code == 1, out
    assert "  How is it? 3\n" in out


def test_the_plain_menu_exits_1_when_an_exercise_could_not_be_saved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ProgressStore, "record_run", refuse)
    code, out = coach(["--packs", PACK, "--plain"], ["", "a short one", "5", "calm", "", "no"])
    assert code == 1, out
    assert "kept as your place" in out and "Take care." in out
