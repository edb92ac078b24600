"""The records coach keeps, exactly as docs/export-format.md (`coach-export/1`) lays them out."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from coach.errors import CoachError
from coach.text import clean

EXPORT_FORMAT = "coach-export/1"
FULL_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}/[a-z0-9][a-z0-9-]{0,39}$"
STATUSES = ("completed", "ended-early")
SKILLS = ("grounding", "boundaries", "regulation", "other")
"""The skills an exercise can teach, in the order coach shows them."""

# Every limit on what a record holds, in one place: the faces cut typing at these, and the
# store and importer refuse more. Each refusal is a calm sentence naming the field.
NOTE_LIMIT = 5000
"""A closing note, in characters."""
OTHER_LIMIT = 200
"""An "other" answer typed beside a choice, in characters."""
SCRIPT_LIMIT = 20000
"""A script or a kept card, or any one answer typed as text, in characters."""
TITLE_LIMIT = 200
"""An exercise's or a card's title, in characters."""
RATING_RANGE = range(-1000, 101)
"""A distress rating: a whole number on its scale, whose top is at most 100 (coach-pack/1) and
whose bottom is at least -1000."""
NUMBER_LIMIT = 100_000
"""A number answer (a rating, breathing cycles, seconds on a timer) is within this of zero."""
ANSWERS_LIMIT = 500
"""Answers in one record, one per step."""
ANSWER_KEY_LIMIT = 64
"""A step id an answer is kept under, in characters."""
LIST_LIMIT = 200
"""Items in one list answer (things seen, options picked, items ticked)."""
ITEM_LIMIT = NOTE_LIMIT
"""One item of a list answer, in characters."""
YEARS = range(1970, 2201)
"""The years a timestamp may fall in."""
EXTRA_DEPTH = 8
"""How deeply the value of an `x-` key may nest lists and objects."""
EXTRA_BYTES = 64 * 1024
"""The `x-` keys of one record together, as JSON, in bytes."""


_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$"
)
_LEAP_YEARS = "|".join(str(y) for y in YEARS if y % 4 == 0 and (y % 100 or y % 400 == 0))
TIMESTAMP_PATTERN = (
    r"^(?:(?:19[7-9][0-9]|2[01][0-9][0-9]|2200)-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    r"|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
    rf"|(?:{_LEAP_YEARS})-02-29)"
    r"[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-](?:(?:[01][0-9]|2[0-2]):[0-9][0-9](?::[0-9][0-9])?|23:(?:[0-4][0-9]|5[0-8])(?::[0-9][0-9])?"
    r"|23:59(?::[0-5][0-9])?))$"  # an offset under 24 hours, as datetime takes it
)
"""Every timestamp `_timestamp` takes, and no other, as one pattern pydantic's core checks;
`_timestamp` is kept to say why one that does not match was refused."""


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid(value: str) -> str:
    """A UUID in its usual lower-case form, so the same record is never imported twice."""
    if _CANONICAL_UUID.fullmatch(value):  # as coach writes them: no need to parse
        return value
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValueError("must be a UUID like 2b5c7c1e-4d3c-4b8e-9a51-0f3f7a0c9e11") from None


def _timestamp(value: str) -> str:
    """ISO 8601 in its extended form (2026-11-20T19:02:00+00:00), with a UTC offset: the date
    in its first ten characters is the day the person lived it."""
    try:
        moment = dt.datetime.fromisoformat(value) if _TIMESTAMP.match(value) else None
    except ValueError:
        moment = None
    if moment is None:
        raise ValueError("must be a date and time like 2026-11-20T19:02:00+00:00")
    if moment.utcoffset() is None:
        raise ValueError("needs a UTC offset, like +00:00 at the end")
    if moment.year not in YEARS:
        raise ValueError(f"must be in a year from {YEARS[0]} to {YEARS[-1]}")
    return value


def _depth(value: object, limit: int) -> bool:
    """Whether `value` nests lists and objects no deeper than `limit` (without recursion)."""
    level: list[object] = [value]
    for _ in range(limit + 1):
        level = [
            child
            for item in level
            if isinstance(item, dict | list)
            for child in (item.values() if isinstance(item, dict) else item)
        ]
        if not level:
            return True
    return False


def check_extras(extras: dict[str, Any]) -> None:
    """The `x-` keys of a record: bounded in nesting depth and in size."""
    for key, value in extras.items():
        if not _depth(value, EXTRA_DEPTH):
            raise ValueError(f"{key} nests lists and objects more than {EXTRA_DEPTH} deep")
    if extras:
        try:
            size = len(json.dumps(extras, ensure_ascii=False, allow_nan=False).encode("utf-8"))
        except (TypeError, ValueError):
            raise ValueError("the keys that start with x- must hold plain JSON values") from None
        if size > EXTRA_BYTES:
            raise ValueError(
                f"the keys that start with x- can hold up to {EXTRA_BYTES // 1024} KiB"
            )


def check_extra_keys(extras: dict[str, Any]) -> None:
    """The keys of a record beyond its fields: only `x-` ones are kept, bounded as above."""
    unknown = [k for k in extras if not k.startswith("x-")]
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ValueError(
            f"{names} {'is' if len(unknown) == 1 else 'are'} not part of {EXPORT_FORMAT} "
            "(keys that start with x- are kept)"
        )
    check_extras(extras)


RecordId = Annotated[str, AfterValidator(_uuid)]
Timestamp = Annotated[str, StringConstraints(pattern=TIMESTAMP_PATTERN)]
FullId = Annotated[str, StringConstraints(pattern=FULL_ID_PATTERN)]
# The bounds below are checked by pydantic-core itself, so reading years of history back stays
# quick; `problems` turns its refusals into the calm sentences the other checks give.
Rating = Annotated[int, Field(ge=RATING_RANGE[0], le=RATING_RANGE[-1])] | None
Answer = (
    Annotated[int, Field(ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)]
    | Annotated[float, Field(ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)]
    | Annotated[str, Field(max_length=SCRIPT_LIMIT)]
    | Annotated[list[Annotated[str, Field(max_length=ITEM_LIMIT)]], Field(max_length=LIST_LIMIT)]
    | None
)
Answers = Annotated[
    dict[Annotated[str, Field(min_length=1, max_length=ANSWER_KEY_LIMIT)], Answer],
    Field(max_length=ANSWERS_LIMIT),
]


class Record(BaseModel):
    """A stored record: unknown keys refused, `x-` keys kept as they are (bounded)."""

    model_config = ConfigDict(extra="allow", strict=True, allow_inf_nan=False)

    @model_validator(mode="after")
    def _only_x_extras(self) -> Record:
        if self.__pydantic_extra__:
            check_extra_keys(self.__pydantic_extra__)
        return self

    def as_record(self) -> dict[str, Any]:
        """The record as JSON-ready data, fields in the export format's order, x- keys last."""
        return self.model_dump(mode="json")


class Session(Record):
    """One practice session, finished or ended early."""

    id: RecordId
    exercise: FullId
    exercise_title: Annotated[str, Field(max_length=TITLE_LIMIT)]
    skill: Annotated[str, Field(max_length=40)]
    pack_version: Annotated[str, Field(max_length=40)]
    started: Timestamp
    finished: Timestamp
    status: Literal["completed", "ended-early"]
    distress_before: Rating
    distress_after: Rating
    answers: Answers
    note: Annotated[str, Field(max_length=NOTE_LIMIT)] | None
    bring_to_session: bool


class Card(Record):
    """A kept script the person can reread and copy."""

    id: RecordId
    exercise: FullId
    created: Timestamp
    title: Annotated[str, Field(max_length=TITLE_LIMIT)]
    text: Annotated[str, Field(max_length=SCRIPT_LIMIT)]


class Draft(BaseModel):
    """An exercise in progress: saved after every step so it resumes exactly where it stopped."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    exercise: FullId
    pack_version: str
    session_id: RecordId
    started: Timestamp
    updated: Timestamp
    step: Annotated[int, Field(ge=0, le=NUMBER_LIMIT)]
    answers: Answers
    skipped: Annotated[
        list[Annotated[str, Field(max_length=ANSWER_KEY_LIMIT)]], Field(max_length=ANSWERS_LIMIT)
    ] = []
    note: Annotated[str, Field(max_length=NOTE_LIMIT)] | None = None
    bring_to_session: bool = False


def problems(where: str, err: ValidationError) -> list[str]:
    """A refused record's problems as calm lines, each naming the field: `where: field: what`."""
    out: list[str] = []
    errors = err.errors(include_url=False)
    for error in errors:
        parts = [str(p) for p in error["loc"]]
        if len(parts) >= 3 and parts[0] == "answers" and parts[2] != "[key]":
            # an answer that fits none of the kinds is said once, not once per kind; one that
            # fits a kind but breaks its bound is said with that bound
            mine = [e for e in errors if [str(p) for p in e["loc"][:2]] == parts[:2]]
            bound = next((e for e in mine if not e["type"].endswith("_type")), None)
            what = _calm(bound) if bound else "must be a number, text, or a list of text"
            text = f"{where}: answers.{parts[1]}: {what}"
        else:
            if parts[-1:] == ["[key]"]:
                parts = parts[:1]
            loc = ".".join(parts)
            text = f"{where}: {loc}: {_calm(error)}" if loc else f"{where}: {_calm(error)}"
        if text not in out:
            out.append(text)
    return out


def _calm(error: Any) -> str:
    """One refusal as the end of a sentence that starts with the field's name."""
    kind, ctx, loc = error["type"], error.get("ctx") or {}, error["loc"]
    if kind in ("less_than_equal", "greater_than_equal"):
        if loc[0] in ("distress_before", "distress_after"):
            return f"must be a whole number from {RATING_RANGE[0]} to {RATING_RANGE[-1]}, or null"
        if loc[0] == "answers":
            return f"must be a number from {-NUMBER_LIMIT} to {NUMBER_LIMIT}"
    if kind == "string_pattern_mismatch":
        return _mismatch(ctx.get("pattern"), error.get("input"))
    if kind == "string_too_long":
        if loc[-1:] == ("[key]",):
            return f"each answer is kept under a step id of 1 to {ANSWER_KEY_LIMIT} characters"
        return f"can be up to {ctx.get('max_length')} characters"
    if kind == "too_long":
        return f"can hold up to {ctx.get('max_length')} " + (
            "answers" if loc == ("answers",) else "items"
        )
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[0].lower() + message[1:] if message else message


def _mismatch(pattern: object, value: object) -> str:
    """Why a text checked against one of the patterns above was refused."""
    if pattern == FULL_ID_PATTERN:
        return "must be a full exercise id, like core/box-breathing"
    try:
        _timestamp(str(value))
    except ValueError as err:
        return str(err)
    return "must be a date and time like 2026-11-20T19:02:00+00:00"


class RecordRefused(CoachError):
    """A record that breaks one of the limits above; nothing was saved."""

    def __init__(self, kind: str, err: ValidationError) -> None:
        self.problems = problems(kind, err)
        super().__init__(
            f"This {kind} was not saved, because it does not fit what coach keeps: "
            + "; ".join(line.removeprefix(f"{kind}: ") for line in self.problems[:5])
            + "."
        )


def new_id() -> str:
    return str(uuid.uuid4())


def started_at(record: Session) -> dt.datetime:
    """When a session started, as a moment in time."""
    return dt.datetime.fromisoformat(record.started)


def local_day(stamp: str) -> dt.date:
    """The day a moment fell on where the person was: the date as written with its own offset.

    A session at 23:30 on a Sunday in Los Angeles belongs to that Sunday, wherever the laptop
    is later: weeks and days are counted as the person lived them.
    """
    return dt.date.fromisoformat(stamp[:10])


PLAN_LINE_LIMIT = 300
"""One line of a safety plan, in characters."""
PLAN_LINES_LIMIT = 20
"""Lines in one part of a safety plan."""
PLAN_PARTS = (
    "warning_signs",
    "on_my_own",
    "distractions",
    "people",
    "professionals",
    "safer_place",
)
"""The six parts of a safety plan, in the order a person fills them in."""


def _plan_lines(value: list[str]) -> list[str]:
    """A part's lines as one cleaned line each, blank ones dropped."""
    return [line for line in (clean(v, limit=PLAN_LINE_LIMIT).strip() for v in value) if line]


PlanLines = Annotated[
    list[Annotated[str, Field(max_length=PLAN_LINE_LIMIT)]],
    Field(max_length=PLAN_LINES_LIMIT),
    AfterValidator(_plan_lines),
]


class SafetyPlan(Record):
    """A person's safety plan: six short lists of lines in their own words, every part optional."""

    updated: Timestamp
    warning_signs: PlanLines = []
    on_my_own: PlanLines = []
    distractions: PlanLines = []
    people: PlanLines = []
    professionals: PlanLines = []
    safer_place: PlanLines = []

    def part(self, key: str) -> list[str]:
        """The lines of one part, by its key in PLAN_PARTS."""
        if key not in PLAN_PARTS:
            raise KeyError(key)
        lines: list[str] = getattr(self, key)
        return lines

    def is_empty(self) -> bool:
        return not any(self.part(key) for key in PLAN_PARTS)


class ImportEntry(Record):
    """One `coach import`, as meta.json logs it: the file, when, and what it added."""

    file: Annotated[str, Field(max_length=1000)]
    imported: Timestamp
    sessions_added: Annotated[int, Field(ge=0)]
    cards_added: Annotated[int, Field(ge=0)]
