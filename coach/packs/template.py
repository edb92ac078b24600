"""Script templates: `{step-id}` placeholders, `{{`/`}}` braces and `[[ ... ]]` optional clauses,
parsed by hand, never str.format."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

EMPTY_SCRIPT = (
    "Nothing to put together yet. The answers it uses were skipped. That's okay. You can go "
    "back and add them, or write it here in your own words."
)
"""Shown in place of a script whose answers were all skipped, so no one meets an empty box."""

_PLACEHOLDER = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_LINE_ENDS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""Where `str.splitlines` ends a line: a clause stays on one line."""


@dataclass(frozen=True)
class Placeholder:
    """A `{step-id}` in a template: filled with that step's answer."""

    step_id: str


@dataclass(frozen=True)
class Clause:
    """A `[[ ... ]]` optional clause: kept only when every placeholder in it has an answer."""

    parts: tuple[str | Placeholder, ...]


Part = str | Placeholder | Clause


class TemplateError(ValueError):
    """A template that breaks the placeholder or clause rules; `line` and `column` are 1-based."""

    def __init__(self, message: str, column: int, line: int = 1) -> None:
        super().__init__(message)
        self.column = column
        self.line = line


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _error(template: str, message: str, at: int) -> TemplateError:
    """A TemplateError for the character at index `at`: its line and its column on that line."""
    lines = (template[:at] + "x").splitlines()
    return TemplateError(message, column=len(lines[-1]), line=len(lines))


def _run(template: str, i: int, ch: str) -> int:
    """How many `ch` in a row start at `i`."""
    end = i
    while end < len(template) and template[end] == ch:
        end += 1
    return end - i


class _Parser:
    """One pass over a template, left to right; a clause collects parts until its `]]`."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.top: list[Part] = []
        self.clause: list[str | Placeholder] | None = None
        self.clause_at = 0
        self.literal: list[str] = []

    def flush(self) -> None:
        if self.literal:
            text = "".join(self.literal)
            if self.clause is None:
                self.top.append(text)
            else:
                self.clause.append(text)
            self.literal = []

    def placeholder(self, i: int) -> int:
        end = self.template.find("}", i + 1)
        if end == -1:
            raise _error(self.template, "a `{` is never closed; write `{{` for a literal brace", i)
        inner = self.template[i + 1 : end]
        if not _PLACEHOLDER.fullmatch(inner):
            raise _error(
                self.template,
                f"`{{{_shown(inner)}}}` is not a placeholder; use `{{step-id}}` of an earlier "
                "answer step, or `{{` and `}}` for literal braces",
                i,
            )
        self.flush()
        if self.clause is None:
            self.top.append(Placeholder(inner))
        else:
            self.clause.append(Placeholder(inner))
        return end + 1

    def open_clause(self, i: int) -> int:
        if self.clause is not None:
            raise _error(
                self.template, "a `[[` inside another `[[ ... ]]`; optional clauses do not nest", i
            )
        self.flush()
        self.clause, self.clause_at = [], i
        return i + 2

    def close_clause(self, i: int) -> int:
        run = _run(self.template, i, "]")
        if self.clause is None:
            raise _error(
                self.template, "a `]]` has no `[[` before it; a single `]` is fine as text", i
            )
        self.literal.extend("]" * (run - 2))  # `]]]` closes at its last two
        self.flush()
        if not any(isinstance(p, Placeholder) for p in self.clause):
            inner = self.template[self.clause_at + 2 : i + run - 2]
            raise _error(
                self.template,
                f"`[[{_shown(inner)}]]` has no placeholder; an optional clause needs a "
                "`{step-id}` inside",
                self.clause_at,
            )
        self.top.append(Clause(tuple(self.clause)))
        self.clause = None
        return i + run

    def parse(self) -> list[Part]:
        template, i = self.template, 0
        while i < len(template):
            ch = template[i]
            if ch in "{}" and template.startswith(ch * 2, i):
                self.literal.append(ch)
                i += 2
            elif ch == "{":
                i = self.placeholder(i)
            elif ch == "}":
                raise _error(self.template, "a `}` has no `{`; write `}}` for a literal brace", i)
            elif ch == "[" and template.startswith("[[", i):
                i = self.open_clause(i)
            elif ch == "]" and template.startswith("]]", i):
                i = self.close_clause(i)
            elif ch in _LINE_ENDS and self.clause is not None:
                if not template[i:].strip():
                    break  # only blank space after it: "never closed", below
                raise _error(
                    self.template,
                    "a `[[` is not closed on its line; end the clause with `]]` before the "
                    "line ends",
                    self.clause_at,
                )
            else:
                self.literal.append(ch)
                i += 1
        if self.clause is not None:  # at the end, or only blank space after it: one message
            raise _error(
                self.template,
                "a `[[` is never closed; end the optional clause with `]]`",
                self.clause_at,
            )
        self.flush()
        return self.top


def parse(template: str) -> list[Part]:
    """Split a template into literal text, placeholders and clauses, or raise TemplateError."""
    return _Parser(template).parse()


def _names(parts: Iterable[Part]) -> list[str]:
    names: list[str] = []
    for part in parts:
        if isinstance(part, Placeholder):
            names.append(part.step_id)
        elif isinstance(part, Clause):
            names.extend(_names(part.parts))
    return names


def placeholders(template: str) -> list[str]:
    """The step ids a template names, in order (those inside clauses too)."""
    return _names(parse(template))


def answer_text(answer: object) -> str:
    """How one answer reads inside a script: lists joined with `, `, nothing for a skipped step
    (or an empty one)."""
    if answer is None:
        return ""
    if isinstance(answer, list | tuple):
        return ", ".join(text for a in answer if (text := answer_text(a)))
    return str(answer).strip()


def _fill(parts: Iterable[Part], answers: Mapping[str, object]) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, Placeholder):
            out.append(answer_text(answers.get(part.step_id)))
        elif isinstance(part, Clause):
            if all(answer_text(answers.get(name)) for name in _names(part.parts)):
                out.append(_fill(part.parts, answers))
        else:
            out.append(part)
    return "".join(out)


def render(template: str, answers: Mapping[str, object]) -> str:
    """Fill a template with answers by step id, leaving out clauses with a skipped answer; pack
    text is copied, never interpreted."""
    return _fill(parse(template), answers)


def render_script(template: str, answers: Mapping[str, object]) -> str:
    """A script to show a person: like `render`, but a line whose placeholders were all
    skipped is left out ("It would help because ." helps no one); they can edit it freely."""
    kept: list[str] = []
    for line in template.splitlines():
        parts = parse(line)
        names = _names(parts)
        if names and not any(answer_text(answers.get(n)) for n in names):
            continue
        kept.append(_fill(parts, answers))
    return "\n".join(kept).strip("\n")
