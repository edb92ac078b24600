"""Crisis resources by region, and when a rating is high enough to offer them.

coach is not a crisis service. It offers these calmly, beside the exercise, never blocking it and
never contacting anyone. The region comes from settings or COACH_REGION, never from the network.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from coach import paths
from coach.prefs import DEFAULT_THRESHOLD as DEFAULT_THRESHOLD
from coach.prefs import THRESHOLD_RANGE as THRESHOLD_RANGE
from coach.prefs import Preferences

FALLBACK = "OTHER"
# DEFAULT_THRESHOLD (9) and THRESHOLD_RANGE (5 to 10) live in coach/prefs.py: on a 0 to 10
# scale; other scales use the same share of their range (the top 10% by default).


@dataclass(frozen=True)
class Resource:
    name: str
    how: str
    hours: str | None
    verified: dt.date


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    resources: tuple[Resource, ...]


@cache
def regions() -> dict[str, Region]:
    """Every region in data/crisis-resources.yaml, in the file's order (a file coach ships)."""
    data = yaml.safe_load((paths.reference_data_dir() / "crisis-resources.yaml").read_text("utf-8"))
    found = {}
    for code, region in data["regions"].items():
        resources = tuple(
            Resource(r["name"], r["how"], r.get("hours"), _date(r["verified"]))
            for r in region["resources"]
        )
        found[code] = Region(code, region["name"], resources)
    return found


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


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
    "That rating is high. If things feel like too much right now, you can reach someone. "
    "coach does not contact anyone. The exercise is still here whenever you are ready."
)


def threshold_setting(value: object) -> int:
    """The crisis threshold from a stored value (0 to 10 scale); the default when unset or odd."""
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


def answered_high(steps: Iterable[object], answer_for: Any, threshold: int) -> bool:
    """Whether any distress rating already answered (a run picked up from a draft) is at or
    above the threshold: the lines come back as they were when the person left."""
    return any(should_offer(step, answer_for(step), threshold) for step in steps)


def lines(region: Region) -> list[str]:
    """A region's resources as plain lines, for `coach crisis` and plain mode."""
    out = []
    for r in region.resources:
        hours = f" {r.hours}." if r.hours else ""
        out.append(f"{r.name}: {r.how}.{hours}")
    return out


def is_high(value: int, low: int, high: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether a rating is at or above the threshold: `threshold` on a 0 to 10 scale, and the same
    share of the range on any other (9 of 10 is the top 10%)."""
    if high <= low:
        return False
    share = min(max(threshold, 0), 10) / 10
    return value >= low + (high - low) * share
