"""What each store file must hold to be read as coach wrote it: its tables, and every document in
them valid against the record models. A file that parses but does not pass is treated as damaged
(set aside, its newest good backup put back), never half read."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from coach.records import Card, Draft, ImportEntry, Session
from coach.store.storage import CorruptFile

_SESSIONS = TypeAdapter(list[Session])
_CARDS = TypeAdapter(list[Card])
_DRAFTS = TypeAdapter(list[Draft])
_IMPORTS = TypeAdapter(list[ImportEntry])
_MONTH = re.compile(r"^\d{4}-\d{2}\.json$")

STORE_NAMES = ("meta.json", "settings.json", "drafts.json", "cards.json")
TABLES = {
    "meta.json": frozenset({"meta", "imports"}),
    "settings.json": frozenset({"settings"}),
    "drafts.json": frozenset({"drafts"}),
    "cards.json": frozenset({"cards"}),
    "sessions": frozenset({"sessions"}),
}


def is_session_file(path: Path) -> bool:
    return path.parent.name == "sessions" and (
        path.name == "recent.json" or bool(_MONTH.match(path.name))
    )


def check_tables(tables: dict[str, Any], path: Path) -> list[Session] | None:
    """Refuse (CorruptFile) a store file whose tables or documents are not what coach keeps;
    for a session file, its sessions as records, validated once, in the order stored."""
    kind = "sessions" if is_session_file(path) else path.name
    allowed = TABLES.get(kind)
    if allowed is None:
        return None  # not a store file coach knows by name: only its JSON shape was checked
    unknown = sorted(set(tables) - allowed)
    if unknown:
        raise CorruptFile(path, f"it holds a table coach does not keep there ({unknown[0]})")
    try:
        if kind == "sessions":
            return _SESSIONS.validate_python(list(tables.get("sessions", {}).values()))
        if kind == "cards.json":
            _CARDS.validate_python(list(tables.get("cards", {}).values()))
        elif kind == "drafts.json":
            _DRAFTS.validate_python(list(tables.get("drafts", {}).values()))
        elif kind == "meta.json":
            _IMPORTS.validate_python(list(tables.get("imports", {}).values()))
            for doc in tables.get("meta", {}).values():
                if set(doc) != {"schema_version"} or type(doc["schema_version"]) is not int:
                    raise CorruptFile(path, "its store version is not a whole number")
        elif kind == "settings.json":
            for doc in tables.get("settings", {}).values():
                if set(doc) != {"key", "value"} or not isinstance(doc["key"], str):
                    raise CorruptFile(path, "a setting in it is not a name and a value")
    except ValidationError as err:
        raise CorruptFile(path, _reason(kind, err)) from None
    return None


_NOUNS = {
    "sessions": "session",
    "cards.json": "card",
    "drafts.json": "draft",
    "meta.json": "record",
}


def _reason(kind: str, err: ValidationError) -> str:
    noun = _NOUNS.get(kind, "record")
    errors = err.errors(include_url=False)
    first = errors[0]
    if any(error["type"] == "missing" for error in errors):
        return f"a {noun} in it is missing some of its fields"
    field = str(first["loc"][1]) if len(first["loc"]) > 1 else ""
    if not field:
        return f"a {noun} in it is not what coach keeps"
    return f"a {noun} in it has a {field} that does not read as coach keeps it"
