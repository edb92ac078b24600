"""The pieces every part of a pack is made of: its constants, text and number types, and `Part`.

Every piece of text is cleaned as it is read (`coach.text.clean`): escape sequences, control,
bidi and zero-width characters never get into a model, whoever builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

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

from coach.text import clean

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
        value = _one_line(value)
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
    """One line of clean text, whitespace collapsed."""
    return " ".join(clean(value).split())


def _lines(value: str) -> str:
    """Clean text that may span lines, without the blank space around it."""
    return clean(value, multiline=True).strip()


# The format page limits only titles (80) and summaries (160); everything else may be as long
# as its author likes, and a pack that follows the page must always load.
Line80 = Annotated[str, OneLine(80)]
Line160 = Annotated[str, OneLine(160)]
Words = Annotated[str, AfterValidator(_one_line)]
"""A short piece of plain text on one line (an option, a label, a tag): whitespace collapsed."""
Text = Annotated[str, AfterValidator(_lines)]
"""Plain text that may span lines; shown exactly as written, never as markup."""
Markdown = Annotated[
    str, AfterValidator(_lines), Field(json_schema_extra={"contentMediaType": "text/markdown"})
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
