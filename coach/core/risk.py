"""Risk words: whether what a person typed mentions suicide or self-harm, and the help shown then.

The phrases live in data/risk-phrases.yaml. A match never blocks anything: the crisis lines come
first, then whatever exercises the search found. Nothing is stored and no one is contacted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from coach import paths
from coach.core import crisis
from coach.text import clean

OPENING = (
    "If you're thinking about suicide or might hurt yourself, you can reach someone right now."
)
CLOSING = "coach does not contact anyone. Some exercises that may help for now come next."

QUERY_LIMIT = 1000
_APOSTROPHE = "['\u2018\u2019\u201b\u02bc\u02b9\u2032\u0060\u00b4]"
_APOSTROPHES = re.compile(_APOSTROPHE)
_OD_D = re.compile(rf"\bod{_APOSTROPHE}d\b")
"""'od'd' (overdosed): its apostrophe becomes a space, so it never turns into 'odd'."""
_NOT_A_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Text as risk phrases are compared: cleaned, folded, apostrophes dropped, marks as spaces."""
    folded = unicodedata.normalize("NFKC", clean(text, limit=QUERY_LIMIT)).casefold()
    kept_apart = _OD_D.sub("od d", folded)
    return " ".join(_NOT_A_WORD.sub(" ", _APOSTROPHES.sub("", kept_apart)).split())


@cache
def phrases() -> tuple[str, ...]:
    """Every phrase in data/risk-phrases.yaml, normalised (a file coach ships)."""
    data = yaml.safe_load((paths.reference_data_dir() / "risk-phrases.yaml").read_text("utf-8"))
    found = tuple(normalise(str(p)) for p in data["phrases"])
    if not all(found):
        raise ValueError("data/risk-phrases.yaml has an empty phrase")
    return found


def mentions_risk(query: str) -> bool:
    """Whether the words typed contain a risk phrase, as whole words."""
    padded = f" {normalise(query)} "
    return any(f" {phrase} " in padded for phrase in phrases())


def other_words(query: str) -> str:
    """The words typed with every risk phrase taken out, to search exercises with: "self harm"
    must not find exercises about self-respect, and "want to die at work" still finds work."""
    padded = f" {normalise(query)} "
    for phrase in sorted(phrases(), key=len, reverse=True):
        while f" {phrase} " in padded:
            padded = padded.replace(f" {phrase} ", " ")
    return padded.strip()


@dataclass(frozen=True)
class RiskHelp:
    """What a match shows: a calm opening, the crisis lines, and a closing line."""

    regions: tuple[crisis.Region, ...]
    opening: str = OPENING
    closing: str = CLOSING

    def lines(self) -> list[str]:
        """The whole block as plain lines, for every face."""
        out = [self.opening]
        for place in self.regions:
            out += ["", f"{place.name}:"]
            out += [f"  {line}" for line in crisis.lines(place)]
        return [*out, "", self.closing]

    def record(self) -> dict[str, Any]:
        """The block as data, for `--json`."""
        return {
            "message": self.opening,
            "regions": [
                {"code": r.code, "name": r.name, "lines": crisis.lines(r)} for r in self.regions
            ],
            "note": self.closing,
        }


def help_for(region: str | None) -> RiskHelp:
    """The help for the person's region (a chosen code); every region's when none is chosen."""
    if region:
        return RiskHelp((crisis.resources_for(region),))
    return RiskHelp(tuple(crisis.regions().values()))
