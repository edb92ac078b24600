"""A report over years: the chart is averaged by week or month with years under the axis, the plan
counts from when it began and never shows a missed count, and long text wraps."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from coach.export import html, markdown, svg
from coach.export.data import ExportData
from coach.export.report import Report, build
from tests.records import FIXED_NOW, session_record

SAY_NO = "clinic/say-no"
START = dt.datetime(2016, 12, 5, 9, 0, tzinfo=dt.UTC)


def _ten_years(count: int = 2_000) -> list:
    """`count` rated sessions over ten years, and three of "Say no kindly" near the end."""
    step = (FIXED_NOW - START) / count
    found = [
        session_record(START + step * i, distress_before=i % 9, distress_after=i % 5)
        for i in range(count - 3)
    ]
    for days in (20, 13, 6):
        found.append(
            session_record(
                FIXED_NOW - dt.timedelta(days=days),
                exercise=SAY_NO,
                exercise_title="Say no kindly",
                distress_before=6,
                distress_after=3,
            )
        )
    found.sort(key=lambda s: s.started)
    return found


def _report(plan: list[dict[str, object]], sessions: list | None = None) -> Report:
    data = ExportData(FIXED_NOW, sessions if sessions is not None else _ten_years(), [])
    return build(data, plan, "all")


def _axis(drawn: str) -> list[str]:
    return re.findall(
        r'<text class="axis" x="[\d.]+" y="238" text-anchor="\w+">([^<]*)</text>', drawn
    )


def test_ten_years_of_sessions_are_a_line_of_months_with_years_under_it() -> None:
    report = _report([])
    drawn = svg.chart(report.distress.points)
    line = drawn.split('<polyline class="before" points="')[1].split('"')[0]
    assert 100 <= len(line.split()) <= 125  # a point a month, not 2,000 of them
    assert drawn.count('<circle class="before-mark"') <= svg.MARKS + 1
    labels = _axis(drawn)
    assert len(labels) == 6 and labels[0] == "Dec 2016" and labels[-1] == "Nov 2026"
    page = html.render(report)
    assert "Each point is the average of a month." in page


def test_a_few_months_across_new_year_are_weeks_and_each_date_says_its_year() -> None:
    start = dt.datetime(2025, 10, 1, 9, 0, tzinfo=dt.UTC)
    sessions = [
        session_record(start + dt.timedelta(hours=20 * i), distress_before=7, distress_after=3)
        for i in range(200)
    ]
    drawn = svg.chart(_report([], sessions).distress.points)
    assert "Each point is the average of a week." in drawn
    labels = _axis(drawn)
    assert labels and all(re.fullmatch(r"\d\d \w\w\w 20\d\d", label) for label in labels), labels


def test_a_short_range_in_one_year_shows_each_session_and_days_without_the_year() -> None:
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    sessions = [
        session_record(start + dt.timedelta(days=i), distress_before=7, distress_after=3)
        for i in range(10)
    ]
    drawn = svg.chart(_report([], sessions).distress.points)
    assert "Each point is one session." in drawn and "02 Nov" in _axis(drawn)


@pytest.mark.parametrize("render", [html.render, markdown.render])
def test_an_old_plan_counts_from_its_first_practice_and_shows_no_missed_count(render) -> None:  # type: ignore[no-untyped-def]
    plan = [{"exercise": SAY_NO, "title": "Say no kindly", "per_week": 1}]
    report = _report(plan)
    (line,) = report.plan
    assert line.words() == "done 3 times; suggested once a week"
    assert line.counted_from == (FIXED_NOW - dt.timedelta(days=20)).date() and line.weeks <= 4
    page = render(report)
    assert "Say no kindly" in page and "522" not in page and "Suggested 5" not in page


def test_a_plan_counts_from_the_day_it_was_installed() -> None:
    installed = (FIXED_NOW - dt.timedelta(days=25)).date()
    plan = [
        {"exercise": SAY_NO, "title": "Say no kindly", "per_week": 2, "installed": str(installed)}
    ]
    (line,) = _report(plan).plan
    assert (line.done, line.counted_from) == (3, installed) and line.weeks <= 5
    assert line.words() == "done 3 times; suggested 2 times a week"
    never = [{"exercise": "clinic/other", "title": "Other", "per_week": 1}]
    (line,) = _report(never).plan
    assert (line.words(), line.counted_from, line.weeks) == (
        "not practiced yet; suggested once a week",
        None,
        0,
    )


def test_long_unbroken_text_wraps_in_the_html_report() -> None:
    page = html.render(_report([], _ten_years(40)))
    assert "overflow-wrap: anywhere" in page
