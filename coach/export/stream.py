"""JSON documents written a record at a time: one session a line, with the C encoder.

Years of history are never held as one string or one list of dicts: each record is encoded
on its own and written as it comes, and the lines join into one valid JSON document. A session
is encoded by pydantic's compiled serializer (the same one `as_record()` uses, a little faster
than `json.dumps`); anything else by `json.dumps` without `indent`, which keeps CPython's C
encoder (with `indent=` it drops to the pure-Python one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from coach.records import Session

_RAW = re.compile(r"[\x7f-\x9f]")  # json.dumps escapes C0 itself; DEL and C1 it leaves raw
CHUNK = 200


def encode(value: object) -> str:
    """One value as compact JSON on one line, every control character escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return _RAW.sub(_escape, text) if _RAW.search(text) else text


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def document(
    head: dict[str, Any],
    sessions: Iterable[Session],
    tail: dict[str, Any],
    shape: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Iterator[str]:
    """`{**head, "sessions": [...], **tail}` as text in pieces, one session a line; `shape`
    may change each session's record (leave a note out) before it is written."""
    opening = encode(head)
    yield (opening[:-1] + ", " if head else "{") + '"sessions": ['
    batch: list[str] = []
    first = True
    to_json = Session.__pydantic_serializer__.to_json  # as as_record(), encoded in pydantic's core
    for session in sessions:
        if shape:
            batch.append(encode(shape(session.as_record())))
        else:
            text = to_json(session).decode("utf-8")
            batch.append(_RAW.sub(_escape, text) if _RAW.search(text) else text)
        if len(batch) >= CHUNK:
            yield ("\n" if first else ",\n") + ",\n".join(batch)
            first, batch = False, []
    if batch:
        yield ("\n" if first else ",\n") + ",\n".join(batch)
        first = False
    ending = encode(tail)
    yield ("]" if first else "\n]") + (", " + ending[1:] if tail else "}") + "\n"


def export_document(
    exported: str,
    sessions: Iterable[Session],
    cards: list[dict[str, Any]],
    plan: list[dict[str, Any]],
    notes: str,
    safety_plan: dict[str, Any] | None = None,
) -> Iterator[str]:
    """The coach-export/1 document a session a line, notes kept as chosen ("all", "flagged" for
    only those marked for a session, "none"); the plan and safety plan ride as `x-` keys."""
    from coach.records import EXPORT_FORMAT

    head = {"format": EXPORT_FORMAT, "exported": exported}
    tail: dict[str, Any] = {"cards": cards}
    if safety_plan is not None:
        tail["x-safety-plan"] = safety_plan
    if plan:
        tail["x-plan"] = plan  # so the person's therapist can see practice against the plan

    def shape(record: dict[str, Any]) -> dict[str, Any]:
        if notes == "none" or (notes == "flagged" and not record["bring_to_session"]):
            record["note"] = None
        return record

    return document(head, sessions, tail, shape if notes != "all" else None)


def sessions_document(sessions: Iterable[Session]) -> Iterator[str]:
    """`{"sessions": [...]}`, as `coach history --json` prints it."""
    return document({}, sessions, {})


def write_text(pieces: Iterable[str], out: IO[str]) -> None:
    """Write pieces as they come, so the first records show before the last are read."""
    for piece in pieces:
        out.write(piece)
    out.flush()
