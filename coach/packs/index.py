"""A small private index of the validated library, so home can list the exercises without
importing pydantic or validating every pack first.

The index is keyed by coach's version and each pack file's path, size and mtime_ns. It is only
a hint for the first frame: a file that changed, a different version, or an index that cannot
be read or does not look exactly right means no index, and the packs are always validated for
real before an exercise opens.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from coach import __version__, paths
from coach.errors import CoachError
from coach.text import clean

BUILT_IN = "built-in"
INSTALLED = "installed"
EXTRA = "extra"
PACK_SUFFIXES = (".yaml", ".yml")
INDEX_FILE = "cache/library.json"
INDEX_LIMIT = 1 << 20
MAX_EXERCISES = 2000
SKILLS = ("grounding", "boundaries", "regulation", "other")


@dataclass(frozen=True)
class Listed:
    """One exercise as the home list shows it, read from the index."""

    full_id: str
    title: str
    skill: str
    minutes: float | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    """The exercises of a library as the index keeps them, in library order."""

    exercises: tuple[Listed, ...]

    def by_skill(self) -> dict[str, list[Listed]]:
        """The exercises grouped by skill, in the home screen's order; empty skills left out."""
        groups = {skill: [e for e in self.exercises if e.skill == skill] for skill in SKILLS}
        return {skill: found for skill, found in groups.items() if found}


class Summarised(Protocol):
    """What `quickest_grounding` reads: an ExerciseRef or a Listed."""

    @property
    def minutes(self) -> float | None: ...

    @property
    def tags(self) -> Sequence[str]: ...


S = TypeVar("S", bound=Summarised)


def quickest_grounding(grounding: Sequence[S]) -> S | None:
    """For "right now": the shortest grounding exercise tagged `anywhere` (one that needs
    nothing and can be done wherever a person is), else the shortest grounding exercise."""
    anywhere = [ref for ref in grounding if "anywhere" in ref.tags]
    choices = anywhere or list(grounding)
    return min(choices, key=lambda ref: ref.minutes or 999) if choices else None


def sources(data_dir: Path | None, extra: Sequence[Path]) -> list[tuple[Path, str]]:
    """Where packs are read from, in order: built-in, `<data>/packs/`, then each extra path."""
    found: list[tuple[Path, str]] = [(paths.builtin_packs_dir(), BUILT_IN)]
    if data_dir is not None:
        installed = paths.installed_packs_dir(data_dir)
        if installed.is_dir():
            found.append((installed, INSTALLED))
    found.extend((Path(p), EXTRA) for p in extra)
    return found


def pack_files(folder: Path) -> list[Path]:
    """The pack files in a folder (not in its subfolders), in name order."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in PACK_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def stamps(data_dir: Path | None, extra: Sequence[Path]) -> list[list[Any]]:
    """Each pack file's path, size and mtime_ns, in load order: what the index is keyed by."""
    out: list[list[Any]] = []
    for source, origin in sources(data_dir, extra):
        try:
            files = [source] if source.is_file() else pack_files(source) if source.is_dir() else []
            if not files:
                out.append([str(source), origin, -1, -1])
            for path in files:
                st = path.stat()
                out.append([str(path), origin, st.st_size, st.st_mtime_ns])
        except OSError:
            out.append([str(source), origin, -1, -1])
    return out


def read(data_dir: Path, extra: Sequence[Path]) -> Listing | None:
    """The index, if it matches coach's version and every pack file as it is now; else None."""
    try:
        raw = json.loads(_read(data_dir / INDEX_FILE))
        if raw.get("coach") != __version__ or raw.get("files") != stamps(data_dir, extra):
            return None
        return _listing(raw["exercises"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _read(path: Path) -> bytes:
    """The index's bytes: a regular file of at most INDEX_LIMIT bytes, or ValueError/OSError
    (coach.files is not imported for this: the first frame waits for every import)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file")
        data = os.read(fd, INDEX_LIMIT + 1)
    finally:
        os.close(fd)
    if len(data) > INDEX_LIMIT:
        raise ValueError("too large")
    return data


def _listing(rows: object) -> Listing | None:
    if not isinstance(rows, list) or len(rows) > MAX_EXERCISES:
        return None
    out = []
    for row in rows:
        if not isinstance(row, dict):
            return None
        full_id, title, skill = row.get("id"), row.get("title"), row.get("skill")
        minutes, tags = row.get("minutes"), row.get("tags")
        if not (isinstance(full_id, str) and isinstance(title, str) and skill in SKILLS):
            return None
        if minutes is not None and (
            isinstance(minutes, bool) or not isinstance(minutes, int | float)
        ):
            return None
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            return None
        out.append(
            Listed(
                clean(full_id, limit=200),
                clean(title, limit=200),
                str(skill),
                float(minutes) if minutes is not None else None,
                tuple(clean(t, limit=60) for t in tags[:50]),
            )
        )
    return Listing(tuple(out))


class Indexed(Protocol):
    """What `write` reads from each exercise of a loaded library (an ExerciseRef)."""

    @property
    def full_id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def skill(self) -> str: ...

    @property
    def minutes(self) -> float | None: ...

    @property
    def tags(self) -> Sequence[str]: ...


def write(data_dir: Path, files: list[list[Any]], exercises: Iterable[Indexed]) -> None:
    """Keep the index of a library just validated from `files`; a failure only costs speed."""
    data = {
        "coach": __version__,
        "files": files,
        "exercises": [
            {
                "id": e.full_id,
                "title": e.title,
                "skill": e.skill,
                "minutes": e.minutes,
                "tags": list(e.tags),
            }
            for e in exercises
        ],
    }
    from coach.files import atomic_write, private_dir

    path = data_dir / INDEX_FILE
    try:
        if not path.parent.is_dir():
            private_dir(path.parent)
        atomic_write(path, json.dumps(data).encode())
    except (CoachError, OSError):
        pass


def forget(data_dir: Path) -> None:
    """Remove the index (it is rebuilt on the next start)."""
    try:
        os.unlink(data_dir / INDEX_FILE)
    except OSError:
        pass
