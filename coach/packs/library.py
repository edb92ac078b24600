"""The library: built-in packs, installed packs and extra paths; one bad pack never stops the rest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.errors import AmbiguousExercise, PackError, Problem, UnknownExercise
from coach.packs.index import (
    BUILT_IN,
    EXTRA,
    INSTALLED,
    PACK_SUFFIXES,
    Described,
    pack_files,
    sources,
    stamps,
)
from coach.packs.loader import load_pack
from coach.packs.model import Exercise, Pack
from coach.text import clean

__all__ = [
    "BUILT_IN",
    "EXTRA",
    "INSTALLED",
    "PACK_SUFFIXES",
    "ExerciseRef",
    "Library",
    "pack_files",
]


@dataclass(frozen=True)
class LoadedPack:
    """A validated pack and where it came from."""

    pack: Pack
    path: Path
    origin: str


@dataclass(frozen=True)
class ExerciseRef(Described):
    """An exercise together with its pack: what lists, searches and runs work with."""

    pack: Pack
    exercise: Exercise

    @property
    def full_id(self) -> str:
        return f"{self.pack.id}/{self.exercise.id}"


@dataclass
class Library:
    """Every pack coach can see, the exercises in them, and the packs it had to skip."""

    packs: list[LoadedPack] = field(default_factory=list)
    problems: list[PackError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    stamps: list[list[Any]] = field(default_factory=list)
    """Each pack file's path, size and mtime_ns, taken before reading them (coach.packs.index)."""
    read_from: tuple[Path | None, tuple[Path, ...]] | None = None

    @classmethod
    def load(cls, data_dir: Path | None = None, extra: Sequence[Path] = ()) -> Library:
        """Built-in packs, then `<data>/packs/`, then each extra path; later ids replace earlier."""
        library = cls(stamps=stamps(data_dir, extra), read_from=(data_dir, tuple(extra)))
        for source, origin in sources(data_dir, extra):
            for path in library._files(source):
                library._add(path, origin)
        return library

    def fresh(self) -> Library:
        """This library, or the packs read and validated again when a pack file has changed
        since (a library built in memory, not loaded from files, is kept as it is)."""
        if self.read_from is None:
            return self
        data_dir, extra = self.read_from
        if stamps(data_dir, extra) == self.stamps:
            return self
        return Library.load(data_dir, extra)

    def _files(self, source: Path) -> list[Path]:
        try:
            if source.is_file():
                return [source]
            if source.is_dir():
                return pack_files(source)
        except OSError as err:
            reason = (err.strerror or "it cannot be read").lower()
            self.problems.append(
                PackError(
                    [Problem(str(source), None, "", f"cannot be read ({reason}); it was skipped")]
                )
            )
            return []
        self.problems.append(
            PackError([Problem(str(source), None, "", "no such file or folder; it was skipped")])
        )
        return []

    def _add(self, path: Path, origin: str) -> None:
        try:
            pack = load_pack(path)
        except PackError as err:
            self.problems.append(err)
            return
        except Exception:  # noqa: BLE001 - one strange file must never stop the others
            self.problems.append(
                PackError(
                    [Problem(str(path), None, "", "could not be read as a pack; it was skipped")]
                )
            )
            return
        for i, loaded in enumerate(self.packs):
            if loaded.pack.id == pack.id:
                self.notices.append(
                    clean(
                        f"pack {pack.id!r} from {path} is used in place of the one from "
                        f"{loaded.path}"
                    )
                )
                self.packs[i] = LoadedPack(pack, path, origin)
                return
        self.packs.append(LoadedPack(pack, path, origin))

    # ---- exercises --------------------------------------------------------------------------

    def exercises(self, skill: str | None = None) -> list[ExerciseRef]:
        """Every exercise, pack by pack, in the order the packs list them."""
        return [
            ExerciseRef(loaded.pack, exercise)
            for loaded in self.packs
            for exercise in loaded.pack.exercises
            if skill is None or exercise.skill == skill
        ]

    def pack(self, pack_id: str) -> LoadedPack | None:
        return next((p for p in self.packs if p.pack.id == pack_id), None)

    def get(self, full_id: str) -> ExerciseRef | None:
        """The exercise with this full id (`core/box-breathing`), if it is in the library."""
        pack_id, _, exercise_id = full_id.partition("/")
        loaded = self.pack(pack_id)
        exercise = loaded.pack.exercise(exercise_id) if loaded else None
        return ExerciseRef(loaded.pack, exercise) if loaded and exercise else None

    def resolve(self, typed: str) -> ExerciseRef:
        """A full id, or a short id when only one pack has it; otherwise a calm CoachError."""
        typed = typed.strip()
        if "/" in typed:
            ref = self.get(typed)
            if ref is None:
                raise UnknownExercise(
                    f"There is no exercise {typed!r}. `coach list` shows every exercise."
                )
            return ref
        matches = [ref for ref in self.exercises() if ref.exercise.id == typed]
        if len(matches) == 1:
            return matches[0]
        if matches:
            options = ", ".join(ref.full_id for ref in matches)
            raise AmbiguousExercise(
                f"More than one pack has an exercise called {typed!r}: {options}. "
                "Type the full id to choose one."
            )
        raise UnknownExercise(
            f"There is no exercise {typed!r}. `coach list` shows every exercise, "
            "and `coach find` searches them."
        )
