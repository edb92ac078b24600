"""Every built-in script reads as whole sentences, whatever answers a person skips or leaves empty."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from coach.core.run import Run, can_skip
from coach.packs import install, model
from coach.packs.library import ExerciseRef, Library
from coach.packs.loader import parse_pack
from coach.packs.template import placeholders
from tests.records import fixed_clock


def _scripts() -> Iterator[tuple[ExerciseRef, model.ScriptStep]]:
    """Every built-in script, and the starter pack's that `coach pack new` writes."""
    starter = parse_pack(install.starter("my-pack").encode(), "my-pack.yaml")
    refs = [*Library.load().exercises(), *(ExerciseRef(starter, e) for e in starter.exercises)]
    for ref in refs:
        for step in ref.exercise.steps:
            if isinstance(step, model.ScriptStep):
                yield ref, step


SCRIPTS = list(_scripts())


def _sample(step: Any) -> Any:
    """A believable answer for an answer step, in the shape the run records."""
    if isinstance(step, model.TextStep):
        word = step.placeholder or "the bus was late"
        return word if step.count == 1 else [f"{word} {i}" for i in range(step.count)]
    if isinstance(step, model.ChoiceStep):
        return step.options[:2] if step.multiple else step.options[0]
    if isinstance(step, model.ChecklistStep):
        return step.items[:1]
    if isinstance(step, model.RatingStep):
        return (step.min + step.max) // 2
    if isinstance(step, model.ScriptStep):
        return "My own words."
    return None


def _empty(step: Any) -> Any:
    """What an answer given but left blank records (text steps accept an empty answer)."""
    if isinstance(step, model.TextStep):
        return "" if step.count == 1 else [""] * step.count
    return None


def _skipped(step: Any) -> Any:
    """A skipped step records no answer."""
    return None


def _earlier(ref: ExerciseRef, script: model.ScriptStep) -> list[Any]:
    steps = list(ref.exercise.steps)
    return [s for s in steps[: steps.index(script)] if s.answer_id is not None]


def _render(ref: ExerciseRef, script: model.ScriptStep, answers: dict[str, Any]) -> str:
    run = Run(ref, fixed_clock())
    run.answers = {k: v for k, v in answers.items() if v is not None}
    return run.script_text(script)


def _cases(ref: ExerciseRef, script: model.ScriptStep) -> Iterator[tuple[str, dict[str, Any]]]:
    earlier = _earlier(ref, script)
    full = {s.answer_id: _sample(s) for s in earlier}
    skippable = [s for s in earlier if can_skip(s)]
    yield "everything answered", full
    for how, blank in (("skipped", _skipped), ("left empty", _empty)):
        yield (
            f"every optional answer {how}",
            {
                **full,
                **{s.answer_id: blank(s) for s in skippable},
            },
        )
        for s in skippable:
            yield f"{s.answer_id} {how}", {**full, s.answer_id: blank(s)}
            only = {o.answer_id: blank(o) for o in skippable if o is not s}
            yield f"only {s.answer_id} answered, the rest {how}", {**full, **only}


_ARTIFACTS = [
    (re.compile(r",\s*,"), "two commas"),
    (re.compile(r"\s[.,;:!?]"), "a space before punctuation"),
    (re.compile(r",\s*[.!?]"), "a comma before the end of a sentence"),
    (re.compile(r"[,:;]$"), "a line ending on a comma or colon"),
    (re.compile(r"\b(is|to|for|because|I'll|could|when|When)\s*[.,]?$"), "a cut-off line"),
    (re.compile(r"  "), "a doubled space"),
    (re.compile(r"^\s|\s$"), "space at an edge"),
    (re.compile(r"^[^\w]*$"), "a line of only punctuation"),
    (re.compile(r"\[\[|\]\]|[{}]"), "template syntax"),
    (re.compile(r"\(\s*\)"), "empty brackets"),
    (re.compile(r"^[a-z]|[.!?] [a-z]"), "a sentence that starts in lower case"),
]


def _problems(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        if not line:
            continue  # a blank line between parts is the author's layout
        found += [f"{what}: {line!r}" for pattern, what in _ARTIFACTS if pattern.search(line)]
    return found


def test_there_are_built_in_scripts_to_check() -> None:
    assert len(SCRIPTS) >= 6


@pytest.mark.parametrize(
    ("ref", "script"), SCRIPTS, ids=[f"{r.full_id}:{s.id}" for r, s in SCRIPTS]
)
def test_a_built_in_script_never_keeps_an_empty_sentence(
    ref: ExerciseRef, script: model.ScriptStep
) -> None:
    bad = [
        f"{case}: {problem}"
        for case, answers in _cases(ref, script)
        for problem in _problems(_render(ref, script, answers))
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    ("ref", "script"), SCRIPTS, ids=[f"{r.full_id}:{s.id}" for r, s in SCRIPTS]
)
def test_a_built_in_script_keeps_every_answer_given(
    ref: ExerciseRef, script: model.ScriptStep
) -> None:
    full = {s.answer_id: _sample(s) for s in _earlier(ref, script)}
    text = _render(ref, script, full)
    for name in set(placeholders(script.template)):
        value = full[name]
        for part in value if isinstance(value, list) else [value]:
            assert str(part) in text, (name, text)


@pytest.mark.parametrize(
    "broken",
    [
        "When , I feel left out and tired.",
        "Right now, .",
        "What I can do is .",
        "What I can do is",
        "Hi, , there.",
        "...",
        "I feel  tired.",
        "I'd like to raise something. lately it is late.",
    ],
)
def test_the_check_catches_the_broken_sentences_people_saw(broken: str) -> None:
    assert _problems(broken)


def _script(full_id: str) -> tuple[ExerciseRef, model.ScriptStep]:
    return next((r, s) for r, s in SCRIPTS if r.full_id == full_id)


@pytest.mark.parametrize(
    ("full_id", "answers", "first_line"),
    [
        (
            "core/orient-room",
            {"where": "in my kitchen", "date": "Tuesday"},
            "I am here, in my kitchen. It is Tuesday.",
        ),
        ("core/orient-room", {"date": "Tuesday"}, "I am here. It is Tuesday."),
        ("core/orient-room", {"where": "in my kitchen"}, "I am here, in my kitchen."),
        (
            "core/clear-request",
            {"describe": "plans change late", "express": "let down", "assert": "tell me early"},
            "I'd like to talk about something that happened: when plans change late. "
            "I feel let down.",
        ),
        (
            "core/clear-request",
            {"express": "let down", "assert": "tell me early"},
            "I'd like to talk about something. I feel let down.",
        ),
        (
            "core/clear-request",
            {"describe": "plans change late", "assert": "tell me early"},
            "I'd like to talk about something that happened: when plans change late.",
        ),
        (
            "core/work-boundary",
            {"situation": "calls come at 9 pm", "limit": "I answer after 8 am"},
            "I'd like to raise something: calls come at 9 pm. Going forward, I answer after 8 am.",
        ),
        (
            "core/work-boundary",
            {"limit": "I answer after 8 am"},
            "I'd like to raise something. Going forward, I answer after 8 am.",
        ),
    ],
)
def test_scripts_with_a_clause_inside_a_sentence_keep_the_sentence_whole(
    full_id: str, answers: dict[str, Any], first_line: str
) -> None:
    ref, script = _script(full_id)
    assert "[[" in script.template and "]]" in script.template
    text = _render(ref, script, answers)
    assert text.splitlines()[0] == first_line
    assert not _problems(text)


def test_the_craving_plans_slip_line_ends_as_a_sentence() -> None:
    ref, script = _script("core/craving-plan")
    text = _render(ref, script, {"slip": "call my sponsor"})
    assert "If I slip, I will call my sponsor." in text.splitlines()
