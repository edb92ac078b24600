"""The exercise pack format `coach-pack/1` as pydantic models: every rule of docs/pack-format.md.

The text types and `Part` live in `parts.py`, the steps in `steps.py`; both are re-exported
here, so `model.ReadStep` and `model.Words` keep working.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from coach.packs import template as tpl
from coach.packs.parts import (
    ANSWER_STEP_TYPES,
    FORMAT,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    PHASES,
    READABLE_FORMATS,
    SKILLS,
    Id,
    Line80,
    Line160,
    Markdown,
    OneLine,
    Part,
    PhaseSeconds,
    Range,
    Text,
    Where,
    Words,
    problem,
)
from coach.packs.steps import (
    STEP_TYPES,
    AnswerStep,
    BreatheStep,
    ChecklistStep,
    ChoiceStep,
    Phase,
    RatingStep,
    ReadStep,
    ScriptStep,
    Step,
    StepBase,
    TextStep,
    TimerStep,
)

__all__ = [
    "ANSWER_STEP_TYPES",
    "FORMAT",
    "ID_PATTERN",
    "LANGUAGE_PATTERN",
    "PHASES",
    "READABLE_FORMATS",
    "SKILLS",
    "STEP_TYPES",
    "AnswerStep",
    "BreatheStep",
    "ChecklistStep",
    "ChoiceStep",
    "Exercise",
    "Id",
    "Line80",
    "Line160",
    "Markdown",
    "OneLine",
    "Pack",
    "Part",
    "Phase",
    "PhaseSeconds",
    "PlanEntry",
    "Range",
    "RatingStep",
    "ReadStep",
    "ScriptStep",
    "Step",
    "StepBase",
    "Text",
    "TextStep",
    "TimerStep",
    "Where",
    "Words",
    "json_schema",
    "pack_problems",
    "problem",
    "schema_text",
    "step_problems",
]


class Exercise(Part):
    """One exercise: what it is for, and its steps."""

    id: Id
    title: Line80
    skill: Literal["grounding", "boundaries", "regulation", "other"]
    summary: Line160
    minutes: Annotated[float, Range(1, 120)] | None = None
    why: Markdown | None = None
    when: list[Words] = []
    tags: list[Words] = []
    steps: Annotated[list[Step], Field(min_length=1)]

    @model_validator(mode="after")
    def _steps_agree(self) -> Exercise:
        found = list(step_problems(self.steps))
        if found:
            raise problem("the steps do not fit together", *found)
        return self

    def step_index(self, step_id: str) -> int | None:
        """The position of the step recorded under `step_id`."""
        return next((i for i, s in enumerate(self.steps) if s.answer_id == step_id), None)

    def distress_step(self, which: str) -> RatingStep | None:
        """The rating marked `distress: before` or `after`, if any."""
        return next(
            (s for s in self.steps if isinstance(s, RatingStep) and s.distress == which), None
        )


def _field(obj: Any, key: str) -> Any:
    """A key of a raw mapping or an attribute of a model: the cross-checks read both."""
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def _step_id(step: Any) -> str | None:
    value = _field(step, "id")
    return value if isinstance(value, str) else None


def step_problems(steps: Sequence[Any]) -> Iterator[tuple[Where, str]]:
    """Cross-step rules: unique ids, distress order, templates naming earlier answers.

    Works on validated steps and on raw mappings, so a file with other mistakes still hears
    about these.
    """
    first_seen: dict[str, int] = {}
    answer_ids: set[str] = set()
    distress_at: dict[str, int] = {}
    for i, step in enumerate(steps):
        step_id, kind = _step_id(step), _field(step, "type")
        if step_id is not None:
            if step_id in first_seen:
                yield (
                    ("steps", i, "id"),
                    f"{step_id!r} is already the id of steps[{first_seen[step_id]}]",
                )
            first_seen.setdefault(step_id, i)
        distress = _field(step, "distress") if kind == "rating" else None
        if distress in ("before", "after"):
            if distress in distress_at:
                yield (
                    ("steps", i, "distress"),
                    f"steps[{distress_at[distress]}] is already marked distress: {distress}; "
                    "an exercise has at most one of each",
                )
            elif distress == "before" and "after" in distress_at:
                yield (
                    ("steps", i, "distress"),
                    "distress: before must come ahead of distress: after "
                    f"(steps[{distress_at['after']}])",
                )
            distress_at.setdefault(distress, i)
        template = _field(step, "template") if kind == "script" else None
        if isinstance(template, str):
            yield from _template_problems(template, i, answer_ids, steps)
        if kind in ANSWER_STEP_TYPES and step_id is not None:
            answer_ids.add(step_id)


def _template_problems(
    template: str, at: int, answer_ids: set[str], steps: Sequence[Any]
) -> Iterator[tuple[Where, str]]:
    try:
        names = tpl.placeholders(template)
    except tpl.TemplateError as err:
        yield (("steps", at, "template"), str(err))
        return
    later = {_step_id(s) for s in steps[at + 1 :] if _field(s, "type") in ANSWER_STEP_TYPES}
    for name in names:
        if name in answer_ids:
            continue
        if name == _step_id(steps[at]):
            message = f"{{{name}}} names this script step itself; a script can use only answers given before it"
        elif name in later:
            message = (
                f"{{{name}}} names a later step; a script can use only answers given before it"
            )
        else:
            message = f"{{{name}}} names no earlier answer step in this exercise"
        yield (("steps", at, "template"), message)


def pack_problems(exercises: Sequence[Any], plan: Sequence[Any]) -> Iterator[tuple[Where, str]]:
    """Pack-wide rules: unique exercise ids, and a plan naming exercises of this pack."""
    first_seen: dict[str, int] = {}
    for i, exercise in enumerate(exercises):
        exercise_id = _step_id(exercise)
        if exercise_id is None:
            continue
        if exercise_id in first_seen:
            yield (
                ("exercises", i, "id"),
                f"{exercise_id!r} is already the id of exercises[{first_seen[exercise_id]}]",
            )
        first_seen.setdefault(exercise_id, i)
    for i, entry in enumerate(plan):
        name = _field(entry, "exercise")
        if isinstance(name, str) and name not in first_seen:
            yield (("plan", i, "exercise"), f"{name!r} is not an exercise in this pack")


class PlanEntry(Part):
    """The author's suggestion: practice `exercise` this many times a week."""

    exercise: Id
    per_week: Annotated[int, Range(1, 21)]
    from_: dt.date | None = Field(default=None, alias="from", strict=False)
    until: dt.date | None = Field(default=None, strict=False)
    note: Words | None = None

    @model_validator(mode="after")
    def _dates(self) -> PlanEntry:
        if self.from_ and self.until and self.until < self.from_:
            raise problem(
                "until is before from",
                (("until",), f"{self.until} is before from ({self.from_})"),
            )
        return self


class Pack(Part):
    """A pack file: a set of exercises and an optional practice plan."""

    format: Literal["coach-pack/1"]
    id: Id
    title: Line80
    version: Words
    author: Words | None = None
    description: Markdown | None = None
    language: Annotated[str, Field(pattern=LANGUAGE_PATTERN)] = "en"
    exercises: Annotated[list[Exercise], Field(min_length=1)]
    plan: list[PlanEntry] = []

    @model_validator(mode="after")
    def _ids_agree(self) -> Pack:
        found = list(pack_problems(self.exercises, self.plan))
        if found:
            raise problem("the exercises and plan do not fit together", *found)
        return self

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the pack format, for editors (see `coach schema`)."""
    schema = Pack.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "coach-pack-1.schema.json",
        "title": "coach exercise pack (coach-pack/1)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    """The schema exactly as `coach schema` prints it and `data/pack.schema.json` holds it."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
