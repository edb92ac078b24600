"""Text safety shared by every output: no control characters reach a terminal."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_control(text: str) -> str:
    """Text without control characters (escape sequences and the like); newlines and tabs stay."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text
