"""The records coach keeps, exactly as ../shared/export-format.md (`coach-export/1`) lays them out."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

EXPORT_FORMAT = "coach-export/1"
FULL_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}/[a-z0-9][a-z0-9-]{0,39}$"
STATUSES = ("completed", "ended-early")

# Every limit on what a record holds, in one place: the faces cut typing at these, and the
# store and importer refuse more.
NOTE_LIMIT = 5000
"""A closing note, in characters."""
OTHER_LIMIT = 200
"""An "other" answer typed beside a choice, in characters."""
SCRIPT_LIMIT = 20000
"""A script or a kept card, in characters."""
TITLE_LIMIT = 200


_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$"
)


def _uuid(value: str) -> str:
    """A UUID in its usual lower-case form, so the same record is never imported twice."""
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
    return value


def _full_id(value: str) -> str:
    if not _FULL_ID.match(value):
        raise ValueError("must be a full exercise id, like core/box-breathing")
    return value


RecordId = Annotated[str, AfterValidator(_uuid)]
Timestamp = Annotated[str, AfterValidator(_timestamp)]
FullId = Annotated[str, AfterValidator(_full_id)]
Answer = int | float | str | list[str] | None
_FULL_ID = re.compile(FULL_ID_PATTERN)


class Record(BaseModel):
    """A stored record: unknown keys refused, `x-` keys kept as they are."""

    model_config = ConfigDict(extra="allow", strict=True, allow_inf_nan=False)

    @model_validator(mode="after")
    def _only_x_extras(self) -> Record:
        unknown = [k for k in (self.model_extra or {}) if not k.startswith("x-")]
        if unknown:
            names = ", ".join(sorted(unknown))
            raise ValueError(
                f"{names} {'is' if len(unknown) == 1 else 'are'} not part of {EXPORT_FORMAT} "
                "(keys that start with x- are kept)"
            )
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
    distress_before: int | None
    distress_after: int | None
    answers: dict[str, Answer]
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
    step: Annotated[int, Field(ge=0)]
    answers: dict[str, Answer]
    skipped: list[str] = []
    note: str | None = None
    bring_to_session: bool = False


def new_id() -> str:
    return str(uuid.uuid4())


def started_at(record: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(record["started"])


def local_day(stamp: str) -> dt.date:
    """The day a moment fell on where the person was: the date as written with its own offset.

    A session at 23:30 on a Sunday in Los Angeles belongs to that Sunday, wherever the laptop
    is later: weeks and days are counted as the person lived them.
    """
    return dt.date.fromisoformat(stamp[:10])
