"""Typed records: every limit in one place, refused with a calm sentence naming the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from coach.export.importer import ImportRefused, import_file
from coach.records import Session, problems
from coach.store.store import ProgressStore
from tests.records import fixed_clock, session


def refusal(**fields: Any) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        Session.model_validate(session(**fields))
    return problems("sessions[0]", caught.value)


def nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"distress_before": 1_000_000},
            "distress_before: must be a whole number from -1000 to 100, or null",
        ),
        (
            {"distress_after": int("9" * 300)},
            "distress_after: must be a whole number from -1000 to 100, or null",
        ),
        (
            {"answers": {"before": int("9" * 300)}},
            "answers.before: must be a number from -100000 to 100000",
        ),
        ({"answers": {"pace": 1e300}}, "answers.pace: must be a number from -100000 to 100000"),
        (
            {"started": "9999-01-01T10:00:00+00:00"},
            "started: must be in a year from 1970 to 2200",
        ),
        ({"answers": {"see": ["a"] * 1000}}, "answers.see: can hold up to 200 items"),
        ({"answers": {"see": ["a" * 6000]}}, "answers.see: can be up to 5000 characters"),
        ({"answers": {"words": "a" * 20001}}, "answers.words: can be up to 20000 characters"),
        ({"answers": {str(i): 1 for i in range(501)}}, "answers: can hold up to 500 answers"),
        ({"note": "n" * 5001}, "note: can be up to 5000 characters"),
        ({"exercise_title": "t" * 201}, "exercise_title: can be up to 200 characters"),
        ({"x-deep": nested(100)}, "x-deep nests lists and objects more than 8 deep"),
        ({"x-big": "b" * 70_000}, "the keys that start with x- can hold up to 64 KiB"),
    ],
)
def test_every_limit_is_refused_with_a_sentence_naming_the_field(
    fields: dict[str, Any], expected: str
) -> None:
    assert any(expected in line for line in refusal(**fields)), refusal(**fields)


def test_values_inside_the_limits_are_kept() -> None:
    record = Session.model_validate(
        session(
            distress_before=100,
            distress_after=-1000,
            answers={"see": ["a"] * 200, "seconds": 3600.5},
            **{"x-ok": nested(7)},
        )
    )
    assert record.distress_before == 100 and record.model_extra == {"x-ok": nested(7)}


def test_an_import_over_a_limit_is_refused_whole(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    good, bad = session(), session(distress_before=1_000_000)
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": "coach-export/1", "sessions": [good, bad]}))
    with pytest.raises(ImportRefused, match=r"sessions\[1\].*distress_before: must be a whole"):
        import_file(store, path)
    assert store.sessions() == []


def test_an_import_whose_extras_are_too_big_changes_nothing(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps({"format": "coach-export/1", "sessions": [session()], "x-big": "b" * 70_000})
    )
    with pytest.raises(ImportRefused, match="x- can hold up to 64 KiB"):
        import_file(store, path)
    assert store.sessions() == [] and store.imports() == []
