"""Small helpers to write packs for tests: a valid pack, and ways to break it."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from coach.errors import PackError
from coach.packs.loader import parse_pack
from coach.packs.model import Pack

BASE: dict[str, Any] = {
    "format": "coach-pack/1",
    "id": "test",
    "title": "Test pack",
    "version": "1.0.0",
    "exercises": [
        {
            "id": "calm",
            "title": "Calm down",
            "skill": "grounding",
            "summary": "A short test exercise.",
            "steps": [
                {"type": "rating", "id": "before", "prompt": "How is it?", "distress": "before"},
                {"type": "text", "id": "see", "prompt": "What do you see?", "count": 2},
                {"type": "rating", "id": "after", "prompt": "And now?", "distress": "after"},
            ],
        }
    ],
}


def pack_data(**top: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(top)
    return data


def with_step(step: dict[str, Any], at: int = 1, **exercise: Any) -> dict[str, Any]:
    """The base pack with `step` inserted into its exercise at position `at`."""
    data = pack_data()
    data["exercises"][0]["steps"].insert(at, step)
    data["exercises"][0].update(exercise)
    return data


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def load(data: dict[str, Any] | str, name: str = "t.yaml") -> Pack:
    text = data if isinstance(data, str) else dump(data)
    return parse_pack(text.encode(), name)


def problems(data: dict[str, Any] | str, name: str = "t.yaml") -> list[str]:
    """Every problem line for a pack that must be refused."""
    try:
        load(data, name)
    except PackError as err:
        return [str(p) for p in err.problems]
    raise AssertionError("the pack was accepted, but it should have been refused")


def one_problem(data: dict[str, Any] | str) -> str:
    found = problems(data)
    assert len(found) == 1, found
    return found[0]


def line_of(data: dict[str, Any] | str, needle: str) -> int:
    """The 1-based line of the first line containing `needle` in the pack as written."""
    text = data if isinstance(data, str) else dump(data)
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)
