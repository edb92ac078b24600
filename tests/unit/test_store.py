"""ProgressStore: sessions, drafts, cards, settings, versions, backups, and other processes."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

from coach.files import TEMP_MARK
from coach.records import Card, Draft, Session
from coach.store import migrate
from coach.store import sessions as store_module
from coach.store.storage import SafeStorage
from coach.store.store import ProgressStore, StoreTooNew
from tests.killing import killed_at_every_point
from tests.records import card, fixed_clock, session

UTC = dt.UTC


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "data", clock=fixed_clock())


def test_sessions_come_back_newest_first_exactly_as_recorded(store: ProgressStore) -> None:
    older = session("2026-10-02T08:00:00+02:00", note="ünïcødé ✓ 日本語")
    newer = session("2026-11-20T19:02:00+00:00")
    store.record_session(newer)
    store.record_session(older)
    assert [s.as_record() for s in store.sessions()] == [newer, older]


def test_new_sessions_wait_in_recent_then_move_to_their_months(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "RECENT_LIMIT", 3)
    first = session("2025-01-31T23:00:00+00:00")
    store.record_session(first)
    store.record_session(session("2026-11-20T19:02:00+00:00"))
    assert store.session_months() == [] and len(store.sessions()) == 2
    store.record_session(session("2026-11-21T19:02:00+00:00"))  # the third: recent is filed
    assert store.session_months() == ["2025-01", "2026-11"]
    assert list(store._raw("sessions/recent.json", "sessions")) == []
    assert len(store.sessions()) == 3
    store.record_session({**first, "note": "edited later"})  # an old session, filed: updated there
    assert [s.note for s in store.sessions() if s.id == first["id"]] == ["edited later"]
    assert len(store.sessions()) == 3


def test_recording_a_session_rewrites_only_the_recent_file(store: ProgressStore) -> None:
    store.add_sessions([Session.model_validate(session("2025-03-01T10:00:00+00:00"))])
    store.add_sessions([Session.model_validate(session("2026-11-01T10:00:00+00:00"))])
    months = sorted((store.root / "sessions").glob("????-??.json"))
    before = [(p.stat().st_ino, p.stat().st_mtime_ns) for p in months]
    store.record_session(session("2026-11-20T19:02:00+00:00"))
    assert [(p.stat().st_ino, p.stat().st_mtime_ns) for p in months] == before
    assert (store.root / "sessions" / "recent.json").exists()


def test_a_session_in_two_files_after_an_interrupted_move_is_read_once(
    store: ProgressStore,
) -> None:
    record = session("2026-11-20T19:02:00+00:00")
    store.add_sessions([Session.model_validate({**record, "note": "old copy"})])
    store.record_session({**record, "note": "new copy"})  # the filed copy is updated in place
    store._table("sessions/recent.json", "sessions").insert({**record, "note": "recent copy"})
    assert [s.note for s in store.sessions()] == ["recent copy"]
    assert store.session_ids() == {record["id"]}


def test_days_are_the_days_the_person_lived(tmp_path: Path) -> None:
    # 23:30 on Sunday the 22nd in Los Angeles is Monday the 23rd in UTC: it stays Sunday's
    store = ProgressStore(tmp_path / "d", clock=fixed_clock())
    late = session("2026-11-22T23:30:00-08:00")
    other = session("2026-11-20T08:00:00+00:00", exercise="core/saying-no")
    store.record_session(late)
    store.record_session(other)
    assert store.sessions(since=dt.date(2026, 11, 22), until=dt.date(2026, 11, 22)) == [
        Session.model_validate(late)
    ]
    assert store.sessions(since=dt.date(2026, 11, 23)) == []
    assert store.sessions(exercise="saying-no") == [Session.model_validate(other)]
    assert store.sessions(exercise="core/five-senses") == [Session.model_validate(late)]


def test_recording_the_same_session_twice_keeps_one(store: ProgressStore) -> None:
    record = session()
    store.record_session(record)
    store.record_session({**record, "note": "changed my mind"})
    assert [s.note for s in store.sessions()] == ["changed my mind"]


def test_a_bad_session_is_refused_before_anything_is_written(store: ProgressStore) -> None:
    with pytest.raises(ValueError):
        store.record_session(session(status="abandoned"))
    assert store.sessions() == [] and not (store.root / "sessions").exists()


def test_drafts_resume_exactly_and_are_kept_per_exercise(store: ProgressStore) -> None:
    draft = Draft(
        exercise="core/five-senses",
        pack_version="1.0.0",
        session_id=str(uuid.uuid4()),
        started="2026-11-27T14:00:00+00:00",
        updated="2026-11-27T14:02:00+00:00",
        step=2,
        answers={"before": 8, "see": ["lamp", "", "", "", ""]},
    )
    store.save_draft(draft)
    store.save_draft(draft.model_copy(update={"step": 3, "updated": "2026-11-27T14:03:00+00:00"}))
    other = draft.model_copy(
        update={"exercise": "core/box-breathing", "updated": "2026-11-27T14:05:00+00:00"}
    )
    store.save_draft(other)
    reopened = ProgressStore(store.root, clock=fixed_clock())
    assert reopened.draft("core/five-senses") == draft.model_copy(
        update={"step": 3, "updated": "2026-11-27T14:03:00+00:00"}
    )
    assert [d.exercise for d in reopened.drafts()] == ["core/box-breathing", "core/five-senses"]
    reopened.discard_draft("core/five-senses")
    assert reopened.draft("core/five-senses") is None
    assert reopened.draft("core/box-breathing") == other


def test_cards_and_settings_survive_reopening(store: ProgressStore) -> None:
    kept = card(text="When plans change, I feel...\nI'm asking you to tell me a day ahead.")
    store.keep_card(kept)
    store.set_setting("theme", "textual-dark")
    store.set_setting("reduce_motion", True)
    store.set_setting("theme", "high-contrast")
    reopened = ProgressStore(store.root, clock=fixed_clock())
    assert reopened.cards() == [Card.model_validate(kept)]
    assert reopened.settings() == {"theme": "high-contrast", "reduce_motion": True}
    assert reopened.setting("crisis_region", 5) == 5  # never chosen: the default given
    with pytest.raises(KeyError, match="not a preference"):
        reopened.setting("missing")


def test_a_new_store_records_its_schema_version(store: ProgressStore) -> None:
    assert store.schema_version == migrate.CURRENT_VERSION
    assert (store.root / "meta.json").exists()


def test_a_store_from_a_newer_coach_is_refused_and_left_alone(store: ProgressStore) -> None:
    store._set_version(migrate.CURRENT_VERSION + 1)
    before = (store.root / "meta.json").read_bytes()
    with pytest.raises(StoreTooNew) as caught:
        ProgressStore(store.root, clock=fixed_clock())
    assert "saved by a newer coach" in str(caught.value) and "Nothing was changed" in str(
        caught.value
    )
    assert (store.root / "meta.json").read_bytes() == before


def test_migrations_run_in_order_and_bump_the_version(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record_session(session())
    ran: list[int] = []

    def to_2(s: ProgressStore) -> None:
        ran.append(1)
        for record in s.sessions():
            s.record_session({**record.as_record(), "x-migrated": "v2"})

    def to_3(s: ProgressStore) -> None:
        ran.append(2)
        assert s.schema_version == 2

    monkeypatch.setattr(migrate, "MIGRATIONS", {1: to_2, 2: to_3})
    monkeypatch.setattr(migrate, "CURRENT_VERSION", 3)
    migrated = ProgressStore(store.root, clock=fixed_clock())
    assert ran == [1, 2] and migrated.schema_version == 3
    assert migrated.sessions()[0].model_extra == {"x-migrated": "v2"}
    ProgressStore(store.root, clock=fixed_clock())  # already current: nothing runs again
    assert ran == [1, 2]


def test_opening_the_store_reads_no_history(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_sessions(
        [Session.model_validate(session(f"2025-{m:02d}-10T10:00:00+00:00")) for m in range(1, 13)]
    )
    read: list[str] = []
    real_read = SafeStorage.read

    def spy(self: SafeStorage) -> Any:
        read.append(self.path.name)
        return real_read(self)

    monkeypatch.setattr(SafeStorage, "read", spy)
    reopened = ProgressStore(store.root, clock=fixed_clock())
    assert read == ["meta.json"]
    reopened.sessions(since=dt.date(2025, 12, 1))
    assert {"2025-01.json", "2025-06.json"}.isdisjoint(read)


def test_daily_backups_keep_the_last_seven_days(tmp_path: Path) -> None:
    root = tmp_path / "data"
    for day in range(1, 11):
        clock = fixed_clock(dt.datetime(2026, 11, day, 12, 0, tzinfo=UTC))
        store = ProgressStore(root, clock=clock)
        store.set_setting("theme", f"theme-{day}")
        store.set_setting("crisis_threshold", 5)  # a second write the same day adds no backup
    days = [p.name for p in (root / "backups").iterdir()]
    assert sorted(days) == [f"2026-11-{d:02d}" for d in range(4, 11)]
    latest = ProgressStore(root, clock=fixed_clock())
    copy = root / "backups" / "2026-11-10" / "settings.json"
    # the copy made on the 10th holds the 9th's settings: the state before that day's changes
    assert b'"theme","value":"theme-9"' in copy.read_bytes()
    assert latest.setting("theme") == "theme-10"


def test_the_lock_is_free_between_writes(store: ProgressStore) -> None:
    from filelock import FileLock

    store.record_session(session())
    other = FileLock(str(store.root / ".lock"), timeout=0)
    with other:  # raises Timeout if the store still held it
        pass


# ---- other processes --------------------------------------------------------------------------

_fork = multiprocessing.get_context("fork")


def _writer(root: str, name: str, count: int) -> None:
    store = ProgressStore(Path(root), clock=fixed_clock())
    for i in range(count):
        store.record_session(
            session(f"2026-11-{1 + i % 28:02d}T10:00:00+00:00", note=f"{name} {i}")
        )
        store.set_setting("theme" if name == "a" else "crisis_region", f"{name}-{i}")
    os._exit(0)


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "data"
    ProgressStore(root, clock=fixed_clock())
    writers = [_fork.Process(target=_writer, args=(str(root), name, 40)) for name in ("a", "b")]
    for w in writers:
        w.start()
    for w in writers:
        w.join(150)  # generous: a loaded machine makes it slower, never red (pytest stops at 180)
        assert w.exitcode == 0
    store = ProgressStore(root, clock=fixed_clock())
    notes = sorted(s.note for s in store.sessions())
    assert notes == sorted(f"{n} {i}" for n in ("a", "b") for i in range(40))
    assert store.settings() == {"theme": "a-39", "crisis_region": "b-39"}
    assert store.notices == []


# ---- killed at every write step of every write path ------------------------------------------

DAY_ONE = fixed_clock(dt.datetime(2026, 11, 20, 9, tzinfo=UTC))
DAY_TWO = fixed_clock(dt.datetime(2026, 11, 27, 9, tzinfo=UTC))


def _filled_folder(root: Path) -> set[str]:
    """A store with sessions in recent.json and a month file, a card, a draft, settings and a
    day's backups; returns the ids of its sessions."""
    first = ProgressStore(root, clock=DAY_ONE)
    for month in range(1, 4):
        first.record_session(session(f"2026-{month:02d}-03T10:00:00+00:00"))
    first.keep_card(card())
    first.save_draft(Draft.model_validate(_draft("core/five-senses")))
    first.set_setting("crisis_region", "GB")
    second = ProgressStore(root, clock=DAY_TWO)  # a new day: yesterday's files are backed up
    second.record_session(session("2026-11-26T10:00:00+00:00"))
    second.save_draft(Draft.model_validate(_draft("core/saying-no")))
    return second.session_ids()


def _draft(exercise: str) -> dict[str, Any]:
    return {
        "exercise": exercise,
        "pack_version": "1.0.0",
        "session_id": str(uuid.uuid4()),
        "started": "2026-11-27T08:00:00+00:00",
        "updated": "2026-11-27T08:01:00+00:00",
        "step": 1,
        "answers": {"before": 6},
    }


def _record_run(root: Path) -> None:
    new = Session.model_validate(session("2026-11-27T08:00:00+00:00", note="the run"))
    ProgressStore(root, clock=DAY_TWO).record_run(new, [Card.model_validate(card(text="kept"))])


def _save_draft(root: Path) -> None:
    ProgressStore(root, clock=DAY_TWO).save_draft(Draft.model_validate(_draft("core/saying-no")))


def _keep_card(root: Path) -> None:
    ProgressStore(root, clock=DAY_TWO).keep_card(card(text="kept"))


def _import(root: Path) -> None:
    from coach.export.importer import import_file

    export = {
        "format": "coach-export/1",
        "sessions": [session(f"2026-{m:02d}-09T10:00:00+00:00") for m in (2, 5, 11)],
        "cards": [card()],
    }
    path = root.parent / f"{root.name}-export.json"
    path.write_text(json.dumps(export))
    import_file(ProgressStore(root, clock=DAY_TWO), path)


def _backup(root: Path) -> None:
    """`coach backup` (the zip of every store file) through the real command."""
    from coach.cli import main

    os.environ["COACH_DATA_DIR"] = str(root)  # in the forked child only
    try:
        main(["backup"])
    except SystemExit as done:
        assert done.code in (0, None)


def _doctor_fix(root: Path) -> None:
    ProgressStore(root, clock=DAY_TWO).repair()


def _damaged(root: Path) -> None:
    """What doctor --fix mends: a leftover temp file, loose permissions, a file refused as
    unreadable (drafts.json, which has yesterday's backup)."""
    (root / ".cards.json.tmp-1-dead").write_bytes(b"half")
    (root / "cards.json").chmod(0o644)
    (root / "drafts.json").write_bytes(b'{"drafts": {"1": {"exercise": ')


WRITE_PATHS = {
    "record_run": _record_run,
    "save_draft": _save_draft,
    "keep_card": _keep_card,
    "import": _import,
    "backup": _backup,
    "doctor-fix": _doctor_fix,
}


def _no_half_written_file(root: Path) -> None:
    """Every file but coach's temp files is whole: JSON parses, zips open."""
    for path in root.rglob("*"):
        if not path.is_file() or TEMP_MARK in path.name or ".corrupt-" in path.name:
            continue
        if path.suffix == ".json":
            json.loads(path.read_bytes())
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None


@pytest.mark.parametrize("name", sorted(WRITE_PATHS))
def test_killed_at_every_write_step_the_store_stays_readable_and_complete(
    tmp_path: Path, name: str
) -> None:
    """Bounded by tests/killing.py: at most about 15 kills per write path (a fixed stride)."""
    start = tmp_path / "start"
    stored = _filled_folder(start)
    if name == "doctor-fix":
        _damaged(start)
    for point, root in killed_at_every_point(WRITE_PATHS[name], start, tmp_path):
        store = ProgressStore(root, clock=DAY_TWO)
        if name != "doctor-fix":
            _no_half_written_file(root)
            assert store.notices == [], f"killed at step {point}, it had to repair"
        assert stored <= store.session_ids(), f"killed at step {point}, sessions were lost"
        for record in store.sessions():
            Session.model_validate(record.as_record())
        assert len(store.cards()) >= 1
        assert store.setting("crisis_region") == "GB"
        if name == "doctor-fix":  # finishing the repair leaves every file whole
            store.repair()
            _no_half_written_file(root)
            drafts = ProgressStore(root, clock=DAY_TWO).drafts()
            assert [d.exercise for d in drafts] == ["core/five-senses"], f"killed at {point}"


# ---- figures from month tallies ---------------------------------------------------------------


def test_figures_from_cached_tallies_match_a_fresh_count(store: ProgressStore) -> None:
    from coach.core import stats

    old = [
        session(f"2025-{m:02d}-0{d}T10:00:00+00:00", distress_before=d + 3, distress_after=d)
        for m in range(1, 7)
        for d in range(1, 4)
    ]
    store.add_sessions([Session.model_validate(r) for r in old])
    store.record_session(
        session("2026-11-20T19:02:00+00:00", exercise="core/saying-no", skill="boundaries")
    )
    fresh = stats.compute(store.iter_sessions()).as_dict()
    assert stats.figures(store.tally()).as_dict() == fresh  # first time: builds the cache
    assert (store.root / "cache" / "tallies.json").exists()
    assert stats.figures(ProgressStore(store.root, clock=fixed_clock()).tally()).as_dict() == fresh


def test_a_month_that_changed_is_counted_again(store: ProgressStore) -> None:
    from coach.core import stats

    store.add_sessions([Session.model_validate(session("2025-03-01T10:00:00+00:00"))])
    assert store.tally().sessions == 1
    store.add_sessions([Session.model_validate(session("2025-03-02T10:00:00+00:00"))])
    reopened = ProgressStore(store.root, clock=fixed_clock())
    assert reopened.tally().sessions == 2
    assert stats.figures(reopened.tally()).exercises[0].count == 2


def test_a_damaged_tally_cache_is_rebuilt_not_trusted(store: ProgressStore) -> None:
    store.add_sessions([Session.model_validate(session("2025-03-01T10:00:00+00:00"))])
    store.tally()
    (store.root / "cache" / "tallies.json").write_bytes(b"\x00garbage")
    assert ProgressStore(store.root, clock=fixed_clock()).tally().sessions == 1
    assert store.notices == []


# ---- found in review ----------------------------------------------------------------------------


def test_a_session_is_saved_even_when_filing_recent_sessions_fails(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.store.storage import WriteFailed

    def full_disk() -> None:
        raise WriteFailed("no room", "the disk is full")

    monkeypatch.setattr(store_module, "RECENT_LIMIT", 1)
    monkeypatch.setattr(store, "_file_recent", full_disk)
    record = store.record_session(session())  # no error: the session itself is on disk
    assert ProgressStore(store.root, clock=fixed_clock()).session(record.id) is not None


def test_a_failed_backup_leaves_no_change_behind(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.store.storage import WriteFailed

    store.set_setting("theme", "dark")

    def no_backup(path: Path) -> None:
        raise WriteFailed("no room", "the disk is full")

    monkeypatch.setattr(store.backups, "before_write", no_backup)
    with pytest.raises(WriteFailed):
        store.set_setting("theme", "light")
    monkeypatch.undo()
    assert store.setting("theme") == "dark"
    store.set_setting("crisis_threshold", 6)
    assert ProgressStore(store.root, clock=fixed_clock()).settings() == {
        "theme": "dark",
        "crisis_threshold": 6,
    }


def test_a_tally_cache_of_another_shape_is_counted_again(store: ProgressStore) -> None:
    store.add_sessions([Session.model_validate(session("2025-03-01T10:00:00+00:00"))])
    store.tally()
    cache = store.root / "cache" / "tallies.json"
    import json as _json

    data = _json.loads(cache.read_text())
    data["2025-03"]["tally"] = {"unexpected": True}
    cache.write_text(_json.dumps(data))
    assert ProgressStore(store.root, clock=fixed_clock()).tally().sessions == 1


def test_a_session_file_with_broken_sessions_is_set_aside(store: ProgressStore) -> None:
    store.record_session(session())
    recent = store.root / "sessions" / "recent.json"
    recent.write_text('{"sessions": {"1": {"id": "x"}}}')
    reopened = ProgressStore(store.root, clock=fixed_clock())
    assert reopened.sessions() == []
    assert "a session in it is missing some of its fields" in reopened.notices[0]


def test_a_data_folder_that_is_a_file_is_a_calm_refusal(tmp_path: Path) -> None:
    from coach.errors import CoachError

    taken = tmp_path / "a-file"
    taken.write_text("not a folder")
    with pytest.raises(CoachError, match="coach cannot use .* for your data because"):
        ProgressStore(taken, clock=fixed_clock())


def test_the_backups_folder_is_private_too(tmp_path: Path) -> None:
    import stat as _stat

    root = tmp_path / "data"
    yesterday = fixed_clock(dt.datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    ProgressStore(root, clock=yesterday).set_setting("theme", "one")
    ProgressStore(root, clock=fixed_clock()).set_setting("theme", "two")
    for folder in [root / "backups", *(root / "backups").rglob("*")]:
        if folder.is_dir():
            assert _stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_repair_mends_permissions_temp_files_and_unreadable_files(store: ProgressStore) -> None:
    import os as _os

    store.record_session(session())
    store.set_setting("theme", "one")
    _os.chmod(store.root / "settings.json", 0o644)
    (store.root / ".drafts.json.tmp-1-aa").write_bytes(b"half")
    (store.root / "settings.json").chmod(0o644)
    (store.root / "cards.json").write_bytes(b"\x00")
    done = ProgressStore(store.root, clock=fixed_clock()).repair()
    text = "\n".join(done)
    assert "settings.json readable by you only" in text
    assert "cards.json could not be read" in text
    assert not (store.root / ".drafts.json.tmp-1-aa").exists()
