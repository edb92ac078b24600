"""This week's completed sessions, counted straight from the files they are filed in (the week's
one or two month files and recent.json), for `coach plan`: no store, no lock, no validation.

It only reads, and only a folder that looks exactly as the store leaves it: anything else (a
store of another version, an import or a repair cut short, a file that is not plain JSON of
sessions) gives None, and the caller opens the store, which reads, checks and puts right as
always. Nothing here marks a file as checked, so a tampered file is still caught by the store.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from coach.store.migrate import CURRENT_VERSION

SESSION_FILE = re.compile(r"^(?:\d{4}-\d{2}|recent)\.json$")
FIELDS = ("id", "started", "exercise", "status")


def week_done(root: Path, monday: dt.date) -> Counter[str] | None:
    """Completed sessions per exercise from `monday` to its Sunday (on the days as lived), or
    None when the folder is not plainly as the store keeps it."""
    sunday = monday + dt.timedelta(days=6)
    folder = root / "sessions"
    try:
        if not root.is_dir():
            return Counter()
        if any(".corrupt-" in name for name in _names(root)):
            return None
        names = _names(folder)
        if not all(SESSION_FILE.match(name) for name in names):
            return None  # a journal, a staged or temp file, a damaged copy: the store's to see to
        version = _version(root / "meta.json")
        if version != CURRENT_VERSION and (names or version != 0):
            return None  # another version, or sessions with no store version: the store's
        wanted = sorted({f"{monday:%Y-%m}.json", f"{sunday:%Y-%m}.json"}) + ["recent.json"]
        docs: dict[str, dict[str, Any]] = {}
        for name in wanted:
            if name in names:
                docs.update((doc["id"], doc) for doc in _sessions(folder / name))
        days = {doc["id"]: dt.date.fromisoformat(doc["started"][:10]) for doc in docs.values()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return Counter(
        doc["exercise"]
        for doc in docs.values()
        if doc["status"] == "completed" and monday <= days[doc["id"]] <= sunday
    )


def _names(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir()] if folder.is_dir() else []


def _tables(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_bytes())
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise TypeError("not tables")
    return data


def _version(path: Path) -> object:
    """The store version meta.json holds (0 for a store not yet written)."""
    if not path.is_file():
        return 0
    rows = list(_tables(path).get("meta", {}).values())
    return rows[0].get("schema_version") if len(rows) == 1 else None


def _sessions(path: Path) -> list[dict[str, Any]]:
    """A session file's documents, each with the fields counted as text; TypeError if not."""
    tables = _tables(path)
    if set(tables) - {"sessions"}:
        raise TypeError("a table coach does not keep there")
    docs = list(tables.get("sessions", {}).values())
    if not all(
        isinstance(d, dict) and all(isinstance(d.get(k), str) for k in FIELDS) for d in docs
    ):
        raise TypeError("a session is not as the store keeps it")
    return docs
