"""`coach import`: a coach-export/1 file in, all or nothing, idempotent by record id."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from coach.errors import CoachError
from coach.export.cleaning import Cleaning, cleaned, cleaning_needed, printable_one_lines
from coach.export.reading import DuplicateKey, load_export, no_key_twice, plain_json
from coach.export.reading import loads as loads
from coach.export.twins import Doc, checked_docs, checked_extras, export_twin
from coach.files import read_bounded
from coach.packs.library import Library
from coach.packs.steps import RatingStep
from coach.records import EXPORT_FORMAT, Card, ImportEntry, Record, SafetyPlan, Session
from coach.records import problems as record_problems
from coach.store.store import ProgressStore
from coach.text import clean

MAX_IMPORT_BYTES = 256 * 1024 * 1024
SHOWN_PROBLEMS = 20
_TOP_KEYS = {"format", "exported", "sessions", "cards"}


class ImportRefused(CoachError):
    """The file was not imported; nothing in the store changed."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:SHOWN_PROBLEMS]
        more = len(problems) - len(shown)
        lines = [f"{file} was not imported, and nothing was changed:"]
        lines += [f"  {p}" for p in shown]
        if more:
            lines.append(f"  ... and {more} more")
        super().__init__("\n".join(lines))


@dataclass
class ParsedExport:
    session_docs: list[Doc]
    """Each session as the document the store keeps, checked (records are built on demand)."""
    card_docs: list[Doc]
    extras: dict[str, Any] = field(default_factory=dict)
    safety_plan: SafetyPlan | None = None

    @property
    def sessions(self) -> list[Session]:
        """The sessions as records, built from their checked documents without checking again."""
        return [Session.model_construct(**doc) for doc in self.session_docs]

    @property
    def cards(self) -> list[Card]:
        """The cards as records, built from their checked documents without checking again."""
        return [Card.model_construct(**doc) for doc in self.card_docs]


@dataclass
class ImportResult:
    sessions_added: int
    cards_added: int
    sessions_in_file: int
    cards_in_file: int
    safety_plan: Literal["restored", "kept", None] = None
    """What became of a safety plan in the file: restored (none was here), or the local one kept."""

    @property
    def already_there(self) -> int:
        return self.sessions_in_file - self.sessions_added + self.cards_in_file - self.cards_added


def parse_export(raw: bytes, file: str, library: Library | None = None) -> ParsedExport:
    """Validate every record of an export; raise ImportRefused naming each bad record and field.

    With the person's `library`, a session of an exercise in it must also keep its ratings within
    the scales of that exercise's rating steps; other sessions meet the record model's limits.
    """
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportRefused(file, ["the file is larger than 256 MiB; this is not a coach export"])
    quick = _quick(raw, library)
    if quick is not None:
        return quick
    try:
        data = load_export(raw)
    except UnicodeDecodeError:
        raise ImportRefused(file, ["the file is not UTF-8 text"]) from None
    except json.JSONDecodeError as err:
        raise ImportRefused(
            file, [f"line {err.lineno}: this is not valid JSON ({err.msg})"]
        ) from None
    except RecursionError:
        raise ImportRefused(file, ["the JSON is nested too deeply"]) from None
    except DuplicateKey as dup:
        key = clean(dup.key, limit=80)
        raise ImportRefused(
            file,
            [f"the key {key!r} appears twice in one object, so it is not clear which is meant"],
        ) from None
    except ValueError as err:  # NaN or Infinity, or a number too long to read
        reason = str(err) if "JSON allows" in str(err) else "a number in it is too long to read"
        raise ImportRefused(file, [reason]) from None
    if not isinstance(data, dict):
        raise ImportRefused(file, ["this is not a coach export (it should be a JSON object)"])
    fmt = data.get("format")
    if fmt != EXPORT_FORMAT:
        if isinstance(fmt, str) and fmt.startswith("coach-export/"):
            reason = (
                f"this file is {fmt}; this coach reads {EXPORT_FORMAT}. A newer coach may read it"
            )
        else:
            reason = f"this is not a coach export (format should be {EXPORT_FORMAT})"
        raise ImportRefused(file, [reason])
    problems: list[str] = []
    for key in data:
        if key not in _TOP_KEYS and not str(key).startswith("x-"):
            problems.append(
                f"{key}: is not part of {EXPORT_FORMAT} (keys that start with x- are kept)"
            )
    if "exported" in data and not _is_timestamp(data["exported"]):
        problems.append("exported: must be a date and time like 2026-11-27T14:03:11+00:00")
    needed = cleaning_needed(raw)
    try:
        sessions = _records(data, "sessions", Session, problems, library, needed)
    finally:
        _SCALES.clear()
    cards = _records(data, "cards", Card, problems, needed=needed)
    plan = _safety_plan(data, problems)
    if problems:
        raise ImportRefused(file, problems)
    extras = {k: v for k, v in data.items() if str(k).startswith("x-") and k != SAFETY_PLAN_KEY}
    return ParsedExport(sessions, cards, extras, plan)


SAFETY_PLAN_KEY = "x-safety-plan"


def _quick(raw: bytes, library: Library | None) -> ParsedExport | None:
    """A file with nothing to clean or refuse, read and checked in one pass of pydantic's core;
    None for any other, which is read the usual way (naming each problem). Both ways give the
    same records (tests/unit/test_record_twins.py)."""
    needed = cleaning_needed(raw)
    if needed == "all":
        return None
    try:
        data = export_twin().validate_json(raw.removeprefix(codecs.BOM_UTF8))
    except ValidationError:
        return None
    sessions, cards = data.get("sessions", []), data.get("cards", [])
    extras = {k: v for k, v in data.items() if k not in _TOP_KEYS}
    if (
        data.get("format") != EXPORT_FORMAT
        or not all(str(k).startswith("x-") for k in extras)
        or ("exported" in data and not _is_timestamp(data["exported"]))
        or not (checked_extras(Session, sessions) and checked_extras(Card, cards))
        or not plain_json(extras)
        or (needed == "one-line" and not printable_one_lines(sessions, cards))
        or (library is not None and _any_off_scale(sessions, library))
        or not no_key_twice(raw, data)
    ):
        return None
    problems: list[str] = []
    plan = _safety_plan(data, problems)
    if problems:
        return None
    extras.pop(SAFETY_PLAN_KEY, None)
    return ParsedExport(sessions, cards, extras, plan)


def _safety_plan(data: dict[str, Any], problems: list[str]) -> SafetyPlan | None:
    """The safety plan a person chose to export, checked like every record (never logged)."""
    if SAFETY_PLAN_KEY not in data:
        return None
    try:
        return SafetyPlan.model_validate(data[SAFETY_PLAN_KEY])
    except ValidationError as err:
        problems.extend(record_problems(SAFETY_PLAN_KEY, err))
        return None


def _is_timestamp(value: object) -> bool:
    try:
        return isinstance(value, str) and dt.datetime.fromisoformat(value) is not None
    except ValueError:
        return False


Scale = tuple[int, int]


def _scales(library: Library | None, exercise: object) -> tuple[str, dict[str, Scale]]:
    """The exercise's full id and the scale of each rated field of its sessions, if known."""
    if library is None or not isinstance(exercise, str):
        return "", {}
    known = _SCALES.setdefault(id(library), (library, {}))[1]
    if exercise not in known:
        known[exercise] = _library_scales(library, exercise)
    return known[exercise]


# the scales of each exercise, looked up once per import (cleared when the import ends)
_SCALES: dict[int, tuple[Library, dict[str, tuple[str, dict[str, Scale]]]]] = {}


def _library_scales(library: Library, exercise: str) -> tuple[str, dict[str, Scale]]:
    ref = library.get(exercise)
    if ref is None:
        return "", {}
    scales: dict[str, Scale] = {}
    for step in ref.exercise.steps:
        if isinstance(step, RatingStep):
            scales[f"answers.{step.id}"] = (step.min, step.max)
            if step.distress is not None:
                scales.setdefault(f"distress_{step.distress}", (step.min, step.max))
    return ref.full_id, scales


def _off_scale(item: dict[str, Any], where: str, library: Library | None) -> dict[str, str]:
    """Each rated field of a session that lies outside its step's scale, with a calm line."""
    full_id, scales = _scales(library, item.get("exercise"))
    answers = item.get("answers")
    found: dict[str, str] = {}
    for field_name, (low, high) in scales.items():
        if field_name.startswith("answers."):
            step_id = field_name.removeprefix("answers.")
            value = answers.get(step_id) if isinstance(answers, dict) else None
        else:
            value = item.get(field_name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not low <= value <= high:
                found[field_name] = (
                    f"{where}: {field_name} {value} is outside the {low} to {high} scale "
                    f"of {full_id}"
                )
    return found


def _any_off_scale(items: list[dict[str, Any]], library: Library) -> bool:
    """Whether any session keeps a rating outside its step's scale (quick: no lines said)."""
    # per exercise: (step id, None) for an answer, (None, field) for a distress rating
    checks: dict[str, list[tuple[str | None, str | None, int, int]]] = {}
    for item in items:
        exercise = item.get("exercise")
        if type(exercise) is not str:
            continue
        found = checks.get(exercise)
        if found is None:
            found = checks[exercise] = [
                (name[8:], None, low, high)
                if name.startswith("answers.")
                else (None, name, low, high)
                for name, (low, high) in _scales(library, exercise)[1].items()
            ]
        if not found:
            continue
        answers = item.get("answers")
        for step, name, low, high in found:
            if step is None:
                value = item.get(name)  # type: ignore[arg-type]
            else:
                value = answers.get(step) if type(answers) is dict else None
            if type(value) is int or type(value) is float:  # not a bool: those are refused
                if not low <= value <= high:
                    return True
    return False


def _records(
    data: dict[str, Any],
    key: str,
    model: type[Record],
    problems: list[str],
    library: Library | None = None,
    needed: Cleaning = "all",
) -> list[Doc]:
    items = data.get(key, [])
    if not isinstance(items, list):
        problems.append(f"{key}: must be a list")
        return []
    if all(type(item) is dict for item in items):  # the usual case: all checked in one call
        entering = [cleaned(item, needed) for item in items]
        if not (model is Session and library is not None and _any_off_scale(entering, library)):
            docs = checked_docs(model, entering)  # in one call, as plain dicts
            if docs is not None:
                return docs
    # said record by record, each problem naming its record and field
    records = _each_record(items, key, model, problems, library, needed)
    return [record.as_record() for record in records]


def _each_record(
    items: list[Any],
    key: str,
    model: type[Record],
    problems: list[str],
    library: Library | None,
    needed: Cleaning,
) -> list[Record]:
    """The records one at a time, each problem said with the record's place and id."""
    records: list[Record] = []
    first_seen: dict[str, int] = {}
    for i, item in enumerate(items):
        record_id = item.get("id") if isinstance(item, dict) else None
        where = f"{key}[{i}]" + (f" (id {record_id})" if isinstance(record_id, str) else "")
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a JSON object")
            continue
        item = cleaned(item, needed)
        off_scale = _off_scale(item, where, library) if model is Session else {}
        problems.extend(off_scale.values())
        try:
            record = model.model_validate(item)
        except ValidationError as err:
            # a rating already said to be off its scale is not said again by the record limits
            said = tuple(f"{where}: {name}:" for name in off_scale)
            problems.extend(p for p in record_problems(where, err) if not p.startswith(said))
            continue
        if off_scale:
            continue
        rid = getattr(record, "id")  # noqa: B009 - every record model has an id
        if rid in first_seen:
            problems.append(f"{where}: has the same id as {key}[{first_seen[rid]}]")
            continue
        first_seen[rid] = i
        records.append(record)
    return records


def read_export(path: Path) -> bytes:
    """The bytes of an export file: a regular file of at most 256 MiB, read once, bounded."""
    return read_bounded(path.expanduser(), MAX_IMPORT_BYTES)


def import_file(
    store: ProgressStore,
    path: Path,
    progress: Callable[[int], None] | None = None,
    raw: bytes | None = None,
    library: Library | None = None,
) -> ImportResult:
    """Import an export file: refuse it whole if any record is bad; skip ids already stored.

    `raw` is the file's bytes when the caller has read them already (with `read_export`);
    `library` is the person's, whose rating scales the sessions of its exercises must keep to.
    """
    if raw is None:
        raw = read_export(path)
    parsed = parse_export(raw, str(path), library)
    try:
        entry = ImportEntry.model_validate(
            {
                "file": clean(path.name, limit=1000),
                "imported": store.clock().isoformat(timespec="seconds"),
                "sessions_added": 0,
                "cards_added": 0,
                **parsed.extras,
            }
        )
    except ValidationError as err:
        raise ImportRefused(str(path), record_problems("the file", err)) from None
    # Every record was checked above, so the writes below cannot be refused half way. They are
    # one write per month file under one lock; were coach killed between two of them, importing
    # the same file again adds exactly what is missing, because records are matched by id.
    with store.writing():
        sessions_added = store.add_sessions(parsed.session_docs, progress)
        cards_added = store.add_cards(parsed.cards)
        plan: Literal["restored", "kept", None] = None
        if parsed.safety_plan is not None:
            plan = "kept" if store.safety_plan() is not None else "restored"
            if plan == "restored":
                store.save_safety_plan(parsed.safety_plan)
        store.log_import(
            entry.model_copy(update={"sessions_added": sessions_added, "cards_added": cards_added})
        )
    return ImportResult(
        sessions_added, cards_added, len(parsed.session_docs), len(parsed.card_docs), plan
    )
