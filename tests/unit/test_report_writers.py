"""The shared report is built once: HTML, Markdown and CSV carry the same facts from the same data,
and each shows a person's text as text (escaped as its format needs, formulas defused)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from html.parser import HTMLParser
from typing import Any

import pytest
from markdown_it import MarkdownIt

from coach.export import csv_export, html, markdown
from coach.export.data import ExportData
from coach.export.report import Report, build
from coach.records import Session
from tests.records import FIXED_NOW, card_record, session_record

MONDAY = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
WALK, ASK = "clinic/walk", "clinic/ask"
HOSTILE_NOTES = [
    "first line\n# heading\n---",
    "<script>alert(1)</script> & [link](http://x.example) *bold* `code`",
    "=SUM(A1)",
    "- a list?\n1. a numbered one\n> a quote\n| a | table |",
    "\x1b]0;a new terminal title\x07kept \u202ebidi\u202c and ~~struck~~",
]
CLEAN_NOTES = HOSTILE_NOTES[:4] + ["kept bidi and ~~struck~~"]
PLAN = [
    {"exercise": WALK, "title": "Mindful walk", "per_week": 3, "note": "Before work."},
    {"exercise": ASK, "title": "Ask <b>for</b> it", "per_week": 1, "from": "2026-11-09"},
]


def _sessions() -> list[Session]:
    found = []
    for i, note in enumerate(HOSTILE_NOTES):
        found.append(
            session_record(
                MONDAY + dt.timedelta(days=2 * i),
                exercise=WALK,
                exercise_title="Mindful walk",
                distress_before=8 - i,
                distress_after=4,
                note=note,
                bring_to_session=i % 2 == 0,
            )
        )
    found.append(
        session_record(
            MONDAY + dt.timedelta(days=10, hours=3),
            exercise=ASK,
            exercise_title="Ask <b>for</b> it",
            distress_before=5,
            distress_after=4,
            note=None,
        )
    )
    found.append(
        session_record(
            MONDAY + dt.timedelta(days=12),
            exercise=ASK,
            exercise_title="Ask <b>for</b> it",
            status="ended-early",
            distress_before=None,
            distress_after=None,
            note="=cmd|' /C calc'!A0",
            bring_to_session=False,
        )
    )
    return found


CARDS = [
    card_record(
        exercise=ASK, title="My <b>script</b> # 1", text="When plans change,\n# I feel\n=1+1"
    ),
    card_record(
        title="+ plain",
        text="- one\n\n[two](http://x.example)",
        created="2026-11-22T08:00:00+00:00",
    ),
]


@pytest.fixture(scope="module")
def report() -> Report:
    data = ExportData(FIXED_NOW, _sessions(), CARDS, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    return build(data, PLAN, "all")


class Page(HTMLParser):
    """An HTML page as its tags, its text, its headings and its table rows."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.headings: list[str] = []
        self.rows: list[list[str]] = []
        self.items: list[str] = []
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None
        self._item: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = []
        elif tag == "li":
            self._item = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag.startswith("h") and tag[1:].isdigit() and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None
        elif tag == "li" and self._item is not None:
            self.items.append("".join(self._item).strip())
            self._item = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for part in (self._cell, self._heading, self._item):
            if part is not None:
                part.append(data)

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def html_page(report: Report) -> Page:
    return Page(html.render(report))


def markdown_page(report: Report) -> Page:
    """The Markdown as a CommonMark reader shows it, with raw HTML let through (as GitHub does)."""
    reader = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return Page(reader.render(markdown.render(report)))


def csv_rows(report: Report) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(csv_export.render(report))))


PAGES = {"html": html_page, "markdown": markdown_page}


# ---- the report itself ---------------------------------------------------------------------------


def test_the_report_is_built_from_the_records(report: Report) -> None:
    head = report.header
    assert (head.sessions, head.completed, head.first, head.last) == (
        7,
        6,
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 30),
    )
    # counted from the first practice in the range (no install day is known), over the weeks
    # from then to the end of the range; the words say what was done, never what was missed
    assert [(p.title, p.done, p.per_week, p.weeks) for p in report.plan] == [
        ("Mindful walk", 5, 3, 5),
        ("Ask <b>for</b> it", 1, 1, 4),
    ]
    assert [p.words() for p in report.plan] == [
        "done 5 times; suggested 3 times a week",
        "done once; suggested once a week",
    ]
    assert [(h.title, h.drop, h.rated) for h in report.dropped] == [
        ("Mindful walk", 2.0, 5),
        ("Ask <b>for</b> it", 1.0, 1),
    ]
    assert [n.text for n in report.notes.lines] == [*CLEAN_NOTES, "=cmd|' /C calc'!A0"]
    assert [(p.before, p.after) for p in report.distress.points] == [
        (8, 4),
        (7, 4),
        (6, 4),
        (5, 4),
        (4, 4),
        (5, 4),
    ]


# ---- every writer carries every fact -------------------------------------------------------------


@pytest.mark.parametrize("kind", PAGES)
def test_html_and_markdown_carry_every_fact(report: Report, kind: str) -> None:
    page = PAGES[kind](report)
    text = page.all_text
    head = report.header
    assert "01 Nov 2026 to 30 Nov 2026" in text and "7 sessions, 6 completed" in text
    assert f"{head.exported:%d %b %Y}" in text
    for line in report.plan:
        since = f"{line.counted_from:%d %b %Y}"
        assert [line.title, str(line.done), line.often_words(), since] in page.rows
    assert report.plan[0].often_words() == "3 times a week"
    assert [
        "Exercise",
        "Done",
        "Suggested",
        "Counted from",
    ] in page.rows  # no total: no missed count
    for ex in report.exercises:
        assert [ex.title, str(ex.times), f"{ex.before:.1f}", f"{ex.after:.1f}"] in page.rows
    assert report.dropped, "the fixture has ratings that dropped"
    for top in report.dropped:
        rated = f"{top.rated} rated session{'' if top.rated == 1 else 's'}"
        assert (
            f"{top.title}: {top.drop:.1f} points lower after than before, on average, over {rated}"
            in page.items
        )
    assert "not what caused it" in text
    for point in report.distress.points:
        assert [f"{point.day:%d %b %Y}", str(point.before), str(point.after)] in page.rows
    assert "Over 6 rated sessions: 5.8 before and 4.0 after, on average." in text
    assert "Notes" in page.headings
    for note in report.notes.lines:
        assert note.text in text, note.text
        assert f"{note.when()} · " in text or f"{note.when()}, " in text
    marked = [n for n in report.notes.lines if n.marked]
    assert text.count("to bring to the next session") == len(marked) == 3
    for kept in report.cards:
        assert kept.title in page.headings and kept.text.replace("\n\n", "\n") in text.replace(
            "\n\n", "\n"
        )


def test_csv_carries_every_fact(report: Report) -> None:
    header = csv_export.render(report).splitlines()[0]
    assert header.startswith(  # the columns a spreadsheet already uses keep their places
        "kind,day,exercise,title,times,done,suggested,before,after,drop,rated_sessions,"
        "bring_to_session,text,"
    )
    rows = csv_rows(report)
    facts = {r["title"]: r for r in rows if r["kind"] == "report"}
    assert (facts["from"]["day"], facts["until"]["day"], facts["made on"]["day"]) == (
        "2026-11-01",
        "2026-11-30",
        "2026-11-27",
    )
    assert (facts["sessions"]["times"], facts["completed"]["times"]) == ("7", "6")
    rated = facts["rated sessions"]
    assert (rated["times"], rated["before"], rated["after"]) == ("6", "5.83", "4.0")
    plan = [
        (r["exercise"], r["title"], r["done"], r["suggested"], r["per_week"], r["day"])
        for r in rows
        if r["kind"] == "plan"
    ]
    assert plan == [  # no count of what was suggested in all: it would read as what was missed
        (p.exercise, p.title, str(p.done), "", str(p.per_week), str(p.counted_from))
        for p in report.plan
    ]
    exercises = [
        (r["title"], r["times"], r["before"], r["after"], r["drop"], r["rated_sessions"])
        for r in rows
        if r["kind"] == "exercise"
    ]
    assert exercises == [
        (e.title, str(e.times), str(e.before), str(e.after), str(e.drop), str(e.rated))
        for e in report.exercises
    ]
    helped = [
        (r["title"], r["drop"], r["rated_sessions"]) for r in rows if r["kind"] == "dropped-most"
    ]
    assert helped == [(h.title, str(h.drop), str(h.rated)) for h in report.dropped]
    ratings = [(r["day"], r["before"], r["after"]) for r in rows if r["kind"] == "rating"]
    assert ratings == [
        (p.day.isoformat(), str(p.before), str(p.after)) for p in report.distress.points
    ]
    notes = [r for r in rows if r["kind"] == "note"]
    assert [n["text"].removeprefix("'") for n in notes] == [n.text for n in report.notes.lines]
    assert [(n["day"], n["time"], n["title"], n["bring_to_session"]) for n in notes] == [
        (n.day.isoformat(), f"{n.started:%H:%M}", n.title, "yes" if n.marked else "no")
        for n in report.notes.lines
    ]
    cards = [
        (r["day"], r["title"].removeprefix("'"), r["text"]) for r in rows if r["kind"] == "card"
    ]
    assert [(d, t, x.removeprefix("'")) for d, t, x in cards] == [
        (c.created.isoformat(), c.title, c.text) for c in report.cards
    ]


# ---- a person's text stays text ------------------------------------------------------------------


@pytest.mark.parametrize("kind", PAGES)
def test_html_and_markdown_show_person_text_as_text(report: Report, kind: str) -> None:
    page = PAGES[kind](report)
    assert not {"script", "b", "i", "a", "img", "hr", "del", "code", "h4"} & set(page.tags)
    assert page.tags.count("ul") == (1 if kind == "markdown" else 0)  # the notes, and no other
    assert page.tags.count("ol") == 1  # where ratings dropped most
    expected = {"My practice", "Practice", "Distress before and after, over time"}
    expected |= {"Where your rating dropped most", "Notes", "Kept cards"} | {
        c.title for c in report.cards
    }
    assert set(page.headings) == expected  # no note became a heading
    assert "<script>alert(1)</script>" in page.all_text


def test_markdown_escapes_every_line_of_a_note(report: Report) -> None:
    text = markdown.render(report)
    assert "\n  \\# heading\n  \\---" in text
    assert ": \\- a list?\n  1\\. a numbered one\n  \\> a quote\n  \\| a \\| table \\|" in text
    assert "\\<script\\>" in text and "\\[link\\](http://x.example)" in text
    assert "\\~\\~struck\\~\\~" in text and "\\& " in text


def test_csv_defuses_formulas_in_every_text_cell(report: Report) -> None:
    rows = csv_rows(report)
    cells = [value for row in rows for value in row.values() if value]
    assert "'=SUM(A1)" in cells and "'=cmd|' /C calc'!A0" in cells and "'+ plain" in cells
    assert "'- one\n\n[two](http://x.example)" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]


@pytest.mark.parametrize("render", [html.render, markdown.render, csv_export.render])
def test_no_writer_lets_an_escape_sequence_or_bidi_control_through(
    report: Report, render: Any
) -> None:
    out = render(report)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "a new terminal title" not in out and "kept bidi and" in out


def test_notes_left_out_or_only_marked_are_the_same_in_every_writer() -> None:
    data = ExportData(FIXED_NOW, _sessions(), CARDS)
    none = build(data, PLAN, "none")
    for page in (html_page(none), markdown_page(none)):
        assert not [h for h in page.headings if "Notes" in h]
        assert not [n for n in CLEAN_NOTES if n in page.all_text]
    assert not [r for r in csv_rows(none) if r["kind"] == "note"]
    flagged = build(data, PLAN, "flagged")
    marked = [CLEAN_NOTES[0], CLEAN_NOTES[2], CLEAN_NOTES[4]]
    assert [n.text for n in flagged.notes.lines] == marked
    for page in (html_page(flagged), markdown_page(flagged)):
        assert "Notes for the next session" in page.headings
        assert [n for n in CLEAN_NOTES if n in page.all_text] == marked
    notes = [r["text"].removeprefix("'") for r in csv_rows(flagged) if r["kind"] == "note"]
    assert notes == marked


SETEXT_NOTES = [
    "a line\n---",
    "a line\n===",
    "a line\n   ===",
    "a line\n\t---",
    "a line\n-- -",
    "one\n- - -\ntwo\n=\nthree\n+++",
]


def _heading_texts(text: str) -> list[str]:
    tokens = MarkdownIt().parse(text)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"] + [
        t.type for t in tokens if t.type == "hr"
    ]


@pytest.mark.parametrize("note", SETEXT_NOTES)
def test_a_note_line_under_a_rule_never_becomes_a_heading(note: str) -> None:
    """A line of --- or === under a note's line would make it a (setext) heading."""
    from coach.core.prep import gather_prep

    flagged = session_record(MONDAY, WALK, note=note, bring_to_session=True)
    shared = markdown.render(build(ExportData(FIXED_NOW, [flagged], []), [], "all"))
    prep = gather_prep([flagged], MONDAY.date(), MONDAY.date()).markdown()
    for text in (shared, prep):
        headings = _heading_texts(text)
        assert not [h for h in headings if "line" in h or "one" in h or h == "hr"], text
    assert _heading_texts(prep) == [
        "For my next session",
        "What I want to bring",
        "The hardest moments",
        "Where your rating dropped most",
    ]
