"""A report built from the store's sessions read a month at a time says exactly what the report
built from every session at once says, in every format, for every notes choice and range."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.core import stats
from coach.export import csv_export, html, markdown
from coach.export.data import ExportData, gather, gather_cards
from coach.export.report import NotesChoice, apply_notes_choice, build, build_streamed
from coach.records import Session
from coach.store.store import ProgressStore
from tests.records import fixed_clock, session
from tests.unit.test_report_writers import PLAN, _sessions

START = dt.datetime(2026, 9, 28, 22, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    """The writers' hostile sessions, and three months of daily practice with ratings and notes."""
    store = ProgressStore(tmp_path / "data", clock=fixed_clock())
    daily = [
        Session.model_validate(
            session(
                START + dt.timedelta(days=i, hours=i % 5),
                exercise="clinic/walk" if i % 3 else "clinic/ask",
                distress_before=i % 9 if i % 4 else None,
                distress_after=(i % 9) // 2 if i % 4 else None,
                note=f"day {i}" if i % 2 else None,
                bring_to_session=i % 7 == 0,
                status="completed" if i % 11 else "ended-early",
            )
        )
        for i in range(90)
    ]
    store.add_sessions(daily + _sessions())
    return store


@pytest.mark.parametrize("notes", ["all", "flagged", "none"])
@pytest.mark.parametrize(
    "since, until",
    [(None, None), (dt.date(2026, 10, 5), None), (dt.date(2026, 10, 1), dt.date(2026, 11, 8))],
)
def test_a_streamed_report_says_what_the_whole_report_says(
    store: ProgressStore, notes: NotesChoice, since: dt.date | None, until: dt.date | None
) -> None:
    whole = build(apply_notes_choice(gather(store, since, until), notes), PLAN, notes)
    read: list[int] = []

    def one_at_a_time() -> Iterator[Session]:  # a one-shot stream, never a list
        for record in store.ordered(newest_first=False, since=since, until=until):
            read.append(1)
            yield record

    data = ExportData(store.clock(), [], gather_cards(store, since, until), since, until)
    figures = None if since or until else stats.figures(store.tally())
    streamed = build_streamed(one_at_a_time(), data, PLAN, notes, figures)
    assert len(read) == whole.header.sessions > 0 and streamed.sessions == []
    for render in (markdown.render, csv_export.render, html.render):
        assert render(streamed) == render(whole)
    assert [s.as_record() for s in streamed.flagged] == [s.as_record() for s in whole.flagged]
    assert streamed.summary() == whole.summary()


@pytest.mark.parametrize("count", [2, 10, 120, 160, 20_000])
def test_the_chart_draws_each_point_or_averages_and_marks_no_more_than_can_be_told_apart(
    count: int,
) -> None:
    from coach.export import svg
    from coach.export.sections import ChartPoint

    day = dt.date(2026, 1, 1)
    points = [ChartPoint(day + dt.timedelta(days=i), i % 10, (i % 10) // 2) for i in range(count)]
    drawn = svg.chart(points)
    line = drawn.split('<polyline class="before" points="')[1].split('"')[0]
    shown, unit = svg.grouped(points)
    assert len(line.split()) == len(shown)
    if count <= svg.EACH_UP_TO:  # each session is a point
        assert (len(shown), unit) == (count, "session") and "Each point is one session." in drawn
    else:  # a week or a month is a point, and the chart says so
        assert unit in ("week", "month") and f"Each point is the average of a {unit}." in drawn
    circles = drawn.count('<circle class="before-mark"') - 1  # less the legend's
    squares = drawn.count('<rect class="after-mark"') - 1
    assert circles == squares
    if len(shown) <= svg.MARKS:
        assert circles == len(shown)
    else:
        assert svg.MARKS // 2 <= circles <= svg.MARKS
