"""Text safety shared by every output: no control characters reach a terminal."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_control(text: str) -> str:
    """Text without control characters (escape sequences and the like); newlines and tabs stay."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


_JSON_RAW = re.compile(r"[\x7f-\x9f]")  # json.dumps escapes C0 itself; DEL and C1 it leaves raw


def json_text(value: object, indent: int | None = 2) -> str:
    """JSON as readable UTF-8 with every control character escaped: the same data, safe to print."""
    import json

    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
