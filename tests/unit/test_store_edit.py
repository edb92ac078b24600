"""Deleting, restoring and editing sessions and cards: what is stored after each, the figures
and the home's summary following, in plain and encrypted folders."""

from __future__ import annotations

from pathlib import Path

from coach.records import Session
from coach.store.store import ProgressStore
from coach.store.summary import SUMMARY_CACHE
from coach.store.vault import encrypt_folder, open_codec
from tests.records import card, fixed_clock, session

OLD = "00000000-0000-4000-8000-000000000001"
NEW = "00000000-0000-4000-8000-000000000002"


def filled(root: Path) -> ProgressStore:
    store = ProgressStore(root, clock=fixed_clock())
    store.add_sessions([Session.model_validate(session("2025-03-12T09:00:00+00:00", id=OLD))])
    store.record_session(session("2026-11-20T19:02:00+00:00", id=NEW, note="First words"))
    store.keep_card(card(id="10000000-0000-4000-8000-000000000000", title="My card"))
    return store


def test_a_deleted_session_is_gone_and_undo_puts_back_the_exact_record(data_dir: Path) -> None:
    store = filled(data_dir)
    for session_id in (OLD, NEW):  # one in its month file, one in recent.json
        before = store.session(session_id)
        assert before is not None
        count = len(store.sessions())
        doc = store.delete_session(session_id)
        assert doc is not None and doc["id"] == session_id
        store.close()
        store = ProgressStore(data_dir, clock=fixed_clock())
        assert store.session(session_id) is None
        assert len(store.sessions()) == count - 1
        store.restore_session(doc)
        store.close()
        store = ProgressStore(data_dir, clock=fixed_clock())
        assert store.session(session_id) == before
    assert store.delete_session("no-such-id") is None


def test_figures_and_the_home_summary_follow_a_delete(data_dir: Path) -> None:
    store = filled(data_dir)
    total_before = len(store.sessions())
    counted = _count(store)
    (data_dir / SUMMARY_CACHE).parent.mkdir(exist_ok=True)
    (data_dir / SUMMARY_CACHE).write_text("{}")
    store.delete_session(OLD)
    assert not (data_dir / SUMMARY_CACHE).exists()
    assert _count(store) == counted - 1 == total_before - 1


def _count(store: ProgressStore) -> int:
    from coach.core import stats

    return stats.figures(store.tally()).sessions


def test_a_note_is_edited_cleaned_and_undone(data_dir: Path) -> None:
    store = filled(data_dir)
    old = store.edit_session(NEW, "New words\x1b[31m\n  second line  ")
    assert old is not None and old["note"] == "First words"
    store.close()
    store = ProgressStore(data_dir, clock=fixed_clock())
    edited = store.session(NEW)
    assert edited is not None and edited.note == "New words\n  second line"
    store.edit_session(NEW, "", bring_to_session=False)
    cleared = store.session(NEW)
    assert cleared is not None and cleared.note is None and not cleared.bring_to_session
    store.restore_session(old)
    assert store.session(NEW) == Session.model_validate(old)
    assert store.edit_session("no-such-id", "x") is None


def test_a_card_is_deleted_and_put_back(data_dir: Path) -> None:
    store = filled(data_dir)
    kept = store.cards()
    doc = store.delete_card(kept[0].id)
    assert doc is not None and store.cards() == []
    store.restore_card(doc)
    assert store.cards() == kept
    assert store.delete_card("no-such-id") is None


def test_edits_in_an_encrypted_folder_stay_sealed(data_dir: Path) -> None:
    filled(data_dir).close()
    encrypt_folder(data_dir, "correct horse battery")
    store = ProgressStore(
        data_dir, clock=fixed_clock(), codec=open_codec(data_dir, "correct horse battery")
    )
    store.edit_session(NEW, "SECRET-NOTE-42")
    doc = store.delete_session(OLD)
    assert doc is not None
    store.close()
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert b"SECRET-NOTE-42" not in path.read_bytes(), path
    store = ProgressStore(
        data_dir, clock=fixed_clock(), codec=open_codec(data_dir, "correct horse battery")
    )
    note = store.session(NEW)
    assert note is not None and note.note == "SECRET-NOTE-42"
    assert store.session(OLD) is None
    store.restore_session(doc)
    assert store.session(OLD) is not None


def test_given_when_it_started_only_its_own_files_are_read(data_dir: Path) -> None:
    store = filled(data_dir)
    kept = store.session(OLD)
    assert kept is not None
    old = store.edit_session(OLD, "Changed", started=kept.started)
    assert old is not None and old["note"] == kept.note
    assert store.delete_session(OLD, "2024-01-01T09:00:00+00:00") is None  # not in that month
    doc = store.delete_session(OLD, kept.started)
    assert doc is not None and doc["note"] == "Changed" and store.session(OLD) is None
    store.restore_session(old)
    assert store.session(OLD) == kept
