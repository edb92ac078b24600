"""`clean`: text from outside, made safe to show and store, once, where it enters."""

from __future__ import annotations

import pytest

from coach.text import clean, json_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("title \x1b]0;pwned\x07 here", "title  here"),  # OSC (set the title), BEL-terminated
        ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink, ST-ended
        ("clear\x1b[2J\x1b[H me", "clear me"),  # CSI, whole
        ("c1 \x9b2J csi", "c1  csi"),  # the one-byte CSI
        ("dcs \x90secret\x9c done", "dcs  done"),
        ("reset \x1bc now", "reset  now"),  # a two-character escape
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("\u202eevil\u202c \u2066iso\u2069", "evil iso"),  # bidi overrides and isolates
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("é ü 日本 — “quotes” 🙂", "é ü 日本 — “quotes” 🙂"),
        ("[bold]markup[/] stays", "[bold]markup[/] stays"),  # letters, shown literally later
    ],
)
def test_clean_removes_what_could_act_on_the_terminal_and_keeps_the_words(
    raw: str, shown: str
) -> None:
    assert clean(raw) == shown
    assert clean(raw, multiline=True) == shown


def test_one_line_text_has_no_line_breaks_and_long_text_keeps_them() -> None:
    assert clean("a\nb\tc\r\nd\u2028e") == "a b c  d e"
    assert clean("a\r\nb\rc\u2029d\te", multiline=True) == "a\nb\nc\nd\te"


def test_the_length_is_bounded() -> None:
    assert clean("x" * 10, limit=4) == "xxxx"
    assert clean("\x1b[2J" + "y" * 3, limit=4) == "yyy"  # counted after cleaning


def test_json_text_escapes_what_json_leaves_raw() -> None:
    assert json_text({"a": "\x9b2J\x1b"}, indent=None) == '{"a": "\\u009b2J\\u001b"}'
