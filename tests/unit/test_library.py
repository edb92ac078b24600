"""The library: built-in, installed and extra packs; ids in full or short; bad packs skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.errors import AmbiguousExercise, UnknownExercise
from coach.packs.library import BUILT_IN, EXTRA, INSTALLED, Library
from coach.paths import extra_pack_paths
from tests.conftest import FIXTURES
from tests.packs import dump, pack_data


def write_pack(folder: Path, pack_id: str, exercise_ids: list[str], **top: object) -> Path:
    data = pack_data(id=pack_id, **top)
    base = data["exercises"][0]
    data["exercises"] = [{**base, "id": eid, "title": f"Title {eid}"} for eid in exercise_ids]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{pack_id}.yaml"
    path.write_text(dump(data))
    return path


def test_the_built_in_library_loads_without_problems() -> None:
    library = Library.load()
    assert library.problems == []
    assert [p.origin for p in library.packs] == [BUILT_IN]
    assert library.get("core/box-breathing") is not None


def test_installed_and_extra_packs_join_the_library(data_dir: Path, tmp_path: Path) -> None:
    write_pack(data_dir / "packs", "clinic", ["walk"])
    extra = write_pack(tmp_path / "mine", "mine", ["tea"])
    library = Library.load(data_dir, [extra])
    origins = {p.pack.id: p.origin for p in library.packs}
    assert origins == {"core": BUILT_IN, "clinic": INSTALLED, "mine": EXTRA}
    assert library.resolve("walk").full_id == "clinic/walk"
    assert library.resolve("tea").full_id == "mine/tea"


def test_an_extra_folder_loads_every_pack_in_it(tmp_path: Path) -> None:
    write_pack(tmp_path / "folder", "one", ["a"])
    write_pack(tmp_path / "folder", "two", ["b"])
    (tmp_path / "folder" / "notes.txt").write_text("not a pack")
    library = Library.load(None, [tmp_path / "folder"])
    assert {p.pack.id for p in library.packs} == {"core", "one", "two"}


def test_one_bad_pack_is_reported_and_the_others_load(tmp_path: Path) -> None:
    folder = tmp_path / "packs"
    write_pack(folder, "good", ["fine"])
    (folder / "grief.yaml").write_bytes((FIXTURES / "packs" / "grief.yaml").read_bytes())
    library = Library.load(None, [folder])
    assert library.resolve("fine").full_id == "good/fine"
    assert [str(p) for e in library.problems for p in e.problems] == [
        f"{folder / 'grief.yaml'}:14: exercises[2].steps[1].seconds: must be between 1 and 3600"
    ]


def test_a_missing_extra_path_is_reported_not_fatal(tmp_path: Path) -> None:
    library = Library.load(None, [tmp_path / "gone"])
    assert library.get("core/five-senses") is not None
    assert "no such file or folder" in str(library.problems[0])


def test_full_and_short_ids_resolve() -> None:
    library = Library.load()
    assert library.resolve("core/five-senses").exercise.id == "five-senses"
    assert library.resolve("five-senses").full_id == "core/five-senses"


def test_an_ambiguous_short_id_lists_the_candidates(tmp_path: Path) -> None:
    extra = write_pack(tmp_path, "clinic", ["box-breathing"])
    library = Library.load(None, [extra])
    with pytest.raises(AmbiguousExercise) as caught:
        library.resolve("box-breathing")
    assert "core/box-breathing, clinic/box-breathing" in str(caught.value)
    assert library.resolve("clinic/box-breathing").pack.id == "clinic"


@pytest.mark.parametrize("typed", ["nothing-here", "core/nothing", "nopack/five-senses"])
def test_an_unknown_id_says_where_to_look(typed: str) -> None:
    with pytest.raises(UnknownExercise) as caught:
        Library.load().resolve(typed)
    assert f"There is no exercise {typed!r}" in str(caught.value)
    assert "coach list" in str(caught.value)


def test_a_later_pack_with_the_same_id_replaces_the_earlier_one(tmp_path: Path) -> None:
    extra = write_pack(tmp_path, "core", ["only-this"])
    library = Library.load(None, [extra])
    assert [ref.full_id for ref in library.exercises()] == ["core/only-this"]
    assert "is used in place of" in library.notices[0]


def test_coach_packs_splits_on_the_path_separator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_PACKS", "/a/one.yaml:/b/folder:")
    assert extra_pack_paths(["/c/flag.yaml"]) == [
        Path("/a/one.yaml"),
        Path("/b/folder"),
        Path("/c/flag.yaml"),
    ]


def test_exercises_filter_by_skill() -> None:
    refs = Library.load().exercises("boundaries")
    assert refs and {r.skill for r in refs} == {"boundaries"}
