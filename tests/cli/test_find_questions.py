"""`coach find` answers a question from the seed with a fitting exercise near the top."""

from __future__ import annotations

import json

from tests.cli.test_cli import run


def test_find_answers_how_to_calm_down_without_alcohol() -> None:
    question = "How do I calm my nervous system without alcohol?"
    code, out, err = run("find", question, "--json")
    assert code == 0 and err == ""
    top = [r["id"] for r in json.loads(out)[:3]]
    assert top[0] in {"core/long-exhale", "core/urge-surfing", "core/cold-reset"}
    code, shown, _ = run("find", *question.split())
    short = top[0].split("/", 1)[1]  # find shows short ids (issue 14)
    assert code == 0 and f"  {short} " in shown and "Nothing matched" not in shown


def test_find_a_craving_shows_the_craving_plan() -> None:
    code, out, _ = run("find", "craving", "a", "drink", "--json")
    assert code == 0 and "core/craving-plan" in [r["id"] for r in json.loads(out)[:3]]
