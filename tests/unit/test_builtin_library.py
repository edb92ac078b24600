"""The built-in library: it validates, covers the skills people ask for, and uses plain, kind words."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pyphen
import pytest

from coach import paths
from coach.packs import model
from coach.packs.library import Library
from coach.packs.loader import load_pack
from coach.packs.search import Index

REQUIRED = {
    "grounding": [
        "five-senses",
        "box-breathing",
        "long-exhale",
        "cold-reset",
        "paired-relaxation",
        "orient-room",
    ],
    "boundaries": [
        "clear-request",
        "saying-no",
        "keep-relationship",
        "self-respect",
        "family-boundary",
        "work-boundary",
    ],
    "regulation": [
        "check-facts",
        "opposite-action",
        "stop-skill",
        "urge-surfing",
        "name-emotion",
        "please-check",
        "self-soothe",
    ],
}


@pytest.fixture(scope="module")
def core() -> model.Pack:
    return load_pack(paths.builtin_packs_dir() / "core.yaml")


def test_every_built_in_pack_validates() -> None:
    files = sorted(paths.builtin_packs_dir().glob("*.yaml"))
    assert files
    for path in files:
        load_pack(path)  # raises PackError, naming every problem, if it does not


def test_the_library_covers_each_skill(core: model.Pack) -> None:
    ids = {e.id: e.skill for e in core.exercises}
    for skill, wanted in REQUIRED.items():
        for exercise_id in wanted:
            assert ids.get(exercise_id) == skill, exercise_id
    counts = Counter(e.skill for e in core.exercises)
    assert len(core.exercises) >= 18
    assert all(counts[skill] >= 5 for skill in REQUIRED)


def test_every_exercise_says_why_when_and_how_long(core: model.Pack) -> None:
    for exercise in core.exercises:
        assert exercise.why and exercise.when and exercise.minutes, exercise.id


def test_most_exercises_compare_distress_before_and_after(core: model.Pack) -> None:
    both = [e for e in core.exercises if e.distress_step("before") and e.distress_step("after")]
    assert len(both) >= len(core.exercises) * 0.8


def test_the_clear_request_ends_in_a_script(core: model.Pack) -> None:
    steps = core.exercise("clear-request").steps  # type: ignore[union-attr]
    assert isinstance(steps[-1], model.ScriptStep)


def test_the_cold_reset_carries_its_medical_caution(core: model.Pack) -> None:
    exercise = core.exercise("cold-reset")
    assert exercise is not None
    text = " ".join(_texts(exercise)).lower()
    assert "heart" in text and "doctor" in text


def test_every_step_type_is_used(core: model.Pack) -> None:
    used = {step.type for e in core.exercises for step in e.steps}
    assert used == set(model.STEP_TYPES)


@pytest.mark.parametrize(
    ("question", "fitting"),
    [
        (
            "What do I do when I feel triggered at work?",
            {"core/stop-skill", "core/five-senses", "core/work-boundary", "core/feet-on-floor"},
        ),
        (
            "How do I calm my nervous system without alcohol?",
            {"core/long-exhale", "core/urge-surfing", "core/cold-reset"},
        ),
        (
            "What boundaries can I set with family that don't implode everything?",
            {"core/family-boundary"},
        ),
    ],
)
def test_find_answers_the_three_questions(question: str, fitting: set[str]) -> None:
    top = [m.ref.full_id for m in Index(Library.load().exercises()).search(question, limit=3)]
    assert top[0] in fitting
    assert len(fitting & set(top)) == min(len(fitting), 3)  # every one shown fits


# ---- plain, kind words ------------------------------------------------------------------------

_DICTIONARY = pyphen.Pyphen(lang="en_US")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n\s*\n|\n\s*[-*]\s")


def _texts(exercise: model.Exercise) -> Iterator[str]:
    """The user-facing text: titles, summaries, why, prompts, options, items, labels, reading."""
    yield exercise.title
    yield exercise.summary
    if exercise.why:
        yield exercise.why
    for step in exercise.steps:
        for key in ("title", "prompt", "text"):
            value = getattr(step, key, None)
            if isinstance(value, str):
                yield value
        yield from getattr(step, "options", [])
        yield from getattr(step, "items", [])
        yield from (getattr(step, "labels", None) or {}).values()


def _syllables(word: str) -> int:
    return len(_DICTIONARY.positions(word.lower())) + 1


def flesch_kincaid_grade(texts: list[str]) -> float:
    """Grade = 0.39 words/sentence + 11.8 syllables/word - 15.59; every field ends a sentence."""
    words = syllables = sentences = 0
    for text in texts:
        found = _WORD.findall(text)
        if not found:
            continue
        sentences += max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
        words += len(found)
        syllables += sum(_syllables(w) for w in found)
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def test_the_grade_formula_tells_plain_from_dense_text() -> None:
    plain = ["Breathe in. Hold it. Let it go. You are here now."]
    dense = [
        "Physiological hyperarousal consequently necessitates deliberate parasympathetic "
        "activation through systematically regulated respiration"
    ]
    assert flesch_kincaid_grade(plain) < 2 < 12 < flesch_kincaid_grade(dense)


def test_the_library_reads_at_grade_six_or_below(core: model.Pack) -> None:
    grades = {e.id: flesch_kincaid_grade(list(_texts(e))) for e in core.exercises}
    mean = sum(grades.values()) / len(grades)
    assert mean <= 6, f"mean grade {mean:.1f}; hardest: {max(grades, key=grades.get)}"  # type: ignore[arg-type]


BLAMING = re.compile(
    r"\b(fail\w*|should have|shouldn't have|lazy|weak|broke your|streak|you missed|"
    r"wrong with you|no excuse|give up on you)\b",
    re.IGNORECASE,
)


def test_no_blaming_words(core: model.Pack) -> None:
    for exercise in core.exercises:
        for text in _texts(exercise):
            assert not BLAMING.search(text), (exercise.id, text)


def test_right_now_is_a_grounding_exercise_that_needs_nothing() -> None:
    from coach.core.home import quickest_grounding

    ref = quickest_grounding(Library.load())
    assert ref is not None and ref.skill == "grounding" and "anywhere" in ref.exercise.tags
