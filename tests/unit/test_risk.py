"""Risk words: every phrase in data/risk-phrases.yaml reaches help, and near-misses do not."""

from __future__ import annotations

import pytest
import yaml

from coach import paths
from coach.core import crisis, risk

RAW = yaml.safe_load((paths.reference_data_dir() / "risk-phrases.yaml").read_text("utf-8"))[
    "phrases"
]


def test_the_list_is_shipped_and_every_phrase_is_a_plain_string() -> None:
    assert len(RAW) >= 60
    assert all(isinstance(p, str) and p.strip() for p in RAW)
    assert len(set(risk.phrases())) == len(risk.phrases()), "a phrase is listed twice"


@pytest.mark.parametrize("phrase", RAW)
def test_every_phrase_triggers_alone_in_any_case_and_inside_a_sentence(phrase: str) -> None:
    assert risk.mentions_risk(phrase)
    assert risk.mentions_risk(phrase.upper())
    assert risk.mentions_risk(f"Lately I {phrase}, honestly.")


@pytest.mark.parametrize(
    "query",
    [
        "suicidal",
        "suicide",
        "sucide",
        "suicde",
        "suicidle",
        "kms",
        "i want to die",
        "I wanna die",
        "I keep thinking about killing myself",
        "kill myself",
        "SELF HARM",
        "self-harm",
        "self\u2011harm",  # a non-breaking hyphen
        "self\u2013harm",  # an en dash
        "selfharm",
        "sui\u200bcidal",  # a zero-width space inside the word
        "kill\u00admyself",  # a soft hyphen goes, and "killmyself" is on the list
        "hurt my\u200dself",
        "I just want to end it all.",
        "end it",
        "I don\u2019t want to be here anymore",
        "I dont want to live",
        "no reason to live",
        "better off dead",
        "thinking of an overdose",
        "took an OD",
        "I cut myself again",
        "\uff53\uff55\uff49\uff43\uff49\uff44\uff45",  # wide letters
        "suicidal\x1b[0m thoughts",
    ],
)
def test_what_people_type_reaches_help(query: str) -> None:
    assert risk.mentions_risk(query), query


@pytest.mark.parametrize(
    "query",
    [
        "self-soothe",
        "self soothe",
        "self care",
        "self-esteem",
        "end of the day",
        "the end",
        "at the end of it",
        "blend it",
        "attend it",
        "kill time",
        "skills",
        "practice my skills myself",
        "overdue",
        "the rent is overdue",
        "hurt feelings",
        "my feelings got hurt",
        "die-hard fan",
        "dieting",
        "feeling odd",
        "I feel cut off",
        "triggered at work",
        "can't sleep",
        "hopelessly in love",
        "I hope less traffic",
        "",
        "   ",
    ],
)
def test_near_misses_do_not_trigger(query: str) -> None:
    assert not risk.mentions_risk(query), query


@pytest.mark.parametrize(
    "query",
    [
        "over dose",
        "I took an over-dose",
        "over\u2011dosed",
        "ODed last year",
        "she OD'ed",
        "I od'd on pills",
        "I OD\u2019d once",
        "o.d.",
        "thinking about an O.D. tonight",
        "overdosed",
        "overdosing",
        "OD",
        "ODing",
    ],
)
def test_every_spelling_of_overdose_reaches_help(query: str) -> None:
    assert risk.mentions_risk(query), query


@pytest.mark.parametrize(
    "query",
    ["odd", "I feel odd", "odds are good", "mode", "code", "period", "a nod", "odour", "doe"],
)
def test_words_that_hold_od_do_not_trigger(query: str) -> None:
    assert not risk.mentions_risk(query), query


def test_od_green_is_the_wrong_match_the_list_accepts() -> None:
    assert risk.mentions_risk("od green")  # written down in data/risk-phrases.yaml


def test_the_help_names_suicide_plainly_and_shows_the_chosen_region_only() -> None:
    lines = risk.help_for("GB").lines()
    assert lines[0] == (
        "If you're thinking about suicide or might hurt yourself, you can reach someone right now."
    )
    assert "United Kingdom:" in lines and "United States:" not in lines
    assert any("116 123" in line for line in lines)
    assert "coach does not contact anyone" in lines[-1]


def test_with_no_region_every_region_is_shown() -> None:
    shown = risk.help_for(None)
    assert [r.code for r in shown.regions] == list(crisis.regions())
    text = "\n".join(shown.lines())
    for region in crisis.regions().values():
        assert f"{region.name}:" in text
    record = shown.record()
    assert [r["code"] for r in record["regions"]] == list(crisis.regions())
    assert record["message"].startswith("If you're thinking about suicide")


@pytest.mark.parametrize(
    ("query", "left"),
    [
        ("self harm", ""),
        ("I want to die at work", "i at work"),
        ("suicidal and can't sleep", "and cant sleep"),
        ("end it all", ""),
        ("triggered at work", "triggered at work"),
    ],
)
def test_the_other_words_are_what_is_left_to_search_exercises_with(query: str, left: str) -> None:
    assert risk.other_words(query) == left
