"""Counts of every session for the figures, with a cache per month so years of history are not
re-read: a month whose file has not changed since the last count comes from the cache."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from coach.errors import CoachError
from coach.files import atomic_write, private_dir
from coach.store.recovery import Recovery
from coach.tally import Tally, tally_stored

RECENT = "sessions/recent.json"
TALLY_CACHE = "cache/tallies.json"


class Tallies(Recovery):
    """The tally of the stored sessions; the sessions store (sessions.py) files them."""

    def session_months(self) -> list[str]:
        raise NotImplementedError  # given by Sessions

    def tally(self) -> Tally:
        """Counts of every session for the figures. A month whose file has not changed since
        the last time comes from the tally cache, so years of history are not re-read."""
        cache = self._tally_cache()
        recent = list(self._raw(RECENT, "sessions"))
        recent_ids = {doc["id"] for doc in recent}
        recent_months = {doc["started"][:7] for doc in recent}
        total = tally_stored(recent)
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
                docs = self._raw(relative, "sessions")
                total.add(tally_stored([d for d in docs if d["id"] not in recent_ids]))
                continue
            identity = [st.st_ino, st.st_size, st.st_mtime_ns]
            entry = cache.get(month)
            if entry and entry.get("identity") == identity:
                try:
                    total.add(Tally.from_json(entry["tally"]))
                except (KeyError, TypeError, ValueError, IndexError):
                    pass  # a cache of another shape: count this month again below
                else:
                    kept[month] = entry
                    continue
            part = tally_stored(self._raw(relative, "sessions"))
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
        except Exception:  # a cache that cannot be read or decoded is rebuilt, never trusted
            return {}
        if isinstance(data, dict) and all(isinstance(v, dict) for v in data.values()):
            return data
        return {}

    def _save_tally_cache(self, data: dict[str, Any]) -> None:
        path = self.root / TALLY_CACHE
        plain = json.dumps(data, separators=(",", ":")).encode()
        with contextlib.suppress(CoachError, OSError):  # one not saved is only slower
            private_dir(path.parent)
            atomic_write(path, self.codec.encode(plain, str(path)) if self.codec else plain)
