"""Plain mode's `crisis` reaches the safety plan, as the exercises promise ("in plain mode, type
crisis. Your safety plan and crisis lines are there"): the lines, then the plan read back whole,
or one line on how to make one."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from coach import plain
from coach.core import crisis
from coach.core import safety_plan as plans
from coach.packs.library import Library
from coach.plain.crisis_word import NO_PLAN
from coach.records import SafetyPlan
from coach.store.store import ProgressStore
from tests.conftest import FIXTURES
from tests.records import fixed_clock
from tests.unit.test_plain import drive

HOSTILE = "[b]loud[/b] [link=http://x]me[/link]"


@pytest.fixture(scope="module")  # read once: the tests only read it
def library() -> Library:
    return Library.load(None, [FIXTURES / "packs" / "every-step.yaml"])


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    store = ProgressStore(data_dir, clock=fixed_clock())
    store.set_setting("first_run_done", True)
    return store


def save_plan(store: ProgressStore) -> None:
    now = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
    plan = SafetyPlan(updated=plans.stamp(now))
    plan = plans.with_part(plan, "warning_signs", ["I stop answering texts", HOSTILE], now)
    plan = plans.with_part(plan, "people", ["Sam 555 0100"], now)
    store.save_safety_plan(plan)


def menu(library: Library, store: ProgressStore, typed: list[str]) -> str:
    out = io.StringIO()
    console = plain.Console(io.StringIO("\n".join(typed) + "\n"), out, lambda _s: None)
    plain.menu(library, store, console, fixed_clock())
    return out.getvalue()


def test_crisis_during_an_exercise_shows_the_lines_then_the_whole_plan(
    library: Library, store: ProgressStore
) -> None:
    store.set_setting("crisis_region", "GB")
    save_plan(store)
    outcome, out, _ = drive(library, store, "test/short", ["crisis", "3", "calm", "", "no"])
    assert outcome == "saved"  # the exercise goes on after
    lines = out.index("Samaritans: Call 116 123")
    plan = out.index("Your safety plan:")
    assert lines < plan
    for number, part in enumerate(plans.PARTS, start=1):  # every part, empty ones said so
        assert f"{number}. {part.title}" in out[plan:]
    assert "   - I stop answering texts" in out and f"   - {HOSTILE}" in out  # literal
    assert "   - Sam 555 0100" in out and "(nothing here yet)" in out
    assert NO_PLAN not in out
    assert store.safety_plan() is not None and len(store.sessions()) == 1  # nothing changed


def test_crisis_at_the_menu_with_no_plan_says_how_to_make_one(
    library: Library, store: ProgressStore
) -> None:
    out = menu(library, store, ["crisis", "quit"])
    for region in crisis.regions().values():  # no region chosen: every region's lines
        assert f"{region.name}:" in out
    assert out.index("Somewhere else:") < out.index(NO_PLAN)
    assert "type plan at the menu" in NO_PLAN and "`coach safety-plan`" in NO_PLAN
    assert "Your safety plan:" not in out
    assert store.safety_plan() is None  # only read: nothing is made


def test_crisis_at_the_menu_reads_the_plan_back(library: Library, store: ProgressStore) -> None:
    store.set_setting("crisis_region", "IE")
    save_plan(store)
    out = menu(library, store, ["crisis", "quit"])
    assert out.index("Pieta:") < out.index("Your safety plan:") < out.index(f"- {HOSTILE}")
    assert "Part 1 of 6" not in out  # read only: no walk starts
