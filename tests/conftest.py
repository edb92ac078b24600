"""Shared test set-up: no test ever touches the real home folder."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data folder and no extra packs from the environment."""
    data = tmp_path / "coach-data"
    monkeypatch.setenv("COACH_DATA_DIR", str(data))
    monkeypatch.delenv("COACH_PACKS", raising=False)
    monkeypatch.delenv("COACH_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    return data


@pytest.fixture
def data_dir(_private_data_dir: Path) -> Path:
    return _private_data_dir
