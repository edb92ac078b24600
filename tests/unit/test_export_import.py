"""Export and import: lossless, idempotent by id, all or nothing, and every format readable."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.export import csv_export, markdown
from coach.export.data import gather
from coach.export.importer import ImportRefused, import_file
from coach.records import Card, Session
from coach.store.store import ProgressStore
from coach.text import clean
from tests.records import card, fixed_clock, session
from tests.unit.test_storage import files_of


def export_json(store: ProgressStore) -> dict[str, Any]:
    return json.loads(json.dumps(gather(store).as_json()))


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ---- hypothesis records -----------------------------------------------------------------------

any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
# What coach holds is text as it was cleaned where it entered (coach/text.py): any unicode,
# with line breaks where the field keeps them. That round-trips exactly.
line = any_text.map(clean)
text = any_text.map(lambda value: clean(value, multiline=True))
answers = st.dictionaries(
    st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
    st.one_of(st.none(), st.integers(-100, 100), text, st.lists(text, max_size=5)),
    max_size=5,
)
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2099, 12, 31),
    timezones=st.sampled_from(
        [
            dt.UTC,
            dt.timezone(dt.timedelta(hours=-7)),
            dt.timezone(dt.timedelta(hours=5, minutes=30)),
        ]
    ),
)


@st.composite
def session_records(draw: st.DrawFn) -> dict[str, Any]:
    started = draw(moments)
    return session(
        started,
        exercise=draw(st.sampled_from(["core/five-senses", "clinic/walk-it-off", "a/b"])),
        id=str(draw(st.uuids())),
        exercise_title=draw(line),
        skill=draw(st.sampled_from(["grounding", "boundaries", "regulation", "other"])),
        status=draw(st.sampled_from(["completed", "ended-early"])),
        distress_before=draw(st.none() | st.integers(0, 10)),
        distress_after=draw(st.none() | st.integers(0, 10)),
        answers=draw(answers),
        note=draw(st.none() | text),
        bring_to_session=draw(st.booleans()),
        **({"x-mood": draw(any_text)} if draw(st.booleans()) else {}),
    )


@st.composite
def card_records(draw: st.DrawFn) -> dict[str, Any]:
    return card(
        id=str(draw(st.uuids())),
        title=draw(line),
        text=draw(text),
        created=draw(moments).isoformat(),
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sessions=st.lists(session_records(), max_size=12, unique_by=lambda r: r["id"]),
    cards=st.lists(card_records(), max_size=4, unique_by=lambda r: r["id"]),
)
def test_export_then_import_is_lossless(
    tmp_path_factory: pytest.TempPathFactory, sessions: list, cards: list
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    source = ProgressStore(folder / "one", clock=fixed_clock())
    source.add_sessions([Session.model_validate(r) for r in sessions])
    source.add_cards([Card.model_validate(c) for c in cards])
    exported = export_json(source)
    assert sorted(exported["sessions"], key=lambda r: r["id"]) == sorted(
        sessions, key=lambda r: r["id"]
    )
    assert sorted(exported["cards"], key=lambda r: r["id"]) == sorted(cards, key=lambda r: r["id"])

    target = ProgressStore(folder / "two", clock=fixed_clock())
    import_file(target, write(folder / "export.json", exported))
    again = export_json(target)
    assert again["sessions"] == exported["sessions"] and again["cards"] == exported["cards"]


def test_a_second_import_adds_nothing(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    export = {
        "format": "coach-export/1",
        "exported": "2026-11-27T14:03:11+00:00",
        "sessions": [session(), session("2026-10-01T09:00:00+00:00")],
        "cards": [card()],
    }
    path = write(tmp_path / "export.json", export)
    first = import_file(store, path)
    assert (first.sessions_added, first.cards_added) == (2, 1)
    before = files_of(store.root)
    second = import_file(store, path)
    assert (second.sessions_added, second.cards_added, second.already_there) == (0, 0, 3)
    after = files_of(store.root)
    assert {k: v for k, v in after.items() if k != "meta.json"} == {
        k: v for k, v in before.items() if k != "meta.json"
    }
    assert len(store.sessions()) == 2


def test_importing_merges_with_what_is_there(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    mine = store.record_session(session())
    theirs = session("2026-11-02T10:00:00+00:00")
    export = {"format": "coach-export/1", "sessions": [theirs, mine.as_record()], "cards": []}
    result = import_file(store, write(tmp_path / "e.json", export))
    assert result.sessions_added == 1
    assert {s.id for s in store.sessions()} == {mine.id, theirs["id"]}


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (
            {"distress_before": "7"},
            "sessions[1] (id {id}): distress_before: input should be a valid integer",
        ),
        (
            {"status": "gave-up"},
            "sessions[1] (id {id}): status: input should be 'completed' or 'ended-early'",
        ),
        ({"started": "yesterday"}, "sessions[1] (id {id}): started: must be a date and time like"),
        ({"started": "2026-11-20T19:02:00"}, "sessions[1] (id {id}): started: needs a UTC offset"),
        ({"id": "not-a-uuid"}, "sessions[1] (id not-a-uuid): id: must be a UUID"),
        ({"colour": "red"}, "sessions[1] (id {id}): colour is not part of coach-export/1"),
        (
            {"exercise": "five-senses"},
            "sessions[1] (id {id}): exercise: must be a full exercise id, like core/box-breathing",
        ),
    ],
)
def test_a_bad_record_is_named_and_nothing_changes(
    tmp_path: Path, bad: dict, expected: str
) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    store.record_session(session())
    before = files_of(store.root)
    broken = session(**bad) if "id" in bad else session()
    if "id" not in bad:
        broken.update(bad)
    export = {
        "format": "coach-export/1",
        "sessions": [session("2026-09-01T10:00:00+00:00"), broken],
    }
    with pytest.raises(ImportRefused) as caught:
        import_file(store, write(tmp_path / "bad.json", export))
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'bad.json'} was not imported, and nothing was changed:")
    assert expected.format(id=broken["id"]) in message
    assert files_of(store.root) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "line 1: this is not valid JSON"),
        (b"\xff\xfe", "the file is not UTF-8 text"),
        (b"[]", "this is not a coach export"),
        (
            b'{"format": "coach-export/2"}',
            "this file is coach-export/2; this coach reads coach-export/1",
        ),
        (b'{"format": "coach-export/1", "extra": 1}', "extra: is not part of coach-export/1"),
        (b'{"format": "coach-export/1", "sessions": {}}', "sessions: must be a list"),
        (b'{"format": "coach-export/1", "exported": "noon"}', "exported: must be a date and time"),
    ],
)
def test_a_bad_file_is_refused_calmly(tmp_path: Path, content: bytes, expected: str) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    path = tmp_path / "file.json"
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as caught:
        import_file(store, path)
    assert expected in str(caught.value)
    assert store.sessions() == []


def test_duplicate_ids_in_one_file_are_refused(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    twin = session()
    export = {"format": "coach-export/1", "sessions": [twin, dict(twin)]}
    with pytest.raises(ImportRefused) as caught:
        import_file(store, write(tmp_path / "twins.json", export))
    assert f"sessions[1] (id {twin['id']}): has the same id as sessions[0]" in str(caught.value)


def test_x_keys_are_kept_on_records_and_logged_from_the_top(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    record = session(**{"x-therapist": "seen"})
    export = {"format": "coach-export/1", "x-source": "old laptop", "sessions": [record]}
    import_file(store, write(tmp_path / "x.json", export))
    assert store.sessions()[0].model_extra == {"x-therapist": "seen"}
    assert store.imports()[0].model_extra == {"x-source": "old laptop"}


def test_many_problems_are_listed_with_a_count_of_the_rest(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    export = {"format": "coach-export/1", "sessions": [session(status="x") for _ in range(25)]}
    with pytest.raises(ImportRefused) as caught:
        import_file(store, write(tmp_path / "many.json", export))
    assert str(caught.value).splitlines()[-1] == "  ... and 5 more"


# ---- csv and markdown ----------------------------------------------------------------------


def _filled_store(tmp_path: Path) -> ProgressStore:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    store.record_session(session(note='=HYPERLINK("http://x")', answers={"see": ["a, b", "c"]}))
    store.record_session(
        session("2026-11-01T10:00:00+00:00", note="<script>alert(1)</script> # not a heading")
    )
    store.keep_card(card(text="line one\nline two"))
    return store


def _report(store: ProgressStore, notes: str = "all") -> Any:
    from coach.export.report import build

    return build(gather(store), [], notes)  # type: ignore[arg-type]


def test_csv_reads_back_with_formulas_defused(tmp_path: Path) -> None:
    store = _filled_store(tmp_path)
    rows = list(csv.DictReader(io.StringIO(csv_export.render(_report(store)))))
    kinds = [r["kind"] for r in rows]
    assert kinds.count("note") == 2 and kinds.count("card") == 1 and kinds.count("exercise") == 1
    notes = [r["text"] for r in rows if r["kind"] == "note"]
    assert '\'=HYPERLINK("http://x")' in notes
    assert next(r for r in rows if r["kind"] == "card")["text"] == "line one\nline two"
    exercise = next(r for r in rows if r["kind"] == "exercise")
    assert (exercise["times"], exercise["before"], exercise["after"]) == ("2", "7.0", "4.0")


def test_markdown_shows_person_text_as_text(tmp_path: Path) -> None:
    store = _filled_store(tmp_path)
    text = markdown.render(_report(store))
    assert text.startswith("# My practice\n")
    assert "\\<script\\>alert(1)\\</script\\> \\# not a heading" in text
    assert "<script>" not in text
    assert "> line one\n> line two" in text
    assert "2 sessions, 2 completed" in text


def test_export_respects_since(tmp_path: Path) -> None:
    store = _filled_store(tmp_path)
    data = gather(store, since=dt.date(2026, 11, 10))
    assert len(data.sessions) == 1 and data.sessions[0].started.startswith("2026-11-20")


def test_an_export_is_the_documented_shape(tmp_path: Path) -> None:
    store = _filled_store(tmp_path)
    exported = export_json(store)
    assert list(exported) == ["format", "exported", "sessions", "cards"]
    assert (
        exported["format"] == "coach-export/1"
        and exported["exported"] == "2026-11-27T14:03:11+00:00"
    )
    assert list(exported["sessions"][0]) == [
        "id",
        "exercise",
        "exercise_title",
        "skill",
        "pack_version",
        "started",
        "finished",
        "status",
        "distress_before",
        "distress_after",
        "answers",
        "note",
        "bring_to_session",
    ]
    uuid.UUID(exported["sessions"][0]["id"])


# ---- odd import files found in review ---------------------------------------------------------


def _one_session_file(tmp_path: Path, record: dict[str, Any]) -> Path:
    return write(tmp_path / "one.json", {"format": "coach-export/1", "sessions": [record]})


@pytest.mark.parametrize(
    ("started", "ok"),
    [
        ("20261120T190200+0000", False),  # basic form: its first ten characters are no date
        ("2026-W47-5T19:00:00+00:00", False),
        ("2026-11-20T19:02:00Z", True),
        ("2026-11-20 19:02+05:30", True),
    ],
)
def test_only_timestamps_that_name_their_day_are_imported(
    tmp_path: Path, started: str, ok: bool
) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    record = session()
    record["started"] = started
    if ok:
        import_file(store, _one_session_file(tmp_path, record))
        assert [s.started for s in store.sessions()] == [started]
    else:
        with pytest.raises(ImportRefused, match="started: must be a date and time like"):
            import_file(store, _one_session_file(tmp_path, record))


def test_nan_and_infinity_are_refused(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    path = tmp_path / "nan.json"
    path.write_text('{"format": "coach-export/1", "sessions": [], "x-n": NaN}')
    with pytest.raises(ImportRefused, match="NaN is not a number JSON allows"):
        import_file(store, path)


def test_a_number_too_long_to_read_is_refused_calmly(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    path = tmp_path / "huge.json"
    path.write_text('{"format": "coach-export/1", "x-n": ' + "9" * 5000 + "}")
    with pytest.raises(ImportRefused, match="a number in it is too long to read"):
        import_file(store, path)


def test_an_answer_of_the_wrong_kind_is_named_once(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    record = session(answers={"see": {"nested": "map"}})
    with pytest.raises(ImportRefused) as caught:
        import_file(store, _one_session_file(tmp_path, record))
    lines = [line for line in str(caught.value).splitlines() if "answers.see" in line]
    assert lines == [
        f"  sessions[0] (id {record['id']}): answers.see: must be a number, text, or a list of text"
    ]


def test_the_same_id_in_capitals_is_the_same_record(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    record = session()
    import_file(store, _one_session_file(tmp_path, record))
    shouting = {**record, "id": record["id"].upper()}
    assert import_file(store, _one_session_file(tmp_path, shouting)).sessions_added == 0
    assert len(store.sessions()) == 1


# ---- ratings within the scale of the exercise's rating step -----------------------------------


@pytest.fixture(scope="module")
def library() -> Any:
    from coach.packs.library import Library

    return Library.load()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"distress_before": 11}, "distress_before 11 is outside the 0 to 10 scale"),
        ({"distress_after": -1}, "distress_after -1 is outside the 0 to 10 scale"),
        ({"distress_before": 1000000}, "distress_before 1000000 is outside the 0 to 10 scale"),
        ({"answers": {"before": 7, "after": 12}}, "answers.after 12 is outside the 0 to 10 scale"),
    ],
)
def test_a_rating_off_its_scale_is_refused_and_nothing_changes(
    tmp_path: Path, library: Any, fields: dict[str, Any], expected: str
) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    store.record_session(session())
    before = files_of(store.root)
    good, bad = session("2026-09-01T10:00:00+00:00"), session(exercise="core/box-breathing")
    bad.update(fields)
    export = {"format": "coach-export/1", "sessions": [good, bad]}
    with pytest.raises(ImportRefused) as caught:
        import_file(store, write(tmp_path / "off.json", export), library=library)
    lines = str(caught.value).splitlines()
    assert f"  sessions[1] (id {bad['id']}): {expected} of core/box-breathing" in lines
    assert len(lines) == 2  # said once, not again by the record limits
    assert files_of(store.root) == before


def test_ratings_within_the_scale_are_imported(tmp_path: Path, library: Any) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    record = session(exercise="core/box-breathing", distress_before=10, distress_after=0)
    result = import_file(store, _one_session_file(tmp_path, record), library=library)
    assert result.sessions_added == 1
    assert (store.sessions()[0].distress_before, store.sessions()[0].distress_after) == (10, 0)


def test_an_exercise_not_in_the_library_keeps_to_the_record_limits(
    tmp_path: Path, library: Any
) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    kept = session(exercise="gone/old-exercise", distress_before=60, distress_after=-5)
    assert import_file(store, _one_session_file(tmp_path, kept), library=library).sessions_added
    too_high = session(exercise="gone/old-exercise", distress_before=101)
    with pytest.raises(ImportRefused, match="distress_before: must be a whole number from -1000"):
        import_file(store, _one_session_file(tmp_path, too_high), library=library)
    assert len(store.sessions()) == 1
