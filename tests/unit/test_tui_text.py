"""What the app shows from outside is literal Content, and the palette finds it as written."""

from __future__ import annotations

from textual.fuzzy import Matcher

from coach.tui.text import highlighted, literal_help, plain, styled


def test_plain_is_literal_and_carries_no_escape_sequence() -> None:
    shown = plain("[b]bold[/b] [/] [@click=app.quit]x[/] \x1b]0;pwned\x07\u202e\nnext")
    assert shown.plain == "[b]bold[/b] [/] [@click=app.quit]x[/] \nnext"
    assert shown.spans == []  # no style came from the text itself
    assert styled("[red]x[/red]", "bold").plain == "[red]x[/red]"
    assert plain(None).plain == ""


def test_a_palette_search_finds_a_title_with_markup_and_marks_the_letters_it_matched() -> None:
    matcher = Matcher("bold")
    label = "Do: [b]bold[/b] [/]"
    assert matcher.match(label) > 0
    shown = highlighted(matcher, label)
    assert shown.plain == label
    marked = sorted(i for span in shown.spans for i in range(span.start, span.end))
    assert "".join(label[i] for i in marked).lower() == "bold"


def test_help_text_is_handed_over_as_content() -> None:
    help_text = plain("[/] summary")
    assert literal_help(help_text) is help_text
