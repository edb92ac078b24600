"""The exercises as `coach list`, `coach find`, `coach show` and `coach plan` draw them, from the
library index (coach.packs.index), so none loads pydantic or validates every pack when nothing
changed. A cold or stale index means the packs are loaded for real and the index written again
with what every face draws; an encrypted data folder gets none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coach.text import clean

if TYPE_CHECKING:
    from coach.cli.settings import Settings
    from coach.packs.index import Listing
    from coach.packs.library import ExerciseRef, Library


def exercises(found: Settings) -> list[Any]:
    """Every exercise, from the index when it matches the files, else from the library."""
    return [ref for ref, _ in _entries(found)]


def listing(found: Settings) -> Listing | None:
    """The index when it matches the files (its notices said), else None after the packs were
    read and it was written again; always None for an encrypted folder."""
    from coach.packs import index

    if found.encrypted():
        return None
    cached = index.read(found.data_dir, found.pack_paths)
    if cached is not None:
        from coach.cli.output import warn

        for message, style in cached.notices:
            warn(message, style=style)
        return cached
    keep(found, found.library())
    return None


def keep(found: Settings, library: Library) -> None:
    """Write the index of a library just validated, with what `coach show` draws of each
    exercise and the lines said about skipped packs; only in a data folder that is there."""
    from coach.cli.settings import skipped_lines
    from coach.packs import index
    from coach.render.packs import detail_record

    if found.data_dir.is_dir() and not found.encrypted():
        index.write(found.data_dir, library, skipped_lines(library), detail_record)


def resolve(found: Settings, typed: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """What `coach show` draws of the exercise a person typed, and its JSON; a full id, or a
    short id when only one pack has it (as `Library.resolve`); otherwise a calm CoachError."""
    from coach.errors import AmbiguousExercise, UnknownExercise
    from coach.packs.search import unknown_exercise

    typed = typed.strip()
    pairs = _entries(found)
    if "/" in typed:
        matches = [pair for pair in pairs if pair[0].full_id == typed]
        if not matches:
            raise UnknownExercise(unknown_exercise(typed, [ref for ref, _ in pairs]))
    else:
        matches = [pair for pair in pairs if pair[0].exercise.id == typed]
        if len(matches) > 1:
            options = ", ".join(ref.full_id for ref, _ in matches)
            raise AmbiguousExercise(
                f"More than one pack has an exercise called {typed!r}: {options}. "
                "Type the full id to choose one."
            )
        if not matches:
            raise UnknownExercise(unknown_exercise(typed, [ref for ref, _ in pairs]))
    ref, entry = matches[0]
    if entry is None:
        return _entry(ref)
    try:
        return _shown(entry)
    except (KeyError, TypeError, ValueError, AttributeError):  # not as written: read the packs
        return _entry(found.library().resolve(typed))


def _entry(ref: ExerciseRef) -> tuple[dict[str, Any], dict[str, Any]]:
    """What `coach show` needs of a validated exercise: its detail, and its JSON."""
    from coach.packs.index import shown_json
    from coach.render.packs import detail_record

    return detail_record(ref), shown_json(ref)


def _shown(entry: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """An index entry's detail and JSON, checked and cleaned; a TypeError when it looks wrong."""
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
    """JSON from the index with every text in it cleaned."""
    if isinstance(value, str):
        return clean(value, multiline=True)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if isinstance(value, dict):
        return {clean(str(k)): _cleaned(v) for k, v in value.items()}
    return value


def _entries(found: Settings) -> list[tuple[Any, Any]]:
    """Each exercise with its index entry (None when it comes fresh from the library)."""
    cached = listing(found)
    if cached is not None:
        return list(zip(cached.exercises, cached.entries, strict=True))
    return [(ref, None) for ref in found.library().exercises()]
