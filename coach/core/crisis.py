"""Crisis resources by region, and when a rating is high enough to offer them.

coach is not a crisis service. It offers these calmly, beside the exercise, never blocking it and
never contacting anyone. The region comes from settings or COACH_REGION, never from the network.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from coach import paths
from coach.prefs_file import DEFAULT_THRESHOLD as DEFAULT_THRESHOLD
from coach.prefs_file import THRESHOLD_RANGE as THRESHOLD_RANGE

if TYPE_CHECKING:
    from coach.prefs import Preferences

FALLBACK = "OTHER"
# DEFAULT_THRESHOLD (9) and THRESHOLD_RANGE (5 to 10) live in coach/prefs_file.py: on a 0 to 10
# scale; other scales use the same share of their range (the top 10% by default).


FORMAT = "coach-crisis/1"
UNCHECKED = "unchecked"
"""`verified: unchecked`: written down without a fresh check against the service."""
NUMBER_THEN_PUNCTUATION = re.compile(r"\d[.,;:!?)\]'\"]")
"""A digit followed by punctuation a person would copy with the number."""
SEPARATOR = " · "


class CrisisDataError(ValueError):
    """The crisis lines file does not fit its schema (a file coach ships: a test fails)."""


@dataclass(frozen=True)
class Resource:
    name: str
    how: str
    hours: str | None
    verified: dt.date | None
    """The day it was last checked against the service; None when not yet checked."""
    emergency: bool = False

    @property
    def checked(self) -> bool:
        return self.verified is not None


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    resources: tuple[Resource, ...]
    short: str = ""
    """One line for the compact list of every region: the main line and the emergency number."""


@cache
def regions() -> dict[str, Region]:
    """Every region in data/crisis-resources.yaml, in the file's order (a file coach ships)."""
    return load(paths.reference_data_dir() / "crisis-resources.yaml")


def load(path: Path) -> dict[str, Region]:
    """The regions in a crisis lines file, checked against its schema; CrisisDataError if not."""
    data = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CrisisDataError(f"{path.name}: format should be {FORMAT}")
    found = {}
    for code, region in _mapping(data.get("regions"), "regions").items():
        where = f"{path.name}: regions.{code}"
        region = _mapping(region, where)
        listed = region.get("resources")
        if not isinstance(listed, list) or not listed:
            raise CrisisDataError(f"{where}.resources should be a list of lines")
        resources = tuple(_resource(r, f"{where}.resources[{i}]") for i, r in enumerate(listed))
        if not any(r.emergency for r in resources):
            raise CrisisDataError(f"{where} has no entry with emergency: true")
        found[str(code)] = Region(
            str(code), _text(region, "name", where), resources, _text(region, "short", where)
        )
    if FALLBACK not in found:
        raise CrisisDataError(f"{path.name}: regions.{FALLBACK} is missing")
    return found


def _mapping(value: object, where: str) -> dict[Any, Any]:
    if not isinstance(value, dict) or not value:
        raise CrisisDataError(f"{where} should be a mapping")
    return value


def _text(entry: dict[Any, Any], key: str, where: str, needed: bool = True) -> str:
    value = entry.get(key)
    if value is None and not needed:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise CrisisDataError(f"{where}.{key} should be text")
    if NUMBER_THEN_PUNCTUATION.search(value):
        raise CrisisDataError(f"{where}.{key} puts punctuation right after a number: {value}")
    if key in ("how", "short") and value.rstrip()[-1] in ".,;:":
        raise CrisisDataError(f"{where}.{key} ends with punctuation: {value}")
    return value


def _resource(entry: object, where: str) -> Resource:
    entry = _mapping(entry, where)
    unknown = set(entry) - {"name", "how", "hours", "emergency", "verified"}
    if unknown:
        raise CrisisDataError(f"{where} has keys coach does not know: {sorted(unknown)}")
    emergency = entry.get("emergency", False)
    if not isinstance(emergency, bool):
        raise CrisisDataError(f"{where}.emergency should be true or false")
    hours = _text(entry, "hours", where, needed=False) or None
    return Resource(
        _text(entry, "name", where),
        _text(entry, "how", where),
        hours,
        _verified(entry.get("verified"), where),
        emergency,
    )


def _verified(value: object, where: str) -> dt.date | None:
    if value == UNCHECKED:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CrisisDataError(
            f"{where}.verified should be a date (YYYY-MM-DD) or {UNCHECKED}"
        ) from None


def last_checked(places: Iterable[Region]) -> dt.date | None:
    """The newest date a line among these was checked; None when none has been."""
    dates = [r.verified for place in places for r in place.resources if r.verified is not None]
    return max(dates) if dates else None


SOME_UNCHECKED = "Some of these lines are not checked yet."


def checked_words(places: Iterable[Region]) -> str:
    """When these lines were last checked, in short sentences; which, when only some were."""
    shown = list(places)
    newest = last_checked(shown)
    if newest is None:
        return "Not yet checked."
    if any(not r.checked for place in shown for r in place.resources):
        return f"{SOME_UNCHECKED} The others were last checked {newest.isoformat()}."
    return f"Last checked {newest.isoformat()}."


def region_names() -> dict[str, str]:
    return {code: region.name for code, region in regions().items()}


def chosen_region(setting: object, environ: dict[str, str] | None = None) -> str | None:
    """The region from settings, else COACH_REGION; None when neither names one (then ask)."""
    if isinstance(setting, str) and setting in regions():
        return setting
    return region_code((os.environ if environ is None else environ).get("COACH_REGION", ""))


def region_code(text: str) -> str | None:
    """The region a person typed, by its code or its name in any case (UK is GB); else None."""
    wanted = " ".join(text.lower().split())
    wanted = "gb" if wanted == "uk" else wanted
    for code, region in regions().items():
        if wanted in (code.lower(), region.name.lower()):
            return code
    return None


def resources_for(code: str | None) -> Region:
    """The region's lines; with no region, the fallback that works anywhere."""
    known = regions()
    return known.get(code or FALLBACK, known[FALLBACK])


NOT_A_CRISIS_SERVICE = (
    "coach is a place to practice skills between sessions. It is not a crisis service and not "
    "a replacement for care, a diagnosis, or your therapist. It never calls, texts or contacts "
    "anyone, and nothing you write leaves this computer unless you export it."
)

OFFER = (
    "That's a lot right now. If things feel like too much, you can reach someone. "
    "coach does not contact anyone. The exercise is still here whenever you are ready."
)


def threshold_setting(value: object) -> int:
    """The crisis threshold from a stored value (0 to 10 scale); the default when unset or odd."""
    from coach.prefs import Preferences

    return Preferences.from_stored({"crisis_threshold": value}).crisis_threshold


def threshold_for(prefs: Preferences) -> int:
    """The crisis threshold the person chose (always within THRESHOLD_RANGE)."""
    return prefs.crisis_threshold


def region_for(prefs: Preferences, environ: dict[str, str] | None = None) -> str | None:
    """The region the person chose, else COACH_REGION; None when neither names one (then ask)."""
    return chosen_region(prefs.crisis_region, environ)


def should_offer(step: object, value: object, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether this answer is a distress rating at or above the threshold."""
    from coach.packs.model import RatingStep

    return (
        isinstance(step, RatingStep)
        and step.distress is not None
        and isinstance(value, int)
        and is_high(value, step.min, step.max, threshold)
    )


def latest_high(steps: Iterable[object], answer_for: Any, threshold: int) -> bool:
    """Whether the last distress rating answered (in step order) is at or above the threshold:
    a run picked up from a draft shows the lines as the latest rating left them."""
    rated = [
        s for s in steps if should_offer(s, answer_for(s), 0)
    ]  # every answered distress rating
    return bool(rated) and should_offer(rated[-1], answer_for(rated[-1]), threshold)


def line(resource: Resource) -> str:
    """One resource as a plain line: "name: how", then its hours after a dot in the middle.
    No full stop follows a number, so a copied number is only the number."""
    hours = f"{SEPARATOR}{resource.hours}" if resource.hours else ""
    return f"{resource.name}: {resource.how}{hours}"


def lines(region: Region) -> list[str]:
    """A region's resources as plain lines, for `coach crisis` and plain mode."""
    return [line(r) for r in region.resources]


def compact(region: Region) -> str:
    """One region in one line: its name, its main line and its emergency number."""
    return f"{region.name}: {region.short}"


def compact_lines() -> list[str]:
    """Every region, one line each: for the panel and F2 when no region is chosen."""
    return [compact(region) for region in regions().values()]


def is_high(value: int, low: int, high: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether a rating is at or above the threshold: `threshold` on a 0 to 10 scale, and the same
    share of the range on any other (9 of 10 is the top 10%)."""
    if high <= low:
        return False
    share = min(max(threshold, 0), 10) / 10
    return value >= low + (high - low) * share
