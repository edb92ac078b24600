"""The library index: a hint for home's first frame, used only while every pack file matches."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from coach.packs import index
from coach.packs.library import Library
from tests.cli.built_in_packs import validate_built_in_once
from tests.conftest import FIXTURES

CLINIC = FIXTURES / "packs" / "clinic-plan.yaml"


@pytest.fixture(autouse=True)
def _built_in_packs_validated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test here loads the library on the way to what it is about, not to test loading."""
    validate_built_in_once(monkeypatch)


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "extra" / "clinic.yaml"
    path.parent.mkdir()
    shutil.copy(CLINIC, path)
    return path


def warm(data_dir: Path, pack: Path) -> Library:
    library = Library.load(data_dir, [pack])
    index.write(data_dir, library)
    return library


def test_a_fresh_index_lists_the_same_exercises_as_the_packs(data_dir: Path, pack: Path) -> None:
    library = warm(data_dir, pack)
    listing = index.read(data_dir, [pack])
    assert listing is not None
    assert [e.full_id for e in listing.exercises] == [r.full_id for r in library.exercises()]
    assert [e.title for e in listing.exercises] == [r.title for r in library.exercises()]
    walk = next(e for e in listing.exercises if e.full_id == "clinic/walk")
    assert (walk.skill, walk.minutes) == ("grounding", 10.0)
    assert list(listing.by_skill())[0] == "grounding"


def test_the_index_file_is_private(data_dir: Path, pack: Path) -> None:
    warm(data_dir, pack)
    mode = stat.S_IMODE((data_dir / index.INDEX_FILE).stat().st_mode)
    assert mode == 0o600


def test_a_pack_that_grew_or_was_touched_makes_the_index_stale(data_dir: Path, pack: Path) -> None:
    warm(data_dir, pack)
    before = pack.stat()
    os.utime(pack, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert index.read(data_dir, [pack]) is None  # mtime alone
    warm(data_dir, pack)
    with pack.open("a") as file:
        file.write("\n# a comment\n")
    os.utime(pack, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert index.read(data_dir, [pack]) is None  # size alone


def test_a_new_or_removed_pack_makes_the_index_stale(data_dir: Path, pack: Path) -> None:
    warm(data_dir, pack)
    shutil.copy(FIXTURES / "packs" / "grief.yaml", pack.parent / "grief.yaml")
    assert index.read(data_dir, [pack.parent]) is None
    assert index.read(data_dir, []) is None


def test_another_version_of_coach_ignores_the_index(
    data_dir: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm(data_dir, pack)
    monkeypatch.setattr(index, "__version__", "99.0.0")
    assert index.read(data_dir, [pack]) is None


def hostile_rows(pack: Path, data_dir: Path) -> dict[str, object]:
    return {
        "format": index.INDEX_FORMAT,
        "coach": index.__version__,
        "files": index.stamps(data_dir, [pack]),
        "notices": [],
        "plans": [],
    }


def row(**fields: object) -> dict[str, object]:
    """An index row with the fields only `list`, `find` and `show` read, and `fields`."""
    return {"summary": "", "pack": "a", "when": [], "steps": [], **fields}


@pytest.mark.parametrize(
    "exercises",
    [
        "not a list",
        [["clinic/walk"]],
        [row(id="a/b", title=5, skill="grounding", minutes=1, tags=[])],
        [row(id="a/b", title="t", skill="evil", minutes=1, tags=[])],
        [row(id="a/b", title="t", skill="other", minutes="5", tags=[])],
        [row(id="a/b", title="t", skill="other", minutes=True, tags=[])],
        [row(id="a/b", title="t", skill="other", minutes=1, tags=[1])],
        [row(id="a/b", title="t", skill="other", minutes=1)],
        [row(id="a/b", title="t", skill="other", minutes=1, tags=[])] * 5000,
    ],
)
def test_an_index_of_the_wrong_shape_is_ignored(
    data_dir: Path, pack: Path, exercises: object
) -> None:
    warm(data_dir, pack)
    doc = {**hostile_rows(pack, data_dir), "exercises": exercises}
    (data_dir / index.INDEX_FILE).write_text(json.dumps(doc))
    assert index.read(data_dir, [pack]) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"\x00\xff garbage",
        b"[1, 2, 3]",
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="nested-100000-deep"),
        pytest.param(b'{"coach": "' + b"x" * (index.INDEX_LIMIT + 10) + b'"}', id="over-the-limit"),
    ],
)
def test_a_corrupt_truncated_or_huge_index_is_ignored_and_rebuilt(
    data_dir: Path, pack: Path, content: bytes
) -> None:
    warm(data_dir, pack)
    whole = (data_dir / index.INDEX_FILE).read_bytes()
    (data_dir / index.INDEX_FILE).write_bytes(content or whole[: len(whole) // 2])
    assert index.read(data_dir, [pack]) is None
    warm(data_dir, pack)
    assert index.read(data_dir, [pack]) is not None


def test_words_in_the_index_are_cleaned_as_they_are_read(data_dir: Path, pack: Path) -> None:
    warm(data_dir, pack)
    tampered = row(id="a/b", title="\x1b[31mred\x1b[0m", skill="other", minutes=2, tags=[])
    doc = {**hostile_rows(pack, data_dir), "exercises": [tampered]}
    (data_dir / index.INDEX_FILE).write_text(json.dumps(doc))
    listing = index.read(data_dir, [pack])
    assert listing is not None and "\x1b" not in listing.exercises[0].title


def test_the_packs_are_never_trusted_to_the_index(data_dir: Path, pack: Path) -> None:
    """A pack made invalid behind the index's back (same size, same mtime) is still reported."""
    warm(data_dir, pack)
    before = pack.stat()
    text = pack.read_text()
    broken = text.replace("skill: grounding", "skill: groundin_")
    assert len(broken) == len(text)
    pack.write_text(broken)
    os.utime(pack, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert index.read(data_dir, [pack]) is not None  # the stale hint, for the first frame only
    library = Library.load(data_dir, [pack])
    assert library.get("clinic/walk") is None
    assert library.problems and str(pack) in str(library.problems[0].file)


def test_a_folder_that_cannot_be_written_only_costs_speed(data_dir: Path, pack: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "cache").write_text("a file where the folder would be")
    warm(data_dir, pack)  # no error
    assert index.read(data_dir, [pack]) is None
