"""Filing sessions and reading them back as typed records, with cached counts per month.

New sessions go into the small sessions/recent.json, so recording one never rewrites history.
Once it holds RECENT_LIMIT sessions they move into their month files. Were coach killed during
that move, a session could sit in both places for a while: every read takes the copy in
recent.json, and the next move settles it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import to_json

from coach.errors import CoachError
from coach.files import private_dir
from coach.records import Session, local_day
from coach.store.batch import JOURNAL, STAGED_MARK, finish_batch, write_all
from coach.store.recovery import Recovery
from coach.store.tallies import RECENT, Tallies

RECENT_LIMIT = 50

_SESSIONS = TypeAdapter(list[Session])
Doc = dict[str, Any]


def month_file(started: str) -> str:
    return f"sessions/{started[:7]}.json"


def _newest_first(doc: Doc) -> tuple[dt.datetime, str]:
    return dt.datetime.fromisoformat(doc["started"]), doc["id"]


class Sessions(Tallies, Recovery):
    """The sessions part of ProgressStore."""

    def session_months(self) -> list[str]:
        """The months that have sessions filed, as `YYYY-MM`, oldest first."""
        folder = self.root / "sessions"
        return sorted(p.stem for p in folder.glob("????-??.json")) if folder.is_dir() else []

    def _typed(self, docs: list[Doc]) -> list[Session]:
        """Stored sessions as records. Each file's were validated once as it was read (a file
        that does not validate is set aside and its backup put back), so a document seen then
        is not validated again; one written since is validated here."""
        return [record for record in self._aligned(docs) if record is not None]

    def _aligned(self, docs: list[Doc]) -> list[Session | None]:
        """Stored sessions as records, in order, None for one that no longer validates."""
        checked = self._checked
        out: list[Session | None] = []
        unchecked: list[Doc] = []
        for doc in docs:
            hit = checked.get(id(doc))
            if hit is not None and hit[0] is doc:
                out.append(hit[1])
            else:
                out.append(None)
                unchecked.append(doc)
        if unchecked:
            fresh = iter(self._validated(unchecked))
            out = [record if record is not None else next(fresh) for record in out]
        return out

    def _release(self, relative: str, had: bool) -> None:
        """Let go of a month file read only to be streamed, so years are never held at once."""
        if had or relative == RECENT:
            return
        self._forget_checked(self.root / relative)
        db = self._dbs.pop(relative, None)
        if db is not None:
            db.close()

    def _validated(self, docs: list[Doc]) -> list[Session | None]:
        """Documents as records, in order; one that no longer validates (changed by hand) is
        left on disk as it is, None here, and named in `notices`."""
        try:
            return list(_SESSIONS.validate_python(docs))
        except ValidationError:
            pass
        found: list[Session | None] = []
        for doc in docs:
            try:
                found.append(Session.model_validate(doc))
            except ValidationError:
                found.append(None)
                notice = (
                    f"The session {doc.get('id')} ({str(doc.get('started'))[:10]}) could not be "
                    "read as coach keeps sessions, so it was left as it is and not shown."
                )
                if notice not in self.notices:
                    self.notices.append(notice)
        return found

    def record_session(self, session: Session | dict[str, Any]) -> Session:
        """Store a finished session; once this returns, it is on disk."""
        record = session if isinstance(session, Session) else Session.model_validate(session)
        data = record.as_record()
        with self.writing():
            private_dir(self.root / "sessions")
            recent = self._table(RECENT, "sessions")
            for relative in (RECENT, month_file(record.started)):
                doc_id = self._doc_id(relative, record.id)
                if doc_id is not None:  # recorded before: the newer copy replaces it
                    self._table(relative, "sessions").update(data, doc_ids=[doc_id])
                    return record
            recent.insert(data)
            if len(recent) >= RECENT_LIMIT:
                # the session is saved; filing into month files can wait for the next save
                with contextlib.suppress(CoachError):
                    self._file_recent()
        return record

    def _doc_id(self, relative: str, session_id: str) -> int | None:
        """Where a session with this id is kept in one file, read as stored (one plain pass over
        the month's documents, with no query object called for each)."""
        stored = self._as_stored(relative, "sessions").items()
        return next((int(key) for key, doc in stored if doc.get("id") == session_id), None)

    def _stored_session(self, session_id: str, started: str) -> Doc | None:
        """The stored document of one session, looked for where recording it would put it."""
        for relative in (RECENT, month_file(started)):
            for doc in self._raw(relative, "sessions"):
                if doc.get("id") == session_id:
                    return dict(doc)
        return None

    def _file_recent(self) -> None:
        """Move the sessions in recent.json into their month files (under the lock)."""
        by_month: dict[str, list[Doc]] = {}
        for doc in self._raw(RECENT, "sessions"):
            by_month.setdefault(month_file(doc["started"]), []).append(dict(doc))
        for relative, batch in sorted(by_month.items()):
            self._merge(relative, batch)
        self._table(RECENT, "sessions").truncate()

    def _merge(self, relative: str, batch: list[Doc]) -> int:
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

    def _stored(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[list[Doc]]:
        """Stored session documents, a month at a time (recent.json last); only months in range
        are read. The dicts are the store's own: read them, never change them."""
        recent = list(self._raw(RECENT, "sessions"))
        recent_ids = {doc["id"] for doc in recent}
        first = (since - dt.timedelta(days=31)).strftime("%Y-%m") if since else None
        last = (until + dt.timedelta(days=31)).strftime("%Y-%m") if until else None
        for month in self.session_months():
            if (first and month < first) or (last and month > last):
                continue
            docs = list(self._raw(f"sessions/{month}.json", "sessions"))
            if recent_ids:
                docs = [doc for doc in docs if doc["id"] not in recent_ids]
            yield docs
            if progress:
                progress(1)
        yield recent

    def iter_sessions(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[Session]:
        """Sessions in no particular order, a month at a time; `progress(1)` after each month."""
        for docs in self._stored(since, until, progress):
            yield from self._typed(docs)

    def ordered(
        self,
        newest_first: bool = True,
        since: dt.date | None = None,
        until: dt.date | None = None,
        exercise: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[Session]:
        """Sessions in order, a month at a time, so the first arrive before years are read.

        A month file holds sessions by their local `started`, and an offset can move a moment up
        to a day across a month's edge, so a session is held back until no other month's could
        come before it: the order is exactly that of `sessions()`."""
        recent: dict[str, list[Doc]] = {}
        for doc in self._raw(RECENT, "sessions"):
            recent.setdefault(doc["started"][:7], []).append(doc)
        recent_ids = {doc["id"] for docs in recent.values() for doc in docs}
        months = sorted(set(self.session_months()) | set(recent), reverse=newest_first)
        first = (since - dt.timedelta(days=31)).strftime("%Y-%m") if since else None
        last = (until + dt.timedelta(days=31)).strftime("%Y-%m") if until else None
        held: list[tuple[tuple[dt.datetime, str], Session]] = []
        day = dt.timedelta(hours=24)
        for month in months:
            if (first and month < first) or (last and month > last):
                continue
            relative = f"sessions/{month}.json"
            had = relative in self._dbs
            docs = list(self._raw(relative, "sessions"))
            if recent_ids:
                docs = [doc for doc in docs if doc["id"] not in recent_ids]
            docs += recent.get(month, [])
            docs = [doc for doc in docs if _wanted(doc, since, until, exercise)]
            held += [
                (_newest_first(doc), record)
                for doc, record in zip(docs, self._aligned(docs), strict=True)
                if record is not None
            ]
            self._release(relative, had)
            held.sort(key=_first_item, reverse=newest_first)
            start = dt.datetime.strptime(month, "%Y-%m").replace(tzinfo=dt.UTC)
            if newest_first:  # no earlier month holds a moment at or after this
                edge = start + day
                ready = next((i for i, (key, _) in enumerate(held) if key[0] < edge), len(held))
            else:  # no later month holds a moment before this
                following = (start + dt.timedelta(days=32)).replace(day=1)
                edge = following - day
                ready = next((i for i, (key, _) in enumerate(held) if key[0] >= edge), len(held))
            if ready:
                yield from [record for _, record in held[:ready]]
                del held[:ready]
            if progress:
                progress(1)
        yield from [record for _, record in held]

    def sessions(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        exercise: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[Session]:
        """Sessions newest first, between two dates (as the person lived them)."""
        found: list[Doc] = []
        for docs in self._stored(since, until, progress):
            for doc in docs:
                if exercise and not _matches_exercise(doc["exercise"], exercise):
                    continue
                day = local_day(doc["started"])
                if (since and day < since) or (until and day > until):
                    continue
                found.append(doc)
        found.sort(key=_newest_first, reverse=True)
        return self._typed(found)

    def latest_sessions(self, count: int) -> list[Session]:
        """The newest `count` sessions, reading months from the newest back only as far as needed."""
        found = list(self._raw(RECENT, "sessions"))
        seen = {doc["id"] for doc in found}
        for month in reversed(self.session_months()):
            if len(found) >= count:
                newest = sorted(found, key=_newest_first, reverse=True)[:count]
                if all(doc["started"][:7] > month for doc in newest):
                    break
            for doc in self._raw(f"sessions/{month}.json", "sessions"):
                if doc["id"] not in seen:
                    found.append(doc)
        found.sort(key=_newest_first, reverse=True)
        return self._typed(found[:count])

    def session(self, session_id: str) -> Session | None:
        for docs in self._stored():
            for doc in docs:
                if doc.get("id") == session_id:
                    typed = self._typed([doc])
                    return typed[0] if typed else None
        return None

    def session_ids(self) -> set[str]:
        return {doc["id"] for docs in self._stored() for doc in docs}

    def add_sessions(
        self, records: list[Session] | list[Doc], progress: Callable[[int], None] | None = None
    ) -> int:
        """Add many sessions (an import) straight to their month files; stored ids are kept.

        A session may come as its record or as the document it stores, already checked (the
        importer's). Every month file changed is written as one change (store/batch.py): killed
        part way, the store holds all of them or none, and the disk is synced once."""
        with self.writing():
            folder = private_dir(self.root / "sessions")
            finish_batch(folder)
            known = self.session_ids()
            by_month: dict[str, list[Doc]] = {}
            for record in records:
                doc = record if type(record) is dict else _doc(record)  # type: ignore[arg-type]
                if doc["id"] not in known:
                    known.add(doc["id"])
                    month = doc["started"][:7]
                    if month in by_month:
                        by_month[month].append(doc)
                    else:
                        by_month[month] = [doc]
            contents: dict[str, bytes] = {}
            for month, batch_records in sorted(by_month.items()):
                relative = month_file(month)
                path = self.root / relative
                tables = self._db(relative).storage.read() or {} if path.exists() else {}
                table = dict(tables.get("sessions", {}))
                first = max(map(int, table), default=0) + 1
                numbers = map(str, range(first, first + len(batch_records)))
                table.update(zip(numbers, batch_records, strict=True))
                plain = _compact({**tables, "sessions": table})
                contents[path.name] = self.codec.encode(plain, str(path)) if self.codec else plain
                self._before_write(path)
                if progress:
                    progress(len(batch_records))
            write_all(folder, contents)
        return sum(len(found) for found in by_month.values())

    def _finish_interrupted(self) -> None:
        """An import killed part way is finished, or let go, before anything is read."""
        folder = self.root / "sessions"
        if folder.is_dir() and any(
            entry.name == JOURNAL or STAGED_MARK in entry.name for entry in os.scandir(folder)
        ):
            with contextlib.suppress(CoachError, OSError), self.writing():
                finish_batch(folder)
        super()._finish_interrupted()

    # ---- counts for the figures -------------------------------------------------------------


def _doc(record: Session) -> Doc:
    """A session as its stored document, as `as_record` gives it: its fields hold plain JSON
    values already, so they are taken as they are, without a copy, to be written at once."""
    return {**record.__dict__, **(record.__pydantic_extra__ or {})}


def _compact(tables: dict[str, Any]) -> bytes:
    """A month file's tables as compact UTF-8 JSON, by pydantic's core (its values are plain
    JSON, checked: finite numbers, whole text), several times quicker than json.dumps."""
    return to_json(tables)


def _first_item(pair: tuple[tuple[dt.datetime, str], Session]) -> tuple[dt.datetime, str]:
    return pair[0]


def _wanted(doc: Doc, since: dt.date | None, until: dt.date | None, exercise: str | None) -> bool:
    """Whether a stored session is in the days and of the exercise asked for."""
    if exercise and not _matches_exercise(doc["exercise"], exercise):
        return False
    if since or until:
        day = local_day(doc["started"])
        return not ((since and day < since) or (until and day > until))
    return True


def _matches_exercise(full_id: str, wanted: str) -> bool:
    """`core/box-breathing` matches itself and `box-breathing`."""
    return full_id == wanted or ("/" not in wanted and full_id.split("/", 1)[-1] == wanted)
