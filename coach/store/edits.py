"""Changing what was kept: a session's note edited, a session deleted, and the exact record put
back (undo). Each is applied to the store at once, under the lock: a crash after a delete keeps it
deleted. The tally cache and the home's summary follow the files (both are keyed by each file's
identity), and the summary is also let go at once, so nothing stale is ever shown."""

from __future__ import annotations

from typing import Any

from tinydb import Query

from coach.records import NOTE_LIMIT, Session
from coach.store import summary
from coach.store.sessions import Sessions, month_file
from coach.store.tallies import RECENT
from coach.text import clean

Doc = dict[str, Any]


class SessionEdits(Sessions):
    """Delete, restore and edit sessions; the caller keeps what was returned to undo."""

    def _holding(self, session: Session | Doc) -> list[str]:
        """The files that hold a session (recent.json and its month file, in that order)."""
        started = session.started if isinstance(session, Session) else session["started"]
        return [RECENT, month_file(started)]

    def delete_session(self, session_id: str, started: str | None = None) -> Doc | None:
        """Remove a session from every file that holds it; its stored document, to put back.
        Given when it started, only the two files that can hold it are read."""
        with self.writing():
            if started is not None:
                places = self._holding({"started": started})
            else:
                places = [RECENT, *(f"sessions/{m}.json" for m in self.session_months())]
            for relative in places:
                if not (self.root / relative).exists():
                    continue
                found = self._table(relative, "sessions").search(Query().id == session_id)
                if not found:
                    continue
                doc = dict(found[0])
                for relative_held in self._holding(doc):
                    if (self.root / relative_held).exists():
                        self._table(relative_held, "sessions").remove(Query().id == session_id)
                summary.forget(self.root)
                return doc
        return None

    def restore_session(self, doc: Doc) -> Session:
        """Put a session back exactly as it was stored (same id, same fields)."""
        record = Session.model_validate(doc)
        with self.writing():
            stored = self._stored_session(record.id, record.started)
            if stored is None:
                self._merge(month_file(record.started), [dict(doc)])
            else:
                for relative in self._holding(record):
                    if (self.root / relative).exists():
                        table = self._table(relative, "sessions")
                        table.update(dict(doc), Query().id == record.id)
            summary.forget(self.root)
        return record

    def edit_session(
        self,
        session_id: str,
        note: str | None,
        bring_to_session: bool | None = None,
        started: str | None = None,
    ) -> Doc | None:
        """Change a session's note (and whether it is marked for the next session); the stored
        document as it was before, to put back, or None when there is no such session. Given
        when it started, only the two files that can hold it are read."""
        if started is not None:
            old = self._stored_session(session_id, started)
        else:
            found = self.session(session_id)
            old = found.as_record() if found is not None else None
        if old is None:
            return None
        text = clean(note or "", multiline=True, limit=NOTE_LIMIT).strip()
        changes: Doc = {"note": text or None}
        if bring_to_session is not None:
            changes["bring_to_session"] = bring_to_session
        self.restore_session({**old, **changes})
        return old
