"""A quick look at the newest sessions of a plain data folder, for `coach history`'s first page,
without loading the record models.

Every file read here is checked as the store checks it, once: its bytes' digest is kept in
cache/checked.json after the store's own check passed on exactly those bytes. A file whose
digest is not there is checked now (loading the models); one that does not pass raises
NotVouched, and the command reads through the store, which sets the file aside and puts its
backup back. The cache is never trusted over the files: any changed byte is a new digest.
An encrypted folder, a store of another version or a move cut short is NotVouched too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from hashlib import blake2b
from pathlib import Path
from typing import Any

CHECKED_CACHE = "cache/checked.json"
RECENT = "sessions/recent.json"
STORE_VERSION = 1  # coach.store.migrate.CURRENT_VERSION (tested equal)
Doc = dict[str, Any]


class NotVouched(Exception):
    """The quick look cannot vouch for a file: the store must read it."""


class Glance:
    """Read-only, checked views of one plain data folder's session files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        folder = root / "sessions"
        if (root / "key.json").exists() or not (root / "meta.json").is_file():
            raise NotVouched("encrypted or new")
        if folder.is_dir() and any(
            name.startswith(".") and (".staged-" in name or name == ".batch-journal")
            for name in (p.name for p in folder.iterdir())
        ):
            raise NotVouched("an import was cut short")
        try:
            meta = json.loads((root / "meta.json").read_bytes())
            versions = [doc.get("schema_version") for doc in meta.get("meta", {}).values()]
        except (OSError, ValueError, AttributeError) as err:
            raise NotVouched("meta.json") from err
        if STORE_VERSION not in versions:
            raise NotVouched("another store version")
        self._cache = self._read_cache()
        self._changed = False
        self.months = sorted(p.stem for p in folder.glob("????-??.json")) if folder.is_dir() else []

    def _read_cache(self) -> dict[str, str]:
        with contextlib.suppress(OSError, ValueError):
            data = json.loads((self.root / CHECKED_CACHE).read_bytes())
            if isinstance(data, dict):
                return {str(k): str(v) for k, v in data.items()}
        return {}

    def docs(self, relative: str) -> list[Doc]:
        """The session documents of one file, checked; NotVouched when it does not pass."""
        path = self.root / relative
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as err:
            raise NotVouched(relative) from err
        digest = blake2b(raw, digest_size=16).hexdigest()
        if self._cache.get(relative) == digest:
            return list(json.loads(raw).get("sessions", {}).values())
        from coach.store.checks import check_tables
        from coach.store.storage import PlainCodec, parse_tables

        try:
            tables = parse_tables(PlainCodec().decode(raw, str(path)), path)
            check_tables(tables, path)
        except Exception as err:  # damaged, sealed or odd: the store reads it and says so
            raise NotVouched(relative) from err
        self._cache[relative] = digest
        self._changed = True
        return list(tables.get("sessions", {}).values())

    def save(self) -> None:
        """Keep the digests of the files checked here (a cache not saved is only slower)."""
        if not self._changed:
            return
        from coach.files import atomic_write, private_dir

        known = {f"sessions/{m}.json" for m in self.months} | {RECENT}
        kept = {k: v for k, v in self._cache.items() if k in known}
        path = self.root / CHECKED_CACHE
        with contextlib.suppress(Exception):
            private_dir(path.parent)
            atomic_write(path, json.dumps(kept, separators=(",", ":")).encode())
        self._changed = False

    def newest(self, since: dt.date | None = None, exercise: str | None = None) -> Iterator[Doc]:
        """Session documents newest first, in the exact order of the store's `ordered()`."""
        recent: dict[str, list[Doc]] = {}
        for doc in self.docs(RECENT):
            recent.setdefault(doc["started"][:7], []).append(doc)
        recent_ids = {doc["id"] for docs in recent.values() for doc in docs}
        first = (since - dt.timedelta(days=31)).strftime("%Y-%m") if since else None
        held: list[tuple[tuple[dt.datetime, str], Doc]] = []
        day = dt.timedelta(hours=24)
        for month in sorted(set(self.months) | set(recent), reverse=True):
            if first and month < first:
                break
            docs = self.docs(f"sessions/{month}.json") if month in self.months else []
            if recent_ids:
                docs = [doc for doc in docs if doc["id"] not in recent_ids]
            docs += recent.get(month, [])
            held += [(key(doc), doc) for doc in docs if wanted(doc, since, exercise)]
            held.sort(key=_first, reverse=True)
            edge = dt.datetime.strptime(month, "%Y-%m").replace(tzinfo=dt.UTC) + day
            ready = next((i for i, (k, _) in enumerate(held) if k[0] < edge), len(held))
            yield from [doc for _, doc in held[:ready]]
            del held[:ready]
        yield from [doc for _, doc in held]

    def count(self) -> int | None:
        """How many sessions are stored, from the store's tally cache; None when it is stale."""
        try:
            cache = json.loads((self.root / "cache" / "tallies.json").read_bytes())
            recent = self.docs(RECENT)
            recent_ids = {doc["id"] for doc in recent}
            recent_months = {doc["started"][:7] for doc in recent}
            total = len(recent)
            for month in self.months:
                relative = f"sessions/{month}.json"
                if month in recent_months:  # a session also in recent.json is counted once
                    total += sum(doc["id"] not in recent_ids for doc in self.docs(relative))
                    continue
                st = (self.root / relative).stat()
                entry = cache[month]
                if entry["identity"] != [st.st_ino, st.st_size, st.st_mtime_ns]:
                    return None
                total += int(entry["tally"]["sessions"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return total


def key(doc: Doc) -> tuple[dt.datetime, str]:
    """A session's place in time (ties broken by id), as the store orders them."""
    return dt.datetime.fromisoformat(doc["started"]), doc["id"]


def _first(pair: tuple[tuple[dt.datetime, str], Doc]) -> tuple[dt.datetime, str]:
    return pair[0]


def wanted(doc: Doc, since: dt.date | None, exercise: str | None) -> bool:
    """Whether a session is on or after `since` (its own local day) and of `exercise`."""
    if exercise and not (
        doc["exercise"] == exercise
        or ("/" not in exercise and doc["exercise"].split("/", 1)[-1] == exercise)
    ):
        return False
    return not (since and dt.date.fromisoformat(doc["started"][:10]) < since)


class Row:
    """A stored session read for one history line: its fields as attributes."""

    __slots__ = ("_doc",)

    def __init__(self, doc: Doc) -> None:
        self._doc = doc

    def __getattr__(self, name: str) -> Any:
        try:
            return self._doc[name]
        except KeyError:
            raise AttributeError(name) from None
