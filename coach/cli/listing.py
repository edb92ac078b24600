"""The exercises as `coach list`, `coach find` and `coach show` draw them, from a small private
cache of the validated library, so none loads pydantic or validates every pack when nothing
changed.

The cache is keyed by coach's version and each pack file's path, size and mtime_ns. It is never
trusted over the files: a file that changed, was added or went away, another version, or a cache
that cannot be read or does not look exactly right means the packs are loaded and validated for
real (and the cache written again). An encrypted data folder gets no cache.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import __version__, paths
from coach.text import clean

if TYPE_CHECKING:
    from coach.cli.settings import Settings
    from coach.packs.library import ExerciseRef

CACHE_FILE = "cache/exercises.json"
READ_LIMIT = 8 << 20
PACK_SUFFIXES = (".yaml", ".yml")
TEXTS = ("id", "title", "skill", "summary", "pack")


@dataclass(frozen=True)
class Named:
    """What a cached exercise's pack offers the renderers: its id."""

    id: str


@dataclass(frozen=True)
class Summary:
    """The fields of an exercise that `list` and `find` read, from the cache."""

    id: str
    title: str
    skill: str
    summary: str
    minutes: float | None
    when: list[str]
    tags: list[str]


@dataclass(frozen=True)
class CachedRef:
    """An exercise from the cache, shaped like an ExerciseRef for the renderers and the search."""

    full_id: str
    exercise: Summary
    pack: Named

    @property
    def title(self) -> str:
        return self.exercise.title

    @property
    def skill(self) -> str:
        return self.exercise.skill


def exercises(found: Settings) -> list[ExerciseRef]:
    """Every exercise, from the cache when it matches the files, else from the library."""
    return [ref for ref, _ in _entries(found)]


def resolve(found: Settings, typed: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """What `coach show` draws of the exercise a person typed, and its JSON; a full id, or a
    short id when only one pack has it (as `Library.resolve`); otherwise a calm CoachError."""
    from coach.errors import AmbiguousExercise, UnknownExercise

    typed = typed.strip()
    pairs = _entries(found)
    if "/" in typed:
        matches = [pair for pair in pairs if pair[0].full_id == typed]
        if not matches:
            raise UnknownExercise(
                f"There is no exercise {typed!r}. `coach list` shows every exercise."
            )
    else:
        matches = [pair for pair in pairs if pair[0].exercise.id == typed]
        if len(matches) > 1:
            options = ", ".join(ref.full_id for ref, _ in matches)
            raise AmbiguousExercise(
                f"More than one pack has an exercise called {typed!r}: {options}. "
                "Type the full id to choose one."
            )
        if not matches:
            raise UnknownExercise(
                f"There is no exercise {typed!r}. `coach list` shows every exercise, "
                "and `coach find` searches them."
            )
    ref, entry = matches[0]
    if entry is None:
        return _entry(ref)
    try:
        return _shown(entry)
    except (KeyError, TypeError, ValueError, AttributeError):  # not as written: read the packs
        return _entry(found.library().resolve(typed))


def _entry(ref: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """What `coach show` needs of a validated exercise: its detail, and its JSON."""
    from coach.render.packs import detail_record

    dump = ref.exercise.model_dump(mode="json", by_alias=True, exclude_none=True)
    return detail_record(ref), {**dump, "id": ref.full_id, "pack": ref.pack.id}


def _shown(entry: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A cached entry's detail and JSON, checked and cleaned; a TypeError when it looks wrong."""
    detail, dump = entry["detail"], entry["dump"]
    texts = ("id", "title", "facts", "summary", "why")
    if not all(isinstance(detail[k], str) for k in texts) or not isinstance(dump, dict):
        raise TypeError("the cached exercise does not look right")
    for key in ("when", "steps"):
        if not all(isinstance(v, str) for v in detail[key]):
            raise TypeError("the cached exercise does not look right")
    shown: dict[str, Any] = {k: clean(detail[k], multiline=True) for k in texts}
    shown |= {k: [clean(v, multiline=True) for v in detail[k]] for k in ("when", "steps")}
    return shown, _cleaned(dump)


def _cleaned(value: Any) -> Any:
    """JSON from the cache with every text in it cleaned."""
    if isinstance(value, str):
        return clean(value, multiline=True)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if isinstance(value, dict):
        return {clean(str(k)): _cleaned(v) for k, v in value.items()}
    return value


def _entries(found: Settings) -> list[tuple[Any, Any]]:
    """Each exercise with its cached entry (None when it comes fresh from the library)."""
    if found.encrypted():
        return [(ref, None) for ref in found.library().exercises()]
    stamps = _stamps(found)
    cached = _read(found.data_dir, stamps)
    if cached is not None:
        pairs, notices = cached
        from coach.cli.output import warn

        for message, style in notices:
            warn(message, style=style)
        return pairs
    from coach.cli.settings import skipped_lines
    from coach.render.packs import exercise_record

    library = found.library()
    loaded = library.exercises()
    entries = [
        {"record": exercise_record(ref), "detail": detail, "dump": dump}
        for ref in loaded
        for detail, dump in [_entry(ref)]
    ]
    _write(found.data_dir, stamps, entries, skipped_lines(library))
    return [(ref, None) for ref in loaded]


def _stamps(found: Settings) -> list[list[Any]]:
    """Each pack file's path, size and mtime_ns, in load order."""
    sources = [paths.builtin_packs_dir(), paths.installed_packs_dir(found.data_dir)]
    out: list[list[Any]] = []
    for source in [*sources, *found.pack_paths]:
        try:
            if source.is_dir():
                files = sorted(
                    p
                    for p in source.iterdir()
                    if p.suffix in PACK_SUFFIXES and not p.name.startswith(".") and p.is_file()
                )
            else:
                files = [source]
            for path in files:
                st = path.stat()
                out.append([str(path), st.st_size, st.st_mtime_ns])
        except OSError:
            out.append([str(source), -1, -1])
    return out


def _read(
    data_dir: Path, stamps: list[list[Any]]
) -> tuple[list[tuple[Any, Any]], list[Any]] | None:
    """The cached exercises and notices, if the cache matches; None for anything else."""
    from coach.errors import CoachError
    from coach.files import read_bounded

    try:
        raw = json.loads(read_bounded(data_dir / CACHE_FILE, READ_LIMIT))
        if raw["coach"] != __version__ or raw["files"] != stamps:
            return None
        pairs = [(_ref(entry["record"]), entry) for entry in raw["exercises"]]
        notices = [(clean(m, multiline=True), clean(s)) for m, s in raw["notices"]]
        if not all(isinstance(m, str) and isinstance(s, str) for m, s in raw["notices"]):
            return None
    except (CoachError, OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return pairs, notices


def _ref(record: dict[str, Any]) -> CachedRef:
    """One cached record as a ref; a TypeError or ValueError when it does not look right."""
    if not all(isinstance(record[k], str) for k in TEXTS):
        raise TypeError("a text field is not text")
    minutes = record["minutes"]
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int | float)):
        raise TypeError("minutes is not a number")
    when, tags = record["when"], record["tags"]
    if not all(isinstance(v, list) and all(isinstance(s, str) for s in v) for v in (when, tags)):
        raise TypeError("a list field is not a list of text")
    text = {k: clean(record[k], multiline=True) for k in TEXTS}
    exercise = Summary(
        id=text["id"].partition("/")[2],
        title=text["title"],
        skill=text["skill"],
        summary=text["summary"],
        minutes=minutes,
        when=[clean(w, multiline=True) for w in when],
        tags=[clean(t, multiline=True) for t in tags],
    )
    return CachedRef(text["id"], exercise, Named(text["pack"]))


def _write(
    data_dir: Path, stamps: list[list[Any]], entries: list[dict[str, Any]], notices: list[Any]
) -> None:
    """Keep the cache for next time, only in a data folder that is there; a failure costs speed."""
    from coach.errors import CoachError
    from coach.files import atomic_write, private_dir

    if not data_dir.is_dir():
        return
    data = {"coach": __version__, "files": stamps, "exercises": entries, "notices": notices}
    path = data_dir / CACHE_FILE
    try:
        if not path.parent.is_dir():
            private_dir(path.parent)
        atomic_write(path, json.dumps(data).encode())
    except (CoachError, OSError, ValueError, TypeError):
        pass
