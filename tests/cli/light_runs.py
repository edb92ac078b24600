"""Running the light commands in tests: through the fast path in this process, or twice in a
fresh one (the first run writes the library index) to see which modules the warm run loaded."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import fast
from coach.packs.index import INDEX_FILE
from tests.conftest import ROOT

MODULES = (
    "import sys\nfrom coach.cli import main\nmain(sys.argv[1:])\n"
    "print('MODULES', ' '.join(sorted(sys.modules)))\n"
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """stdout and stderr of one light command run by the fast path (status 0 or 1)."""
    try:
        assert fast.run(args) is True
    except SystemExit as stop:
        assert stop.code == 1
    found = capsys.readouterr()
    return found.out, found.err


def warm_run(args: list[str], data_dir: Path) -> tuple[str, set[str]]:
    """What a command printed the second time it ran, in a fresh process, and the modules it
    loaded. The first run, which fills the index, runs here (the same code, without a second
    process starting); it must leave the data folder as a first `coach` would."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert fast.run(args) is True
    assert (data_dir / INDEX_FILE).is_file(), "the first run wrote no index"
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-c", MODULES, *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    out, _, modules = done.stdout.rpartition("MODULES ")
    return out, set(modules.split())
