"""The exercises added for issue 12: they load, read kindly, keep their scripts whole, and are found."""

from __future__ import annotations

import re

import pytest

from coach.packs import model
from coach.packs.library import Library
from coach.packs.search import Index
from coach.packs.template import render_script

NEW = (
    "craving-plan",
    "urge-log",
    "family-visit",
    "flashback-grounding",
    "physiological-sigh",
    "night-wind-down",
    "wise-mind-decision",
    "coming-back",
)
WITH_SCRIPT = ("craving-plan", "family-visit", "wise-mind-decision", "coming-back")


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load()


@pytest.fixture(scope="module")
def index(library: Library) -> Index:
    return Index(library.exercises())


def exercise(library: Library, exercise_id: str) -> model.Exercise:
    ref = library.get(f"core/{exercise_id}")
    assert ref is not None, exercise_id
    return ref.exercise


@pytest.mark.parametrize("exercise_id", NEW)
def test_each_new_exercise_loads_with_why_when_and_minutes(
    library: Library, exercise_id: str
) -> None:
    ex = exercise(library, exercise_id)
    assert ex.why and ex.when and ex.minutes and ex.tags and ex.summary
    # every typed or picked answer can be skipped
    for step in ex.steps:
        if isinstance(step, model.TextStep | model.ChoiceStep):
            assert step.optional, (exercise_id, step.id)


@pytest.mark.parametrize("exercise_id", [e for e in NEW if e != "urge-log"])
def test_new_exercises_compare_distress_before_and_after(
    library: Library, exercise_id: str
) -> None:
    ex = exercise(library, exercise_id)
    assert ex.distress_step("before") and ex.distress_step("after")


def test_the_urge_log_keeps_the_ids_history_reads(library: Library) -> None:
    steps = {s.answer_id: s for s in exercise(library, "urge-log").steps if s.answer_id}
    assert isinstance(steps["trigger"], model.TextStep)
    assert isinstance(steps["strength"], model.RatingStep) and steps["strength"].distress is None
    assert isinstance(steps["did"], model.ChoiceStep) and steps["did"].other
    assert isinstance(steps["happened"], model.TextStep)


def test_flashback_grounding_needs_no_typing(library: Library) -> None:
    ex = exercise(library, "flashback-grounding")
    types = {s.type for s in ex.steps}
    assert "text" not in types and not any(getattr(s, "other", False) for s in ex.steps)
    assert types <= {"read", "timer", "checklist", "choice", "rating", "breathe"}


def test_the_physiological_sigh_has_no_hold_and_takes_about_a_minute(library: Library) -> None:
    ex = exercise(library, "physiological-sigh")
    breathe = [s for s in ex.steps if isinstance(s, model.BreatheStep)]
    assert breathe
    for step in breathe:
        kinds = [p.kind for p in step.pattern]
        assert "hold" not in kinds and kinds[-1] == "out"
        assert 45 <= step.cycle_seconds * step.cycles <= 75


def test_the_night_wind_down_says_alcohol_breaks_up_sleep(library: Library) -> None:
    ex = exercise(library, "night-wind-down")
    text = " ".join(getattr(s, "text", "") or "" for s in ex.steps) + (ex.why or "")
    assert "alcohol breaks up sleep" in text.replace("\n", " ")


# ---- scripts read as whole sentences whatever is skipped ------------------------------------

ARTIFACTS = re.compile(
    r"\s[.,;:!?]|[,;:]\s*$|\{|\}|\[\[|\]\]|\(\s*\)|\"\"|  |\.\.|\b(to|at|is|I'll|until|call) [.]",
    re.MULTILINE,
)


def sample_answer(step: model.Step) -> object:
    """A plain answer a person might give, without end punctuation."""
    if isinstance(step, model.TextStep):
        return "sam" if step.count == 1 else [f"thing {i}" for i in range(step.count)]
    if isinstance(step, model.ChoiceStep):
        return step.options[:2] if step.multiple else step.options[0].rstrip(".")
    if isinstance(step, model.ChecklistStep):
        return step.items[:2]
    if isinstance(step, model.RatingStep):
        return 5
    return None


def scripts(ex: model.Exercise) -> list[model.ScriptStep]:
    return [s for s in ex.steps if isinstance(s, model.ScriptStep)]


@pytest.mark.parametrize("exercise_id", WITH_SCRIPT)
def test_each_new_script_ends_the_exercise_and_reads_whole_when_everything_is_skipped(
    library: Library, exercise_id: str
) -> None:
    ex = exercise(library, exercise_id)
    assert isinstance(ex.steps[-1], model.ScriptStep)
    required = {s.answer_id: sample_answer(s) for s in ex.steps if s.answer_id and not s.optional}
    for script in scripts(ex):
        text = render_script(script.template, required)
        assert text.strip(), exercise_id
        assert not ARTIFACTS.search(text), (exercise_id, text)
        assert all(line.strip() for line in text.splitlines()), (exercise_id, text)


@pytest.mark.parametrize("exercise_id", WITH_SCRIPT)
def test_each_new_script_reads_whole_with_every_answer_and_with_each_one_alone(
    library: Library, exercise_id: str
) -> None:
    ex = exercise(library, exercise_id)
    every = {s.answer_id: sample_answer(s) for s in ex.steps if s.answer_id}
    every = {k: v for k, v in every.items() if v is not None}
    for script in scripts(ex):
        full = render_script(script.template, every)
        assert not ARTIFACTS.search(full), (exercise_id, full)
        assert "sam" in full
        for only in every:
            text = render_script(script.template, {only: every[only]})
            assert not ARTIFACTS.search(text), (exercise_id, only, text)


def test_the_craving_plan_card_names_the_plan_and_the_slip_without_shame(
    library: Library,
) -> None:
    (script,) = scripts(exercise(library, "craving-plan"))
    text = render_script(
        script.template,
        {"halt": ["lonely", "tired"], "people": ["Sam", "Ana", ""], "slip": "call Sam"},
    )
    assert text.splitlines()[0] == "My craving plan"
    assert "HALT check: lonely, tired." in text
    assert "I can text or call Sam, Ana." in text
    assert "If I slip, I will call Sam" in text and "not a reason for shame" in text


# ---- found by the questions people bring, and by situation ----------------------------------

QUESTIONS = [
    (
        "What do I do when I feel triggered at work?",
        {"stop-skill", "five-senses", "work-boundary", "feet-on-floor"},
    ),
    (
        "How do I calm my nervous system without alcohol?",
        {"long-exhale", "urge-surfing", "cold-reset", "physiological-sigh", "craving-plan"},
    ),
    (
        "What boundaries can I set with family that don't implode everything?",
        {"family-boundary", "family-visit"},
    ),
]


def top_three(index: Index, query: str) -> list[str]:
    return [m.ref.exercise.id for m in index.search(query, limit=3)]


@pytest.mark.parametrize(("question", "fitting"), QUESTIONS)
def test_the_three_questions_find_a_fitting_exercise_first(
    index: Index, question: str, fitting: set[str]
) -> None:
    top = top_three(index, question)
    assert top and top[0] in fitting, top


@pytest.mark.parametrize(
    ("situation", "wanted"),
    [
        ("craving a drink", "craving-plan"),
        ("I keep thinking about drinking", "craving-plan"),
        ("log an urge", "urge-log"),
        ("can't sleep", "night-wind-down"),
        ("awake at 3am", "night-wind-down"),
        ("flashback", "flashback-grounding"),
        ("feel far away", "flashback-grounding"),
        ("dissociating", "flashback-grounding"),
        ("after a gap", "coming-back"),
        ("I'm back after a break", "coming-back"),
        ("family visit", "family-visit"),
        ("going to my parents for christmas", "family-visit"),
        ("big decision", "wise-mind-decision"),
        ("can't decide", "wise-mind-decision"),
        ("one minute to settle", "physiological-sigh"),
    ],
)
def test_situations_find_the_new_exercises(index: Index, situation: str, wanted: str) -> None:
    assert wanted in top_three(index, situation)


def test_a_term_in_the_title_too_ranks_above_a_mention_in_when_alone(index: Index) -> None:
    top = top_three(index, "flashback")
    assert top[0] == "flashback-grounding"


def test_skipped_people_keep_the_advice_to_wait_and_reach_out(library: Library) -> None:
    (plan,) = scripts(exercise(library, "craving-plan"))
    skipped = render_script(plan.template, {})
    assert "I can wait, and reach out." in skipped and "text or call" not in skipped


def test_the_urge_logs_history_reads_as_questions_and_answers(library: Library) -> None:
    from coach.core.log import answer_log
    from tests.records import session_record

    answers = {"trigger": "payday", "strength": 6, "did": "rode it out", "happened": "slept"}
    record = session_record(exercise="core/urge-log", answers=answers)
    (entry,) = answer_log([record], exercise(library, "urge-log"))
    shown = [f"{label}: {value}" for label, value in entry.answers]
    assert len(shown) == 4
    for line in shown:
        assert ".:" not in line and "?: " in line, line


def test_a_prompt_that_ends_in_a_full_stop_reads_as_a_label_in_history(library: Library) -> None:
    from coach.core.log import answer_log
    from tests.records import session_record

    found = exercise(library, "work-boundary")
    asked = {s.id: s.prompt for s in found.steps if getattr(s, "prompt", "").endswith(".")}
    assert asked, "work-boundary has no prompt ending in a full stop to check"
    step_id = next(iter(asked))
    record = session_record(exercise="core/work-boundary", answers={step_id: "an answer"})
    (entry,) = answer_log([record], found)
    ((label, value),) = entry.answers
    assert f"{label}: {value}" == f"{asked[step_id][:-1]}: an answer"
