"""A breathing pattern as a person chose to follow it: with its holds, or without them."""

from __future__ import annotations

from coach.packs import model


def can_skip_holds(step: model.BreatheStep) -> bool:
    """Whether the pattern has holds to leave out, and still has breaths when they go."""
    kinds = {phase.kind for phase in step.pattern}
    return "hold" in kinds and bool(kinds - {"hold"})


def phases(step: model.BreatheStep, holds: bool = True) -> list[model.Phase]:
    """The phases of one round: the pattern, or the pattern without its holds."""
    if holds or not can_skip_holds(step):
        return list(step.pattern)
    return [phase for phase in step.pattern if phase.kind != "hold"]
