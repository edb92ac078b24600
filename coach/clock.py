"""The person's time: passed in everywhere (never read deep inside), so tests can fix it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def local_now() -> dt.datetime:
    """The person's local time, with its UTC offset."""
    return dt.datetime.now().astimezone()
