"""The built-in pack file validated once per test process, for tests that load the library on
the way to what they are about (commands, the index, plain mode), never for tests of loading."""

from __future__ import annotations

import os

import pytest

from coach import paths
from coach.packs import loader
from coach.packs.model import Pack

_BUILT_IN = str(paths.builtin_packs_dir()) + os.sep
_REAL_PARSE = loader.parse_pack
_PARSED: dict[tuple[bytes, str], Pack] = {}


def _parse_built_in_once(raw: bytes, name: str) -> Pack:
    """loader.parse_pack, with each built-in pack file's model kept by its exact bytes and name
    (the models are frozen): the same bytes always validate to the same pack. Any other file, a
    built-in file whose bytes changed, and every refusal go through coach's own parse."""
    if not name.startswith(_BUILT_IN):
        return _REAL_PARSE(raw, name)
    key = (raw, name)
    if key not in _PARSED:
        _PARSED[key] = _REAL_PARSE(raw, name)
    return _PARSED[key]


def validate_built_in_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validating the built-in core.yaml takes ~40 ms of CPU. Each library is still read from
    every pack file and built as coach builds it; the built-in file's unchanged bytes are
    validated once per process (tests/unit/test_builtin_library.py and test_loader.py validate
    them and every refusal). Patched for one test only, so no other test sees it."""
    monkeypatch.setattr(loader, "parse_pack", _parse_built_in_once)
