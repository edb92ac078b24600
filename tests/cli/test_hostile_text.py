"""A hostile pack on the command line: Rich markup (an unbalanced closing tag too), escape
sequences and bidi and zero-width characters, in its text and in values that fail validation.
Every command that prints it shows the markup as typed and nothing raw reaches the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from tests.conftest import FIXTURES

HOSTILE = FIXTURES / "packs" / "hostile-cli.yaml"
REFUSED = FIXTURES / "packs" / "hostile-cli-invalid.yaml"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u200b")

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(coach_app, list(args), env={"COLUMNS": "240"})
    return result.exit_code, result.stdout + result.stderr


def assert_nothing_raw(output: str) -> None:
    for character in RAW:
        assert character not in output, repr(character)


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["list"], ["[bold]Calm[/] [/] revzw"]),  # list is one line an exercise (issue 14)
        (["find", "hostile", "words"], ["[bold]Calm[/] [/] revzw", "[bold]summary[/] [/] revzw"]),
        (
            ["show", "hostile-cli/calm"],
            [
                "[bold]Calm[/] [/] revzw",
                "[bold]why[/] [/] revzw",
                "[bold]Loud[/] pack [/] evil",
                "- [bold]hostile words[/] [/]",
                "Read: [bold]Read[/] [/]",
                "[bold]Pick[/] [/] (pick one: [bold]one[/], [/] two)",
                "(tick: [bold]item[/])",
            ],
        ),
        (["pack", "list"], ["[bold]Loud[/] pack [/] evil", "[bold]someone[/]"]),
    ],
)
def test_pack_text_is_shown_as_typed(args: list[str], shown: list[str]) -> None:
    code, out = run("--packs", str(HOSTILE), *args)
    assert code == 0, out
    assert_nothing_raw(out)
    for text in shown:
        assert text in out


@pytest.mark.parametrize("args", [["list", "--json"], ["find", "hostile", "--json"]])
def test_pack_text_in_json_has_nothing_raw(args: list[str]) -> None:
    code, out = run("--packs", str(HOSTILE), *args)
    assert code == 0
    assert_nothing_raw(out)
    assert "[bold]Calm[/] [/] revzw" in {
        r["title"] for r in json.loads(out) if "hostile" in r["id"]
    }


def test_a_hostile_search_and_id_are_echoed_cleanly() -> None:
    code, out = run("find", "\x1b]0;title\x07[bold]zzqx[/]\u202e\u200b")
    assert code == 0 and "Nothing matched '[bold]zzqx[/]'" in out
    assert_nothing_raw(out)
    code, out = run("show", "\x1b[2J[bold]nope[/] [/]\u202e")
    assert code == 1 and "[bold]nope[/] [/]" in out
    assert_nothing_raw(out)


def test_validate_and_install_accept_the_hostile_pack(data_dir: Path) -> None:
    code, out = run("validate", str(HOSTILE))
    assert code == 0 and "valid (pack hostile-cli, 1 exercise)" in out
    code, out = run("pack", "install", str(HOSTILE))
    assert code == 0 and "Installed [bold]Loud[/] pack [/] evil (hostile-cli)" in out
    assert_nothing_raw(out)
    assert (data_dir / "packs" / "hostile-cli.yaml").exists()


EXPECTED_PROBLEMS = [
    "exercises[0].title: the YAML tag tag:[bold]x[/] is not allowed in a pack",  # a tag
    "exercises[0].minutes: [bold]9[/] [/] 9999",  # a long value, quoted as it is
    "exercises[1].minutes: '[bold]5[/] ",  # a value quoted with its escapes written out as text
]


@pytest.mark.parametrize("args", [["validate"], ["pack", "install"]])
def test_error_messages_that_quote_a_value_are_shown_literally(
    args: list[str], data_dir: Path
) -> None:
    code, out = run(*args, str(REFUSED))
    assert code == 1
    assert_nothing_raw(out)
    for text in EXPECTED_PROBLEMS:
        assert text in out
    assert not (data_dir / "packs" / "hostile-cli-invalid.yaml").exists()


def test_validate_json_quotes_values_with_nothing_raw() -> None:
    code, out = run("validate", "--json", str(REFUSED))
    assert code == 1
    assert_nothing_raw(out)
    messages = [p["message"] for p in json.loads(out)["files"][0]["problems"]]
    assert any("[bold]x[/] is not allowed" in m for m in messages)


def test_a_skipped_pack_is_reported_literally() -> None:
    code, out = run("--packs", str(REFUSED), "list")
    assert code == 0 and "A pack was skipped because it has 4 problems" in out
    assert "exercises[0].title: the YAML tag tag:[bold]x[/] is not allowed" in out
    assert_nothing_raw(out)
