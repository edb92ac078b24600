"""The exercise pack format `coach-pack/1` as pydantic models: every rule of ../shared/pack-format.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PrivateAttr,
    ValidatorFunctionWrapHandler,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from coach.packs import template as tpl

FORMAT = "coach-pack/1"
READABLE_FORMATS = (FORMAT,)
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"
LANGUAGE_PATTERN = r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"
"""BCP 47 in shape: a primary subtag (or x- / i- for private and grandfathered tags), then more."""
SKILLS = ("grounding", "boundaries", "regulation", "other")
ANSWER_STEP_TYPES = ("rating", "text", "choice", "checklist", "script")
PHASES = ("in", "hold", "out", "rest")

Where = tuple[str | int, ...]


def problem(message: str, *found: tuple[Where, str]) -> PydanticCustomError:
    """An error in the coach's own words; `found` lists (sub-path, message) pairs deeper inside."""
    return PydanticCustomError("coach", "{message}", {"message": message, "found": list(found)})


# ---- text and numbers -------------------------------------------------------------------------


@dataclass(frozen=True)
class OneLine:
    """Metadata: one line of plain text, whitespace collapsed, not empty, at most `limit` long."""

    limit: int

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {**handler(schema), "maxLength": self.limit}

    def _check(self, value: str) -> str:
        value = " ".join(value.split())
        if len(value) > self.limit:
            raise problem(f"must be at most {self.limit} characters (this one has {len(value)})")
        return value


@dataclass(frozen=True)
class Range:
    """Metadata: a number from `low` to `high`, with the whole range named in the error."""

    low: float
    high: float

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {**handler(schema), "minimum": self.low, "maximum": self.high}

    def _check(self, value: float) -> float:
        if not self.low <= value <= self.high:
            raise problem(f"must be between {self.low:g} and {self.high:g}")
        return value


def _one_line(value: str) -> str:
    return " ".join(value.split())


# The format page limits only titles (80) and summaries (160); everything else may be as long
# as its author likes, and a pack that follows the page must always load.
Line80 = Annotated[str, OneLine(80)]
Line160 = Annotated[str, OneLine(160)]
Words = Annotated[str, AfterValidator(_one_line)]
"""A short piece of plain text on one line (an option, a label, a tag): whitespace collapsed."""
Text = Annotated[str, AfterValidator(str.strip)]
"""Plain text that may span lines; shown exactly as written, never as markup."""
Markdown = Annotated[
    str, AfterValidator(str.strip), Field(json_schema_extra={"contentMediaType": "text/markdown"})
]
"""Text shown through the Markdown renderer (which runs no actions)."""
Id = Annotated[str, Field(pattern=ID_PATTERN)]
PhaseSeconds = Annotated[float, Range(0.5, 20)]


# ---- the base every part shares -----------------------------------------------------------------


class Part(BaseModel):
    """A mapping in a pack: unknown keys refused, `x-` keys kept aside and ignored."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        json_schema_extra={"patternProperties": {"^x-": {}}},
    )
    _extensions: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_x_keys(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        extensions: dict[str, Any] = {}
        if isinstance(data, dict):
            extensions = {
                k: v for k, v in data.items() if isinstance(k, str) and k.startswith("x-")
            }
            if extensions:
                data = {k: v for k, v in data.items() if k not in extensions}
        obj = handler(data)
        if extensions:
            obj._extensions = extensions
        return obj

    @property
    def extensions(self) -> dict[str, Any]:
        """The `x-` keys of this mapping, kept for tools and ignored by coach."""
        return dict(self._extensions)


# ---- steps --------------------------------------------------------------------------------------


class StepBase(Part):
    title: Words | None = None
    optional: bool = False

    @property
    def answer_id(self) -> str | None:
        """The id this step's answer is recorded under, or None when it records nothing."""
        return getattr(self, "id", None)


class ReadStep(StepBase):
    """Read something, then continue; records nothing."""

    type: Literal["read"]
    text: Markdown


class Phase(Part):
    """One phase of a breathing pattern: a one-key mapping such as `{in: 4}`."""

    in_: PhaseSeconds | None = Field(default=None, alias="in")
    hold: PhaseSeconds | None = None
    out: PhaseSeconds | None = None
    rest: PhaseSeconds | None = None

    model_config = ConfigDict(
        json_schema_extra={"minProperties": 1, "maxProperties": 1, "patternProperties": {}}
    )

    @model_validator(mode="after")
    def _one_key(self) -> Phase:
        given = [name for name in PHASES if self._get(name) is not None]
        if len(given) != 1:
            raise problem(
                "each phase is one of in, hold, out or rest with its seconds, like {in: 4}"
            )
        return self

    def _get(self, name: str) -> float | None:
        value: float | None = getattr(self, "in_" if name == "in" else name)
        return value

    @property
    def kind(self) -> str:
        """`in`, `hold`, `out` or `rest`."""
        return next(name for name in PHASES if self._get(name) is not None)

    @property
    def seconds(self) -> float:
        value = self._get(self.kind)
        assert value is not None
        return value


class BreatheStep(StepBase):
    """A paced breathing guide; records the cycles completed when it has an id."""

    type: Literal["breathe"]
    id: Id | None = None
    pattern: Annotated[list[Phase], Field(min_length=1)]
    cycles: Annotated[int, Range(1, 50)] = 4
    text: Text | None = None

    @property
    def cycle_seconds(self) -> float:
        return sum(phase.seconds for phase in self.pattern)


class TimerStep(StepBase):
    """Do something for a set time; records the seconds elapsed when it has an id."""

    type: Literal["timer"]
    id: Id | None = None
    seconds: Annotated[float, Range(1, 3600)]
    text: Text | None = None


class RatingStep(StepBase):
    """A number on a scale; `distress` marks the before and after ratings."""

    type: Literal["rating"]
    id: Id
    prompt: Text
    min: int = 0
    max: Annotated[int, Field(json_schema_extra={"maximum": 100})] = 10
    labels: dict[int, Words] | None = None
    distress: Literal["before", "after"] | None = None

    @model_validator(mode="after")
    def _scale(self) -> RatingStep:
        if self.max > 100:
            raise problem("must be at most 100", (("max",), "must be at most 100"))
        if self.max <= self.min:
            raise problem(
                "max must be above min",
                (("max",), f"must be above min ({self.min}); this scale has max {self.max}"),
            )
        outside = [k for k in (self.labels or {}) if not self.min <= k <= self.max]
        if outside:
            raise problem(
                "labels must be on the scale",
                *(
                    (("labels", k), f"{k} is not on the scale {self.min} to {self.max}")
                    for k in outside
                ),
            )
        return self

    def is_high(self, value: int, fraction: float = 0.1) -> bool:
        """Whether a rating is in the top `fraction` of this scale."""
        return value >= self.max - (self.max - self.min) * fraction


class TextStep(StepBase):
    """One or several typed answers."""

    type: Literal["text"]
    id: Id
    prompt: Text
    count: Annotated[int, Range(1, 20)] = 1
    placeholder: Words | None = None
    multiline: bool = False
    max_length: Annotated[int, Range(1, 5000)] = 500


class ChoiceStep(StepBase):
    """Pick one option, or several with `multiple`; `other` allows a typed answer."""

    type: Literal["choice"]
    id: Id
    prompt: Text
    options: Annotated[list[Words], Field(min_length=2, max_length=50)]
    multiple: bool = False
    other: bool = False

    @model_validator(mode="after")
    def _unique(self) -> ChoiceStep:
        seen: dict[str, int] = {}
        repeats: list[tuple[Where, str]] = []
        for i, option in enumerate(self.options):
            if option in seen:
                repeats.append((("options", i), f"{option!r} is already options[{seen[option]}]"))
            seen.setdefault(option, i)
        if repeats:
            raise problem("options must be different from each other", *repeats)
        return self


class ChecklistStep(StepBase):
    """Tick what was done."""

    type: Literal["checklist"]
    id: Id
    prompt: Text
    items: Annotated[list[Words], Field(min_length=1, max_length=50)]


class ScriptStep(StepBase):
    """Earlier answers assembled into a script to edit and keep as a card."""

    type: Literal["script"]
    id: Id
    template: Text
    prompt: Text | None = None


Step = Annotated[
    ReadStep
    | BreatheStep
    | TimerStep
    | RatingStep
    | TextStep
    | ChoiceStep
    | ChecklistStep
    | ScriptStep,
    Field(discriminator="type"),
]
STEP_TYPES = ("read", "breathe", "timer", "rating", "text", "choice", "checklist", "script")
AnswerStep = RatingStep | TextStep | ChoiceStep | ChecklistStep | ScriptStep


# ---- exercises, plans, packs ------------------------------------------------------------------


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
