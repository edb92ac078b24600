"""ProgressStore: every read and write of a person's practice goes through here.

Layout of the data folder (each file a TinyDB file written by SafeStorage):

    meta.json              schema_version, and a log of imports
    settings.json          the person's settings
    drafts.json            exercises in progress, one per exercise
    cards.json             kept scripts
    sessions/recent.json   the latest sessions, a few dozen at most
    sessions/YYYY-MM.json  older sessions, one file per month of `started`
    backups/YYYY-MM-DD/    yesterday's (and older) copies, last 7 days
    cache/tallies.json     counts per month for the figures; rebuilt whenever it disagrees

Recording a session rewrites only the small recent.json, never years of history, and opening
the store reads only meta.json.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import ValidationError
from tinydb import Query
from tinydb.table import Table

from coach.clock import Clock, local_now
from coach.core.stats import Tally, tally
from coach.errors import CoachError
from coach.prefs import Preferences
from coach.records import Card, Draft, Session, local_day, started_at
from coach.store import migrate
from coach.store.backup import Backups
from coach.store.storage import (
    DIR_MODE,
    FILE_MODE,
    Codec,
    CorruptFile,
    Refused,
    SafeStorage,
    StoreDB,
    atomic_write,
    describe_os_error,
    parse_tables,
    private_dir,
    remove_stale_temp_files,
)

LOCK_TIMEOUT = 20.0
RECENT = "sessions/recent.json"
TALLY_CACHE = "cache/tallies.json"
RECENT_LIMIT = 50


class StoreBusy(CoachError):
    """Another coach process held the lock for too long."""


class FolderChanged(CoachError):
    """Encryption was turned on or off by another coach while this one had the folder open."""


class StoreTooNew(CoachError):
    """The data folder was written by a newer coach."""


class ProgressStore:
    """Sessions, drafts, cards and settings, safe against crashes and a second coach process."""

    def __init__(
        self, data_dir: Path, clock: Clock = local_now, codec: Codec | None = None
    ) -> None:
        try:
            self.root = private_dir(Path(data_dir))
            (self.root / ".lock").touch(mode=FILE_MODE, exist_ok=True)
        except OSError as err:
            raise CoachError(
                f"coach cannot use {data_dir} for your data because {describe_os_error(err)}. "
                "Choose another folder with --data-dir or COACH_DATA_DIR."
            ) from None
        self.clock = clock
        self.codec = codec
        self.notices: list[str] = []
        self._lock = FileLock(str(self.root / ".lock"), timeout=LOCK_TIMEOUT, mode=FILE_MODE)
        self._dbs: dict[str, StoreDB] = {}
        self.backups = Backups(self.root, lambda: self.clock().date())
        self._key_stat: tuple[int, int] | None = None
        self._key_id: str | None = None
        self._opened_as = self._encryption()
        self._tidy()
        self._check_version()

    # ---- files ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the cross-process lock around one read-modify-write; never while a person types."""
        try:
            with self._lock:
                if self._encryption() != self._opened_as:
                    raise FolderChanged(
                        "Encryption was turned on or off in another coach window while this one "
                        "was open, so nothing more was saved here. Close this window and open "
                        "coach again; everything saved before is kept."
                    )
                yield
        except Timeout:
            raise StoreBusy(
                "Another coach window is busy saving and did not finish in time. "
                "Nothing was changed; try again in a moment."
            ) from None

    def _encryption(self) -> str | None:
        """Which key the folder is sealed under (key.json's id), None when it is plain; read
        again only when key.json changes, so checking before every write costs a stat."""
        path = self.root / "key.json"
        try:
            st = path.stat()
        except FileNotFoundError:
            self._key_stat = self._key_id = None
            return None
        except OSError:
            return self._key_id
        stamp = (st.st_ino, st.st_mtime_ns)
        if stamp != self._key_stat:
            try:
                self._key_id = str(json.loads(path.read_bytes()).get("key_id"))
            except (OSError, ValueError, AttributeError):
                self._key_id = "unreadable"
            self._key_stat = stamp
        return self._key_id

    def _db(self, relative: str) -> StoreDB:
        db = self._dbs.get(relative)
        if db is None:
            path = self.root / relative
            db = StoreDB(
                path,
                storage=SafeStorage,
                codec=self.codec,
                on_corrupt=self._recover,
                before_write=lambda path: self.backups.before_write(path),
                locked=lambda: self._lock.is_locked,
                check=_check_sessions if relative.startswith("sessions/") else None,
            )
            self._dbs[relative] = db
        return db

    def _table(self, relative: str, name: str) -> Table:
        return self._db(relative).table(name)

    def _raw(self, relative: str, name: str) -> Iterable[dict[str, Any]]:
        """The documents of one table as stored: read them, never change them."""
        if not (self.root / relative).exists():
            return ()
        storage = self._db(relative).storage
        tables = storage.read() or {}
        return tables.get(name, {}).values()

    def files(self) -> list[Path]:
        """Every store file there is now."""
        found = [
            self.root / name for name in ("meta.json", "settings.json", "drafts.json", "cards.json")
        ]
        found += sorted((self.root / "sessions").glob("*.json"))
        return [p for p in found if p.is_file()]

    def _tidy(self) -> None:
        """Remove temp files left by a killed coach; only under the lock, so no writer owns one."""
        try:
            with FileLock(str(self.root / ".lock"), timeout=0, mode=FILE_MODE):
                for day in [self.root, *self.backups.days()]:
                    remove_stale_temp_files(day)
                    remove_stale_temp_files(day / "sessions")
        except Timeout:
            pass  # another coach is writing; it will tidy next time

    def _parse(self, raw: bytes, path: Path) -> dict[str, Any]:
        """Stored bytes as tables, checked as the storage checks them; CorruptFile if not."""
        try:
            plain = self.codec.decode(raw, str(path)) if self.codec else raw
        except CorruptFile:
            raise
        except Exception as err:  # a codec that refuses the bytes
            raise CorruptFile(path, str(err) or "it cannot be read") from None
        data = parse_tables(plain, path)
        if path.parent.name == "sessions":
            _check_sessions(data, path)
        return data

    def _recover(self, corrupt: CorruptFile) -> dict[str, Any]:
        """Move an unreadable file aside and bring back its newest good backup."""
        path = corrupt.path
        relative = path.relative_to(self.root).as_posix()
        with self.writing():
            try:  # another coach may have recovered it a moment ago
                return self._parse(path.read_bytes(), path)
            except (CorruptFile, OSError):
                pass
            stamp = self.clock().strftime("%Y%m%dT%H%M%S")
            aside = path.with_name(f"{path.name}.corrupt-{stamp}")
            n = 1
            while aside.exists():
                n += 1
                aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
            os.replace(path, aside)
            for day, copy in self.backups.copies_of(relative):
                try:
                    raw = copy.read_bytes()
                    data = self._parse(raw, path)
                except (CorruptFile, OSError):
                    continue
                atomic_write(path, raw)
                self.notices.append(
                    f"{relative} could not be read ({corrupt.reason}). It was moved to "
                    f"{aside.name}, and the backup made on {day} was put back."
                )
                return data
            self.notices.append(
                f"{relative} could not be read ({corrupt.reason}). It was moved to {aside.name} "
                "and kept there; there was no backup of it yet, so it starts fresh."
            )
            return {}

    # ---- schema version ---------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        for doc in self._raw("meta.json", "meta"):
            version = doc.get("schema_version")
            if isinstance(version, int):
                return version
        return 0

    def _check_version(self) -> None:
        version = self.schema_version
        if version == migrate.CURRENT_VERSION:
            return
        if version > migrate.CURRENT_VERSION:
            raise StoreTooNew(
                f"Your practice was saved by a newer coach (store version {version}); this coach "
                f"reads up to version {migrate.CURRENT_VERSION}. Update coach to open it. "
                "Nothing was changed."
            )
        with self.writing():
            version = self.schema_version
            if version == 0:  # a new store: it starts at the first version
                version = 1
            for step_from, migration in migrate.steps_from(version):
                migration(self)
                self._set_version(step_from + 1)
            self._set_version(migrate.CURRENT_VERSION)

    def _set_version(self, version: int) -> None:
        table = self._table("meta.json", "meta")
        table.upsert({"schema_version": version}, Query().schema_version.exists())

    # ---- sessions ---------------------------------------------------------------------------
    #
    # New sessions go into the small sessions/recent.json, so recording one never rewrites
    # history. Once it holds RECENT_LIMIT sessions they move into their month files. Were coach
    # killed during that move, a session could sit in both places for a while: every read takes
    # the copy in recent.json, and the next move settles it.

    @staticmethod
    def _month_file(started: str) -> str:
        return f"sessions/{started[:7]}.json"

    def session_months(self) -> list[str]:
        """The months that have sessions filed, as `YYYY-MM`, oldest first."""
        folder = self.root / "sessions"
        return sorted(p.stem for p in folder.glob("????-??.json")) if folder.is_dir() else []

    def record_session(self, session: Session | dict[str, Any]) -> Session:
        """Store a finished session; once this returns, it is on disk."""
        record = session if isinstance(session, Session) else Session.model_validate(session)
        data = record.as_record()
        with self.writing():
            private_dir(self.root / "sessions")
            recent = self._table(RECENT, "sessions")
            found = recent.get(Query().id == record.id)
            if found is not None:
                recent.update(data, doc_ids=[found.doc_id])
                return record
            month = self._month_file(record.started)
            if (self.root / month).exists():
                filed = self._table(month, "sessions")
                found = filed.get(Query().id == record.id)
                if found is not None:
                    filed.update(data, doc_ids=[found.doc_id])
                    return record
            recent.insert(data)
            if len(recent) >= RECENT_LIMIT:
                # the session is saved; filing into month files can wait for the next save
                with contextlib.suppress(CoachError):
                    self._file_recent()
        return record

    def record_run(self, session: Session, cards: list[Card]) -> Session:
        """A finished run: its session, the cards kept in it, and its draft let go, all under
        one hold of the lock, so another coach window never sees half of it."""
        with self.writing():
            self.record_session(session)
            for card in cards:
                self.keep_card(card)
            self.discard_draft(session.exercise)
        return session

    def _file_recent(self) -> None:
        """Move the sessions in recent.json into their month files (under the lock)."""
        by_month: dict[str, list[dict[str, Any]]] = {}
        for doc in self._raw(RECENT, "sessions"):
            by_month.setdefault(self._month_file(doc["started"]), []).append(dict(doc))
        for relative, batch in sorted(by_month.items()):
            self._merge(relative, batch)
        self._table(RECENT, "sessions").truncate()

    def _merge(self, relative: str, batch: list[dict[str, Any]]) -> int:
        """Add sessions to one month file in one write; a stored id gets the newer copy."""
        table = self._table(relative, "sessions")
        filed = {doc["id"]: doc.doc_id for doc in table.all()}
        for doc in batch:
            if doc["id"] in filed:
                table.update(doc, doc_ids=[filed[doc["id"]]])
        new = [doc for doc in batch if doc["id"] not in filed]
        if new:
            table.insert_multiple(new)
        return len(new)

    def iter_sessions(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Sessions as stored, in no particular order; only months in range are read, and
        `progress(1)` is called after each.

        The dicts are the store's own: read them, do not change them.
        """
        recent = list(self._raw(RECENT, "sessions"))
        recent_ids = {doc["id"] for doc in recent}
        first = (since - dt.timedelta(days=31)).strftime("%Y-%m") if since else None
        last = (until + dt.timedelta(days=31)).strftime("%Y-%m") if until else None
        for month in self.session_months():
            if (first and month < first) or (last and month > last):
                continue
            docs = self._raw(f"sessions/{month}.json", "sessions")
            if recent_ids:
                docs = [doc for doc in docs if doc["id"] not in recent_ids]
            yield from docs
            if progress:
                progress(1)
        yield from recent

    def sessions(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        exercise: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[dict[str, Any]]:
        """Sessions newest first, as export records, between two dates (as the person lived them)."""
        found = []
        for record in self.iter_sessions(since, until, progress):
            if exercise and not _matches_exercise(record["exercise"], exercise):
                continue
            day = local_day(record["started"])
            if (since and day < since) or (until and day > until):
                continue
            found.append(dict(record))
        found.sort(key=lambda r: (started_at(r), r["id"]), reverse=True)
        return found

    def tally(self) -> Tally:
        """Counts of every session for the figures. A month whose file has not changed since
        the last time comes from the tally cache, so years of history are not re-read."""
        cache = self._tally_cache()
        recent = list(self._raw(RECENT, "sessions"))
        recent_ids = {doc["id"] for doc in recent}
        recent_months = {doc["started"][:7] for doc in recent}
        total = tally(recent)
        kept: dict[str, Any] = {}
        changed = False
        for month in self.session_months():
            relative = f"sessions/{month}.json"
            try:
                st = (self.root / relative).stat()
            except FileNotFoundError:
                continue
            if (
                month in recent_months
            ):  # count a session also in recent.json (a move cut short) once
                total.add(
                    tally([d for d in self._raw(relative, "sessions") if d["id"] not in recent_ids])
                )
                continue
            identity = [st.st_ino, st.st_size, st.st_mtime_ns]
            entry = cache.get(month)
            if entry and entry.get("identity") == identity:
                try:
                    part = Tally.from_json(entry["tally"])
                    total.add(part)
                except (KeyError, TypeError, ValueError, IndexError):
                    pass  # a cache of another shape: count this month again below
                else:
                    kept[month] = entry
                    continue
            part = tally(list(self._raw(relative, "sessions")))
            total.add(part)
            kept[month] = {"identity": identity, "tally": part.as_json()}
            changed = True
        if changed or kept.keys() != cache.keys():
            self._save_tally_cache(kept)
        return total

    def _tally_cache(self) -> dict[str, Any]:
        path = self.root / TALLY_CACHE
        try:
            raw = path.read_bytes()
            data = json.loads(self.codec.decode(raw, str(path)) if self.codec else raw)
        except (OSError, ValueError):
            return {}
        except Exception:  # a cache that cannot be decoded is rebuilt, never trusted
            return {}
        return (
            data
            if isinstance(data, dict) and all(isinstance(v, dict) for v in data.values())
            else {}
        )

    def _save_tally_cache(self, data: dict[str, Any]) -> None:
        path = self.root / TALLY_CACHE
        plain = json.dumps(data, separators=(",", ":")).encode()
        with contextlib.suppress(CoachError):  # a cache that cannot be saved is only slower
            private_dir(path.parent)
            atomic_write(path, self.codec.encode(plain, str(path)) if self.codec else plain)

    def latest_sessions(self, count: int) -> list[dict[str, Any]]:
        """The newest `count` sessions, reading months from the newest back only as far as needed."""
        found = [dict(doc) for doc in self._raw(RECENT, "sessions")]
        seen = {doc["id"] for doc in found}
        for month in reversed(self.session_months()):
            if len(found) >= count:
                newest = sorted(found, key=started_at, reverse=True)[:count]
                if all(doc["started"][:7] > month for doc in newest):
                    break
            for doc in self._raw(f"sessions/{month}.json", "sessions"):
                if doc["id"] not in seen:
                    found.append(dict(doc))
        found.sort(key=lambda r: (started_at(r), r["id"]), reverse=True)
        return found[:count]

    def session(self, session_id: str) -> dict[str, Any] | None:
        for record in self.iter_sessions():
            if record.get("id") == session_id:
                return dict(record)
        return None

    def session_ids(self) -> set[str]:
        return {record["id"] for record in self.iter_sessions()}

    def add_sessions(
        self, records: list[Session], progress: Callable[[int], None] | None = None
    ) -> int:
        """Add many sessions (an import) straight to their month files; stored ids are kept."""
        with self.writing():
            known = self.session_ids()
            by_month: dict[str, list[dict[str, Any]]] = {}
            for record in records:
                if record.id not in known:
                    known.add(record.id)
                    by_month.setdefault(self._month_file(record.started), []).append(
                        record.as_record()
                    )
            private_dir(self.root / "sessions")
            added = 0
            for relative, batch in sorted(by_month.items()):
                added += self._merge(relative, batch)
                if progress:
                    progress(len(batch))
        return added

    # ---- drafts -----------------------------------------------------------------------------

    def save_draft(self, draft: Draft) -> None:
        """Keep an exercise in progress; called after every step."""
        data = draft.model_dump(mode="json")
        with self.writing():
            self._table("drafts.json", "drafts").upsert(data, Query().exercise == draft.exercise)

    def draft(self, exercise: str) -> Draft | None:
        for doc in self._raw("drafts.json", "drafts"):
            if doc.get("exercise") == exercise:
                with contextlib.suppress(ValidationError):
                    return Draft.model_validate(doc)
        return None

    def drafts(self) -> list[Draft]:
        """Every exercise in progress, the most recently touched first."""
        found = []
        for doc in self._raw("drafts.json", "drafts"):
            with contextlib.suppress(ValidationError):
                found.append(Draft.model_validate(doc))
        return sorted(found, key=lambda d: dt.datetime.fromisoformat(d.updated), reverse=True)

    def discard_draft(self, exercise: str) -> None:
        with self.writing():
            self._table("drafts.json", "drafts").remove(Query().exercise == exercise)

    # ---- cards ------------------------------------------------------------------------------

    def keep_card(self, card: Card | dict[str, Any]) -> Card:
        record = card if isinstance(card, Card) else Card.model_validate(card)
        with self.writing():
            self._table("cards.json", "cards").upsert(record.as_record(), Query().id == record.id)
        return record

    def cards(self) -> list[dict[str, Any]]:
        """Kept scripts, newest first."""
        found = [dict(doc) for doc in self._raw("cards.json", "cards")]
        return sorted(
            found, key=lambda c: (dt.datetime.fromisoformat(c["created"]), c["id"]), reverse=True
        )

    def add_cards(self, cards: list[Card]) -> int:
        with self.writing():
            have = {doc["id"] for doc in self._raw("cards.json", "cards")}
            new = [c.as_record() for c in cards if c.id not in have]
            if new:
                self._table("cards.json", "cards").insert_multiple(new)
        return len(new)

    # ---- settings ---------------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        return {doc["key"]: doc.get("value") for doc in self._raw("settings.json", "settings")}

    def setting(self, key: str, default: Any = None) -> Any:
        return self.settings().get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        with self.writing():
            self._table("settings.json", "settings").upsert(
                {"key": key, "value": value}, Query().key == key
            )

    def preferences(self) -> Preferences:
        """The person's preferences; a missing or odd value reads as its default."""
        return Preferences.from_stored(self.settings())

    def save_preferences(self, preferences: Preferences) -> None:
        """Store every preference in one locked write."""
        with self.writing():
            table = self._table("settings.json", "settings")
            for key, value in preferences.stored().items():
                table.upsert({"key": key, "value": value}, Query().key == key)

    # ---- imports log ------------------------------------------------------------------------

    def log_import(self, entry: dict[str, Any]) -> None:
        with self.writing():
            self._table("meta.json", "imports").insert(entry)

    def imports(self) -> list[dict[str, Any]]:
        return [dict(doc) for doc in self._raw("meta.json", "imports")]

    # ---- repairs ----------------------------------------------------------------------------

    def repair(self) -> list[str]:
        """For `coach doctor --fix`: owner-only permissions, no leftover temp files, and every
        unreadable file moved aside with its newest backup put back. Says what it did."""
        done: list[str] = []
        for path in [self.root, *sorted(self.root.rglob("*"))]:
            if path.is_symlink():
                continue
            want = DIR_MODE if path.is_dir() else FILE_MODE
            try:
                if stat.S_IMODE(path.stat().st_mode) != want:
                    path.chmod(want)
                    done.append(f"Made {path} readable by you only.")
            except OSError:
                continue
        with self.writing():
            for folder in [self.root, self.root / "sessions", *self.backups.days()]:
                for removed in remove_stale_temp_files(folder) + remove_stale_temp_files(
                    folder / "sessions"
                ):
                    done.append(f"Removed an unfinished temp file, {removed.name}.")
            for path in self.files():
                try:
                    self._db(path.relative_to(self.root).as_posix()).storage.read()
                except Refused as err:
                    done.append(self._restore_refused(path, str(err)))
        done += self.notices
        self.notices.clear()
        return done

    def _restore_refused(self, path: Path, reason: str) -> str:
        """Only when asked (doctor --fix): put back the newest backup that opens, keeping the
        refused file beside it. With no such backup the file is left exactly as it is."""
        relative = path.relative_to(self.root).as_posix()
        for day, copy in self.backups.copies_of(relative):
            try:
                raw = copy.read_bytes()
                self._parse(raw, path)
            except (CorruptFile, OSError):
                continue
            aside = path.with_name(f"{path.name}.corrupt-{self.clock().strftime('%Y%m%dT%H%M%S')}")
            os.replace(path, aside)
            atomic_write(path, raw)
            self._dbs.pop(relative, None)
            return (
                f"{relative} could not be opened. It was moved to {aside.name}, and the backup "
                f"made on {day} was put back."
            )
        return f"{reason} There is no backup of it that opens, so it was left as it is."

    def close(self) -> None:
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()


_SESSION_KEYS = frozenset(Session.model_fields)


def _check_sessions(tables: dict[str, Any], path: Path) -> None:
    """A session file holds whole sessions: one written by something else is not read as one."""
    for doc in tables.get("sessions", {}).values():
        if not _SESSION_KEYS <= doc.keys() or not isinstance(doc["started"], str):
            raise CorruptFile(path, "a session in it is missing some of its fields")


def _matches_exercise(full_id: str, wanted: str) -> bool:
    """`core/box-breathing` matches itself and `box-breathing`."""
    return full_id == wanted or ("/" not in wanted and full_id.split("/", 1)[-1] == wanted)
