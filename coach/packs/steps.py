"""The eight step types of `coach-pack/1`, and `Step`, their union keyed by `type`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from coach.packs.parts import (
    PHASES,
    Id,
    Markdown,
    Part,
    PhaseSeconds,
    Range,
    Text,
    Where,
    Words,
    problem,
)


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


TEMPLATE_RULE = (
    "Text with `{step-id}` placeholders naming earlier answer steps; `{{` and `}}` are literal "
    "braces. A line whose placeholders are all empty (skipped) is left out. `[[ ... ]]` marks an "
    "optional clause, kept only when every placeholder inside it has an answer: "
    "`I feel {feeling}[[ because {why}]].` Clauses hold at least one placeholder, stay on one "
    "line and do not nest; a single `[` or `]` is literal. The coach checks brackets on loading."
)


class ScriptStep(StepBase):
    """Earlier answers assembled into a script to edit and keep as a card."""

    type: Literal["script"]
    id: Id
    template: Annotated[Text, Field(description=TEMPLATE_RULE)]
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
