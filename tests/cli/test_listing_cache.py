"""`coach list` and `coach find` from the cache of the validated library: the same lines as a
fresh load, no pydantic when the cache is warm, and never trusted over the pack files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.packs.index import INDEX_FILE as CACHE_FILE
from tests.cli.light_runs import run, warm_runs
from tests.conftest import FIXTURES

GRIEF = (FIXTURES / "packs" / "grief.yaml").read_text().replace("seconds: 0", "seconds: 30")


def installed(data_dir: Path, text: str = GRIEF) -> Path:
    folder = data_dir / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "grief.yaml").write_text(text)
    return folder / "grief.yaml"


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--json"],
        ["find", "hard", "feeling"],
        ["find", "kill", "myself"],
        ["show", "grief/three"],
        ["show", "three", "--json"],
        ["show", "box-breathing"],
        ["show", "one"],
        ["show", "grief/nothing"],
        ["show", "nothing"],
    ],
)
def test_a_warm_cache_says_what_a_fresh_load_says(
    args: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    installed(data_dir)
    (data_dir / "packs" / "broken.yaml").write_text("format: coach-pack/1\nid: [\n")
    (data_dir / "packs" / "loss.yaml").write_text(GRIEF.replace("id: grief", "id: loss"))
    cold = run(args, capsys)
    assert (data_dir / CACHE_FILE).is_file()
    assert run(args, capsys) == cold
    assert "A pack was skipped" in cold[1]  # the skipped pack is still said from the cache


def test_the_cache_is_private(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    installed(data_dir)
    run(["list"], capsys)
    assert (data_dir / CACHE_FILE).stat().st_mode & 0o777 == 0o600


def test_a_changed_pack_is_read_again(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = installed(data_dir)
    assert "Sit with it" in run(["list", "--json"], capsys)[0]
    pack.write_text(GRIEF.replace("Sit with it", "Stay with it a while"))
    assert "Stay with it a while" in run(["list", "--json"], capsys)[0]
    pack.write_text(GRIEF.replace("skill: regulation", "skill: nonsense"))  # now invalid
    out, err = run(["list", "--json"], capsys)
    assert "grief/three" not in out and "A pack was skipped" in err
    pack.unlink()
    assert "grief/" not in run(["list", "--json"], capsys)[0]


@pytest.mark.parametrize(
    "hostile",
    [
        b"{",
        b"[]",
        b'{"coach": "0.0.0", "files": [], "exercises": [], "notices": []}',
        pytest.param(b"[" * 100_000, id="nested-100000-deep"),
    ],
)
def test_a_cache_that_does_not_fit_is_rebuilt(
    hostile: bytes, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    installed(data_dir)
    cold = run(["list"], capsys)
    (data_dir / CACHE_FILE).write_bytes(hostile)
    assert run(["list"], capsys) == cold
    assert json.loads((data_dir / CACHE_FILE).read_text())["exercises"]


def test_a_tampered_cache_is_shown_literally_or_not_at_all(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    installed(data_dir)
    run(["list"], capsys)
    cache = json.loads((data_dir / CACHE_FILE).read_text())
    cache["exercises"][0]["title"] = "\x1b]52;c;AAAA\x07Evil"
    (data_dir / CACHE_FILE).write_text(json.dumps(cache))
    out = run(["list"], capsys)[0]
    assert "\x1b" not in out and "\x07" not in out
    cache["exercises"][0]["minutes"] = "soon"
    (data_dir / CACHE_FILE).write_text(json.dumps(cache))
    assert "soon" not in run(["list"], capsys)[0]


def test_a_tampered_exercise_is_shown_from_the_pack_instead(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    cold = run(["show", "core/box-breathing"], capsys)
    cache = json.loads((data_dir / CACHE_FILE).read_text())
    entry = next(e for e in cache["exercises"] if e["id"] == "core/box-breathing")
    entry["detail"]["steps"] = [7]
    (data_dir / CACHE_FILE).write_text(json.dumps(cache))
    assert run(["show", "core/box-breathing"], capsys) == cold
    entry["detail"]["title"] = "\x1b[2JGone"
    (data_dir / CACHE_FILE).write_text(json.dumps(cache))
    assert "\x1b" not in run(["show", "core/box-breathing"], capsys)[0]


def test_an_encrypted_folder_gets_no_cache(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "key.json").write_text("{}")
    assert "  box-breathing " in run(["list"], capsys)[0]
    assert not (data_dir / CACHE_FILE).exists()


def test_a_warm_cache_does_not_load_pydantic(data_dir: Path) -> None:
    """`list`, then `show three`, warm, in one fresh process."""
    installed(data_dir)
    commands = [["list"], ["show", "three"]]
    for args, (out, modules) in zip(commands, warm_runs(commands, data_dir), strict=True):
        assert "grief/three" in out or "Sit with it" in out, (args, out)
        assert not {"pydantic", "typer", "coach.packs.model", "tinydb"} & modules, args


def test_one_index_serves_home_and_the_commands(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`coach list` keeps the same single index home draws its first frame from, and back."""
    from coach.packs import index
    from coach.packs.library import Library

    installed(data_dir)
    out = run(["list", "--json"], capsys)[0]
    assert sorted(p.name for p in (data_dir / "cache").iterdir()) == ["library.json"]
    listing = index.read(data_dir, [])
    assert listing is not None
    assert sorted(e.full_id for e in listing.exercises) == sorted(r["id"] for r in json.loads(out))
    (data_dir / CACHE_FILE).unlink()
    library = Library.load(data_dir, [])
    index.write(data_dir, library)  # as home writes it when it reads the packs
    assert run(["list", "--json"], capsys)[0] == out
    assert run(["show", "grief/three"], capsys)[0] == run(["show", "grief/three"], capsys)[0]
