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


def test_the_quick_path_for_printable_text_gives_what_the_full_cleaning_gives() -> None:
    """Printable text (no control, format or line-separator character) skips the regexes; for
    any text, seeded, the answer is the one the full cleaning gives."""
    import random
    import sys

    from coach.text import _clean_unprintable

    rng = random.Random(1301)
    tricky = "\t\n\r\x1b\x07\x85\x9b\xa0\xad\u061c\u180e\u200b\u200d\u202e\u2028\u2066\ufeff\ufff9"
    pool = "ab [/]é日🙂 " + tricky
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    texts += [chr(code) for code in range(0x3000)]  # every character alone, to U+2FFF
    texts += [chr(rng.randint(0x3000, sys.maxunicode)) for _ in range(3000)]
    for text in texts:
        for multiline in (False, True):
            for limit in (None, 5):
                assert clean(text, multiline=multiline, limit=limit) == _clean_unprintable(
                    text, multiline, limit
                ), (text, multiline, limit)
