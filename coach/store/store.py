"""ProgressStore: every read and write of a person's practice goes through here.

Layout of the data folder (each file a TinyDB file written by SafeStorage):

    meta.json              schema_version, and a log of imports
    settings.json          the person's preferences
    drafts.json            exercises in progress, one per exercise
    cards.json             kept scripts
    safety-plan.json       the person's safety plan, if they made one
    sessions/recent.json   the latest sessions, a few dozen at most
    sessions/YYYY-MM.json  older sessions, one file per month of `started`
    backups/YYYY-MM-DD/    yesterday's (and older) copies, last 7 days
    cache/tallies.json     counts per month for the figures; rebuilt whenever it disagrees
    cache/checked.json     digests of session files whose bytes passed the check (store/glance.py)

Recording a session rewrites only the small recent.json, never years of history, and opening
the store reads only meta.json. The folder and its lock are in store/folder.py, putting damaged
files right in store/recovery.py, and sessions in store/sessions.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tinydb import Query

from coach.clock import Clock, local_now
from coach.prefs import Preferences
from coach.records import Card, Draft, ImportEntry, SafetyPlan, Session, new_id
from coach.store import migrate, summary
from coach.store.edits import SessionEdits
from coach.store.folder import FolderChanged, StoreBusy, StoreFolder, StoreTooNew
from coach.store.safety_plan import SafetyPlans
from coach.store.sessions import RECENT, RECENT_LIMIT
from coach.store.storage import Codec
from coach.store.tallies import TALLY_CACHE

__all__ = [
    "RECENT",
    "RECENT_LIMIT",
    "TALLY_CACHE",
    "FolderChanged",
    "ProgressStore",
    "StoreBusy",
    "StoreFolder",
    "StoreTooNew",
]

_PREFERENCES = frozenset(Preferences.model_fields)


class ProgressStore(SafetyPlans, SessionEdits):
    """Sessions, drafts, cards, preferences and the safety plan, safe against crashes and a second coach."""

    def __init__(
        self, data_dir: Path, clock: Clock = local_now, codec: Codec | None = None
    ) -> None:
        super().__init__(data_dir, clock, codec)
        self._finish_interrupted()
        self._check_version()

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

    # ---- a finished run ---------------------------------------------------------------------

    def record_run(self, session: Session, cards: list[Card]) -> Session:
        """A finished run: its session, the cards kept in it, and its draft let go, all under
        one hold of the lock, so another coach window never sees half of it."""
        with self.writing():
            stored = self._stored_session(session.id, session.started)
            if stored is not None and stored != session.as_record():
                # another window finished a run resumed from the same draft: both are kept
                session = session.model_copy(update={"id": new_id()})
                kept = {doc.get("id"): doc for doc in self._raw("cards.json", "cards")}
                cards = [
                    card.model_copy(update={"id": str(uuid.uuid5(uuid.UUID(session.id), card.id))})
                    if card.id in kept and kept[card.id] != card.as_record()
                    else card
                    for card in cards
                ]
            self.record_session(session)
            for card in cards:
                self.keep_card(card)
            self.discard_draft(session.exercise)
        return session

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

    def cards(self) -> list[Card]:
        """Kept scripts, newest first (one changed by hand so it no longer reads is left out)."""
        found = []
        for doc in self._raw("cards.json", "cards"):
            with contextlib.suppress(ValidationError):
                found.append(Card.model_validate(doc))
        return sorted(
            found, key=lambda c: (dt.datetime.fromisoformat(c.created), c.id), reverse=True
        )

    def delete_card(self, card_id: str) -> dict[str, Any] | None:
        """Remove a kept card; its stored document, to put back with restore_card."""
        with self.writing():
            table = self._table("cards.json", "cards")
            found = table.search(Query().id == card_id)
            if not found:
                return None
            table.remove(Query().id == card_id)
        return dict(found[0])

    def restore_card(self, doc: dict[str, Any]) -> Card:
        """Put a deleted card back exactly as it was stored (same id, same fields)."""
        return self.keep_card(Card.model_validate(doc))

    def add_cards(self, cards: list[Card]) -> int:
        with self.writing():
            have = {doc["id"] for doc in self._raw("cards.json", "cards")}
            new = [c.as_record() for c in cards if c.id not in have]
            if new:
                self._table("cards.json", "cards").insert_multiple(new)
        return len(new)

    # ---- preferences ------------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        """The preferences that were chosen, as stored (an odd or unknown one is left out)."""
        stored = {doc["key"]: doc.get("value") for doc in self._raw("settings.json", "settings")}
        chosen = Preferences.from_stored(stored)
        return {key: stored[key] for key in stored if key in chosen.model_fields_set}

    def preferences(self) -> Preferences:
        """The person's preferences; a missing or odd value reads as its default."""
        stored = {doc["key"]: doc.get("value") for doc in self._raw("settings.json", "settings")}
        return Preferences.from_stored(stored)

    def save_preferences(self, preferences: Preferences) -> None:
        """Store every preference in one locked write."""
        with self.writing():
            table = self._table("settings.json", "settings")
            for key, value in preferences.stored().items():
                table.upsert({"key": key, "value": value}, Query().key == key)

    def setting(self, key: str, default: Any = None) -> Any:
        """One preference by name, or `default` when it was never chosen (prefer preferences())."""
        prefs = self.preferences()
        _check_key(key)
        return getattr(prefs, key) if key in prefs.model_fields_set else default

    def set_setting(self, key: str, value: Any) -> None:
        """Choose one preference by name (prefer save_preferences()); an odd value is refused."""
        _check_key(key)
        if key not in Preferences.from_stored({key: value}).model_fields_set:
            raise ValueError(f"{value!r} is not a value the preference {key} can hold")
        with self.writing():
            self._table("settings.json", "settings").upsert(
                {"key": key, "value": value}, Query().key == key
            )

    # ---- the safety plan (store/safety_plan.py) -----------------------------------------------

    def safety_plan(self) -> SafetyPlan | None:
        """The person's safety plan, or None when there is none yet."""
        return super().safety_plan()

    def save_safety_plan(self, plan: SafetyPlan) -> SafetyPlan:
        """Keep the person's safety plan, replacing the one saved before."""
        return super().save_safety_plan(plan)

    # ---- the home's summary (store/summary.py) ----------------------------------------------

    def summary_files(self) -> list[list[Any]]:
        """The identity of every file the home is worked out from, as it is now."""
        return summary.identity(self.root)

    def keep_summary(self, key: dict[str, Any], files: list[list[Any]], home: object) -> None:
        """Keep what the home shows under `key` and `files` (taken before the store was read)."""
        summary.write(self.root, key, files, home, self.codec)

    # ---- imports log ------------------------------------------------------------------------

    def log_import(self, entry: ImportEntry) -> None:
        with self.writing():
            self._table("meta.json", "imports").insert(entry.as_record())

    def imports(self) -> list[ImportEntry]:
        found = []
        for doc in self._raw("meta.json", "imports"):
            with contextlib.suppress(ValidationError):
                found.append(ImportEntry.model_validate(doc))
        return found


def _check_key(key: str) -> None:
    if key not in _PREFERENCES:
        raise KeyError(f"{key!r} is not a preference; they are {', '.join(sorted(_PREFERENCES))}")
