"""Sessions and cards for tests, shaped exactly like coach-export/1 records."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from coach.records import Card, Session

UTC = dt.UTC
FIXED_NOW = dt.datetime(2026, 11, 27, 14, 3, 11, tzinfo=UTC)


def fixed_clock(now: dt.datetime = FIXED_NOW) -> Any:
    return lambda: now


def session(
    started: dt.datetime | str = "2026-11-20T19:02:00+00:00",
    exercise: str = "core/five-senses",
    **fields: Any,
) -> dict[str, Any]:
    start = started if isinstance(started, dt.datetime) else dt.datetime.fromisoformat(started)
    record = {
        "id": str(uuid.uuid4()),
        "exercise": exercise,
        "exercise_title": "5-4-3-2-1: come back to the room",
        "skill": "grounding",
        "pack_version": "1.0.0",
        "started": start.isoformat(),
        "finished": (start + dt.timedelta(minutes=5)).isoformat(),
        "status": "completed",
        "distress_before": 7,
        "distress_after": 4,
        "answers": {"before": 7, "see": ["lamp", "mug"], "after": 4},
        "note": "Did this in the car before the meeting.",
        "bring_to_session": True,
    }
    record.update(fields)
    return record


def card(**fields: Any) -> dict[str, Any]:
    record = {
        "id": str(uuid.uuid4()),
        "exercise": "core/clear-request",
        "created": "2026-11-21T08:15:00+00:00",
        "title": "Ask for what you need",
        "text": "When the plans change last minute, I feel ...",
    }
    record.update(fields)
    return record


def session_record(
    started: dt.datetime | str = "2026-11-20T19:02:00+00:00",
    exercise: str = "core/five-senses",
    **fields: Any,
) -> Session:
    """`session(...)` as the typed record the store hands out."""
    return Session.model_validate(session(started, exercise, **fields))


def card_record(**fields: Any) -> Card:
    """`card(...)` as the typed record the store hands out."""
    return Card.model_validate(card(**fields))
