"""What the export screen writes, kept out of the UI: the CLI's report, its "what will be
included" preview, and prep, from the store and library the app holds (no Textual here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.core.prep import Prep
    from coach.export.report import Report
    from coach.packs.library import Library
    from coach.records import SafetyPlan
    from coach.store.store import ProgressStore

FORMATS = ("html", "md", "csv", "json")
Notes = Literal["flagged", "all", "none"]
PREP_DAYS = 14


def default_folder() -> Path:
    """Documents in the person's home folder when there is one, else the home folder."""
    home = Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home


def default_name(fmt: str, today: dt.date) -> str:
    return f"coach-report-{today.isoformat()}.{fmt}"


def parse_day(typed: str, what: str) -> dt.date | None:
    """A typed date (2026-11-30), empty for none; a calm CoachError for anything else."""
    typed = typed.strip()
    if not typed:
        return None
    try:
        return dt.date.fromisoformat(typed)
    except ValueError:
        raise CoachError(f"{what} needs a date like 2026-11-30.") from None


def checked_range(since: str, until: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The range typed, refused in one sentence when it is reversed or starts after today."""
    start, end = parse_day(since, "From"), parse_day(until, "To")
    if start is not None and end is not None and start > end:
        raise CoachError("From comes after To. Swap them, or leave one empty.")
    if start is not None and start > today:
        raise CoachError("From is after today, so there is nothing to include yet.")
    return start, end


@dataclass
class Built:
    """A report ready to write: what it holds, said in one sentence, and its text."""

    summary: str
    text: str


def build(
    store: ProgressStore,
    library: Library,
    fmt: str,
    start: dt.date | None,
    end: dt.date | None,
    notes: Notes,
    safety_plan: bool = False,
) -> Built:
    """The report as `coach export` builds it, with the same preview sentence; the safety plan
    only when ticked (as `--safety-plan`)."""
    report, summary, plan = _prepared(store, library, fmt, start, end, notes, safety_plan)
    if fmt == "json":
        text = _json(store, library, start, end, notes, plan)
    else:
        from coach.export import csv_export, html, markdown

        text = {"csv": csv_export.render, "md": markdown.render, "html": html.render}[fmt](report)
    return Built(summary, text)


def preview(
    store: ProgressStore,
    library: Library,
    fmt: str,
    start: dt.date | None,
    end: dt.date | None,
    notes: Notes,
    safety_plan: bool = False,
) -> str:
    """The "This will include …" sentence for these choices, said before anything is written."""
    return _prepared(store, library, fmt, start, end, notes, safety_plan)[1]


def _prepared(
    store: ProgressStore,
    library: Library,
    fmt: str,
    start: dt.date | None,
    end: dt.date | None,
    notes: Notes,
    safety_plan: bool,
) -> tuple[Any, str, Any]:
    """The shared report, its sentence and the plan it carries (None unless ticked and kept)."""
    from coach.export.consent import chosen_plan

    plan, left_out = chosen_plan(store, fmt, safety_plan)
    report = shared_report(store, library, start, end, notes, plan)
    return report, _said(report, left_out), plan


def _said(report: Report, left_out: str | None) -> str:
    return f"{report.summary()} {left_out}" if left_out else report.summary()


def shared_report(
    store: ProgressStore,
    library: Library,
    start: dt.date | None,
    end: dt.date | None,
    notes: Notes,
    safety_plan: SafetyPlan | None = None,
) -> Report:
    """The report `coach export` shares; its `summary()` is the "what will be included" line."""
    from coach.core import stats as figures
    from coach.export import report
    from coach.export.data import ExportData, gather_cards

    cards = gather_cards(store, start, end)
    data = ExportData(store.clock(), [], cards, start, end, safety_plan)
    whole = None if start or end else figures.figures(store.tally())
    sessions = store.ordered(newest_first=False, since=start, until=end)
    return report.build_streamed(sessions, data, report.plan_snapshot(library), notes, whole)


def _json(
    store: ProgressStore,
    library: Library,
    start: dt.date | None,
    end: dt.date | None,
    notes: Notes,
    safety_plan: SafetyPlan | None,
) -> str:
    """The coach-export/1 document, with the notes chosen (as `coach export --format json`)."""
    from coach.export import report, stream
    from coach.export.data import gather_cards

    sessions = store.ordered(newest_first=False, since=start, until=end)
    cards = [card.as_record() for card in gather_cards(store, start, end)]
    exported = store.clock().isoformat(timespec="seconds")
    plan = report.plan_snapshot(library)
    kept = safety_plan.as_record() if safety_plan is not None else None
    return "".join(stream.export_document(exported, sessions, cards, plan, notes, kept))


def prep(store: ProgressStore, start: dt.date | None) -> Prep:
    """What to bring to the next session, from `start` (two weeks back when not chosen)."""
    from coach.core.prep import gather_prep

    today = store.clock().date()
    since = start or today - dt.timedelta(days=PREP_DAYS)
    return gather_prep(store.sessions(since=since), since, today)


def encrypted(store: ProgressStore) -> bool:
    from coach.store.storage import PlainCodec

    codec = getattr(store, "codec", None)
    return codec is not None and not isinstance(codec, PlainCodec)


def write(path: Path, text: str) -> None:
    """Written owner-only, in one go; a calm CoachError when it cannot be."""
    from coach.files import write_private

    write_private(path, text.encode("utf-8"))
