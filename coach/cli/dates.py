"""The one rule for --since and --until, free of Typer so the fast path uses it too: a date
still to come, or a range that ends before it starts, is refused in one sentence (exit 2)."""

from __future__ import annotations

import datetime as dt

from coach.errors import CoachError


class UsageRefused(CoachError):
    """A command line that cannot mean anything: one calm sentence, exit status 2 (usage)."""

    exit_code = 2


def check_range(start: dt.date | None, end: dt.date | None, today: dt.date | None = None) -> None:
    """Refuse a reversed range, or one wholly in the future, naming the dates."""
    if start is not None and end is not None and start > end:
        raise UsageRefused(
            f"--since {start.isoformat()} is after --until {end.isoformat()}, so no day is "
            "between them; swap the two dates and try again."
        )
    if today is None:
        from coach.clock import local_now

        today = local_now().date()
    if start is not None and start > today:
        raise UsageRefused(
            f"--since {start.isoformat()} is after today ({today.isoformat()}), so there is "
            "nothing to show yet; choose today or an earlier date."
        )


def since_date(value: str | None) -> dt.date | None:
    """A --since value as a date when it is one (a malformed one is left to the option's check)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None
