"""The light commands' fast path: the same lines and exit status as the Typer app, `coach crisis`
without the store or pydantic, `coach show` without the Markdown parser, and the settings file
read directly whatever state it is in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import fast, main
from coach.cli.app import app as coach_app
from coach.prefs_file import read_region
from coach.store.store import ProgressStore
from tests.conftest import ROOT
from tests.records import fixed_clock

LIGHT = [
    ["--version"],
    ["crisis"],
    ["crisis", "--region", "gb"],
    ["crisis", "--all"],
    ["list"],
    ["list", "--skill", "grounding", "--json"],
    ["show", "core/box-breathing"],
    ["show", "core/box-breathing", "--json"],
    ["find", "triggered", "at", "work"],
    ["find", "I", "want", "to", "kill", "myself", "--json"],
    ["show", "core/no-such-exercise"],
    ["plan"],
]


@pytest.mark.parametrize("args", LIGHT, ids=" ".join)
def test_the_fast_path_says_what_the_typer_app_says(
    args: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ProgressStore(data_dir, clock=fixed_clock()).set_setting("crisis_region", "IE")
    code = 0
    try:
        assert fast.run(args) is True
    except SystemExit as stop:
        code = int(stop.code or 0)
    fast_run = capsys.readouterr()
    typer_run = CliRunner().invoke(coach_app, args)
    assert (code, fast_run.out, fast_run.err) == (
        typer_run.exit_code,
        typer_run.stdout,
        typer_run.stderr,
    )
    assert (fast_run.out + fast_run.err).strip()


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--help"],
        ["-h"],
        ["list", "--skill", "nope"],
        ["crisis", "--region"],
        ["crisis", "--region", "gb", "--region", "us"],
        ["show"],
        ["show", "a", "b"],
        ["find"],
        ["find", "--", "-5"],
        ["list", "--data-dir", "somewhere"],
        ["--version", "list"],
        ["plan", "--json=yes"],
        ["history", "--json"],
        ["history", "--answers"],
        ["history", "--limit", "0"],
        ["history", "--limit", "3", "--all"],
        ["history", "--since", "yesterday"],
        ["history", "--since", "0001-01-01"],
        ["history", "extra"],
    ],
    ids=" ".join,
)
def test_anything_unusual_goes_to_the_typer_app(args: list[str]) -> None:
    assert fast.run(args) is False


def test_a_usage_error_still_reads_as_typer_says_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["list", "--skill", "nope"])
    assert stop.value.code == 2
    assert "nope" in capsys.readouterr().err


def _modules_after(args: list[str], data_dir: Path) -> tuple[str, set[str]]:
    """Run coach in a fresh Python; its stdout and every module it imported."""
    code = (
        "import sys\nfrom coach.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as stop:\n    assert not stop.code\n"
        "print('MODULES', ' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "COLUMNS": "100"}
    env.pop("COACH_REGION", None)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    out, _, modules = done.stdout.rpartition("MODULES ")
    return out, set(modules.split())


def test_crisis_reads_the_region_without_the_store_or_pydantic(data_dir: Path) -> None:
    ProgressStore(data_dir, clock=fixed_clock()).set_setting("crisis_region", "GB")
    out, modules = _modules_after(["crisis"], data_dir)
    assert "United Kingdom:" in out and "Ireland:" not in out
    heavy = {"coach.store", "coach.store.store", "tinydb", "pydantic", "typer", "coach.records"}
    assert not heavy & modules


def test_show_does_not_load_the_markdown_parser(data_dir: Path) -> None:
    out, modules = _modules_after(["show", "core/box-breathing"], data_dir)
    assert "Why this works" in out and "Slow, even breaths" in out
    assert "rich.markdown" not in modules and "markdown_it" not in modules


@pytest.mark.parametrize(
    "content",
    [
        None,
        b"",
        b"{not json",
        b"[]",
        b'{"settings": []}',
        b'{"settings": {"1": {"key": "crisis_region", "value": 7}}}',
        b'{"settings": {"1": {"key": "crisis_region", "value": "' + b"x" * 41 + b'"}}}',
        pytest.param(b"[" * 100_000, id="nested-100000-deep"),
        pytest.param(b" " * (2 << 20), id="2-MiB-of-spaces"),
    ],
)
def test_an_odd_settings_file_is_no_setting(data_dir: Path, content: bytes | None) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    if content is not None:
        (data_dir / "settings.json").write_bytes(content)
    assert read_region(data_dir) is None


def test_the_setting_the_store_wrote_is_read(data_dir: Path) -> None:
    store = ProgressStore(data_dir, clock=fixed_clock())
    store.set_setting("crisis_region", "AU")
    store.set_setting("crisis_region", "NZ")
    assert read_region(data_dir) == "NZ"
    assert json.loads((data_dir / "settings.json").read_text())["settings"]


def test_an_encrypted_folder_without_a_passphrase_shows_every_region(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "key.json").write_text("{}")
    (data_dir / "settings.json").write_bytes(b"\x00sealed")
    assert fast.run(["crisis"]) is True
    out = capsys.readouterr().out
    assert "United Kingdom:" in out and "Ireland:" in out
