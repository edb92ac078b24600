"""Figures a person reads: weeks from Monday as they lived them, means, and what helps most."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core import stats
from coach.records import Session
from tests import records


def session(*args: Any, **fields: Any) -> Session:
    """A session record as the store returns it."""
    return Session.model_validate(records.session(*args, **fields))


def test_weeks_start_on_monday_on_the_day_as_lived() -> None:
    records = [
        session("2026-11-22T23:30:00-08:00"),  # Sunday night in Los Angeles (Monday in UTC)
        session("2026-11-23T00:10:00+01:00"),  # Monday just after midnight in Berlin
        session("2026-11-16T09:00:00+00:00", skill="boundaries", exercise="core/saying-no"),
    ]
    weeks = {w.start: w.by_skill for w in stats.compute(records).weeks}
    assert weeks == {
        dt.date(2026, 11, 23): {"grounding": 1, "boundaries": 0, "regulation": 0, "other": 0},
        dt.date(2026, 11, 16): {"grounding": 1, "boundaries": 1, "regulation": 0, "other": 0},
    }


def test_weeks_without_practice_are_simply_absent() -> None:
    records = [session("2026-01-05T10:00:00+00:00"), session("2026-11-20T10:00:00+00:00")]
    assert [w.start for w in stats.compute(records).weeks] == [
        dt.date(2026, 11, 16),
        dt.date(2026, 1, 5),
    ]


def test_means_use_only_sessions_with_both_ratings() -> None:
    records = [
        session(distress_before=8, distress_after=4),
        session(distress_before=6, distress_after=4),
        session(distress_before=9, distress_after=None),
        session(status="ended-early", distress_before=None, distress_after=None),
    ]
    (fig,) = stats.compute(records).exercises
    assert (fig.count, fig.completed, fig.rated) == (4, 3, 2)
    assert (fig.mean_before, fig.mean_after, fig.mean_drop) == (7.0, 4.0, 3.0)


def test_what_dropped_most_is_ranked_by_mean_drop_and_leaves_out_what_did_not_help() -> None:
    records = [
        session(exercise="core/a", exercise_title="A", distress_before=6, distress_after=5),
        session(exercise="core/b", exercise_title="B", distress_before=8, distress_after=3),
        session(exercise="core/c", exercise_title="C", distress_before=4, distress_after=6),
    ]
    assert [f.title for f in stats.compute(records).dropped_most] == ["B", "A"]


def test_the_latest_title_is_shown() -> None:
    records = [
        session(exercise_title="Old name"),
        session("2026-11-25T10:00:00+00:00", exercise_title="New name"),
    ]
    assert stats.compute(records).exercises[0].title == "New name"


def test_nothing_to_count() -> None:
    empty = stats.compute([])
    assert (empty.sessions, empty.weeks, empty.exercises, empty.dropped_most) == (0, [], [], [])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
            st.sampled_from(["core/a", "core/b", "x/c"]),
            st.sampled_from(["grounding", "boundaries", "regulation", "other", "future-skill"]),
            st.none() | st.integers(0, 10),
            st.none() | st.integers(0, 10),
            st.sampled_from(["completed", "ended-early"]),
        ),
        max_size=40,
    ),
    st.integers(0, 40),
)
def test_tallies_add_up_however_the_sessions_are_split(rows: list, cut: int) -> None:
    records = [
        session(
            f"{day.isoformat()}T12:00:00+00:00",
            exercise=ex,
            exercise_title=ex,
            skill=skill,
            distress_before=b,
            distress_after=a,
            status=status,
        )
        for day, ex, skill, b, a, status in rows
    ]
    whole = stats.compute(records).as_dict()
    parts = stats.tally(records[:cut]).add(stats.tally(records[cut:]))
    assert stats.figures(parts).as_dict() == whole
