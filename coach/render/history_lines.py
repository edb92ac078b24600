"""History as fixed-width lines, one a session, built without a table so years print at once.

Light on purpose: `coach history`'s first page draws these without loading the record models
(a session is anything with its fields as attributes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from coach.text import strip_control


def _distress(before: Any, after: Any) -> str:
    if before is None and after is None:
        return ""
    return f"{'-' if before is None else before} → {'-' if after is None else after}"


def _one_line(text: str | None, limit: int = 60) -> str:
    if not text:
        return ""
    flat = " ".join(strip_control(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


WHEN_WIDTH, DISTRESS_WIDTH, GAP = 21, 8, "  "
_PART_WAY, _BRING = " (saved part way)", "bring to session "


def history_header(width: int) -> Text:
    """The column names over history lines `width` cells wide."""
    title, _ = _widths(width)
    return Text(
        f"{'when':<{WHEN_WIDTH}}{GAP}{'exercise':<{title}}{GAP}{'distress':<{DISTRESS_WIDTH}}"
        f"{GAP}note",
        style="bold",
    )


def history_lines(sessions: Iterable[Any], tz: dt.tzinfo | None, width: int) -> Text:
    """Sessions as fixed-width lines, one each, built without a table so years print at once."""
    title_width, note_width = _widths(width)
    out = Text()
    for i, s in enumerate(sessions):
        when = dt.datetime.fromisoformat(s.started).astimezone(tz).strftime("%a %d %b %Y %H:%M")
        out.append(f"{chr(10) if i else ''}{when:<{WHEN_WIDTH}}{GAP}")
        part_way = s.status != "completed"
        room = title_width - (len(_PART_WAY) if part_way else 0)
        out.append(_fit(strip_control(s.exercise_title), room, pad=not part_way))
        if part_way:
            out.append(_PART_WAY, style="dim")
        distress = _distress(s.distress_before, s.distress_after)
        out.append(f"{GAP}{distress:<{DISTRESS_WIDTH}}{GAP}")
        room = note_width
        if s.bring_to_session:
            out.append(_BRING.rstrip() if not s.note else _BRING, style="cyan")
            room -= len(_BRING)
        out.append(_fit(_one_line(s.note, max(room, 1)), room, pad=False))
    return out


def _widths(width: int) -> tuple[int, int]:
    """The exercise and note columns' widths in a line `width` cells wide."""
    rest = max(width - WHEN_WIDTH - DISTRESS_WIDTH - 3 * len(GAP), 30)
    title = max(rest * 2 // 5, len(_PART_WAY) + 8)
    return title, rest - title


def _fit(text: str, width: int, pad: bool = True) -> str:
    """`text` cut to `width` terminal cells (with … when cut), padded when `pad`."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip() + "…"
    return set_cell_size(text, width) if pad else text
