"""A small private index of the validated library, so home's first frame and the light commands
(`list`, `find`, `show`, `plan`) need neither pydantic nor a validation of every pack.

The index is keyed by coach's version and each pack file's path, size and mtime_ns. It is never
trusted over the files: a file that changed, was added or went away, another version, or an
index that cannot be read or does not look exactly right means no index (the packs are read and
validated for real, and it is written again), and an exercise is always opened from the packs.
An encrypted data folder keeps none (its callers do not read or write one there).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from coach import __version__, paths
from coach.cachefile import read_small
from coach.errors import CoachError
from coach.frozen import frozen
from coach.text import clean

if TYPE_CHECKING:
    from coach.packs.library import ExerciseRef, Library

BUILT_IN = "built-in"
INSTALLED = "installed"
EXTRA = "extra"
PACK_SUFFIXES = (".yaml", ".yml")
INDEX_FILE = "cache/library.json"
INDEX_FORMAT = 2
"""Bumped when a row gains a field: an index of another format is rebuilt."""
INDEX_LIMIT = 8 << 20
MAX_EXERCISES = 2000
SKILLS = ("grounding", "boundaries", "regulation", "other")


@frozen
class Named:
    """What a cached exercise's pack offers the renderers: its id."""

    id: str


@frozen
class Summary:
    """The fields of an exercise that the home list, `list` and `find` read, from the index."""

    id: str
    title: str
    skill: str
    summary: str
    minutes: float | None
    when: list[str]
    tags: list[str]
    steps: tuple[tuple[str, str], ...] = ()
    """Each step's kind and title ("" when it has none), for the preview."""


class Described:
    """What an ExerciseRef and a Listed both offer, read from their exercise."""

    exercise: Any

    @property
    def title(self) -> str:
        return str(self.exercise.title)

    @property
    def skill(self) -> str:
        return str(self.exercise.skill)

    @property
    def minutes(self) -> float | None:
        minutes: float | None = self.exercise.minutes
        return minutes

    @property
    def tags(self) -> list[str]:
        return list(self.exercise.tags)


@frozen
class Listed(Described):
    """One exercise from the index, shaped like an ExerciseRef for home, renderers and search."""

    full_id: str
    exercise: Summary
    pack: Named


@frozen
class Planned:
    """One entry of a pack's plan, its exercise found in the pack (core.plan counts it)."""

    exercise: str
    title: str
    pack: str
    per_week: int
    note: str | None
    starts: dt.date | None
    ends: dt.date | None


@frozen
class Listing:
    """The library as the index keeps it: exercises in library order, the lines said about
    skipped packs, the plans, and each exercise's raw entry (for `coach show`)."""

    exercises: tuple[Listed, ...]
    notices: tuple[tuple[str, str], ...] = ()
    plans: tuple[Planned, ...] = ()
    entries: tuple[dict[str, Any], ...] = ()

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
    """The index, if it matches coach's version and every pack file as it is now, and every
    part of it looks exactly as written (its words cleaned as they are read); else None."""
    try:
        raw = json.loads(read_small(data_dir / INDEX_FILE, INDEX_LIMIT))
        if raw.get("format") != INDEX_FORMAT or raw.get("coach") != __version__:
            return None
        if raw.get("files") != stamps(data_dir, extra):
            return None
        rows = raw["exercises"]
        if not isinstance(rows, list) or len(rows) > MAX_EXERCISES:
            return None
        exercises = tuple(_listed(row) for row in rows)
        return Listing(exercises, _notices(raw["notices"]), _plans(raw["plans"]), tuple(rows))
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _texts(value: object) -> list[str]:
    """A list of text, cleaned; a TypeError for anything else."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("not a list of text")
    return [clean(v, multiline=True, limit=1000) for v in value]


def _listed(row: dict[str, Any]) -> Listed:
    """One exercise's row; a TypeError or KeyError when it does not look exactly right."""
    texts = [row[k] for k in ("id", "title", "pack")]
    minutes, skill, summary = row["minutes"], row["skill"], row["summary"]
    if not all(isinstance(t, str) for t in [*texts, summary]) or skill not in SKILLS:
        raise TypeError("a text field is not text")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int | float)):
        raise TypeError("minutes is not a number")
    full_id, title, pack = (clean(t, limit=200) for t in texts)
    exercise = Summary(
        id=full_id.partition("/")[2],
        title=title,
        skill=str(skill),
        summary=clean(summary, multiline=True, limit=1000),
        minutes=float(minutes) if minutes is not None else None,
        when=_texts(row["when"]),
        tags=_texts(row["tags"]),
        steps=_steps(row["steps"]),
    )
    return Listed(full_id, exercise, Named(pack))


def _steps(rows: object) -> tuple[tuple[str, str], ...]:
    """Each step's kind and title; a TypeError when they are not as written."""
    if not isinstance(rows, list) or len(rows) > MAX_EXERCISES:
        raise TypeError("not a list")
    pairs = [(kind, title) for kind, title in rows]
    if not all(isinstance(k, str) and isinstance(t, str) for k, t in pairs):
        raise TypeError("a step is not text")
    return tuple((clean(k, limit=40), clean(t, limit=200)) for k, t in pairs)


def _notices(rows: object) -> tuple[tuple[str, str], ...]:
    """The lines said about skipped packs, with their styles; a TypeError when not as written."""
    if not isinstance(rows, list):
        raise TypeError("not a list")
    pairs = [(message, style) for message, style in rows]
    if not all(isinstance(m, str) and isinstance(s, str) for m, s in pairs):
        raise TypeError("a line is not text")
    return tuple((clean(m, multiline=True), clean(s, limit=40)) for m, s in pairs)


def _plans(rows: object) -> tuple[Planned, ...]:
    """The packs' plan entries; a TypeError or ValueError when they are not as written."""
    if not isinstance(rows, list) or len(rows) > MAX_EXERCISES:
        raise TypeError("not a list")
    found = []
    for row in rows:
        texts = [row[k] for k in ("exercise", "title", "pack")]
        per_week, note, starts, ends = row["per_week"], row["note"], row["from"], row["until"]
        if not all(isinstance(t, str) for t in texts) or type(per_week) is not int:
            raise TypeError("a plan entry is not as written")
        if not all(v is None or isinstance(v, str) for v in (note, starts, ends)):
            raise TypeError("a plan entry is not as written")
        exercise, title, pack = (clean(t, limit=200) for t in texts)
        found.append(
            Planned(
                exercise,
                title,
                pack,
                per_week,
                clean(note, multiline=True, limit=1000) if note is not None else None,
                dt.date.fromisoformat(starts) if starts is not None else None,
                dt.date.fromisoformat(ends) if ends is not None else None,
            )
        )
    return tuple(found)


def planned(library: Library) -> list[Planned]:
    """Every plan entry of the library's packs whose exercise is in its pack, in pack order."""
    found = []
    for loaded in library.packs:
        for entry in loaded.pack.plan:
            exercise = loaded.pack.exercise(entry.exercise)
            if exercise is not None:
                found.append(
                    Planned(
                        f"{loaded.pack.id}/{exercise.id}",
                        exercise.title,
                        loaded.pack.id,
                        entry.per_week,
                        entry.note,
                        entry.from_,
                        entry.until,
                    )
                )
    return found


def shown_json(ref: ExerciseRef) -> dict[str, Any]:
    """A validated exercise as `coach show --json` prints it."""
    dump = ref.exercise.model_dump(mode="json", by_alias=True, exclude_none=True)
    return {**dump, "id": ref.full_id, "pack": ref.pack.id}


def write(
    data_dir: Path,
    library: Library,
    notices: Sequence[tuple[str, str]] = (),
    detail: Callable[[ExerciseRef], dict[str, Any]] | None = None,
) -> None:
    """Keep the index of a library just validated (its exercises, with what `detail` draws of
    each, the lines said about skipped packs, and the plans); a failure only costs speed."""
    rows = [
        {
            "id": ref.full_id,
            "title": ref.title,
            "skill": ref.skill,
            "summary": ref.exercise.summary,
            "minutes": ref.minutes,
            "pack": ref.pack.id,
            "when": list(ref.exercise.when),
            "tags": list(ref.tags),
            "steps": [[step.type, step.title or ""] for step in ref.exercise.steps],
            "detail": detail(ref) if detail is not None else None,
            "dump": shown_json(ref),
        }
        for ref in library.exercises()
    ]
    plans = [
        {
            "exercise": p.exercise,
            "title": p.title,
            "pack": p.pack,
            "per_week": p.per_week,
            "note": p.note,
            "from": p.starts.isoformat() if p.starts else None,
            "until": p.ends.isoformat() if p.ends else None,
        }
        for p in planned(library)
    ]
    data = {
        "format": INDEX_FORMAT,
        "coach": __version__,
        "files": library.stamps,
        "exercises": rows,
        "notices": [list(n) for n in notices],
        "plans": plans,
    }
    from coach.files import atomic_write, private_dir

    path = data_dir / INDEX_FILE
    try:
        if not path.parent.is_dir():
            private_dir(path.parent)
        atomic_write(path, json.dumps(data).encode())
    except (CoachError, OSError, ValueError, TypeError):
        pass


def forget(data_dir: Path) -> None:
    """Remove the index (it is rebuilt on the next start)."""
    try:
        os.unlink(data_dir / INDEX_FILE)
    except OSError:
        pass
