"""Two coach windows finishing runs resumed from the same draft keep both sessions."""

from __future__ import annotations

from pathlib import Path

from coach.records import Card, Draft, Session
from coach.store.store import ProgressStore
from tests.records import card, fixed_clock, session


def _draft(session_id: str) -> Draft:
    return Draft(
        exercise="core/five-senses",
        pack_version="1.0.0",
        session_id=session_id,
        started="2026-11-20T19:02:00+00:00",
        updated="2026-11-20T19:04:00+00:00",
        step=2,
        answers={"before": 7},
    )


def _finish(draft: Draft, after: int, script: str) -> tuple[Session, list[Card]]:
    record = Session.model_validate(
        session(
            draft.started,
            id=draft.session_id,
            answers={**draft.answers, "after": after},
            distress_after=after,
        )
    )
    kept = Card.model_validate(card(id=draft.session_id, text=script))
    return record, [kept]


def test_two_windows_finishing_the_same_resumed_draft_keep_both_sessions(tmp_path: Path) -> None:
    root = tmp_path / "data"
    first_window = ProgressStore(root, clock=fixed_clock())
    second_window = ProgressStore(root, clock=fixed_clock())
    first_window.save_draft(_draft(_new()))
    resumed_a = first_window.draft("core/five-senses")
    resumed_b = second_window.draft("core/five-senses")
    assert resumed_a is not None and resumed_b is not None
    assert resumed_a.session_id == resumed_b.session_id

    a, a_cards = _finish(resumed_a, 2, "script from the first window")
    b, b_cards = _finish(resumed_b, 5, "script from the second window")
    saved_a = first_window.record_run(a, a_cards)
    saved_b = second_window.record_run(b, b_cards)

    history = ProgressStore(root, clock=fixed_clock()).sessions()
    assert len(history) == 2
    assert {s.distress_after for s in history} == {2, 5}
    assert saved_a.id == resumed_a.session_id
    assert saved_b.id != saved_a.id
    assert {c.text for c in ProgressStore(root, clock=fixed_clock()).cards()} == {
        "script from the first window",
        "script from the second window",
    }


def test_recording_the_same_run_again_keeps_one_session(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    record, cards = _finish(_draft(_new()), 3, "a script")
    store.record_run(record, cards)
    store.record_run(record, cards)  # a retry after a failure part way: nothing doubled
    assert [s.id for s in store.sessions()] == [record.id]
    assert len(store.cards()) == 1


def _new() -> str:
    from coach.records import new_id

    return new_id()
