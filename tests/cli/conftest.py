"""Command-line tests: the built-in pack file is validated once per test process."""

from __future__ import annotations

import pytest

from tests.cli.built_in_packs import validate_built_in_once


@pytest.fixture(autouse=True)
def _built_in_packs_validated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nearly every command loads the library: about 200 validations of core.yaml in tests/cli."""
    validate_built_in_once(monkeypatch)
