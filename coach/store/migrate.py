"""Store schema versions: each migration moves a store from version N to N+1, in order."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.store.store import ProgressStore

CURRENT_VERSION = 1
"""Version 1: sessions in one file per month, drafts, cards and settings in their own files."""

Migration = Callable[["ProgressStore"], None]

MIGRATIONS: dict[int, Migration] = {}
"""MIGRATIONS[n] turns a version-n store into version n+1 (none yet: version 1 is the first)."""


def steps_from(version: int, current: int | None = None) -> list[tuple[int, Migration]]:
    """The migrations to run, in order, to bring `version` up to the current version."""
    target = CURRENT_VERSION if current is None else current
    missing = [v for v in range(version, target) if v not in MIGRATIONS]
    if missing:
        raise LookupError(f"no migration from store version {missing[0]}")
    return [(v, MIGRATIONS[v]) for v in range(version, target)]
