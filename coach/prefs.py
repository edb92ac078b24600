"""The person's preferences as one typed model: read and written through the store, never as
loose string keys, with every valid range in one place."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from coach.prefs_file import DEFAULT_THRESHOLD as DEFAULT_THRESHOLD
from coach.prefs_file import THRESHOLD_RANGE as THRESHOLD_RANGE
from coach.prefs_file import region_fits

DEFAULT_THEME = "textual-dark"


class Preferences(BaseModel):
    """Theme, motion, crisis region and threshold, and whether the welcome was shown."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    theme: str = DEFAULT_THEME
    reduce_motion: bool = False
    crisis_region: str | None = None
    """A region code from data/crisis-resources.yaml, `other`, or None when none was chosen."""
    crisis_threshold: int = DEFAULT_THRESHOLD
    first_run_done: bool = False

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> Preferences:
        """Preferences from what the settings file holds; an odd or missing value is the default."""
        values: dict[str, Any] = {}
        for name, info in cls.model_fields.items():
            if name not in stored:
                continue
            value = stored[name]
            if name == "crisis_threshold":
                ok = type(value) is int and value in THRESHOLD_RANGE
            elif info.annotation in (bool, "bool"):
                ok = type(value) is bool
            elif name == "crisis_region":
                ok = region_fits(value)
            else:
                ok = isinstance(value, str) and 0 < len(value) <= 80
            if ok:
                values[name] = value
        return cls(**values)

    def stored(self) -> dict[str, Any]:
        """What goes into the settings file."""
        return self.model_dump()
