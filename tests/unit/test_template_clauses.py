"""`[[ ... ]]` optional clauses: kept only when their answers are there, checked when a pack loads."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from coach.packs import template
from coach.paths import reference_data_dir
from tests.conftest import ROOT
from tests.packs import dump, line_of, load, one_problem, with_step


def test_a_clause_with_its_answer_is_kept() -> None:
    answers = {"feeling": "tired", "why": "I slept badly"}
    assert template.render("I feel {feeling}[[ because {why}]].", answers) == (
        "I feel tired because I slept badly."
    )


@pytest.mark.parametrize("why", [None, "", "   ", [], ["", ""]])
def test_a_clause_with_a_skipped_or_empty_answer_is_dropped_with_its_space(why: object) -> None:
    answers = {"feeling": "tired", "why": why}
    assert template.render("I feel {feeling}[[ because {why}]].", answers) == "I feel tired."
    assert template.render_script("I feel {feeling}[[ because {why}]].", answers) == (
        "I feel tired."
    )


def test_a_clause_needs_every_answer_inside_it() -> None:
    text = "Hi[[, {a} and {b}]]."
    assert template.render(text, {"a": "x", "b": "y"}) == "Hi, x and y."
    assert template.render(text, {"a": "x"}) == "Hi."
    assert template.render(text, {"b": "y"}) == "Hi."


def test_a_line_whose_answers_are_all_skipped_goes_even_when_they_sit_in_clauses() -> None:
    text = "I am here[[, {where}]].\nThat was then.\n[[Today is {date}.]]"
    assert template.render_script(text, {}) == "That was then."
    assert template.render_script(text, {"where": "home"}) == "I am here, home.\nThat was then."


def test_a_line_keeps_its_words_when_one_answer_is_there() -> None:
    text = "I'd like to raise something[[: {situation}]]. Going forward, {limit}."
    assert template.render_script(text, {"limit": "no calls after 6"}) == (
        "I'd like to raise something. Going forward, no calls after 6."
    )


def test_single_brackets_are_literal() -> None:
    assert template.render("[a] [{x}] ]", {"x": "y"}) == "[a] [y] ]"
    assert template.placeholders("[{x}]") == ["x"]


def test_three_brackets_keep_one_as_text_inside_the_clause() -> None:
    assert template.render("Note[[ [{x}]]]", {"x": "y"}) == "Note [y]"
    assert template.render("Note[[ [{x}]]]", {}) == "Note"


def test_brace_escapes_still_work_around_and_inside_clauses() -> None:
    text = "{{literal}} {a}[[ {{and}} {b}]]"
    assert template.render(text, {"a": "x", "b": "y"}) == "{literal} x {and} y"
    assert template.render(text, {"a": "x"}) == "{literal} x"


def test_placeholders_include_those_in_clauses_in_order() -> None:
    assert template.placeholders("{a}[[ {b}]] {c}[[{d}{a}]]") == ["a", "b", "c", "d", "a"]


def test_answers_inside_clauses_are_copied_never_interpreted() -> None:
    assert template.render("x[[ {a}]]", {"a": "[[{b}]] {0!r}"}) == "x [[{b}]] {0!r}"


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("ok [[{a}", 4),
        ("{a}]] ok", 4),
        ("[[{a} [[{b}]] ]]", 7),
        ("x [[just words]]", 3),
        ("[[{a}\n]]", 1),
        ("{{[[}} no]]", 3),
    ],
)
def test_bad_clauses_raise_with_a_column(text: str, column: int) -> None:
    with pytest.raises(template.TemplateError) as caught:
        template.parse(text)
    assert caught.value.column == column


# ---- through the real loader: file, line and field, like every other template problem -------


def _script(text: str) -> dict:
    return with_step({"type": "script", "id": "s", "template": text}, at=2)


def test_a_pack_with_clauses_loads() -> None:
    step = load(_script("I saw {see}[[, before {before}]].")).exercises[0].steps[2]
    assert step.template == "I saw {see}[[, before {before}]]."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("I saw [[{see}", "a `[[` is never closed; end the optional clause with `]]`"),
        ("I saw {see}]]", "a `]]` has no `[[` before it; a single `]` is fine as text"),
        (
            "[[{see} [[{before}]]]]",
            "a `[[` inside another `[[ ... ]]`; optional clauses do not nest",
        ),
        ("I saw {see}[[ today]].", "`[[ today]]` has no placeholder; an optional clause needs a "),
        ("[[I saw {see}\n]]", "a `[[` is not closed on its line"),
        ("[[{nobody}]]", "{nobody} names no earlier answer step in this exercise"),
    ],
)
def test_bad_clauses_are_refused_at_load_time_naming_file_line_and_field(
    text: str, message: str
) -> None:
    data = _script(text)
    found = one_problem(data)
    assert found.startswith(
        f"t.yaml:{line_of(data, 'template:')}: exercises[0].steps[2].template: "
    )
    assert message in found


# ---- the rule as the docs and the schema state it ---------------------------------------------


def test_the_docs_example_reads_as_the_docs_say() -> None:
    page = (ROOT / "docs" / "pack-format.md").read_text()
    snippet = next(b for b in re.findall(r"^```yaml\n(.*?)^```", page, re.S | re.M) if "[[" in b)
    step = yaml.safe_load(snippet)["steps"][-1]
    both = {"feeling": "tired", "why": "I slept badly"}
    lines = template.render_script(step["template"], both).splitlines()
    assert lines[0] == "I feel tired because I slept badly."
    assert f'reads "{lines[0]}"' in page
    assert template.render_script(step["template"], {"feeling": "tired"}).startswith(
        "I feel tired.\n"
    )
    assert template.render_script(step["template"], {}) == "Today I'll be gentle with myself."


def test_the_schema_tells_editors_the_clause_rule() -> None:
    schema = json.loads((reference_data_dir() / "pack.schema.json").read_text())
    described = schema["$defs"]["ScriptStep"]["properties"]["template"]["description"]
    assert "[[ ... ]]" in described and "{step-id}" in described


# ---- a bracket mistake names its own line, once -------------------------------------------------


def _block_script(*lines: str) -> str:
    """The test pack with a script step whose template is a `|` block of `lines`."""
    text = dump(_script("X"))
    block = "".join(f"\n        {line}" for line in lines)
    return text.replace("template: X", "template: |" + block)


@pytest.mark.parametrize(
    ("lines", "bad", "message"),
    [
        (
            ("I saw {see}.", "Then [[{see} came back", "End."),
            "Then [[",
            "a `[[` is not closed on its line",
        ),
        (("I saw {see}.", "", "Then [[{see}"), "Then [[", "a `[[` is never closed"),
        (("I saw {see}.", "Later.", "Done {see}]]."), "Done {see}]]", "a `]]` has no `[[`"),
        (("I saw {see}.", "A {brace here."), "{brace", "a `{` is never closed"),
    ],
)
def test_a_bracket_mistake_names_the_line_holding_it_in_one_message(
    lines: tuple[str, ...], bad: str, message: str
) -> None:
    text = _block_script(*lines)
    found = one_problem(text)
    assert line_of(text, bad) != line_of(text, "template:")
    assert found.startswith(f"t.yaml:{line_of(text, bad)}: exercises[0].steps[2].template: ")
    assert message in found


def test_the_column_is_counted_on_the_brackets_own_line() -> None:
    with pytest.raises(template.TemplateError) as caught:
        template.parse("First {a}.\nThen x [[{a}\nEnd.")
    assert (caught.value.line, caught.value.column) == (2, 8)


def test_a_clause_left_open_at_the_end_is_one_mistake_with_or_without_a_line_end() -> None:
    for text in ("Then [[{a}", "Then [[{a}\n", "Then [[{a}\n\n  \n"):
        with pytest.raises(template.TemplateError, match="never closed") as caught:
            template.parse(text)
        assert (caught.value.line, caught.value.column) == (1, 6)
