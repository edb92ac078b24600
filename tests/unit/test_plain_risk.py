"""Plain mode: words about suicide or self-harm typed at the menu show the crisis lines."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coach import plain
from coach.core import crisis
from coach.packs.library import Library
from coach.store.store import ProgressStore
from tests.records import fixed_clock

OPENING = (
    "If you're thinking about suicide or might hurt yourself, you can reach someone right now."
)


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    return ProgressStore(data_dir, clock=fixed_clock())


def menu(library: Library, store: ProgressStore, text: str) -> str:
    """Plain mode's menu over the built-in library (read once per session: not what is tested)."""
    out = io.StringIO()
    console = plain.Console(io.StringIO(text), out, Sleeps())
    plain.menu(library, store, console, fixed_clock())
    return out.getvalue()


@pytest.mark.parametrize("typed", ["suicidal", "I want to die", "self-harm", "kill myself"])
def test_risk_words_show_every_regions_lines_then_the_exercises(
    builtin_library: Library, store: ProgressStore, typed: str
) -> None:
    store.set_setting("first_run_done", True)
    text = menu(builtin_library, store, f"{typed}\nquit\n")
    after = text[text.index(OPENING) :]
    for region in crisis.regions().values():
        assert f"{region.name}:" in after
        assert all(line in after for line in crisis.lines(region))
    assert "coach does not contact anyone" in after
    assert "Exercises:" in after  # the menu comes back; nothing was started
    assert "Type the number or the name of an exercise" not in text
    assert text.rstrip().endswith("Take care.")


def test_with_a_region_only_its_lines_are_shown(
    builtin_library: Library, store: ProgressStore
) -> None:
    store.set_setting("first_run_done", True)
    store.set_setting("crisis_region", "GB")
    text = menu(builtin_library, store, "self harm\nquit\n")
    assert OPENING in text and "Samaritans: Call 116 123" in text
    assert "988" not in text


def test_near_misses_are_exercise_names_as_before(
    builtin_library: Library, store: ProgressStore
) -> None:
    store.set_setting("first_run_done", True)
    text = menu(builtin_library, store, "the end\nquit\n")
    assert OPENING not in text
    assert "Nothing matched 'the end'." in text  # a search, nothing started (issue 14 words)


@pytest.mark.parametrize("typed", ["kill myself", "I want to die", "self-harm"])
def test_risk_words_at_the_first_region_question_show_every_line_then_ask_again(
    builtin_library: Library, store: ProgressStore, typed: str
) -> None:
    text = menu(builtin_library, store, f"{typed}\n2\nquit\n")
    assert "does not have" not in text and "on its list" not in text
    after = text[text.index(OPENING) :]
    for region in crisis.regions().values():
        assert all(line in after for line in crisis.lines(region))
    asked_again = after.index("When you are ready, where are you?")
    assert "2. United Kingdom" in after[asked_again:]  # the numbered list again
    assert store.setting("crisis_region") == "GB"  # the answer after help is taken
    assert store.setting("first_run_done") is True
