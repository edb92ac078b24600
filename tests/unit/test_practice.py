"""What a run does besides drawing it, for every face: drafts, one write at the end, cards kept
on keeping a script, crisis lines offered once, typed text cleaned, storage errors told."""

from __future__ import annotations

from typing import Any

import pytest

from coach.core.practice import Practice, kept_run, start_fresh
from coach.core.run import Run
from coach.errors import CoachError
from coach.packs.library import ExerciseRef
from coach.prefs import Preferences
from coach.records import Card, Draft, Session
from tests.records import fixed_clock
from tests.unit.test_run import ALL_ANSWERS, ref


class Shelf:
    """Storage in memory that notes every call; `failing` makes every write refuse."""

    def __init__(self, preferences: Preferences | None = None) -> None:
        self.calls: list[str] = []
        self.drafts: dict[str, Draft] = {}
        self.cards: dict[str, Card] = {}
        self.sessions: list[Session] = []
        self.prefs = preferences or Preferences()
        self.failing = False

    def _write(self, name: str) -> None:
        self.calls.append(name)
        if self.failing:
            raise CoachError("coach could not save just now. Your answers are still here.")

    def save_draft(self, draft: Draft) -> None:
        self._write("save_draft")
        self.drafts[draft.exercise] = draft

    def draft(self, exercise: str) -> Draft | None:
        return self.drafts.get(exercise)

    def discard_draft(self, exercise: str) -> None:
        self._write("discard_draft")
        self.drafts.pop(exercise, None)

    def keep_card(self, card: Card) -> Card:
        self._write("keep_card")
        self.cards[card.id] = card
        return card

    def record_run(self, session: Session, cards: list[Card]) -> Session:
        self._write("record_run")
        self.sessions.append(session)
        self.cards.update({card.id: card for card in cards})
        self.drafts.pop(session.exercise, None)
        return session

    def preferences(self) -> Preferences:
        self.calls.append("preferences")
        return self.prefs


def practice(exercise: str = "all", **preferences: Any) -> tuple[Practice, Shelf]:
    shelf = Shelf(Preferences(**preferences))
    return Practice(Run(ref(exercise), fixed_clock()), shelf), shelf


def test_a_whole_run_saves_drafts_and_ends_in_one_write() -> None:
    run, shelf = practice()
    for answer in ALL_ANSWERS:
        assert run.submit(answer).ok
    assert shelf.calls.count("save_draft") == len(ALL_ANSWERS)
    assert shelf.calls.count("keep_card") == 1  # the script, kept when it was kept
    shelf.calls.clear()
    result = run.finish("It helped", bring_to_session=True)
    assert result.ok and result.message is None
    assert shelf.calls == ["record_run"]  # session, card and draft let go together
    (session,) = shelf.sessions
    assert (session.note, session.bring_to_session, session.status) == (
        "It helped",
        True,
        "completed",
    )
    assert list(shelf.cards.values()) == run.run.cards() and shelf.drafts == {}
    assert run.summary() == [
        "You practiced Every step.",
        "Before 7, after 4.",
        "Your script is kept as a card.",
        "It is marked to bring to your next session.",
    ]


def test_keeping_a_script_keeps_it_as_a_card_at_once() -> None:
    run, shelf = practice()
    for answer in ALL_ANSWERS[:9]:
        run.submit(answer)
    assert shelf.cards == {}
    assert run.submit("My own words.").ok
    (card,) = shelf.cards.values()
    assert card.text == "My own words."
    assert run.keep_place().ok  # stopping now: the card stays, the place is kept
    assert shelf.cards and "test/all" in shelf.drafts


def test_a_storage_error_is_told_not_swallowed() -> None:
    run, shelf = practice()
    shelf.failing = True
    result = run.submit(7)
    assert result.ok and result.message is not None and "could not save" in result.message
    assert run.run.index == 1  # the person goes on; only the draft is behind
    result = run.keep_place()
    assert not result.ok and result.message
    for answer in ALL_ANSWERS[1:]:
        run.submit(answer)
    result = run.finish("", False)
    assert not result.ok and result.message and shelf.sessions == []


def test_an_answer_that_does_not_fit_says_why() -> None:
    run, shelf = practice()
    result = run.submit(11)
    assert not result.ok and result.message == "Pick a number from 0 to 10."
    assert shelf.calls == []
    assert not run.back().ok  # nothing before the first step


@pytest.mark.parametrize(("threshold", "offered"), [(9, False), (7, True)])
def test_crisis_lines_are_offered_once_at_the_persons_threshold(
    threshold: int, offered: bool
) -> None:
    run, shelf = practice(crisis_threshold=threshold, crisis_region="GB")
    assert run.submit(8).offer_crisis is offered
    assert run.region == "GB"
    run.submit(None)
    run.submit(2)
    run.submit(3)
    for answer in ALL_ANSWERS[4:10]:
        assert not run.submit(answer).offer_crisis  # offered once per run at most
    # 10 reaches either threshold: offered now only if it was not offered already
    assert run.submit(10).offer_crisis is (not offered)
    assert shelf.calls.count("preferences") == 1  # read once


def test_a_run_picked_up_with_a_high_rating_offers_the_lines_again() -> None:
    run, shelf = practice(crisis_threshold=8)
    run.submit(9)
    again = Practice(Run.resume(ref(), shelf.drafts["test/all"], fixed_clock()), shelf)
    assert again.high_from_before() and again.offered
    fresh, _ = practice()
    assert not fresh.high_from_before()


def test_typed_text_is_cleaned_where_it_enters() -> None:
    run, shelf = practice()
    for answer in ALL_ANSWERS[:4]:
        run.submit(answer)
    run.hold(["lamp\x1b]0;title\x07", "mu\u200bg\u202e"])
    assert run.run.answers["see"] == ["lamp", "mug"]
    run.submit(["lamp\x1b[2J", "mug"])
    run.submit("A day\x1b[31m\nthen\u2066 a walk")  # multiline: the line break stays
    assert run.run.answers["story"] == "A day\nthen a walk"
    run.submit("tired\u202e")
    run.submit(["chest", "my\x9b2J jaw"])
    assert run.run.answers["places"] == ["chest", "my jaw"]
    for answer in ALL_ANSWERS[8:]:
        run.submit(answer)
    run.hold(("note\x1b]0;x\x07\u200b", True))
    assert (run.run.note, run.run.bring_to_session) == ("note", True)
    assert run.finish("A note\x1b]0;x\x07 with\u202e\u200b a title", False).ok
    assert shelf.sessions[0].note == "A note with a title"


def test_a_kept_place_is_picked_up_or_let_go() -> None:
    exercise: ExerciseRef = ref()
    run, shelf = practice()
    assert kept_run(exercise, shelf, fixed_clock()) is None
    run.submit(4)
    kept = kept_run(exercise, shelf, fixed_clock())
    assert kept is not None and kept.answers == {"before": 4}
    fresh = start_fresh(exercise, shelf, fixed_clock())
    assert fresh.answers == {} and shelf.drafts == {}


@pytest.mark.parametrize(
    ("index", "answer"),
    [
        (5, "A long day.\nI want to die."),  # written in a text answer
        (4, ["lamp", "kill myself"]),  # one item of a list answer
        (6, "hopeless"),  # a feeling chosen
    ],
)
def test_an_answer_with_words_of_risk_brings_the_crisis_lines(index: int, answer: Any) -> None:
    run, _ = practice(crisis_threshold=9)
    for value in ALL_ANSWERS[:index]:
        assert not run.submit(value).offer_crisis  # 7 is under the threshold of 9
    assert run.submit(answer).offer_crisis
    assert run.offered
    for value in ALL_ANSWERS[index + 1 : 10]:
        assert not run.submit(value).withdraw_crisis  # other answers leave them there
    assert run.submit(4).withdraw_crisis  # a later rating under the threshold: they go


def test_everyday_answers_bring_no_lines() -> None:
    run, _ = practice(crisis_threshold=9)
    answers = [7, None, 2, 3, ["skill", "overdue"], "A self care day.", "tense"]
    assert not any(run.submit(value).offer_crisis for value in answers)
