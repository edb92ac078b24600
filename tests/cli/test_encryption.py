"""`coach encrypt`, `decrypt` and `passphrase` as a person runs them, and every command after."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.store.store import ProgressStore
from tests.records import fixed_clock, session
from tests.unit.test_crypto import CANARY, plaintext_anywhere, snapshot

runner = CliRunner()
PASS = "my quiet passphrase"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(coach_app, list(args), env=env)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def history(data_dir: Path) -> Path:
    store = ProgressStore(data_dir, clock=fixed_clock())
    store.record_session(session(note=CANARY))
    store.close()
    return data_dir


@pytest.fixture
def pass_file(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASS + "\n")
    return path


class Terminal:
    """Stands in for a person typing at the passphrase prompt."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[str] = []
        self.prompts: list[str] = []
        monkeypatch.setattr("coach.cli.passphrase.can_ask", lambda: True)
        monkeypatch.setattr("getpass.getpass", self._getpass)

    def _getpass(self, prompt: str = "") -> str:
        self.prompts.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[Terminal]:
    yield Terminal(monkeypatch)


def test_encrypt_at_the_prompt_asks_twice_then_every_command_asks(
    history: Path, terminal: Terminal
) -> None:
    terminal.answers = [PASS, PASS]
    code, out, _ = run("encrypt")
    assert code == 0
    assert terminal.prompts == ["New passphrase: ", "The same passphrase again: "]
    assert "Your data is encrypted" in out and "Keep the passphrase somewhere safe" in out
    assert plaintext_anywhere(history, CANARY) == []
    terminal.answers = [PASS]
    code, out, _ = run("history", "--json")
    assert code == 0 and json.loads(out)["sessions"][0]["note"] == CANARY


def test_two_different_passphrases_at_the_prompt_change_nothing(
    history: Path, terminal: Terminal
) -> None:
    before = snapshot(history)
    terminal.answers = [PASS, PASS + "x"]  # then no more: the person stopped typing
    code, _, err = run("encrypt")
    assert code == 1 and "were not the same. Nothing was changed" in err
    terminal.answers = ["short", "short", "short"]
    code, _, err = run("encrypt")
    assert code == 1 and "at least 8 characters" in err
    assert snapshot(history) == before


def test_a_mistyped_new_passphrase_is_asked_again(history: Path, terminal: Terminal) -> None:
    terminal.answers = [PASS, PASS + "x", "short", PASS, PASS]
    code, out, err = run("encrypt")
    assert code == 0 and "Your data is encrypted" in out
    assert "were not the same" in err and "at least 8 characters" in err
    assert terminal.prompts.count("New passphrase: ") == 3
    terminal.answers = [PASS]
    assert run("history")[0] == 0


def test_a_wrong_passphrase_at_the_prompt_gets_two_more_tries(
    history: Path, pass_file: Path, terminal: Terminal
) -> None:
    assert run("encrypt", "--passphrase-file", str(pass_file))[0] == 0
    terminal.answers = ["nope nope", PASS]
    code, out, err = run("stats")
    assert code == 0 and "does not open your data" in err
    before = snapshot(history)
    terminal.answers = ["nope 1", "nope 2", "nope 3"]
    code, _, err = run("history")
    assert code == 1 and "does not open your data. Nothing was changed" in err
    assert "coach crisis" in err  # the lines need no passphrase
    assert snapshot(history) == before


def test_scripts_give_the_passphrase_by_file_or_variable(history: Path, pass_file: Path) -> None:
    assert run("encrypt", "--passphrase-file", str(pass_file))[0] == 0
    code, _, err = run("history")  # no terminal, no passphrase: a clear word, not a hang
    assert code == 1 and "--passphrase-file or COACH_PASSPHRASE" in err
    assert run("--passphrase-file", str(pass_file), "history")[0] == 0
    assert run("history", env={"COACH_PASSPHRASE": PASS})[0] == 0
    before = snapshot(history)
    code, _, err = run("history", env={"COACH_PASSPHRASE": "wrong wrong"})
    assert code == 1 and "does not open your data" in err
    assert snapshot(history) == before


def test_a_damaged_file_is_named_and_left_alone(history: Path, pass_file: Path) -> None:
    assert run("encrypt", "--passphrase-file", str(pass_file))[0] == 0
    target = history / "sessions" / "recent.json"
    target.write_bytes(target.read_bytes()[:-3])
    before = snapshot(history)
    code, _, err = run("--passphrase-file", str(pass_file), "history")
    assert code == 1 and "recent.json cannot be opened" in err
    code, out, _ = run("--passphrase-file", str(pass_file), "doctor")
    assert code == 1 and "recent.json cannot be read" in out
    assert snapshot(history) == before


def test_passphrase_change_and_decrypt(history: Path, pass_file: Path, tmp_path: Path) -> None:
    assert run("encrypt", "--passphrase-file", str(pass_file))[0] == 0
    new_file = tmp_path / "new.txt"
    new_file.write_text("another good passphrase\n")
    code, out, _ = run(
        "passphrase", "--passphrase-file", str(pass_file), "--new-passphrase-file", str(new_file)
    )
    assert code == 0 and "passphrase is changed" in out
    assert run("--passphrase-file", str(pass_file), "history")[0] == 1
    assert run("--passphrase-file", str(new_file), "history")[0] == 0
    code, out, _ = run("decrypt", "--passphrase-file", str(new_file))
    assert code == 0 and "no longer encrypted" in out
    assert not (history / "key.json").exists()
    assert plaintext_anywhere(history, CANARY)
    code, out, _ = run("history", "--json")
    assert code == 0 and json.loads(out)["sessions"][0]["note"] == CANARY
    code, _, err = run("decrypt")
    assert code == 1 and "not encrypted" in err


def test_encrypting_twice_says_so(history: Path, pass_file: Path) -> None:
    assert run("encrypt", "--passphrase-file", str(pass_file))[0] == 0
    code, _, err = run("encrypt", "--passphrase-file", str(pass_file))
    assert code == 1 and "already encrypted" in err


def test_files_written_out_are_never_in_clear_unless_asked(
    history: Path, pass_file: Path, tmp_path: Path
) -> None:
    assert run("encrypt", "--passphrase-file", str(pass_file))[0] == 0
    out = tmp_path / "export.json"
    for command in (["export"], ["prep"]):
        code, _, err = run("--passphrase-file", str(pass_file), *command, "--out", str(out))
        assert code == 1 and "--in-clear" in err
        assert not out.exists()
    code, stdout, _ = run("--passphrase-file", str(pass_file), "export")
    assert code == 0 and CANARY in stdout  # the screen is not the disk
    code, _, _ = run("--passphrase-file", str(pass_file), "export", "--out", str(out), "--in-clear")
    assert code == 0 and CANARY in out.read_text()


def test_doctor_says_the_folder_is_encrypted(history: Path, pass_file: Path) -> None:
    assert run("encrypt", "--passphrase-file", str(pass_file))[0] == 0
    code, out, _ = run("--passphrase-file", str(pass_file), "doctor")
    assert code == 0 and "encrypted" in out and "store files can be read" in out
