"""The safety plan goes into an export only when the person ticks it, and never into csv."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.records import SafetyPlan
    from coach.store.store import ProgressStore

CSV_LEAVES_IT_OUT = "A csv export leaves your safety plan out. json, md and html can include it."
NONE_YET = "You have no safety plan yet, so there is none to include."


def chosen_plan(
    store: ProgressStore, fmt: str, wanted: bool
) -> tuple[SafetyPlan | None, str | None]:
    """The plan to include (read with the store's key), and a calm sentence when there is none."""
    if not wanted:
        return None, None
    if fmt == "csv":
        return None, CSV_LEAVES_IT_OUT
    plan = store.safety_plan()
    return plan, None if plan is not None else NONE_YET
