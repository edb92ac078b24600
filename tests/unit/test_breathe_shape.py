"""The breathing shape grows through every in-breath and shrinks through every out-breath."""

from __future__ import annotations

from coach.packs.steps import BreatheStep
from coach.tui.widgets.breathe import Pacer


def _sizes(pattern: list[dict[str, float]], tick: float = 0.25) -> list[tuple[str, float]]:
    step = BreatheStep.model_validate({"type": "breathe", "pattern": pattern, "cycles": 1})
    now = [0.0]
    pacer = Pacer(step, lambda: now[0])
    seen = []
    while not pacer.finished:
        _, index, _, size = pacer.state()
        seen.append((pacer.phases[index].kind, size))
        now[0] += tick
    return seen


def test_a_second_in_breath_keeps_growing_the_shape() -> None:
    seen = _sizes([{"in": 2}, {"in": 1}, {"out": 6}])
    ins = [size for kind, size in seen if kind == "in"]
    outs = [size for kind, size in seen if kind == "out"]
    assert ins == sorted(ins) and ins[-1] > 0.9  # never shrinks between the two in-breaths
    assert outs == sorted(outs, reverse=True) and outs[-1] < 0.1


def test_a_hold_keeps_the_size_it_was_given() -> None:
    seen = _sizes([{"in": 4}, {"hold": 4}, {"out": 4}, {"hold": 2}])
    holds = [size for kind, size in seen if kind == "hold"]
    assert {round(s, 6) for s in holds[: len(holds) - 8]} == {1.0}
    assert all(s == 0.0 for s in holds[-8:])
