"""The preferences' ranges, and one preference read straight from the settings file, without the
store or pydantic: what `coach crisis` needs, in one small read, never an error (a missing,
corrupt or odd file is no setting).

The file is the store's `settings.json` (TinyDB's layout: a `settings` table of key/value docs).
"""

from __future__ import annotations

import json
from pathlib import Path

from coach.errors import CoachError
from coach.files import read_bounded

DEFAULT_THRESHOLD = 9
THRESHOLD_RANGE = range(5, 11)
"""Thresholds a person can choose, on a 0 to 10 scale: 5 to 10, the default 9."""
SETTINGS_FILE = "settings.json"
READ_LIMIT = 1 << 20
"""A settings file holds a handful of small values; a larger one is not read."""


def region_fits(value: object) -> bool:
    """Whether a stored crisis region may be used: none, or a short code."""
    return value is None or (isinstance(value, str) and 0 < len(value) <= 40)


def read_region(data_dir: Path) -> str | None:
    """The crisis region the person chose, from the plain settings file; None when there is none."""
    try:
        raw = json.loads(read_bounded(data_dir / SETTINGS_FILE, READ_LIMIT))
        value = None
        for doc in raw["settings"].values():
            if isinstance(doc, dict) and doc.get("key") == "crisis_region":
                value = doc.get("value")  # the last one wins, as the store reads it
    except (CoachError, OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return value if region_fits(value) and isinstance(value, str) else None
