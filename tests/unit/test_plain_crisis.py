"""Plain mode says what the app says: "That's a lot right now", every region in a line when none
is chosen, and no number with punctuation stuck to it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.core import crisis
from coach.packs.library import Library
from coach.store.store import ProgressStore
from tests.conftest import FIXTURES
from tests.records import fixed_clock
from tests.unit.test_plain import drive


@pytest.fixture(scope="module")  # read once: the tests only read it
def library() -> Library:
    return Library.load(None, [FIXTURES / "packs" / "every-step.yaml"])


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    return ProgressStore(data_dir, clock=fixed_clock())


def test_plain_mode_offers_the_lines_in_the_apps_words(
    library: Library, store: ProgressStore
) -> None:
    _, out, _ = drive(library, store, "test/short", ["9", "calm", "", "no"])
    assert crisis.OFFER in out and "That's a lot right now." in out
    assert "That rating is high" not in out
    for line in crisis.compact_lines():  # no region chosen: every region, a line each
        assert line in out
    assert "Somewhere else: Local emergency number, often 112 · " in out  # the compact line
    assert "findahelpline.com lists lines in many countries" in out
    assert "Type crisis at any prompt to see every line." in out
    assert not re.search(r"\d[.,;:!?)]", out.split("Type crisis")[0].split(crisis.OFFER)[1])


def test_the_crisis_word_shows_every_line_of_every_region(
    library: Library, store: ProgressStore
) -> None:
    _, out, _ = drive(library, store, "test/short", ["crisis", "3", "calm", "", "no"])
    assert "Veterans Crisis Line: Call 988 then press 1 or text 838255" in out
    assert "Shout: Text SHOUT to 85258 · Any time, day or night" in out
    assert "South Africa:" in out and "press 3" not in out
