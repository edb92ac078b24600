"""Packs are untrusted files: every bad input is refused with file, line and field, and runs nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.errors import PackError
from coach.packs import yamltree
from coach.packs.loader import load_pack, parse_pack
from tests.conftest import FIXTURES
from tests.packs import dump, load, one_problem, pack_data, problems, with_step

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
    assert found == ["big.yaml: the file is over 1 MiB, the most a pack can be"]


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


def test_escape_sequences_and_control_characters_are_stripped_from_text() -> None:
    pack = load_pack(PACKS / "markup.yaml")
    exercise = pack.exercises[0]
    # whole sequences go (nothing like "[2J" is left behind); markup stays as letters
    assert exercise.title == "Cleared [$accent @click=app.bell]ring[/]"
    assert exercise.summary == "[link=file:///etc/passwd]open me[/link]"
    assert exercise.steps[0].text == "Tab\tand\nnewline stay; NUL and  go."
    assert pack.title == "[bold red]Loud[/] [@click=app.quit]quit[/]"


def test_strip_control_keeps_ordinary_text() -> None:
    assert yamltree.strip_control("é ü 日本 — “quotes”\n\t") == "é ü 日本 — “quotes”\n\t"
    assert yamltree.strip_control("a\x1b[31mb\x9bc\x7f") == "ab"  # ESC [ 31m and CSI c go whole


def test_a_missing_file_and_a_folder_are_refused_calmly(tmp_path: Path) -> None:
    assert refused(tmp_path / "nope.yaml") == [
        "nope.yaml: cannot be read (no such file or directory)"
    ]
    assert refused(tmp_path) == [f"{tmp_path.name}: this is a folder, not a pack file"]


# ---- odd files found in review: each a calm refusal, never a traceback -------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!bool maybe", "'maybe' cannot be read as a yes/no value"),
        ("!!int ''", "'' cannot be read as a whole number"),
        ("!!float '-'", "'-' cannot be read as a number"),
        ("!!timestamp abc", "'abc' cannot be read as a date"),
    ],
)
def test_explicitly_tagged_values_that_do_not_fit_are_refused(value: str, message: str) -> None:
    text = dump(pack_data()).replace(
        "prompt: How is it?", f"prompt: How is it?\n    optional: {value}"
    )
    assert message in one_problem(text)


def test_a_very_long_number_is_refused_before_it_is_built() -> None:
    long_number = "1" + ":59" * 5000
    text = dump(pack_data()).replace(
        "prompt: How is it?", f"prompt: How is it?\n    x-n: {long_number}"
    )
    assert "is too long to be a whole number" in one_problem(text)


def test_a_control_character_in_the_file_names_its_line() -> None:
    found = one_problem(dump(pack_data()) + "x-bad: a\x00b\n")
    assert (
        found.startswith("t.yaml:")
        and "a control character (U+0000) is not allowed in YAML" in found
    )
    line = int(found.split(":")[1])
    assert line == len(dump(pack_data()).splitlines()) + 1


def test_equals_and_double_angle_written_as_text_are_text() -> None:
    data = with_step({"type": "choice", "id": "c", "prompt": "?", "options": ["x", "y"]})
    text = dump(data).replace("- x\n", "- <\n").replace("- y\n", "- =\n")
    step = load(text).exercises[0].steps[1]
    assert step.options == ["<", "="]


def test_a_quoted_scale_value_in_labels_is_explained() -> None:
    found = one_problem(
        with_step({"type": "rating", "id": "r", "prompt": "?", "labels": {"5": "mid"}})
    )
    assert found.endswith(
        "steps[1].labels.5: a scale value here must be a whole number, written without quotes"
    )


def test_a_number_as_a_key_is_an_unknown_key() -> None:
    found = one_problem(with_step({"type": "read", "text": "hi", 7: "x"}))
    assert found.endswith("steps[1][7]: is not a key coach knows") or found.endswith(
        "steps[1].7: is not a key coach knows"
    )


def test_a_script_naming_itself_is_explained() -> None:
    found = one_problem(with_step({"type": "script", "id": "s", "template": "{s}"}, at=2))
    assert "{s} names this script step itself" in found


def test_hundreds_of_problems_are_capped_with_a_count() -> None:
    data = pack_data(**{f"unknown{i}": i for i in range(150)})
    found = problems(data)
    assert len(found) == 101 and found[-1].startswith("t.yaml: ... and ")


def test_a_huge_file_is_not_read_whole(tmp_path: Path) -> None:
    with pytest.raises(PackError) as caught:
        load_pack(Path("/dev/zero"), "zero")
    assert "over 1 MiB" in str(caught.value)


def test_one_strange_pack_never_stops_the_others(tmp_path: Path) -> None:
    from coach.packs.library import Library

    (tmp_path / "odd.yaml").write_text(
        dump(pack_data(id="odd")).replace("count: 2", "count: !!int ''")
    )
    (tmp_path / "fine.yaml").write_text(dump(pack_data(id="fine")))
    library = Library.load(None, [tmp_path])
    assert library.pack("fine") is not None and library.pack("odd") is None
    assert "cannot be read as a whole number" in str(library.problems[0])


def test_an_unreadable_folder_is_reported_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.packs import library as library_module

    real = library_module.pack_files

    def refuse(folder: Path) -> list[Path]:
        if folder == tmp_path:
            raise PermissionError(13, "Permission denied")
        return real(folder)

    monkeypatch.setattr(library_module, "pack_files", refuse)
    found = library_module.Library.load(None, [tmp_path])
    assert found.pack("core") is not None
    assert "cannot be read (permission denied); it was skipped" in str(found.problems[0])
