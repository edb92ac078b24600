"""The safety lines of the built-in skills stand where a person reads them (issue 12)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coach import paths
from coach.packs import model
from coach.packs.library import Library
from coach.packs.loader import load_pack
from coach.packs.search import Index


@pytest.fixture(scope="module")
def core() -> model.Pack:
    return load_pack(paths.builtin_packs_dir() / "core.yaml")


def exercise(core: model.Pack, exercise_id: str) -> model.Exercise:
    found = core.exercise(exercise_id)
    assert found is not None, exercise_id
    return found


def step_words(step: model.Step) -> str:
    """What a step shows: its title, prompt, text and options, in one lower-case string."""
    parts = [getattr(step, key, None) for key in ("title", "prompt", "text")]
    parts += list(getattr(step, "options", []))
    return " ".join(p for p in parts if isinstance(p, str)).lower()


def reads(ex: model.Exercise) -> Iterator[str]:
    return (step_words(s) for s in ex.steps)


def flat(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def test_cold_reset_names_who_should_skip_it_before_the_cold(core: model.Pack) -> None:
    ex = exercise(core, "cold-reset")
    steps = [flat(step_words(s)) for s in ex.steps]
    note = next(i for i, words in enumerate(steps) if "health note" in words)
    cold = next(i for i, s in enumerate(ex.steps) if s.type == "timer")
    assert note < cold
    for condition in (
        "heart problems",
        "slow resting heart rate",
        "heart or blood pressure",
        "eating disorder",
        "allergy to cold",
        "doctor",
    ):
        assert condition in steps[note], condition
    assert "for a short time" in steps[note] and "a lot" not in steps[note]
    where = " ".join(steps)
    assert "forehead, eyes and cheeks" in where
    assert "wrists" in where and "does not slow your heart in the same way" in where
    assert "wrists" not in ex.summary


def test_box_breathing_says_when_to_skip_the_holds(core: model.Pack) -> None:
    box, long_exhale = exercise(core, "box-breathing"), exercise(core, "long-exhale")
    text = flat(" ".join(reads(box)))
    assert "if holding your breath feels uncomfortable, leave the holds out" in text
    assert "asthma" in text and "pregnant" in text
    assert "heart racing" not in box.when and "heart racing" in long_exhale.when


def test_paired_relaxation_keeps_breathing_and_stops_for_memories(core: model.Pack) -> None:
    text = flat(" ".join(reads(exercise(core, "paired-relaxation"))))
    assert "keep breathing while you tense" in text
    assert "stirs up hard memories, stop" in text


def test_urge_surfing_warns_about_withdrawal_and_points_to_f2_first(core: model.Pack) -> None:
    ex = exercise(core, "urge-surfing")
    steps = [flat(step_words(s)) for s in ex.steps]
    warning = next(i for i, words in enumerate(steps) if "every day" in words)
    surf = next(i for i, s in enumerate(ex.steps) if s.type == "timer")
    assert warning < surf
    for words in ("shaky", "don't stop all at once", "doctor", "emergency services"):
        assert words in steps[warning], words
    assert "a fit, confusion, or seeing things" in steps[warning]
    assert "if the urge is to hurt yourself, press f2" in steps[warning]


def test_opposite_action_has_an_opposite_for_every_feeling_offered(core: model.Pack) -> None:
    ex = exercise(core, "opposite-action")
    feelings = next(s for s in ex.steps if s.type == "choice" and s.id == "feeling")
    text = " ".join(s.text for s in ex.steps if s.type == "read")
    for feeling in feelings.options:
        assert f"**{feeling.capitalize()}**:" in text, feeling
    assert "only do this when it is safe, and the fear is bigger than the facts" in flat(
        text.lower()
    )


def test_check_the_facts_honours_the_feeling_and_asks_how_you_would_cope(
    core: model.Pack,
) -> None:
    ex = exercise(core, "check-facts")
    steps = [flat(step_words(s)) for s in ex.steps]
    ids = [getattr(s, "id", None) for s in ex.steps]
    validated = next(i for i, words in enumerate(steps) if "makes sense" in words)
    assert ids.index("emotion") < validated < ids.index("event")
    assert "afraid will happen" in steps[ids.index("afraid")]
    assert "cope" in steps[ids.index("afraid")]
    assert "opposite action: gently doing the opposite" in " ".join(steps).replace("**", "")


def test_family_boundary_promises_nothing_and_puts_safety_first(core: model.Pack) -> None:
    text = flat(" ".join(reads(exercise(core, "family-boundary"))))
    assert "makes a blowup less likely" in text and "keeps the talk from" not in text
    assert "has hurt you, or might" in text and "therapist first" in text
    assert "drinks at the visit" in text


def test_name_emotion_offers_hopeless_and_points_to_f2_right_after(core: model.Pack) -> None:
    ex = exercise(core, "name-emotion")
    at = next(i for i, s in enumerate(ex.steps) if getattr(s, "id", None) == "feelings")
    assert "hopeless" in ex.steps[at].options
    after = flat(step_words(ex.steps[at + 1]))
    assert "if hopeless fits right now, press f2" in after
    assert "safety plan and crisis lines" in after


def test_the_smaller_lines(core: model.Pack) -> None:
    orient = flat(" ".join(reads(exercise(core, "orient-room"))))
    assert "notice what tells you that you're safe, if you are" in orient
    assert "no alcohol" in " ".join(reads(exercise(core, "self-soothe")))
    assert "feel on your skin" in " ".join(reads(exercise(core, "five-senses")))
    assert "triggered at work" in exercise(core, "feet-on-floor").when


def test_feet_on_floor_is_found_for_triggered_at_work() -> None:
    found = Index(Library.load().exercises()).search("triggered at work")
    scores = {m.ref.full_id: m.score for m in found}
    # among the exercises that name the situation, well above those that only share a word
    top = [m.ref.full_id for m in found[:4]]
    assert "core/feet-on-floor" in top, top
    assert scores["core/feet-on-floor"] > 2 * found[4].score


HANDOUT_WORDS = [
    "take a step back",
    "proceed mindfully",
    "fit the facts",
    "camera would",
    "be a bit kind",
    "hold your head up",
    "face, voice and posture",
]
"""Skills groups' handout phrasing: the skill names stay, the words around them are our own."""


def _everything_shown(ex: model.Exercise) -> str:
    words = [ex.title, ex.summary, ex.why or "", *ex.when, *map(step_words, ex.steps)]
    return flat(" ".join(words).lower())


def test_the_built_in_words_are_our_own_not_the_handouts(core: model.Pack) -> None:
    for ex in core.exercises:
        text = _everything_shown(ex)
        assert not [w for w in HANDOUT_WORDS if w in text], ex.id


def test_stop_keeps_its_letters_in_titles_of_our_own(core: model.Pack) -> None:
    titles = [s.title for s in exercise(core, "stop-skill").steps if getattr(s, "title", None)]
    assert [t[0] for t in titles if t[1:3] == ": "] == ["S", "T", "O", "O", "P"]
    assert "Observe" not in titles


def test_family_boundarys_title_and_summary_make_no_promise(core: model.Pack) -> None:
    ex = exercise(core, "family-boundary")
    assert ex.title == "A boundary with family"
    assert "without a blowup" not in f"{ex.title} {ex.summary}".lower()
    assert "makes a blowup less likely" in ex.summary.lower()
