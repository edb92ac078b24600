"""The passphrase prompt of an encrypted folder says, before it asks, that `coach crisis` needs
no passphrase, with the lines for COACH_REGION when it names a region (the region setting is
sealed with the rest). Driven through a real terminal (a pty) on the prompt's stdin."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.store.store import ProgressStore
from tests.records import fixed_clock

PASS = "a long passphrase"


def at_the_prompt(env: dict[str, str], typed: str) -> str:
    """Run `coach history` on a pseudo-terminal; type `typed` once the prompt is up."""
    main, side = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "coach", "history"],
        stdin=side,
        stdout=side,
        stderr=side,
        env=env,
        start_new_session=True,  # no /dev/tty: getpass reads the prompt's stdin, the pty
    )
    os.close(side)
    seen = b""
    deadline = time.monotonic() + 120
    sent = False
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 1)
            if ready:
                try:
                    chunk = os.read(main, 4096)
                except OSError:  # the other end closed: coach is done
                    break
                if not chunk:
                    break
                seen += chunk
            if not sent and b"Passphrase: " in seen:
                os.write(main, typed.encode() + b"\n")
                sent = True
            if proc.poll() is not None and not ready:
                break
        assert sent, seen.decode(errors="replace")
        assert proc.wait(timeout=60) == 0, seen.decode(errors="replace")
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
    return seen.decode(errors="replace").replace("\r\n", "\n")


@pytest.fixture
def encrypted(data_dir: Path) -> Path:
    from coach.store.vault import encrypt_folder

    ProgressStore(data_dir, clock=fixed_clock()).set_setting("crisis_region", "GB")
    encrypt_folder(data_dir, PASS)
    return data_dir


def test_the_prompt_shows_coach_regions_lines_before_asking(encrypted: Path) -> None:
    out = at_the_prompt({**os.environ, "COACH_REGION": "nz"}, PASS)
    before = out[: out.index("Passphrase: ")]
    assert "`coach crisis` works without the passphrase" in before
    assert "Crisis lines for New Zealand:" in before
    assert "1737 Need to talk: Call or text 1737" in before
    assert "Emergency services: Call 111" in before
    assert PASS not in out  # never echoed


def test_with_no_region_known_the_prompt_says_how_to_see_the_lines(encrypted: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COACH_REGION"}
    out = at_the_prompt(env, PASS)
    before = out[: out.index("Passphrase: ")]
    assert "Run `coach crisis` to see crisis lines, no passphrase needed." in before
    assert "Samaritans" not in before  # the sealed setting is not read without the key


def test_coach_crisis_works_on_an_encrypted_folder_without_the_passphrase(
    encrypted: Path,
) -> None:
    result = CliRunner().invoke(coach_app, ["crisis"], env={"COACH_REGION": "ZA"})
    assert result.exit_code == 0 and result.stderr == ""
    assert "South Africa:" in result.stdout and "10111" in result.stdout
    assert "Passphrase" not in result.stdout


def test_without_a_terminal_the_error_names_coach_crisis(encrypted: Path) -> None:
    result = CliRunner().invoke(coach_app, ["history"])
    assert result.exit_code == 1
    assert "`coach crisis` shows crisis lines without it." in result.stdout + result.stderr
