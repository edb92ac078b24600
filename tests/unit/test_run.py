"""The run as a state machine, for every step type, without a terminal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from coach.core.run import AnswerInvalid, Run, can_skip, validate
from coach.packs import model
from coach.packs.library import ExerciseRef
from coach.packs.loader import load_pack
from tests.conftest import FIXTURES
from tests.records import fixed_clock

PACK = load_pack(FIXTURES / "packs" / "every-step.yaml")


def ref(exercise: str = "all", pack: model.Pack = PACK) -> ExerciseRef:
    found = pack.exercise(exercise)
    assert found is not None
    return ExerciseRef(pack, found)


def step(step_id: str) -> Any:
    exercise = PACK.exercise("all")
    assert exercise is not None
    return next(s for s in exercise.steps if s.answer_id == step_id or s.type == step_id)


ALL_ANSWERS: list[Any] = [
    7,  # before
    None,  # read
    2,  # breathe: cycles completed
    3,  # timer: seconds
    ["lamp", "mug"],  # see
    "A long day.\nThen a walk.",  # story
    "tense",  # mood
    ["chest", "my jaw"],  # places, with one in my own words
    ["ate", "walked"],  # basics
    "I saw lamp, mug. I felt tense in chest, my jaw.",  # plan
    4,  # after
]


def walk(run: Run, answers: list[Any]) -> None:
    for value in answers:
        run.submit(value)


def test_a_whole_run_becomes_the_session_the_export_format_describes() -> None:
    run = Run(ref(), fixed_clock())
    walk(run, ALL_ANSWERS)
    assert run.at_end and run.position == "Almost done"
    session = run.session("Felt better.", bring_to_session=True)
    record = session.as_record()
    assert record["exercise"] == "test/all" and record["pack_version"] == "2.0.0"
    assert record["status"] == "completed"
    assert (record["distress_before"], record["distress_after"]) == (7, 4)
    assert record["answers"] == {
        "before": 7,
        "breaths": 2,
        "walked": 3,
        "see": ["lamp", "mug"],
        "story": "A long day.\nThen a walk.",
        "mood": "tense",
        "places": ["chest", "my jaw"],
        "basics": ["ate", "walked"],
        "plan": "I saw lamp, mug. I felt tense in chest, my jaw.",
        "after": 4,
    }
    assert (record["note"], record["bring_to_session"]) == ("Felt better.", True)
    assert record["started"] == record["finished"] == "2026-11-27T14:03:11+00:00"


def test_position_counts_steps_for_people() -> None:
    run = Run(ref(), fixed_clock())
    assert run.position == "Step 1 of 11"
    run.submit(5)
    assert run.position == "Step 2 of 11"


def test_back_keeps_answers_and_stops_at_the_first_step() -> None:
    run = Run(ref(), fixed_clock())
    walk(run, ALL_ANSWERS[:5])
    assert run.back() and run.step.answer_id == "see"
    assert run.answer_for(run.step) == ["lamp", "mug"]
    while run.back():
        pass
    assert run.index == 0 and run.answers["before"] == 7


def test_skipping_records_nothing_and_forgets_an_earlier_answer() -> None:
    run = Run(ref(), fixed_clock())
    walk(run, ALL_ANSWERS[:6])  # up to and including the optional story
    run.back()
    run.skip()
    assert "story" not in run.answers and "story" in run.skipped


def test_required_choices_and_ratings_cannot_be_skipped() -> None:
    run = Run(ref(), fixed_clock())
    with pytest.raises(AnswerInvalid, match="Pick a number from 0 to 10"):
        run.skip()
    walk(run, ALL_ANSWERS[:6])
    with pytest.raises(AnswerInvalid, match="Pick one of the options"):
        run.skip()


def test_every_text_question_can_be_passed_over() -> None:
    assert can_skip(step("see")) and can_skip(step("story"))
    assert can_skip(step("read")) and can_skip(step("breathe")) and can_skip(step("timer"))
    assert not can_skip(step("mood")) and not can_skip(step("before"))


@pytest.mark.parametrize(
    ("step_id", "value", "expected"),
    [
        ("before", 0, 0),
        ("before", 10, 10),
        ("breaths", 5, 2),  # more cycles than the pattern has: the most there are
        ("walked", 2.6, 2),
        ("see", ["  lamp ", "mug"], ["lamp", "mug"]),
        ("story", "x" * 500, "x" * 500),
        ("mood", "calm", "calm"),
        ("mood", "sleepy", "sleepy"),  # other: true
        ("places", ["hands", "head", "hands"], ["head", "hands"]),
        ("basics", [], []),
        ("basics", ["walked", "ate"], ["ate", "walked"]),
        ("plan", "My own words.", "My own words."),
    ],
)
def test_answers_that_fit(step_id: str, value: Any, expected: Any) -> None:
    assert validate(step(step_id), value) == expected


@pytest.mark.parametrize(
    ("step_id", "value", "message"),
    [
        ("before", 11, "Pick a number from 0 to 10"),
        ("before", -1, "Pick a number from 0 to 10"),
        ("before", "7", "Pick a number from 0 to 10"),
        ("before", True, "Pick a number from 0 to 10"),
        ("see", ["only one"], "This step has 2 answers"),
        ("see", ["x" * 501, ""], "up to 500 characters"),
        ("mood", ["calm", "tense"], "Pick one option here"),
        ("mood", "", "Pick one of the options"),
        ("basics", ["flew"], "Tick items from the list"),
        ("plan", 5, "The script is text"),
    ],
)
def test_answers_that_do_not_fit_say_what_would(step_id: str, value: Any, message: str) -> None:
    with pytest.raises(AnswerInvalid, match=message):
        validate(step(step_id), value)


def test_other_is_refused_when_the_step_does_not_allow_it() -> None:
    strict = model.ChoiceStep.model_validate(
        {"type": "choice", "id": "c", "prompt": "?", "options": ["a", "b"]}
    )
    with pytest.raises(AnswerInvalid, match="Pick from the options shown"):
        validate(strict, "c")


def test_the_script_is_assembled_from_earlier_answers_until_edited() -> None:
    run = Run(ref(), fixed_clock())
    walk(run, ALL_ANSWERS[:9])
    plan = run.step
    assert run.script_text(plan) == "I saw lamp, mug. I felt tense in chest, my jaw."
    run.submit("Edited by me.")
    run.back()
    assert run.script_text(plan) == "Edited by me."


def test_a_kept_script_becomes_one_card_with_a_stable_id() -> None:
    run = Run(ref(), fixed_clock())
    walk(run, ALL_ANSWERS)
    first, again = run.cards(), run.cards()
    assert len(first) == 1 and first[0].id == again[0].id
    assert (first[0].exercise, first[0].title, first[0].text) == (
        "test/all",
        "Every step",
        ALL_ANSWERS[9],
    )


def test_a_draft_resumes_exactly_where_it_stopped() -> None:
    run = Run(ref(), fixed_clock())
    walk(run, ALL_ANSWERS[:6])
    run.back()
    run.skip()
    run.keep_partial("cal")  # typed, not confirmed: not a valid option, so it is not kept
    run.keep_partial("calm")
    draft = run.draft()
    later = fixed_clock(dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC))
    resumed = Run.resume(ref(), draft, later)
    assert (resumed.index, resumed.session_id, resumed.started) == (6, run.session_id, run.started)
    assert resumed.answers == {
        **dict(
            zip(["before", "breaths", "walked", "see"], [7, 2, 3, ["lamp", "mug"]], strict=True)
        ),
        "mood": "calm",
    }
    assert resumed.skipped == {"story"}
    walk(resumed, ALL_ANSWERS[6:])
    assert resumed.session().finished == "2026-11-28T09:00:00+00:00"


def test_a_draft_from_an_older_pack_lets_go_of_steps_that_are_gone() -> None:
    run = Run(ref(), fixed_clock())
    walk(run, ALL_ANSWERS[:5])
    draft = run.draft().model_copy(update={"answers": {**run.answers, "gone": "x", "before": 99}})
    resumed = Run.resume(ref(), draft, fixed_clock())
    assert "gone" not in resumed.answers and "before" not in resumed.answers
    assert resumed.answers["see"] == ["lamp", "mug"]


def test_stopping_early_is_its_own_status() -> None:
    run = Run(ref(), fixed_clock())
    walk(run, ALL_ANSWERS[:2])
    session = run.session(status="ended-early")
    assert session.status == "ended-early" and session.distress_after is None
    assert session.note is None and session.bring_to_session is False


def test_a_note_is_trimmed_and_an_empty_one_is_none() -> None:
    run = Run(ref("short"), fixed_clock())
    run.skip()
    run.submit("calm")
    assert run.session("  \n ").note is None
    assert run.session("  fine  ").note == "fine"
    assert run.session().distress_before is None
