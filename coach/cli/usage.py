"""Typer checks some option values with pydantic; its words ("Value error, ...", "Input should
be ...") are put into plain sentences here, naming what the option takes."""

from __future__ import annotations

import ast
import re
from typing import Any

_CHOICES = re.compile(r"(?:Value error, )?(.+) is not one of (.+?)\.?$")


def plain_reason(error: Any) -> str | None:
    """A plain sentence for the first problem of a pydantic ValidationError, or None."""
    try:
        found = error.errors(include_url=False)
    except (AttributeError, TypeError):
        return None
    if not found:
        return None
    first = found[0]
    kind, ctx, given = first.get("type", ""), first.get("ctx") or {}, first.get("input")
    message = str(first.get("msg", ""))
    shown = repr(given) if isinstance(given, str) else "that"
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f"{shown} is not a whole number; type one like 5."
    if kind == "float_parsing":
        return f"{shown} is not a number; type one like 2.5."
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": f"{bound} or more",
            "greater_than": f"more than {bound}",
            "less_than_equal": f"{bound} or less",
            "less_than": f"less than {bound}",
        }[kind]
        return f"{shown} is too {'small' if kind.startswith('greater') else 'large'}; use {words}."
    choices = _CHOICES.match(message)
    if choices:
        value, listed = choices.groups()
        allowed = [_unquoted(c.strip()) for c in listed.split(",")]
        said = allowed[0] if len(allowed) == 1 else f"{', '.join(allowed[:-1])} or {allowed[-1]}"
        return f"{value} is not one of the choices; choose {said}."
    return message.removeprefix("Value error, ").removeprefix("Input should be ").strip() or None


def _unquoted(text: str) -> str:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def plainer(err: BaseException) -> None:
    """Give a usage error whose cause is pydantic's check a plain message, in place."""
    cause = err.__cause__
    if cause is None or type(cause).__name__ != "ValidationError" or not hasattr(err, "message"):
        return
    reason = plain_reason(cause)
    if reason is not None:
        err.message = reason
