"""The safety plan: its limits and cleaning, kept in the store (plain and encrypted), a damaged
file set aside, the walk, and the wallet card."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from coach.core import safety_plan as plans
from coach.prefs import Preferences
from coach.records import PLAN_LINE_LIMIT, PLAN_LINES_LIMIT, SafetyPlan
from coach.store.doctor import examine
from coach.store.safety_plan import SAFETY_PLAN
from coach.store.store import ProgressStore
from coach.store.vault import encrypt_folder, open_codec
from tests.records import fixed_clock
from tests.unit.test_crypto import CANARY, plaintext_anywhere

NOW = "2026-11-30T20:00:00+00:00"


def plan(**parts: list[str]) -> SafetyPlan:
    return SafetyPlan.model_validate({"updated": NOW, **parts})


def test_lines_are_cleaned_and_blank_ones_dropped() -> None:
    made = plan(warning_signs=["  not sleeping ", "", "   ", "a\x1b[31mb\u202e\u200bc", "x\ny"])
    assert made.warning_signs == ["not sleeping", "abc", "x y"]
    assert made.people == [] and not made.is_empty()
    assert plan().is_empty()


def test_a_plan_beyond_its_limits_is_refused() -> None:
    with pytest.raises(ValidationError):
        plan(people=["x" * (PLAN_LINE_LIMIT + 1)])
    with pytest.raises(ValidationError):
        plan(people=["x"] * (PLAN_LINES_LIMIT + 1))
    with pytest.raises(ValidationError):
        SafetyPlan.model_validate({"updated": "yesterday"})
    with pytest.raises(ValidationError):
        SafetyPlan.model_validate({"updated": NOW, "secrets": ["x"]})
    assert plan(people=["x" * PLAN_LINE_LIMIT]).people == ["x" * PLAN_LINE_LIMIT]


def test_the_store_keeps_the_plan_and_replaces_it(data_dir: Path) -> None:
    store = ProgressStore(data_dir, clock=fixed_clock())
    assert store.safety_plan() is None
    store.save_safety_plan(plan(warning_signs=["ünïcødé 🌱"], people=["Sam 555 0100"]))
    store.save_safety_plan(plan(people=["Jo 555 0199"]))
    store.close()
    again = ProgressStore(data_dir, clock=fixed_clock())
    assert again.safety_plan() == plan(people=["Jo 555 0199"])
    assert data_dir / SAFETY_PLAN in again.files()  # so `coach backup` and repair include it


def test_an_encrypted_folder_seals_the_plan_and_reads_it_back(data_dir: Path) -> None:
    store = ProgressStore(data_dir, clock=fixed_clock())
    store.save_safety_plan(plan(people=[CANARY]))
    store.close()
    encrypt_folder(data_dir, "a quiet passphrase")
    assert plaintext_anywhere(data_dir, CANARY) == []
    sealed = ProgressStore(
        data_dir, clock=fixed_clock(), codec=open_codec(data_dir, "a quiet passphrase")
    )
    assert sealed.safety_plan() == plan(people=[CANARY])
    sealed.save_safety_plan(plan(people=[CANARY, "second"]))
    assert plaintext_anywhere(data_dir, CANARY) == []
    assert sealed.safety_plan() == plan(people=[CANARY, "second"])


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b'{"plan": {"1": {"updated": "never"}}}', b'{"other": {}}'],
)
def test_a_damaged_plan_file_is_set_aside_and_said_never_a_crash(
    data_dir: Path, damage: bytes
) -> None:
    store = ProgressStore(data_dir, clock=fixed_clock())
    store.save_safety_plan(plan(people=["Sam"]))
    store.close()
    (data_dir / SAFETY_PLAN).write_bytes(damage)
    if damage.startswith(b"{not"):
        doctor = examine(data_dir, dt.date(2026, 11, 30))
        assert any(not f.ok and SAFETY_PLAN in f.message for f in doctor)
    again = ProgressStore(data_dir, clock=fixed_clock())
    assert again.safety_plan() is None  # no backup yet: it starts fresh
    assert any(SAFETY_PLAN in notice for notice in again.notices)
    aside = list(data_dir.glob(f"{SAFETY_PLAN}.corrupt-*"))
    assert [p.read_bytes() for p in aside] == [damage]
    again.save_safety_plan(plan(people=["Jo"]))
    assert again.safety_plan() == plan(people=["Jo"])


class Shelf:
    def __init__(self) -> None:
        self.saved: SafetyPlan | None = None
        self.saves = 0

    def safety_plan(self) -> SafetyPlan | None:
        return self.saved

    def save_safety_plan(self, plan: SafetyPlan) -> SafetyPlan:
        self.saves += 1
        self.saved = plan
        return plan


def test_a_new_plan_starts_with_the_region_lines_and_the_walk_keeps_each_part() -> None:
    shelf, told = Shelf(), []
    typed = iter(["tired", "snapping at people", "", "", "", "Sam 555 0100", "", "", "no beer", ""])
    now = dt.datetime(2026, 11, 30, 20, tzinfo=dt.UTC)
    plans.walk(
        shelf, Preferences(crisis_region="GB"), lambda: now, lambda _p: next(typed), told.append
    )
    assert shelf.saved is not None
    assert shelf.saved.warning_signs == ["tired", "snapping at people"]
    assert shelf.saved.on_my_own == [] and shelf.saved.distractions == []
    assert shelf.saved.people == ["Sam 555 0100"]
    assert any("Samaritans" in line for line in shelf.saved.professionals)
    assert shelf.saved.safer_place == ["no beer"]
    assert plans.SAVED in told


def test_stopping_part_way_keeps_what_was_typed_and_never_empties_a_part() -> None:
    shelf = Shelf()
    shelf.saved = plan(warning_signs=["tired"], people=["Sam"])
    now = dt.datetime(2026, 11, 30, 20, tzinfo=dt.UTC)

    def ask(answers: list[str]) -> plans.Ask:
        def one(_prompt: str) -> str:
            if not answers:
                raise EOFError
            return answers.pop(0)

        return one

    with pytest.raises(EOFError):
        plans.walk(shelf, Preferences(), lambda: now, ask(["a", "not eating"]), lambda _l: None)
    assert shelf.saved.warning_signs == ["tired", "not eating"]
    with pytest.raises(EOFError):
        plans.walk(shelf, Preferences(), lambda: now, ask(["r"]), lambda _l: None)
    assert shelf.saved.warning_signs == ["tired", "not eating"]  # starting over, then stopping


def test_the_wallet_card_fits_forty_columns_and_leaves_empty_parts_out() -> None:
    long = "call my sister Alexandria-Josephine on 0800 000 000 " + "x" * 80
    card = plans.wallet_card(plan(people=[long], safer_place=["no alcohol in the house"]))
    assert max(len(line) for line in card.splitlines()) <= plans.CARD_WIDTH
    assert "4. People I can ask for help" in card and "6. Making where I am safer" in card
    assert "My warning signs" not in card
    assert "Updated 2026-11-30" in card
    assert "xxxxxxxx" in card.replace("\n", "").replace(" ", "")
