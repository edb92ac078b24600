"""`coach find` with words about suicide or self-harm: crisis lines first, then exercises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.core import crisis
from coach.store.store import ProgressStore
from tests.records import fixed_clock

runner = CliRunner()
OPENING = (
    "If you're thinking about suicide or might hurt yourself, you can reach someone right now."
)
RISKY = [["suicidal"], ["kill myself"], ["i want to die"], ["self", "harm"], ["SELF-HARM"]]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(coach_app, list(args), env=env)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout


@pytest.mark.parametrize("words", RISKY)
def test_risk_words_show_every_regions_lines_first_then_exercises(words: list[str]) -> None:
    code, out = run("find", *words)
    assert code == 0
    assert out.startswith(OPENING)
    assert "Nothing matched" not in out
    for region in crisis.regions().values():
        assert f"{region.name}:" in out
        for line in crisis.lines(region):
            assert line in out
    assert "coach does not contact anyone" in out
    assert out.index("Call or text 988") < out.index(" min\n") < len(out)  # exercises follow


@pytest.mark.parametrize("words", RISKY)
def test_with_a_region_only_its_lines_are_shown(words: list[str]) -> None:
    code, out = run("find", *words, env={"COACH_REGION": "GB"})
    assert code == 0 and out.startswith(OPENING)
    assert "United Kingdom:" in out and "Samaritans: Call 116 123" in out
    assert "988" not in out and "United States" not in out


def test_the_region_setting_comes_before_coach_region(data_dir: Path) -> None:
    ProgressStore(data_dir, clock=fixed_clock()).set_setting("crisis_region", "AU")
    code, out = run("find", "suicide", env={"COACH_REGION": "US"})
    assert code == 0 and "Lifeline: Call 13 11 14" in out and "988" not in out


def test_self_harm_does_not_offer_exercises_about_the_word_self() -> None:
    code, out = run("find", "self", "harm")
    assert code == 0
    assert "  self-respect " not in out and "  please-check " not in out
    assert "  feet-on-floor " in out  # grounding, quickest first


def test_json_has_the_lines_under_crisis_and_the_exercises() -> None:
    code, out = run("find", "i", "want", "to", "die", "--json", env={"COACH_REGION": "GB"})
    found = json.loads(out)
    assert code == 0 and found["crisis"]["message"] == OPENING
    assert [r["code"] for r in found["crisis"]["regions"]] == ["GB"]
    assert found["crisis"]["regions"][0]["lines"] == crisis.lines(crisis.regions()["GB"])
    assert found["exercises"] and {"id", "title", "skill"} <= set(found["exercises"][0])


def test_ordinary_words_are_unchanged() -> None:
    code, out = run("find", "triggered", "at", "work", "--json")
    assert code == 0 and isinstance(json.loads(out), list)
    code, out = run("find", "overdue", "skills")
    assert code == 0 and OPENING not in out
