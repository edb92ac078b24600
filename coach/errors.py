"""The errors coach shows to people: each one is a calm sentence, never a traceback."""

from __future__ import annotations

from coach.frozen import frozen
from coach.text import clean


class CoachError(Exception):
    """Something the person can act on; printed as one calm sentence, exit status 1."""

    def __str__(self) -> str:
        # A message may quote what the person typed or a file held: never an escape sequence.
        return clean(super().__str__(), multiline=True)


class UnknownExercise(CoachError):
    """No exercise has the id the person typed."""


class AmbiguousExercise(CoachError):
    """A short exercise id matches exercises in more than one pack."""


MESSAGE_LIMIT = 1000
"""Each part of a pack problem, in characters: more is never needed to say what to change."""


@frozen
class Problem:
    """One thing wrong in a pack file: where it is and what to change."""

    file: str
    line: int | None
    field: str
    message: str

    def __post_init__(self) -> None:
        # A message may quote the file's own words (a bad `!!int` value, a tag, a file name):
        # cleaned here, once, so no producer can hand on an escape sequence.
        for name in ("file", "field", "message"):
            value = getattr(self, name)
            cleaned = clean(value if isinstance(value, str) else str(value), limit=MESSAGE_LIMIT)
            if cleaned != value:
                object.__setattr__(self, name, cleaned)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "field": self.field, "message": self.message}


class PackError(CoachError):
    """A pack file was refused; it carries every problem found in it, in file order."""

    def __init__(self, problems: list[Problem], ordered: bool = False) -> None:
        self.problems = problems if ordered else sorted(problems, key=lambda p: p.line or 0)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def file(self) -> str:
        return self.problems[0].file if self.problems else ""
