"""Outside files and arguments coach refuses calmly, changing nothing (issue 11)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.packs.model import Pack
from tests.conftest import FIXTURES

runner = CliRunner()
PLAN_PACK = FIXTURES / "packs" / "clinic-plan.yaml"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(coach_app, list(args))
    return result.exit_code, result.stdout, result.stderr


def one_sentence(err: str) -> str:
    """The message, checked to be one calm line with no traceback."""
    assert "Traceback" not in err and "Something went wrong" not in err
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def sparse(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    with path.open("wb") as f:
        f.truncate(3 * 2**30)
    return path


# ---- pack install and remove --------------------------------------------------------------------


@needs_fifo
def test_pack_install_refuses_a_fifo_without_waiting(tmp_path: Path, data_dir: Path) -> None:
    code, _, err = run("pack", "install", str(fifo(tmp_path, "clinic.yaml")))
    assert code == 1 and "is not a regular file" in one_sentence(err)
    assert not (data_dir / "packs").exists() or not list((data_dir / "packs").iterdir())


def test_pack_install_refuses_a_huge_sparse_file(tmp_path: Path, data_dir: Path) -> None:
    code, _, err = run("pack", "install", str(sparse(tmp_path, "clinic.yaml")))
    assert code == 1 and "is larger than" in one_sentence(err)


def test_pack_install_installs_the_bytes_it_checked(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is read once: a change made right after the check is not what gets installed."""
    import coach.packs.install as install

    source = tmp_path / "clinic.yaml"
    checked = PLAN_PACK.read_bytes()
    source.write_bytes(checked)
    swapped = checked.replace(b'version: "1.2.0"', b'version: "9.9.9"')
    real = install.parse_pack

    def check_then_swap(raw: bytes, name: str) -> Pack:
        pack = real(raw, name)
        if name == str(source):
            source.write_bytes(swapped)
        return pack

    monkeypatch.setattr(install, "parse_pack", check_then_swap)
    code, out, _ = run("pack", "install", str(source))
    assert code == 0 and out.startswith("Installed Tuesday group (clinic), version 1.2.0")
    assert (data_dir / "packs" / "clinic.yaml").read_bytes() == checked


@pytest.mark.parametrize("target", ["HOME/notes", "~/notes", "../notes", "notes.yaml", "Notes"])
def test_pack_remove_touches_nothing_but_an_installed_pack(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    notes = home / "notes.yaml"
    notes.write_text("my notes\n")
    packs = data_dir / "packs"
    packs.mkdir(parents=True)
    beside = data_dir / "notes.yaml"
    beside.write_text("beside\n")
    inside = packs / "notes.yaml.yaml"
    inside.write_text("not a pack\n")
    code, _, err = run("pack", "remove", target.replace("HOME", str(home)))
    assert code == 1 and "nothing was removed" in one_sentence(err)
    assert notes.read_text() == "my notes\n" and beside.read_text() == "beside\n"
    assert inside.exists()


def test_pack_remove_leaves_a_file_that_is_not_that_pack(tmp_path: Path, data_dir: Path) -> None:
    packs = data_dir / "packs"
    packs.mkdir(parents=True)
    other = packs / "clinic.yaml"
    other.write_text("just some words\n")
    code, _, err = run("pack", "remove", "clinic")
    assert code == 1 and "did not remove it" in one_sentence(err)
    assert other.read_text() == "just some words\n"
    code, _, err = run("pack", "remove", "nothing")
    assert code == 1 and "nothing was removed" in one_sentence(err)


def test_pack_remove_removes_an_installed_pack(tmp_path: Path, data_dir: Path) -> None:
    source = tmp_path / "clinic.yaml"
    source.write_bytes(PLAN_PACK.read_bytes())
    assert run("pack", "install", str(source))[0] == 0
    code, out, _ = run("pack", "remove", "clinic")
    assert code == 0 and out.startswith("Removed Tuesday group (clinic).")
    assert not (data_dir / "packs" / "clinic.yaml").exists() and source.exists()
