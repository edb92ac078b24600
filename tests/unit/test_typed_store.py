"""The store returns typed records and preferences; layers point one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from coach.core import crisis
from coach.prefs import Preferences
from coach.records import Card, Draft, ImportEntry, Session
from coach.store.store import ProgressStore
from tests.records import card, fixed_clock, session

COACH = Path(__file__).resolve().parents[2] / "coach"


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "data", clock=fixed_clock())


def test_sessions_and_cards_come_back_as_records(store: ProgressStore) -> None:
    kept = store.record_session(session(note="typed"))
    store.keep_card(card())
    for found in (
        store.sessions(),
        list(store.iter_sessions()),
        store.latest_sessions(5),
        [store.session(kept.id)],
    ):
        assert [type(s) for s in found] == [Session] and found[0].note == "typed"
    assert [type(c) for c in store.cards()] == [Card]


def test_a_misspelt_field_is_an_error_not_a_silent_none(store: ProgressStore) -> None:
    store.record_session(session())
    (found,) = store.sessions()
    with pytest.raises(AttributeError):
        found.notes  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(TypeError, match="not subscriptable"):  # records are not dicts at all
        found["notes"]  # type: ignore[index]


def test_a_session_changed_by_hand_past_a_limit_is_set_aside_and_named(
    store: ProgressStore,
) -> None:
    store.record_session(session(note="fine"))
    odd = session(distress_before=5)
    store.record_session(odd)
    recent = store.root / "sessions" / "recent.json"
    recent.write_text(recent.read_text().replace('"distress_before":5', '"distress_before":5000'))
    reopened = ProgressStore(store.root, clock=fixed_clock())
    assert [s.note for s in reopened.sessions()] == ["fine"]
    assert any(odd["id"] in notice for notice in reopened.notices)
    aside = list(recent.parent.glob("recent.json.corrupt-*"))  # kept as it was, set aside
    assert len(aside) == 1 and odd["id"] in aside[0].read_text()
    assert recent.exists()


def test_preferences_round_trip(store: ProgressStore) -> None:
    assert store.preferences() == Preferences()
    chosen = Preferences(
        theme="high-contrast",
        reduce_motion=True,
        crisis_region="GB",
        crisis_threshold=6,
        first_run_done=True,
    )
    store.save_preferences(chosen)
    again = ProgressStore(store.root, clock=fixed_clock()).preferences()
    assert again == chosen
    assert crisis.threshold_for(again) == 6 and crisis.region_for(again, {}) == "GB"


def test_settings_by_name_are_checked_against_preferences(store: ProgressStore) -> None:
    with pytest.raises(KeyError):
        store.set_setting("colour", "red")
    with pytest.raises(ValueError, match="crisis_threshold"):
        store.set_setting("crisis_threshold", 3)  # 5 to 10 only
    store.set_setting("crisis_threshold", 10)
    assert store.preferences().crisis_threshold == 10 and store.setting("crisis_threshold") == 10
    assert store.setting("theme") is None  # never chosen


def test_a_threshold_outside_its_range_reads_as_the_default() -> None:
    assert crisis.threshold_setting(3) == crisis.DEFAULT_THRESHOLD == 9
    assert crisis.threshold_setting(True) == 9
    assert [crisis.threshold_setting(n) for n in (5, 8, 10)] == [5, 8, 10]


def test_record_run_files_the_session_and_its_cards_and_lets_the_draft_go(
    store: ProgressStore,
) -> None:
    record = Session.model_validate(session())
    store.save_draft(
        Draft(
            exercise=record.exercise,
            pack_version="1.0.0",
            session_id=record.id,
            started=record.started,
            updated=record.started,
            step=2,
            answers={"before": 7},
        )
    )
    kept = Card.model_validate(card(exercise=record.exercise))
    store.record_run(record, [kept])
    reopened = ProgressStore(store.root, clock=fixed_clock())
    assert reopened.sessions() == [record]
    assert reopened.cards() == [kept]
    assert reopened.draft(record.exercise) is None


def test_the_import_log_is_typed(store: ProgressStore) -> None:
    entry = ImportEntry(
        file="old.json",
        imported="2026-11-27T14:03:11+00:00",
        sessions_added=2,
        cards_added=0,
        **{"x-source": "old laptop"},
    )
    store.log_import(entry)
    assert store.imports() == [entry]


# ---- layers -------------------------------------------------------------------------------------

BASE = {
    "coach.records",
    "coach.prefs",
    "coach.prefs_file",
    "coach.cachefile",
    "coach.files",
    "coach.errors",
    "coach.clock",
    "coach.paths",
    "coach.text",
    "coach.tally",
}
OWNED_CORE = ("stats.py", "plan.py", "crisis.py", "home.py", "prep.py")


def _coach_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module == "coach":  # from coach import paths
            found.update(f"coach.{a.name}" for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("coach"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("coach"))
    return found


@pytest.mark.parametrize("path", sorted((COACH / "store").glob("*.py")), ids=lambda p: p.name)
def test_the_store_imports_only_the_base_and_itself(path: Path) -> None:
    stray = {
        name
        for name in _coach_imports(path)
        if name not in BASE and not name.startswith("coach.store")
    }
    assert stray == set()


@pytest.mark.parametrize("name", OWNED_CORE)
def test_core_imports_only_packs_the_base_and_itself(name: str) -> None:
    stray = {
        module
        for module in _coach_imports(COACH / "core" / name)
        if module not in BASE and not module.startswith(("coach.core", "coach.packs"))
    }
    assert stray == set()
