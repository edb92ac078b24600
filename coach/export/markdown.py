"""Markdown: the history as a document to read, print or bring to a session."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from coach.export.data import ExportData
from coach.packs.template import answer_text

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """Person-written text shown as written: Markdown and HTML characters escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def _inline(text: str) -> str:
    """Escaped text inside a list item; its later lines stay inside the item."""
    return escape(text).replace("\n", "\n    ")


def _when(stamp: str, tz: dt.tzinfo | None) -> str:
    return dt.datetime.fromisoformat(stamp).astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _distress(session: dict[str, Any]) -> str | None:
    before, after = session.get("distress_before"), session.get("distress_after")
    if before is None and after is None:
        return None
    shown = lambda v: "-" if v is None else str(v)  # noqa: E731
    return f"{shown(before)} before, {shown(after)} after"


def render(data: ExportData) -> str:
    tz = data.exported.tzinfo
    lines = ["# My practice", ""]
    span = []
    if data.since:
        span.append(f"from {data.since.isoformat()}")
    if data.until:
        span.append(f"until {data.until.isoformat()}")
    lines.append(
        f"Exported {data.exported.strftime('%Y-%m-%d %H:%M')}"
        + (f" ({' '.join(span)})" if span else "")
        + f": {len(data.sessions)} session{'s' if len(data.sessions) != 1 else ''}, "
        f"{len(data.cards)} card{'s' if len(data.cards) != 1 else ''}."
    )
    lines.append("")
    if data.sessions:
        lines += ["## Sessions", ""]
    for session in data.sessions:
        lines.append(f"### {_when(session['started'], tz)}: {escape(session['exercise_title'])}")
        lines.append("")
        lines.append(f"- Exercise: {escape(session['exercise'])} ({escape(session['skill'])})")
        if session["status"] != "completed":
            lines.append("- Ended early")
        distress = _distress(session)
        if distress:
            lines.append(f"- Distress: {distress}")
        if session.get("bring_to_session"):
            lines.append("- Bring to my next session")
        if session.get("note"):
            lines.append(f"- Note: {_inline(session['note'])}")
        answers = {k: answer_text(v) for k, v in session.get("answers", {}).items()}
        answers = {k: v for k, v in answers.items() if v}
        if answers:
            lines.append("- Answers:")
            lines += [f"  - {escape(k)}: {_inline(v)}" for k, v in answers.items()]
        lines.append("")
    if data.cards:
        lines += ["## Cards", ""]
    for card in data.cards:
        lines.append(f"### {escape(card['title'])} ({_when(card['created'], tz)[:10]})")
        lines.append("")
        lines += [f"> {escape(line)}" if line else ">" for line in card["text"].splitlines()]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
