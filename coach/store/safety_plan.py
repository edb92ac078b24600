"""The person's safety plan: one record in safety-plan.json, kept like every other store file.

It is written through the same locked, atomic, daily-backed-up TinyDB storage (sealed when the
folder is encrypted), and a file that does not read as a plan is set aside and its newest good
backup put back, with a notice, as store/recovery.py does for the other files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tinydb.table import Document

from coach.records import SafetyPlan
from coach.store.recovery import Recovery
from coach.store.storage import CorruptFile

SAFETY_PLAN = "safety-plan.json"
_TABLE = "plan"


class SafetyPlans(Recovery):
    """The safety plan part of ProgressStore."""

    def safety_plan(self) -> SafetyPlan | None:
        """The saved plan, or None when there is none yet."""
        for doc in self._raw(SAFETY_PLAN, _TABLE):
            return SafetyPlan.model_validate(doc)  # the file was checked as it was read
        return None

    def save_safety_plan(self, plan: SafetyPlan) -> SafetyPlan:
        """Keep the plan, replacing the one saved before, in one locked write."""
        record = SafetyPlan.model_validate(plan.as_record())
        with self.writing():
            self._table(SAFETY_PLAN, _TABLE).upsert(Document(record.as_record(), doc_id=1))
        return record

    def files(self) -> list[Path]:
        """Every store file there is now, the safety plan included (for backups and repair)."""
        found = super().files()
        plan = self.root / SAFETY_PLAN
        return [*found, plan] if plan.is_file() else found

    def _check(self, tables: dict[str, Any], path: Path) -> None:
        if path == self.root / SAFETY_PLAN:
            check_plan_file(tables, path)
            return
        super()._check(tables, path)

    def _parse(self, raw: bytes, path: Path) -> dict[str, Any]:
        data = super()._parse(raw, path)
        if path == self.root / SAFETY_PLAN:
            check_plan_file(data, path)
        return data


def check_plan_file(tables: dict[str, Any], path: Path) -> None:
    """Refuse (CorruptFile) a safety plan file that does not hold one plan as coach keeps it."""
    unknown = sorted(set(tables) - {_TABLE})
    if unknown:
        raise CorruptFile(path, f"it holds a table coach does not keep there ({unknown[0]})")
    docs = list(tables.get(_TABLE, {}).values())
    if len(docs) > 1:
        raise CorruptFile(path, "it holds more than one safety plan")
    for doc in docs:
        try:
            SafetyPlan.model_validate(doc)
        except ValidationError:
            raise CorruptFile(
                path, "the safety plan in it does not read as coach keeps it"
            ) from None
