"""The app on an encrypted data folder: it works the same, and nothing typed reaches disk in clear."""

from __future__ import annotations

from pathlib import Path

from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.store.vault import encrypt_folder, open_codec
from coach.tui.app import CoachApp
from coach.tui.screens.resume import ResumeModal
from tests.records import fixed_clock
from tests.ui.conftest import PACKS, FakeTime, on_step, shown, typed, until
from tests.unit.test_crypto import plaintext_anywhere

PASS = "a long passphrase"
SECRET = "CANARY-app ünïcødé"


def encrypted_store(root: Path) -> ProgressStore:
    return ProgressStore(root, clock=fixed_clock(), codec=open_codec(root, PASS))


async def test_a_run_kept_and_finished_on_encrypted_data(data_dir: Path) -> None:
    encrypt_folder(data_dir, PASS)
    library = Library.load(None, [PACKS / "every-step.yaml"])

    def app() -> CoachApp:
        return CoachApp(
            library,
            encrypted_store(data_dir),
            clock=fixed_clock(),
            now=FakeTime(),
            start=library.resolve("test/short"),
        )

    first = app()
    async with first.run_test() as pilot:
        await pilot.press("4", "enter")
        await on_step(pilot, first, "Step 2 of 2")  # typed before it is mounted, it is lost
        await typed(pilot, first, SECRET)
        await pilot.press("ctrl+q")  # the draft keeps what is typed
    assert plaintext_anywhere(data_dir, SECRET) == []
    assert encrypted_store(data_dir).draft("test/short") is not None

    second = app()
    async with second.run_test() as pilot:
        await until(
            pilot,
            lambda: isinstance(second.screen, ResumeModal) and second.focused is not None,
            "no resume question",
        )
        await pilot.press("enter")  # continue where I was
        await on_step(pilot, second, "Step 2 of 2")
        await pilot.press("enter")  # the word
        await on_step(pilot, second, "Almost done")
        await pilot.press("enter")  # save
        await shown(pilot, second, "Saved.")
        await pilot.press("enter")  # close
    sessions = encrypted_store(data_dir).sessions()
    assert [s.answers for s in sessions] == [{"before": 4, "word": SECRET}]
    assert plaintext_anywhere(data_dir, SECRET) == []
