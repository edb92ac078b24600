"""Text from a pack is made safe as it is read: no escape, control, bidi or zero-width character
reaches a model or a message, whoever built it and whatever it quotes."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from coach.errors import PackError, Problem
from coach.packs import model
from coach.packs.loader import load_pack, parse_pack
from tests.conftest import FIXTURES
from tests.packs import pack_data

HOSTILE = FIXTURES / "packs" / "hostile.yaml"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def strings(value: Any, where: str = "pack") -> list[tuple[str, str]]:
    """Every string inside a model (fields, lists, dict keys and values), with where it is."""
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, BaseModel):
        found = []
        for name in type(value).model_fields:
            found += strings(getattr(value, name), f"{where}.{name}")
        return found
    if isinstance(value, list | tuple):
        return [s for i, item in enumerate(value) for s in strings(item, f"{where}[{i}]")]
    if isinstance(value, dict):
        return [
            s for k, v in value.items() for s in strings(k, where) + strings(v, f"{where}[{k}]")
        ]
    return []


def test_the_hostile_pack_loads_with_every_string_clean_and_its_markup_kept_as_letters() -> None:
    pack = load_pack(HOSTILE)
    found = strings(pack)
    assert len(found) > 40  # every field of every step type was walked
    dirty = [(where, text) for where, text in found if UNSAFE.search(text)]
    assert dirty == []
    every = pack.exercises[0]
    assert {type(s).__name__ for s in every.steps} == {
        f"{kind.capitalize()}Step" for kind in model.STEP_TYPES
    }
    assert pack.title == "HOSTILE pack [bold red]loud[/] [/] evil"
    assert every.summary == "HOSTILE summary [/] [@click=app.quit]quit[/] zero"
    assert pack.author == "[@click=app.quit]author[/]"


def test_a_pack_built_without_yaml_is_cleaned_too() -> None:
    data = pack_data(title="Calm \x1b]0;pwned\x07\u202eroom", author="me\u200b\x9b2J")
    exercise = data["exercises"][0]
    exercise["summary"] = "line one\nline \x1b[2Jtwo"
    exercise["steps"][1]["prompt"] = "What do\tyou\nsee?\x1b[31m\u2066"
    pack = model.Pack.model_validate(data)
    assert pack.title == "Calm room"
    assert pack.author == "me"
    assert pack.exercises[0].summary == "line one line two"  # a one-line field stays one line
    step = pack.exercises[0].steps[1]
    assert isinstance(step, model.TextStep)
    assert step.prompt == "What do\tyou\nsee?"  # long text keeps its lines and tabs


def refusal(text: str, name: str = "t.yaml") -> str:
    with pytest.raises(PackError) as caught:
        parse_pack(text.encode(), name)
    return str(caught.value)


def with_seconds(value: str) -> str:
    text = yaml.safe_dump(pack_data(), sort_keys=False)
    return text.replace("    id: before\n", f"    id: before\n    seconds: {value}\n", 1)


@pytest.mark.parametrize(
    "value",
    [
        '!!int "\\e]0;x\\a"',
        '!!int "12\\e]0;x\\a\\u202e"',
        '"\\e]0;x\\a"',
        "a\u202eb\u200bc",
    ],
)
def test_a_refusal_that_quotes_the_file_never_carries_its_escapes(value: str) -> None:
    message = refusal(with_seconds(value), name="t\x1b]0;y\x07.yaml")
    assert message.startswith("t.yaml:")
    assert "seconds" in message
    assert not UNSAFE.search(message)


def test_a_problem_is_cleaned_whoever_makes_it() -> None:
    problem = Problem(
        "p\u202e.yaml", 3, "title\x1b[2J", "quotes \x1b]0;x\x07 and \x9b2J here\u200b"
    )
    assert str(problem) == "p.yaml:3: title: quotes  and  here"
    assert problem.as_dict()["message"] == "quotes  and  here"
    assert len(Problem("f", None, "", "x" * 50_000).message) <= 1000


def test_any_coach_error_quoting_outside_text_says_it_cleanly() -> None:
    from coach.errors import UnknownExercise

    error = UnknownExercise("There is no exercise 'x\x1b]0;pwned\x07\u202e'.\nTry `coach list`.")
    assert str(error) == "There is no exercise 'x'.\nTry `coach list`."
