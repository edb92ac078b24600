"""The light commands (`--version`, `list`, `find`, `show`, `crisis`, `plan`) against a bare Typer
command that prints a line, each a fresh process timed to its end, in turns, as ratios.

Run: .venv/bin/python benchmarks/commands.py [--quick]
Target (issue 13): each within 1.2x the bare Typer command.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import finish, in_turns, process, python, verdict  # noqa: E402

TARGET = 1.2
BARE = (
    "import typer\n"
    "app = typer.Typer()\n"
    "@app.command()\n"
    "def hello() -> None:\n"
    "    print('hello')\n"
    "app()\n"
)
COACH = "import sys\nfrom coach.cli import main\nsys.exit(main())\n"
COMMANDS = {
    "coach --version": ["--version"],
    "coach list": ["list"],
    "coach find triggered at work": ["find", "triggered", "at", "work"],
    "coach show core/box-breathing": ["show", "core/box-breathing"],
    "coach crisis (region chosen)": ["crisis"],
    "coach plan": ["plan"],
}


def main() -> None:
    quick = "--quick" in sys.argv
    rounds = 3 if quick else 9
    folder = Path(tempfile.mkdtemp(prefix="coach-bench-cmd-"))
    try:
        from coach.store.store import ProgressStore

        ProgressStore(folder).set_setting("crisis_region", "GB")
        env = {**os.environ, "COACH_DATA_DIR": str(folder), "COLUMNS": "100"}
        env.pop("COACH_REGION", None)
        cases = {"bare Typer": lambda: process(python(BARE), env)}
        for name, args in COMMANDS.items():
            cases[name] = lambda args=args: process(python(COACH, *args), env)
        process(python(COACH, "list"), env)  # warm the file cache once, for both alike
        times = in_turns(cases, rounds)
        bare = times["bare Typer"]
        print(f"bare Typer command: {bare * 1000:.0f} ms ({rounds} rounds)")
        for name in COMMANDS:
            print(f"  {name}: {times[name] * 1000:.0f} ms")
        for name in COMMANDS:
            verdict(f"{name} vs a bare Typer command", times[name] / bare, TARGET)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
