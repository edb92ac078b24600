"""Command-line tests: the built-in pack file is validated once per test process."""

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


@pytest.fixture(autouse=True)
def _built_in_packs_validated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nearly every command loads the library, and validating the built-in core.yaml takes ~40 ms
    of CPU: about 200 times over in tests/cli. Each command still reads every pack file and builds
    its library as coach does; the built-in file's unchanged bytes are validated once per process
    (tests/unit validates them and every refusal). Patched per test, so no other test sees it."""
    monkeypatch.setattr(loader, "parse_pack", _parse_built_in_once)
