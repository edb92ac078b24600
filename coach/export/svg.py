"""A small line chart of distress before and after, as inline SVG: no scripts, no outside files,
and readable without color (solid line and circles before, dashed line and squares after)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from coach.export.sections import ChartPoint

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 40
MARKS = 160
"""At most this many circles (and squares) along a line: more would run together."""


def chart(points: Sequence[ChartPoint], scale_top: int | None = None) -> str:
    """The SVG for the points (oldest first); an empty string when there are fewer than two."""
    if len(points) < 2:
        return ""
    top = scale_top or max(10, max(max(p.before, p.after) for p in points))
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + inner_w * (i / (len(points) - 1))

    def y(value: int) -> float:
        return TOP + inner_h * (1 - value / top)

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Distress before and after each session</title>',
        f'<desc id="chart-desc">{len(points)} sessions from {points[0].day:%d %b %Y} to '
        f"{points[-1].day:%d %b %Y}, on a scale of 0 to {top}. Solid line with circles: before. "
        "Dashed line with squares: after.</desc>",
    ]
    for value in range(0, top + 1, max(1, top // 5)):
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
        )
        parts.append(
            f'<text class="axis" x="{LEFT - 8}" y="{y(value) + 4:.1f}" text-anchor="end">{value}</text>'
        )
    for i in _label_positions(len(points)):
        anchor = "start" if i == 0 else "end" if i == len(points) - 1 else "middle"
        parts.append(
            f'<text class="axis" x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="{anchor}">'
            f"{escape(points[i].day.strftime('%d %b'))}</text>"
        )
    xs = [f"{x(i):.1f}" for i in range(len(points))]
    ys = {v: f"{y(v):.1f}" for v in {p.before for p in points} | {p.after for p in points}}
    before = " ".join(f"{xs[i]},{ys[p.before]}" for i, p in enumerate(points))
    after = " ".join(f"{xs[i]},{ys[p.after]}" for i, p in enumerate(points))
    parts.append(f'<polyline class="before" points="{before}"/>')
    parts.append(f'<polyline class="after" points="{after}"/>')
    for i in _mark_positions(len(points)):
        p = points[i]
        parts.append(f'<circle class="before-mark" cx="{xs[i]}" cy="{ys[p.before]}" r="3.5"/>')
        parts.append(
            f'<rect class="after-mark" x="{x(i) - 3.5:.1f}" y="{y(p.after) - 3.5:.1f}" width="7" height="7"/>'
        )
    parts.append(
        f'<g class="legend" transform="translate({LEFT},{HEIGHT - 10})">'
        '<line class="before" x1="0" x2="24" y1="-4" y2="-4"/><circle class="before-mark" cx="12" cy="-4" r="3.5"/>'
        '<text x="30" y="0">before</text>'
        '<line class="after" x1="100" x2="124" y1="-4" y2="-4"/><rect class="after-mark" x="108.5" y="-7.5" width="7" height="7"/>'
        '<text x="130" y="0">after</text></g>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _mark_positions(count: int, most: int = MARKS) -> range:
    """Which points get a mark: each of them, or every few when marks would run together."""
    return range(0, count, max(1, -(-count // most)))


def _label_positions(count: int, most: int = 6) -> list[int]:
    """A few evenly spread points to put dates under, always the first and the last."""
    if count <= most:
        return list(range(count))
    step = (count - 1) / (most - 1)
    return sorted({round(i * step) for i in range(most)})
