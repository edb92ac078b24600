"""Running the light commands in tests: through the fast path in this process, or twice in a
fresh one (the first run writes the library index) to see which modules the warm run loaded."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import fast
from coach.packs.index import INDEX_FILE
from tests.conftest import ROOT

MODULES = (  # each command of a JSON list in turn, then every module loaded so far
    "import json, sys\nfrom coach.cli import main\n"
    "for args in json.loads(sys.argv[1]):\n"
    "    try:\n        main(args)\n    except SystemExit as stop:\n"
    "        assert stop.code in (0, None), (args, stop.code)\n"
    "    sys.stdout.flush()\n"
    "    print('\\x1eMODULES', ' '.join(sorted(sys.modules)), flush=True)\n"
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """stdout and stderr of one light command run by the fast path (status 0 or 1)."""
    try:
        assert fast.run(args) is True
    except SystemExit as stop:
        assert stop.code == 1
    found = capsys.readouterr()
    return found.out, found.err


def warm_runs(commands: list[list[str]], data_dir: Path) -> list[tuple[str, set[str]]]:
    """What each command printed the second time it ran, and the modules loaded by then. The
    first runs, which fill the index, run here (the same code, without a process starting; each
    must leave the data folder as a first `coach` would); the second runs, in one fresh process,
    in turn, each followed by every module loaded so far (a module once loaded stays loaded, so
    a command is never credited with fewer modules than a process of its own would load)."""
    for args in commands:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert fast.run(args) is True
        assert (data_dir / INDEX_FILE).is_file(), f"the first run of {args} wrote no index"
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-c", MODULES, json.dumps(commands)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    found = []
    printed, *rest = done.stdout.split("\x1eMODULES ")
    for part in rest:
        modules, _, after = part.partition("\n")
        found.append((printed, set(modules.split())))
        printed = after
    assert len(found) == len(commands), done.stdout
    return found
