"""JSON as coach reads it from outside: no NaN or Infinity, and no key given twice in an object.

Looking at every object's keys as it is parsed is slow for years of history, so a file is first
parsed as it is and then counted: in JSON text a colon is either one key's or inside a string,
and an object that names a key twice keeps only one of them. The colons of the text and of the
parsed data written back out compactly are the same in number exactly when no key was given
twice (tests/unit/test_record_twins.py tries hostile files); when they differ, or the count
cannot be trusted, the file is parsed again looking at every key, which names the one repeated.
"""

from __future__ import annotations

import json
from typing import Any

import pydantic_core


class DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refused when a key appears twice (json.loads would keep the last)."""
    result = dict(pairs)
    if len(result) != len(pairs):  # only then is it worth finding which key it was
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return result


def loads(text: str) -> Any:
    """JSON as coach reads it from outside: no NaN or Infinity, no key given twice."""
    return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_unique_keys)


def load_export(raw: bytes) -> Any:
    """The JSON of a file's bytes, read as `loads` reads it (and raising as it raises)."""
    text = raw.decode("utf-8-sig")
    data = json.loads(text, parse_constant=_no_constant)
    if not no_key_twice(raw, data):
        data = loads(text)
    return data


def no_key_twice(raw: bytes, data: Any) -> bool:
    """Whether `data`, parsed from the JSON text `raw`, surely kept every key of it (False
    when a key was given twice, or when that cannot be told quickly)."""
    try:
        compact = pydantic_core.to_json(data)
    except (ValueError, RecursionError):  # nested too deeply, or a lone surrogate
        return False
    # A colon can also be written \u003a inside a string: counted as the colon it becomes. Any
    # `\\u003a` (a backslash, then the letters) is counted too, which only sends the file to
    # the slow reading; a colon is never missed, so a key given twice always shows.
    escaped = raw.count(b"\\u003a") + raw.count(b"\\u003A") if b"\\u" in raw else 0
    return raw.count(b":") + escaped == compact.count(b":")


def plain_json(value: object) -> bool:
    """Whether a value is JSON as coach writes it (no NaN or Infinity; numbers it can print)."""
    try:
        json.dumps(value, allow_nan=False)
    except ValueError:
        return False
    return True
