"""Load one pack file as untrusted input: every refusal names the file, the line and the field."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from coach.errors import PackError, Problem
from coach.packs import model
from coach.packs.template_lines import problem_line
from coach.packs.yamltree import (
    MAX_BYTES,
    Builder,
    YamlRefused,
    compose,
    decode,
    field_path,
    key_line,
    locate,
    shorten,
)

MAX_PROBLEMS = 100
"""Every problem of a file is reported, up to this many: past it, the file is not a pack yet."""
_STEP_LIST = ", ".join(model.STEP_TYPES)
_ID_RULE = (
    "must be lowercase letters, digits and -, starting with a letter or digit, "
    "at most 40 characters (like box-breathing)"
)
_KNOWN_KEYS = sorted(
    {
        field.alias or name
        for cls in (
            model.Pack,
            model.Exercise,
            model.PlanEntry,
            model.Phase,
            *model.ReadStep.__mro__,
            model.BreatheStep,
            model.TimerStep,
            model.RatingStep,
            model.TextStep,
            model.ChoiceStep,
            model.ChecklistStep,
            model.ScriptStep,
        )
        if isinstance(cls, type) and issubclass(cls, model.Part)
        for name, field in cls.model_fields.items()
    }
)
_STEP_MODELS: dict[str, type[model.StepBase]] = {
    "read": model.ReadStep,
    "breathe": model.BreatheStep,
    "timer": model.TimerStep,
    "rating": model.RatingStep,
    "text": model.TextStep,
    "choice": model.ChoiceStep,
    "checklist": model.ChecklistStep,
    "script": model.ScriptStep,
}
_KEY_OWNERS = {
    key: [kind for kind, cls in _STEP_MODELS.items() if key in cls.model_fields]
    for key in {k for cls in _STEP_MODELS.values() for k in cls.model_fields}
}
_YAML_READS = {
    "tag:yaml.org,2002:bool": "as yes/no",
    "tag:yaml.org,2002:timestamp": "as a date",
    "tag:yaml.org,2002:int": "as a number",
    "tag:yaml.org,2002:float": "as a number",
}


def load_pack(path: Path, name: str | None = None) -> model.Pack:
    """Read and validate one pack file, or raise PackError with every problem in it."""
    shown = name or str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)  # a bigger file is refused unread (even /dev/zero)
    except IsADirectoryError:
        raise PackError([Problem(shown, None, "", "this is a folder, not a pack file")]) from None
    except OSError as err:
        reason = err.strerror or "it cannot be read"
        raise PackError([Problem(shown, None, "", f"cannot be read ({reason.lower()})")]) from None
    return parse_pack(raw, shown)


def parse_pack(raw: bytes, name: str) -> model.Pack:
    """Validate the bytes of a pack file called `name`, or raise PackError."""
    try:
        root = compose(decode(raw))
        if root is None:
            raise PackError(
                [
                    Problem(
                        name, 1, "", "the file is empty; a pack starts with `format: coach-pack/1`"
                    )
                ]
            )
        builder = Builder()
        data = builder.build(root)
    except YamlRefused as refused:
        raise PackError(
            [Problem(name, p.line, p.field, p.message) for p in refused.problems]
        ) from None
    problems = [Problem(name, p.line, p.field, p.message) for p in builder.problems]
    if not isinstance(data, dict):
        problems.append(
            Problem(
                name,
                root.start_mark.line + 1,
                "",
                "a pack is a set of keys (format:, id:, title:, ...), not a single value or a list",
            )
        )
        raise PackError(problems)
    version = data.get("format")
    if version != model.FORMAT:
        raise PackError(problems + [_format_problem(name, root, version)])
    try:
        pack = model.Pack.model_validate(data)
    except ValidationError as err:
        for error in err.errors(include_url=False):
            if len(problems) > MAX_PROBLEMS:
                break
            problems.extend(
                p for p in _describe(name, root, error) if p.field not in builder.dropped
            )
        problems.extend(
            _at(name, root, loc, message) for loc, message in _cross_problems(data)[:MAX_PROBLEMS]
        )
    else:
        if not problems:
            return pack
    problems = sorted(_unique(problems), key=lambda p: p.line or 0)
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS]
        problems.append(Problem(name, None, "", f"... and {more} more; fix these first"))
    raise PackError(problems, ordered=True)


def _cross_problems(data: dict[Any, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """The cross-field rules, run on the raw data when other mistakes stopped the models."""

    def mappings(value: Any) -> list[Any]:
        return [v if isinstance(v, dict) else {} for v in value] if isinstance(value, list) else []

    exercises = mappings(data.get("exercises"))
    found = list(model.pack_problems(exercises, mappings(data.get("plan"))))
    for i, exercise in enumerate(exercises):
        for sub, message in model.step_problems(mappings(exercise.get("steps"))):
            found.append((("exercises", i, *sub), message))
    return found


def _format_problem(name: str, root: yaml.Node, version: object) -> Problem:
    readable = ", ".join(model.READABLE_FORMATS)
    if version is None:
        return Problem(
            name,
            root.start_mark.line + 1,
            "format",
            f"is required; a pack starts with `format: {model.FORMAT}`",
        )
    line = key_line(root, ("format",))
    if isinstance(version, str) and version.startswith("coach-pack/"):
        message = (
            f"this pack is {version}, and this coach reads {readable}; a newer coach may read it"
        )
    else:
        message = f"must be {model.FORMAT} (this coach reads {readable})"
    return Problem(name, line, "format", message)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int | None, str, str]] = set()
    out = []
    for p in problems:
        if (p.line, p.field, p.message) not in seen:
            seen.add((p.line, p.field, p.message))
            out.append(p)
    return out


def _plain_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Pydantic's location without the step-type tags it adds inside the `steps` union."""
    out: list[str | int] = []
    for i, part in enumerate(loc):
        if (
            part in model.STEP_TYPES
            and i >= 2
            and isinstance(loc[i - 1], int)
            and loc[i - 2] == "steps"
        ):
            continue
        out.append(part)
    return tuple(out)


def _step_kind(loc: tuple[Any, ...]) -> str | None:
    """The step type pydantic was checking, from the tag it puts after `steps[i]`."""
    for i in range(2, len(loc)):
        if loc[i] in model.STEP_TYPES and isinstance(loc[i - 1], int) and loc[i - 2] == "steps":
            return str(loc[i])
    return None


def _describe(name: str, root: yaml.Node, error: Any) -> list[Problem]:
    step_kind = _step_kind(error["loc"])
    loc = _plain_loc(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if loc and loc[-1] == "[key]":  # a mapping key of the wrong type, such as a quoted "5" label
        loc = loc[:-1]
        return [
            _at(
                name, root, loc, "a scale value here must be a whole number, written without quotes"
            )
        ]
    if kind == "invalid_key":
        return [Problem(name, key_line(root, loc), field_path(loc), "is not a key coach knows")]
    if kind == "coach":
        found = ctx.get("found") or []
        if found:
            return [_at(name, root, (*loc, *sub), message) for sub, message in found]
        return [_at(name, root, loc, ctx["message"])]
    if kind == "missing":
        return [Problem(name, key_line(root, loc), field_path(loc), "is required")]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        owners = _KEY_OWNERS.get(key, [])
        if step_kind and owners:
            kinds = " and ".join(f"{k} steps" for k in owners)
            message = f"is not a key of a {step_kind} step ({kinds} have it)"
            return [Problem(name, key_line(root, loc), field_path(loc), message)]
        close = difflib.get_close_matches(key, _KNOWN_KEYS, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        return [
            Problem(
                name,
                key_line(root, loc),
                field_path(loc),
                f"is not a key coach knows{hint} (keys that start with x- are kept for your own use)",
            )
        ]
    if kind == "union_tag_invalid":
        return [
            _at(
                name,
                root,
                (*loc, "type"),
                f"{ctx.get('tag')!r} is not a step type; use one of {_STEP_LIST}",
            )
        ]
    if kind == "union_tag_not_found":
        return [_at(name, root, (*loc, "type"), f"every step needs a type: one of {_STEP_LIST}")]
    return [_at(name, root, loc, _message(kind, ctx, locate(root, loc)[0], error))]


def _at(name: str, root: yaml.Node, loc: tuple[str | int, ...], message: str) -> Problem:
    node, whole = locate(root, loc)
    line = None if node is None else node.start_mark.line + 1
    if not whole:
        line = key_line(root, loc) or line
    if loc and loc[-1] == "template":
        line = problem_line(node) or line
    return Problem(name, line, field_path(loc), message)


def _message(kind: str, ctx: dict[str, Any], node: yaml.Node | None, error: Any) -> str:
    raw = shorten(node.value) if isinstance(node, yaml.ScalarNode) else None
    reads = _YAML_READS.get(node.tag) if isinstance(node, yaml.ScalarNode) else None
    quoted = isinstance(node, yaml.ScalarNode) and node.style in ("'", '"')
    plain_text = isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") and not quoted
    if kind == "string_type":
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return "is empty; write some text, or leave the key out"
        if reads:
            return f'must be text, but YAML reads {raw} {reads}; put it in quotes: "{raw}"'
        return "must be text"
    if kind in ("int_type", "int_from_float", "int_parsing"):
        if reads == "as yes/no":
            return f"must be a whole number, but YAML reads {raw} as yes/no"
        if quoted:
            return "must be a whole number, written without quotes"
        if plain_text:
            return f"must be a whole number, like 4 (YAML reads {raw} as text)"
        return "must be a whole number"
    if kind in ("float_type", "float_parsing"):
        if quoted:
            return "must be a number, written without quotes"
        if plain_text:
            return f"must be a number, like 4 or 2.5 (YAML reads {raw} as text)"
        return "must be a number"
    if kind == "bool_type":
        return "must be true or false"
    if kind == "list_type":
        return "must be a list (one `- ` item per line, or [a, b])"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be a set of keys and values"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "must be a date like 2026-12-01"
    if kind == "literal_error":
        return f"must be {ctx.get('expected', '').replace(chr(39), '')}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == model.ID_PATTERN:
            return _ID_RULE
        return "must be a language tag such as en or en-GB"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"needs at least {least} item{'s' if least != 1 else ''}"
    if kind == "too_long":
        return f"can have at most {ctx.get('max_length')} items"
    if kind == "string_too_short":
        return "must not be empty"
    message: str = error["msg"]
    return message[0].lower() + message[1:] if message else "is not valid"
