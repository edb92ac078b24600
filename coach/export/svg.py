"""A small line chart of distress before and after, as inline SVG: no scripts, no outside files,
and readable without color (solid line and circles before, dashed line and squares after).

Long ranges are drawn as the average of each week, or of each month, so years of practice stay a
line a person can read; the chart says what one point is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from coach.export.sections import ChartPoint

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 40
MARKS = 160
"""At most this many circles (and squares) along a line: more would run together."""
EACH_UP_TO = 120
"""Up to this many points are drawn one by one; more are averaged by week, then by month."""


@dataclass(frozen=True, slots=True)
class Drawn:
    """One point on the chart: a session, or the average of a week or a month."""

    day: dt.date
    before: float
    after: float


def grouped(points: Sequence[ChartPoint]) -> tuple[list[Drawn], str]:
    """The points to draw and what one of them is: "session", "week" or "month"."""
    if len(points) <= EACH_UP_TO:
        return [Drawn(p.day, p.before, p.after) for p in points], "session"
    weeks = _average(points, lambda day: day - dt.timedelta(days=day.weekday()))
    if len(weeks) <= EACH_UP_TO:
        return weeks, "week"
    return _average(points, lambda day: day.replace(day=1)), "month"


def _average(points: Sequence[ChartPoint], start: Callable[[dt.date], dt.date]) -> list[Drawn]:
    sums: dict[dt.date, list[int]] = {}
    for p in points:
        key = start(p.day)
        total = sums.setdefault(key, [0, 0, 0])
        total[0] += p.before
        total[1] += p.after
        total[2] += 1
    return [Drawn(day, b / n, a / n) for day, (b, a, n) in sorted(sums.items())]


CAPTIONS = {
    "session": "Each point is one session.",
    "week": "Each point is the average of a week.",
    "month": "Each point is the average of a month.",
}


def caption(points: Sequence[ChartPoint]) -> str:
    """What one point on the chart is, in a sentence."""
    return CAPTIONS[grouped(points)[1]]


def chart(points: Sequence[ChartPoint], scale_top: int | None = None) -> str:
    """The SVG for the points (oldest first); an empty string when there are fewer than two."""
    if len(points) < 2:
        return ""
    drawn, unit = grouped(points)
    if len(drawn) < 2:
        drawn, unit = [Drawn(p.day, p.before, p.after) for p in points], "session"
    top = scale_top or max(10, max(max(p.before, p.after) for p in points))
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + inner_w * (i / (len(drawn) - 1))

    def y(value: float) -> float:
        return TOP + inner_h * (1 - value / top)

    first, last = points[0].day, points[-1].day
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Distress before and after, over time</title>',
        f'<desc id="chart-desc">{len(points)} rated sessions from {first:%d %b %Y} to '
        f"{last:%d %b %Y}, on a scale of 0 to {top}. {CAPTIONS[unit]} Solid line with circles: "
        "before. Dashed line with squares: after.</desc>",
    ]
    for value in range(0, top + 1, max(1, top // 5)):
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
        )
        parts.append(
            f'<text class="axis" x="{LEFT - 8}" y="{y(value) + 4:.1f}" text-anchor="end">{value}</text>'
        )
    shape = _day_shape(unit, first, last)
    for i in _label_positions(len(drawn)):
        anchor = "start" if i == 0 else "end" if i == len(drawn) - 1 else "middle"
        parts.append(
            f'<text class="axis" x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="{anchor}">'
            f"{escape(drawn[i].day.strftime(shape))}</text>"
        )
    xs = [f"{x(i):.1f}" for i in range(len(drawn))]
    ys = {v: f"{y(v):.1f}" for v in {p.before for p in drawn} | {p.after for p in drawn}}
    before = " ".join(f"{xs[i]},{ys[p.before]}" for i, p in enumerate(drawn))
    after = " ".join(f"{xs[i]},{ys[p.after]}" for i, p in enumerate(drawn))
    parts.append(f'<polyline class="before" points="{before}"/>')
    parts.append(f'<polyline class="after" points="{after}"/>')
    for i in _mark_positions(len(drawn)):
        p = drawn[i]
        parts.append(f'<circle class="before-mark" cx="{xs[i]}" cy="{ys[p.before]}" r="3.5"/>')
        parts.append(
            f'<rect class="after-mark" x="{x(i) - 3.5:.1f}" y="{y(p.after) - 3.5:.1f}" width="7" height="7"/>'
        )
    parts.append(
        f'<g class="legend" transform="translate({LEFT},{HEIGHT - 10})">'
        '<line class="before" x1="0" x2="24" y1="-4" y2="-4"/><circle class="before-mark" cx="12" cy="-4" r="3.5"/>'
        '<text x="30" y="0">before</text>'
        '<line class="after" x1="100" x2="124" y1="-4" y2="-4"/><rect class="after-mark" x="108.5" y="-7.5" width="7" height="7"/>'
        f'<text x="130" y="0">after</text><text x="200" y="0">{CAPTIONS[unit]}</text></g>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _day_shape(unit: str, first: dt.date, last: dt.date) -> str:
    """How a day under the axis is written: with its year whenever the range spans years."""
    if unit == "month":
        return "%b %Y"
    return "%d %b %Y" if first.year != last.year else "%d %b"


def _mark_positions(count: int, most: int = MARKS) -> range:
    """Which points get a mark: each of them, or every few when marks would run together."""
    return range(0, count, max(1, -(-count // most)))


def _label_positions(count: int, most: int = 6) -> list[int]:
    """A few evenly spread points to put dates under, always the first and the last."""
    if count <= most:
        return list(range(count))
    step = (count - 1) / (most - 1)
    return sorted({round(i * step) for i in range(most)})
