"""The app on an encrypted data folder: it works the same, and nothing typed reaches disk in clear."""

from __future__ import annotations

from pathlib import Path

from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.store.vault import encrypt_folder, open_codec
from coach.tui.app import CoachApp
from tests.records import fixed_clock
from tests.ui.conftest import PACKS, FakeTime
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
        await pilot.press("4", "enter", *SECRET)
        await pilot.press("ctrl+q")  # the draft keeps what is typed
    assert plaintext_anywhere(data_dir, SECRET) == []
    assert encrypted_store(data_dir).draft("test/short") is not None

    second = app()
    async with second.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")  # continue where I was
        await pilot.press("enter", "enter", "enter")  # the word, then save, then close
    sessions = encrypted_store(data_dir).sessions()
    assert [s.answers for s in sessions] == [{"before": 4, "word": SECRET}]
    assert plaintext_anywhere(data_dir, SECRET) == []
