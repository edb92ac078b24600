"""How a run ended, in a module light enough for the first frame to import."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RunOutcome:
    """How a run ended: `saved`, `kept` (the place is kept as a draft) or `ended-early`."""

    status: str
    exercise: str
    title: str
