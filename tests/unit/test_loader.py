"""Packs are untrusted files: every bad input is refused with file, line and field, and runs nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.errors import PackError
from coach.packs import yamltree
from coach.packs.loader import load_pack, parse_pack
from tests.conftest import FIXTURES
from tests.packs import dump, load, one_problem, pack_data, problems

PACKS = FIXTURES / "packs"


def refused(path: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(path, path.name)
    return [str(p) for p in caught.value.problems]


def test_the_message_shape_names_file_line_and_field() -> None:
    assert refused(PACKS / "grief.yaml") == [
        "grief.yaml:14: exercises[2].steps[1].seconds: must be between 1 and 3600"
    ]


def test_the_file_is_named_as_given() -> None:
    with pytest.raises(PackError) as caught:
        load_pack(PACKS / "grief.yaml")
    assert str(caught.value).startswith(str(PACKS / "grief.yaml") + ":14: ")


def test_a_file_over_one_mib_is_refused_before_parsing() -> None:
    big = dump(pack_data()) + "x-padding: " + "a" * (1024 * 1024) + "\n"
    found = problems(big, "big.yaml")
    assert found == ["big.yaml: the file is 1.0 MiB; a pack can be at most 1 MiB"]


def test_a_file_of_exactly_one_mib_is_read() -> None:
    text = dump(pack_data())
    text += "x-padding: " + "a" * (1024 * 1024 - len(text.encode()) - len("x-padding: \n")) + "\n"
    assert len(text.encode()) == 1024 * 1024
    assert load(text).id == "test"


def test_a_billion_laughs_file_is_refused() -> None:
    found = refused(PACKS / "billion-laughs.yaml")
    assert len(found) == 1
    assert "the file expands to far more data than a pack needs" in found[0]
    assert found[0].startswith("billion-laughs.yaml:")


def test_aliases_within_reason_are_fine() -> None:
    text = (
        dump(pack_data())
        .replace("prompt: How is it?", "prompt: &ask How is it?")
        .replace("prompt: And now?", "prompt: *ask")
    )
    assert load(text).exercises[0].steps[2].prompt == "How is it?"


def test_deep_nesting_is_refused() -> None:
    text = dump(pack_data()) + "x-deep: " + "[" * 30 + "]" * 30 + "\n"
    found = one_problem(text)
    assert "nested more than 20 levels deep" in found
    assert found.startswith("t.yaml:")


def test_absurd_nesting_is_refused_by_the_parser() -> None:
    found = one_problem("x: " + "[" * 5000 + "]" * 5000)
    assert found.startswith("t.yaml:1: ") and "nested too deeply" in found


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    assert refused(PACKS / "duplicate-keys.yaml") == [
        "duplicate-keys.yaml:5: title: this key appears twice (first on line 3); keep one",
        "duplicate-keys.yaml:14: exercises[0].steps[0].seconds: this key appears twice "
        "(first on line 13); keep one",
    ]


def test_text_that_is_not_utf8_is_refused_with_its_line() -> None:
    raw = dump(pack_data(title="Caf\u00e9")).encode("latin-1")
    with pytest.raises(PackError) as caught:
        parse_pack(raw, "latin.yaml")
    assert str(caught.value) == (
        "latin.yaml:3: this is not UTF-8 text (byte 0xe9); save the file as UTF-8 and try again"
    )


def test_a_utf8_byte_order_mark_is_fine() -> None:
    assert parse_pack(b"\xef\xbb\xbf" + dump(pack_data()).encode(), "bom.yaml").id == "test"


def test_yaml_surprise_types_are_explained() -> None:
    assert refused(PACKS / "surprise-types.yaml") == [
        "surprise-types.yaml:4: version: must be text, but YAML reads 1.10 as a number; "
        'put it in quotes: "1.10"',
        "surprise-types.yaml:7: exercises[0].title: must be text, but YAML reads no as yes/no; "
        'put it in quotes: "no"',
        "surprise-types.yaml:9: exercises[0].summary: must be text, but YAML reads 2026-12-01 "
        'as a date; put it in quotes: "2026-12-01"',
        "surprise-types.yaml:11: exercises[0].steps[0].prompt: must be text, but YAML reads on "
        'as yes/no; put it in quotes: "on"',
        "surprise-types.yaml:11: exercises[0].steps[0].options[0]: must be text, but YAML reads "
        'yes as yes/no; put it in quotes: "yes"',
        "surprise-types.yaml:11: exercises[0].steps[0].options[1]: must be text, but YAML reads "
        'no as yes/no; put it in quotes: "no"',
        "surprise-types.yaml:12: exercises[0].steps[1].text: is empty; write some text, "
        "or leave the key out",
    ]


def test_python_and_custom_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = Path("/tmp/coach-pwned")
    marker.unlink(missing_ok=True)
    assert refused(PACKS / "python-tag.yaml") == [
        "python-tag.yaml:3: title: the YAML tag !!python/object/apply:os.system "
        "is not allowed in a pack",
        "python-tag.yaml:6: exercises[0].steps[0].text: the YAML tag !custom is not allowed "
        "in a pack",
    ]
    assert not marker.exists()


def test_more_than_one_document_is_refused() -> None:
    found = refused(PACKS / "two-documents.yaml")
    assert found == [
        "two-documents.yaml:3: YAML: a pack is one YAML document; this file has more than one "
        "(remove the `---`)"
    ]


def test_broken_yaml_names_its_line() -> None:
    found = one_problem(dump(pack_data()) + "oops: [unclosed\nnext: 1\n")
    assert found.startswith("t.yaml:") and "YAML:" in found


def test_an_empty_file_is_refused() -> None:
    assert (
        one_problem("") == "t.yaml:1: the file is empty; a pack starts with `format: coach-pack/1`"
    )
    assert one_problem("# only a comment\n").startswith("t.yaml:1: the file is empty")


def test_a_list_at_the_top_is_refused() -> None:
    assert "a pack is a set of keys" in one_problem("- format: coach-pack/1\n")


def test_merge_keys_are_refused() -> None:
    text = dump(pack_data()) + "x-base: &base {a: 1}\nx-more:\n  <<: *base\n"
    assert "x-more: merge keys (<<) are not supported" in one_problem(text)


def test_control_characters_are_stripped_from_text() -> None:
    pack = load_pack(PACKS / "markup.yaml")
    exercise = pack.exercises[0]
    assert exercise.title == "[2J[31mCleared [$accent @click=app.bell]ring[/]"
    assert exercise.summary == "[link=file:///etc/passwd]open me[/link] 31m"
    assert exercise.steps[0].text == "Tab\tand\nnewline stay; NUL and ]0;title go."
    assert pack.title == "[bold red]Loud[/] [@click=app.quit]quit[/]"


def test_strip_control_keeps_ordinary_text() -> None:
    assert yamltree.strip_control("é ü 日本 — “quotes”\n\t") == "é ü 日本 — “quotes”\n\t"
    assert yamltree.strip_control("a\x1b[31mb\x9bc\x7f") == "a[31mbc"


def test_a_missing_file_and_a_folder_are_refused_calmly(tmp_path: Path) -> None:
    assert refused(tmp_path / "nope.yaml") == [
        "nope.yaml: cannot be read (no such file or directory)"
    ]
    assert refused(tmp_path) == [f"{tmp_path.name}: this is a folder, not a pack file"]
