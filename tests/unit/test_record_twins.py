"""The quick import's two shortcuts hold exactly: a record model's TypedDict twin takes the same
records as the model and gives the same documents, and a key given twice in any object of a
file is still refused, whether or not the file is read the slow way."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError, field_validator

from coach.export import importer
from coach.export.importer import ImportRefused, import_file, loads, parse_export
from coach.export.reading import DuplicateKey, load_export, no_key_twice
from coach.export.twins import checked_docs, twin
from coach.records import Card, Record, Session
from coach.store.store import ProgressStore
from tests.records import card, fixed_clock, session

# 50 examples on a fixed seed (the same ones every run), beside the hand-picked examples
hostile = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([-1001, -1000, 100, 101, 100_000, 100_001, -100_001, 0]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "x" * 41,
            "x" * 201,
            "x" * 5001,
            "2026-11-20T19:02:00+00:00",
            "2026-11-20T19:02:00",
            "2026-02-30T10:00:00+00:00",
            "1969-12-31T23:59:00+00:00",
            "2026-11-20 19:02Z",
            "2B5C7C1E-4D3C-4B8E-9A51-0F3F7A0C9E11",
            "{2b5c7c1e-4d3c-4b8e-9a51-0f3f7a0c9e11}",
            "2b5c7c1e4d3c4b8e9a510f3f7a0c9e11",
            "not-a-uuid",
            "core/five-senses",
            "Core/Five",
            "completed",
            "ended-early",
            "a\u202eb\x00c\u200b",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=6), children, max_size=4),
    ),
    max_leaves=12,
)
extra_keys = st.one_of(
    st.sampled_from(["x-mine", "x-", "x-deep", "extra", "X-caps", "notes"]), st.text(max_size=6)
)
deep = {"x-deep": [[[[[[[[[["nine"]]]]]]]]]]}
big = {"x-big": "x" * (64 * 1024)}


@st.composite
def hostile_records(draw: st.DrawFn, make: Any) -> dict[str, Any]:
    """A valid record with some fields changed, dropped or added, often to something refused."""
    record: dict[str, Any] = make()
    for name in draw(st.lists(st.sampled_from(sorted(record)), max_size=3, unique=True)):
        change = draw(st.sampled_from(["value", "drop", "answers"]))
        if change == "drop":
            del record[name]
        elif change == "answers" and "answers" in record:
            record["answers"] = draw(
                st.dictionaries(st.text(max_size=70), values, max_size=4)
                | st.just({str(n): n for n in range(501)})
                | st.just({"see": ["x"] * 201})
            )
        else:
            record[name] = draw(values)
    record.update(draw(st.dictionaries(extra_keys, values, max_size=2)))
    return record


def model_says(model: type[Record], record: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return model.model_validate(record).as_record()
    except ValidationError:
        return None


def same_json(a: Any, b: Any) -> bool:
    """Equal as stored: the same JSON text (so 1 and 1.0, or NaN and NaN, are told apart)."""
    dump = json.dumps  # NaN is refused by both, so it never reaches here
    return bool(dump(a, sort_keys=False) == dump(b, sort_keys=False))


@hostile
@given(hostile_records(session))
@example({**session(), **deep})
@example({**session(), **big})
@example({**session(), "x-ok": 1, "nope": 2})
@example({**session(), "distress_before": True})
@example({**session(), "distress_before": 3.0})
@example({**session(), "answers": {"before": math.inf}})
@example({**session(), "id": "2B5C7C1E-4D3C-4B8E-9A51-0F3F7A0C9E11"})
def test_the_session_twin_takes_and_refuses_what_the_model_does(record: dict[str, Any]) -> None:
    """Each record alone: taken by both, giving the same document, or refused by both."""
    expected = model_says(Session, record)
    docs = checked_docs(Session, [record])
    assert (docs is None) == (expected is None), record
    if docs is not None:
        assert same_json(docs[0], expected)
        assert list(docs[0]) == list(expected or {})  # fields in the same order, x- keys last


@hostile
@given(hostile_records(card))
@example({**card(), "x-ok": {"a": [1, 2]}})
@example({**card(), "title": "x" * 201})
def test_the_card_twin_takes_and_refuses_what_the_model_does(record: dict[str, Any]) -> None:
    expected = model_says(Card, record)
    docs = checked_docs(Card, [record])
    assert (docs is None) == (expected is None), record
    if docs is not None:
        assert same_json(docs[0], expected)


def test_a_list_with_one_bad_record_or_one_id_twice_is_not_taken() -> None:
    good = [session(), session()]
    assert checked_docs(Session, good) is not None
    assert checked_docs(Session, [*good, {**session(), "status": "done"}]) is None
    assert checked_docs(Session, [*good, dict(good[0])]) is None
    upper = {**good[0], "id": good[0]["id"].upper()}  # the same id, once made canonical
    assert checked_docs(Session, [*good, upper]) is None


def test_a_model_with_a_check_its_twin_does_not_know_has_no_twin() -> None:
    class Checked(Card):
        @field_validator("title")
        @classmethod
        def _short(cls, value: str) -> str:
            return value

    with pytest.raises(TypeError, match="twin"):
        twin(Checked)


# ---- keys given twice ------------------------------------------------------------------------

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=8) | st.sampled_from(
    [":", "a:b", "\\u003a", '"', '":', "\\", "x-a"]
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=16,
)


def _spell(value: Any, draw: st.DrawFn, twice: list[bool]) -> str:
    """`value` as JSON text spelled in the ways a file may: spaces around colons, colons
    written as \\u003a, and now and then a key given twice (noted in `twice`)."""
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            parts.append(_pair(key, _spell(item, draw, twice), draw))
            if draw(st.integers(0, 9)) == 0:  # the same key again, with another value
                other = draw(json_values)
                parts.append(_pair(key, _spell(other, draw, twice), draw))
                twice.append(True)
        return "{" + ",".join(parts) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_spell(item, draw, twice) for item in value) + "]"
    if isinstance(value, str):
        return _string(value, draw)
    return json.dumps(value)


def _string(text: str, draw: st.DrawFn) -> str:
    spelled = json.dumps(text, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        spelled = spelled.replace(":", draw(st.sampled_from(["\\u003a", "\\u003A"])))
    return spelled


def _pair(key: str, value: str, draw: st.DrawFn) -> str:
    space = draw(st.sampled_from(["", "", " ", "\n  ", "\t"]))
    return f"{_string(key, draw)}{space}:{draw(st.sampled_from(['', ' ']))}{value}"


@st.composite
def json_files(draw: st.DrawFn) -> tuple[bytes, bool]:
    twice: list[bool] = []
    text = _spell(draw(st.dictionaries(texts, json_values, max_size=5)), draw, twice)
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return bom + text.encode("utf-8"), bool(twice)


@hostile
@given(json_files())
@example((b'{"a":"::","a":"\\u003a"}', True))
@example((b'{"a":"x","a" :"y"}', True))
@example((b'{"a":{"b":1,"b":1}}', True))
@example((b'{"a\\":":1,"a\\":":2}', True))
@example((b'{"k":"\\\\u003a"}', False))
@example((b'{"a":"\\u003a\\u003a","b":"x"}', False))
def test_a_key_given_twice_is_always_refused(file: tuple[bytes, bool]) -> None:
    raw, twice = file
    # the slow reading, key by key, is the reference
    try:
        reference = loads(raw.decode("utf-8-sig"))
    except DuplicateKey:
        reference = DuplicateKey
    assert (reference is DuplicateKey) == twice
    if twice:
        with pytest.raises(DuplicateKey):
            load_export(raw)
        assert not no_key_twice(raw, json.loads(raw.decode("utf-8-sig")))
    else:
        assert load_export(raw) == reference


def _export(sessions: list[dict[str, Any]]) -> bytes:
    data = {"format": "coach-export/1", "sessions": sessions, "cards": []}
    return json.dumps(data, indent=2).encode()


def test_a_key_twice_in_the_last_of_many_sessions_is_named_and_nothing_is_stored(
    tmp_path: Path,
) -> None:
    sessions = [session(f"2026-0{1 + n % 9}-1{n % 10}T10:00:00+00:00") for n in range(300)]
    raw = _export(sessions)
    head, _, tail = raw.rpartition(b'"note"')
    raw = head + b'"note": "one: two",\n      "note"' + tail  # the last session, note twice
    with pytest.raises(ImportRefused) as refused:
        parse_export(raw, "export.json")
    assert refused.value.problems == [
        "the key 'note' appears twice in one object, so it is not clear which is meant"
    ]
    path = tmp_path / "export.json"
    path.write_bytes(raw)
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    with pytest.raises(ImportRefused):
        import_file(store, path)
    assert store.session_ids() == set()


def test_a_quick_import_stores_each_session_as_the_model_would(tmp_path: Path) -> None:
    sessions = [
        session("2026-03-01T10:00:00+00:00", **{"x-mine": {"a": [1, None]}}),
        session("2026-03-02T10:00:00+00:00", id=session()["id"].upper(), distress_before=None),
        session("2026-04-02T10:00:00-07:00", answers={"before": 2.5, "see": []}, note=None),
    ]
    path = tmp_path / "export.json"
    path.write_bytes(_export(sessions))
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    assert import_file(store, path).sessions_added == 3
    stored = {s.id: s.as_record() for s in store.sessions()}
    for record in sessions:
        expected = Session.model_validate(record).as_record()
        assert same_json(stored[expected["id"]], expected)


@st.composite
def hostile_exports(draw: st.DrawFn) -> bytes:
    sessions = draw(st.lists(hostile_records(session), max_size=3))
    cards = draw(st.lists(hostile_records(card), max_size=2))
    top: dict[str, Any] = {"format": "coach-export/1", "sessions": sessions, "cards": cards}
    top.update(draw(st.dictionaries(extra_keys, values, max_size=2)))
    text = json.dumps(top, indent=draw(st.sampled_from([None, 2])), allow_nan=True)
    return text.encode()


def _usual(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as patched:
        patched.setattr(importer, "_quick", lambda raw, library: None)
        return _outcome(raw)


def _outcome(raw: bytes) -> Any:
    try:
        parsed = parse_export(raw, "export.json")
    except ImportRefused as refused:
        return refused.problems
    return json.dumps([parsed.session_docs, parsed.card_docs, parsed.extras, parsed.safety_plan])


@hostile
@given(hostile_exports())
@example(b'{"format":"coach-export/1","sessions":[],"x-a":NaN}')
@example(b'{"format":"coach-export/1","sessions":[],"x-a":1e999}')
@example(b'{"format":"coach-export/1","sessions":[],"x-a":' + b"9" * 5000 + b"}")
@example(b'{"format":"coach-export/1","sessions":[],"x-a":1,"x-a":2}')
def test_the_quick_reading_gives_what_the_usual_one_does(raw: bytes) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _outcome(raw) == _usual(raw, monkeypatch)
