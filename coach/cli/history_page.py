"""`coach history`'s lines: the newest sessions that fit, --limit N or --all, and how many more.

One body for the Typer command and the fast path (`coach.cli.fast`). A plain folder whose files
were checked before is read through `coach.store.glance` without the record models, so the
first line comes at once; anything it cannot vouch for is read through the store, which sets a
damaged month aside and says so.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from coach.clock import local_now

if TYPE_CHECKING:
    from coach.cli.settings import Settings


def show(
    settings: Settings,
    since: str | None,
    start: dt.date | None,
    exercise: str | None,
    limit: int | None,
    show_all: bool,
) -> None:
    """Print the newest sessions that fit (or `limit`, or all), then how many are not shown."""
    from coach.cli.dates import check_range
    from coach.cli.output import say

    check_range(start, None)
    count = None if show_all else limit or _fits_screen()
    newest, tz, glance = _newest(settings, start, exercise, count)
    shown = _print_lines(islice(newest, count) if count else newest, tz)
    if glance is not None:
        glance.save()
    if not shown:
        if exercise:
            refuse_unknown(settings, exercise)
        say(
            "Nothing here yet. When you finish an exercise, it shows up here."
            if not since and not exercise
            else "No sessions match that."
        )
        return
    if count is None or shown < count:
        return
    more = _more(settings, glance, newest, start, exercise, shown)
    if more > 0:
        say(
            f"{more:,} older session{'s are' if more != 1 else ' is'} not shown. "
            f"Add --limit {shown + min(more, 100)} to see more, or --all to see every one.",
            style="dim",
        )


def refuse_unknown(settings: Settings, exercise: str) -> None:
    """No session matched an exercise id: when no exercise has that id either, say which id is
    unknown (and the close ones) with exit status 1, rather than "no sessions"."""
    from coach.cli.listing import exercises
    from coach.errors import UnknownExercise
    from coach.packs.search import unknown_exercise

    refs = exercises(settings)
    typed = exercise.strip()
    if any(typed in (ref.full_id, ref.exercise.id) for ref in refs):
        return
    raise UnknownExercise(unknown_exercise(typed, refs))


def _newest(
    settings: Settings, start: dt.date | None, exercise: str | None, count: int | None
) -> tuple[Iterator[Any], Any, Any]:
    """The sessions newest first, the local time zone, and the quick look when it vouched."""
    if count and not settings.encrypted():  # --all reads every month: through the store
        from coach.store.glance import Glance, NotVouched, Row

        try:
            glance = Glance(settings.data_dir)
            rows = glance.newest(start, exercise)
            page = [Row(doc) for doc in islice(rows, count)]
        except NotVouched:
            pass
        else:
            return _chain(iter(page), rows), local_now().tzinfo, glance
    store = settings.store()
    return store.ordered(since=start, exercise=exercise), store.clock().tzinfo, None


def _chain(page: Iterator[Any], rest: Iterator[Any]) -> Iterator[Any]:
    """The first page, then the documents after it (counted, not shown)."""
    yield from page
    yield from rest


def _more(
    settings: Settings,
    glance: Any,
    newest: Iterator[Any],
    start: dt.date | None,
    exercise: str | None,
    shown: int,
) -> int:
    """How many sessions were not shown."""
    if glance is not None:
        from coach.store.glance import NotVouched

        try:
            if start or exercise:
                return sum(1 for _ in newest)  # only the months in range
            total = glance.count()
            if total is not None:
                return total - shown
        except NotVouched:
            pass
        finally:
            glance.save()
        store = settings.store()
        if start or exercise:
            return sum(1 for _ in store.ordered(since=start, exercise=exercise)) - shown
        return store.tally().sessions - shown
    if start or exercise:
        return sum(1 for _ in newest)  # only the months in range, or of one exercise
    return settings.store().tally().sessions - shown  # from the store's cache, not re-read


def _fits_screen() -> int:
    """How many sessions fit the terminal (20 when the output is not a terminal)."""
    if not sys.stdout.isatty():
        return 20
    return max(5, shutil.get_terminal_size().lines - 4)


def _print_lines(sessions: Iterable[Any], tz: Any) -> int:
    """Print sessions as they are read, a small chunk at a time; how many there were."""
    from coach.cli.output import stdout_console
    from coach.render.history_lines import history_header, history_lines

    console = stdout_console()
    width = console.width
    shown = 0
    chunk: list[Any] = []
    for session in sessions:
        if not shown and not chunk:
            console.print(history_header(width), soft_wrap=True)
        chunk.append(session)
        if len(chunk) >= (20 if shown < 20 else 500):
            console.print(history_lines(chunk, tz, width), soft_wrap=True)
            shown += len(chunk)
            chunk = []
    if chunk:
        console.print(history_lines(chunk, tz, width), soft_wrap=True)
        shown += len(chunk)
    return shown
