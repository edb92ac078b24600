"""Script templates: `{step-id}` placeholders and `{{`/`}}` braces, parsed by hand, never str.format."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_PLACEHOLDER = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


@dataclass(frozen=True)
class Placeholder:
    """A `{step-id}` in a template: filled with that step's answer."""

    step_id: str


class TemplateError(ValueError):
    """A template that names something other than `{step-id}`; `column` is 1-based."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


def parse(template: str) -> list[str | Placeholder]:
    """Split a template into literal text and placeholders, or raise TemplateError."""
    parts: list[str | Placeholder] = []
    literal: list[str] = []
    i, n = 0, len(template)
    while i < n:
        ch = template[i]
        if ch == "{" and template.startswith("{{", i):
            literal.append("{")
            i += 2
        elif ch == "}" and template.startswith("}}", i):
            literal.append("}")
            i += 2
        elif ch == "{":
            end = template.find("}", i + 1)
            inner = template[i + 1 : end] if end != -1 else template[i + 1 :]
            if end == -1:
                raise TemplateError(
                    "a `{` is never closed; write `{{` for a literal brace", column=i + 1
                )
            if not _PLACEHOLDER.fullmatch(inner):
                inner = inner if len(inner) <= 40 else inner[:39] + "…"
                raise TemplateError(
                    f"`{{{inner}}}` is not a placeholder; use `{{step-id}}` of an earlier "
                    "answer step, or `{{` and `}}` for literal braces",
                    column=i + 1,
                )
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(Placeholder(inner))
            i = end + 1
        elif ch == "}":
            raise TemplateError("a `}` has no `{`; write `}}` for a literal brace", column=i + 1)
        else:
            literal.append(ch)
            i += 1
    if literal:
        parts.append("".join(literal))
    return parts


def placeholders(template: str) -> list[str]:
    """The step ids a template names, in order."""
    return [p.step_id for p in parse(template) if isinstance(p, Placeholder)]


def answer_text(answer: object) -> str:
    """How one answer reads inside a script: lists joined with `, `, nothing for a skipped step."""
    if answer is None:
        return ""
    if isinstance(answer, list | tuple):
        return ", ".join(answer_text(a) for a in answer if a not in (None, ""))
    return str(answer)


def render(template: str, answers: Mapping[str, object]) -> str:
    """Fill a template with answers by step id; pack text is copied, never interpreted."""
    out: list[str] = []
    for part in parse(template):
        out.append(
            answer_text(answers.get(part.step_id)) if isinstance(part, Placeholder) else part
        )
    return "".join(out)


def render_script(template: str, answers: Mapping[str, object]) -> str:
    """A script to show a person: like `render`, but a line whose placeholders were all
    skipped is left out ("It would help because ." helps no one); they can edit it freely."""
    kept: list[str] = []
    for line in template.splitlines():
        parts = parse(line)
        names = [p.step_id for p in parts if isinstance(p, Placeholder)]
        if names and not any(answer_text(answers.get(n)) for n in names):
            continue
        kept.append(render(line, answers))
    return "\n".join(kept).strip("\n")
