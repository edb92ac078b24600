"""Script templates fill `{step-id}` with answers and copy everything else exactly."""

from __future__ import annotations

import pytest

from coach.packs import template


def test_placeholders_are_filled_with_answers() -> None:
    text = template.render(
        "When {situation}, I feel {feeling}. I'm asking you to {request}.",
        {"situation": "plans change", "feeling": "upset", "request": "tell me a day ahead"},
    )
    assert text == "When plans change, I feel upset. I'm asking you to tell me a day ahead."


def test_a_list_answer_is_joined_with_commas() -> None:
    assert template.render("I saw {see}.", {"see": ["a lamp", "a mug", "a cat"]}) == (
        "I saw a lamp, a mug, a cat."
    )


def test_a_skipped_step_leaves_its_placeholder_empty() -> None:
    assert template.render("[{missing}] and {none}", {"none": None}) == "[] and "


def test_numbers_are_written_as_numbers() -> None:
    assert template.render("It was {before}.", {"before": 7}) == "It was 7."


def test_double_braces_are_literal_braces() -> None:
    assert template.render("{{not a placeholder}} {a}", {"a": "x"}) == "{not a placeholder} x"


@pytest.mark.parametrize(
    "answer", ["{0}", "{request.__class__}", "{request!r}", "%s", "{{x}}", "[bold]hi[/]"]
)
def test_answers_are_copied_never_interpreted(answer: str) -> None:
    assert template.render("-> {request} <-", {"request": answer}) == f"-> {answer} <-"


def test_format_specs_in_the_template_are_refused_not_run() -> None:
    with pytest.raises(template.TemplateError) as caught:
        template.parse("{request.__class__.__mro__}")
    assert caught.value.column == 1


def test_placeholders_lists_step_ids_in_order() -> None:
    assert template.placeholders("{b} and {a} and {b}") == ["b", "a", "b"]


def test_a_script_leaves_out_lines_whose_answers_were_all_skipped() -> None:
    template = "When {situation}, I feel {feeling}.\nIt would help because {reason}.\nThank you."
    assert template_render_script(template, {"situation": "plans change", "feeling": None}) == (
        "When plans change, I feel .\nThank you."
    )
    assert template_render_script("{a}\n{b}\nend", {}) == "end"


def template_render_script(text: str, answers: dict) -> str:
    return template.render_script(text, answers)
