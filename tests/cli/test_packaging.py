"""What a person gets from `pip install .`: the wheel carries the exercises and data, and
the light commands never pay for importing the full-screen app."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _python(code: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


LIGHT = [
    ["list"],
    ["list", "--json"],
    ["show", "box-breathing"],
    ["find", "triggered at work"],
    ["find", "suicidal"],
    ["validate", str(ROOT / "exercises")],
    ["schema"],
]


def test_light_commands_do_not_import_textual(tmp_path: Path) -> None:
    """One process runs each command in turn, each on a data folder of its own (nothing warm
    from the one before), and names the modules loaded after each: a module, once loaded,
    stays loaded, so the first command that pulled textual in is the one named."""
    code = f"""
import os, sys
from coach.cli import main
for n, argv in enumerate({LIGHT!r}):
    os.environ["COACH_DATA_DIR"] = os.path.join({str(tmp_path)!r}, "data-" + str(n))
    try:
        main(argv)
    except SystemExit as done:
        assert done.code in (0, None), (argv, done.code)
    loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
    print("TEXTUAL:", argv, loaded)
"""
    out = _python(code, tmp_path)
    found = [line for line in out.splitlines() if line.startswith("TEXTUAL:")]
    assert found == [f"TEXTUAL: {argv!r} []" for argv in LIGHT]


def test_python_dash_m_coach_works(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coach", "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0 and done.stdout.startswith("coach ")


@pytest.mark.slow
def test_the_wheel_ships_exercises_and_data_and_works_from_any_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("coach-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "coach/cli/__init__.py",
        "coach/_builtin/data/pack.schema.json",
        "coach/_builtin/data/risk-phrases.yaml",
        *(f"coach/_builtin/exercises/{p.name}" for p in (ROOT / "exercises").glob("*.yaml")),
    }
    assert shipped <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "coach = coach.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()

    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    env = {"PYTHONPATH": str(target)}
    # one Python, from another folder: which coach it loaded, then `coach list --json`
    out = _python(
        "import coach\nprint(coach.__file__)\nfrom coach.cli import main\nmain(['list', '--json'])",
        elsewhere,
        env,
    )
    where, _, listed = out.partition("\n")
    assert where.startswith(str(target))
    assert len(json.loads(listed)) >= 18
