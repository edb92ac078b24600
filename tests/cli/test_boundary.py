"""The one error boundary: whatever goes wrong, a person sees one calm sentence and a non-zero
exit status, never a traceback; and a crash inside the full-screen app is never status 0."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from coach.cli import main
from coach.cli.app import app as coach_app
from coach.errors import CoachError

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(coach_app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def _raise(error: BaseException) -> object:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    return broken


def test_an_unexpected_error_inside_a_command_is_one_calm_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("coach.packs.model.schema_text", _raise(KeyError("secret words")))
    code, out, err = run("schema")
    assert code == 1 and out == ""
    assert err.startswith("Something went wrong inside coach and it stopped.")
    assert "COACH_DEBUG=1" in err
    assert "Traceback" not in err and "secret words" not in err and "KeyError" not in err


def test_coach_debug_shows_the_error_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.packs.model.schema_text", _raise(KeyError("details")))
    result = runner.invoke(coach_app, ["schema"], env={"COACH_DEBUG": "1"})
    assert result.exit_code == 1
    assert isinstance(result.exception, KeyError) and "Something went wrong" not in result.stderr


def test_a_coach_error_is_its_own_sentence_shown_literally(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    error = CoachError("That [bold]pack[/] [/] is not here\x1b[2J\u202e.")
    monkeypatch.setattr("coach.packs.model.schema_text", _raise(error))
    code, out, err = run("schema")
    assert (code, out) == (1, "")
    assert err == "That [bold]pack[/] [/] is not here.\n"


def test_plain_coach_goes_through_the_same_boundary(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("coach.cli.assemble.home", _raise(RuntimeError("boom")))
    with pytest.raises(SystemExit) as done:
        main([])
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "Something went wrong inside coach" in err and "boom" not in err


def _app_that_crashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The full-screen app, as if it crashed: it returns, and its return code says so."""
    started: list[str] = []

    def run_app(self: object) -> None:
        started.append(type(self).__name__)

    monkeypatch.setattr("coach.tui.app.CoachApp.run", run_app)
    monkeypatch.setattr("coach.tui.app.CoachApp.return_code", property(lambda self: 1))
    monkeypatch.setattr("coach.cli.assemble.terminal", lambda: True)
    return started


def test_a_crash_in_the_app_is_never_status_0_from_plain_coach(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = _app_that_crashes(monkeypatch)
    with pytest.raises(SystemExit) as done:
        main([])
    assert done.value.code == 1 and started == ["CoachApp"]


@pytest.mark.parametrize("args", [["run", "box-breathing"], ["now"]])
def test_a_crash_in_the_app_is_never_status_0_from_run_and_now(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    started = _app_that_crashes(monkeypatch)
    code, out, _ = run(*args)
    assert code == 1 and started == ["CoachApp"]
    assert "Saved" not in out  # nothing claims the run went well
