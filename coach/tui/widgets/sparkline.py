"""A small bar line with its scale named: what it shows, then "0 ▁▂▅▇ 10"."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from coach.core.log import Trend
from coach.tui.text import plain


def scaled_spark(what: str, values: Sequence[int], low: int = 0, high: int = 10) -> Content:
    """Two lines: what the bars show, then the bars between their lowest and highest value."""
    bars = Trend(what, list(values), low, high).spark()
    return Content.assemble(
        plain(what),
        "\n",
        Content(str(low)).stylize("dim"),
        " ",
        plain(bars),
        " ",
        Content(str(high)).stylize("dim"),
    )
