"""`coach backup` zips carry the installed packs, and decrypting a folder keeps them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.store import crypto
from coach.store.backup import snapshot_zip
from coach.store.store import ProgressStore
from coach.store.vault import decrypt_folder, encrypt_folder, open_codec
from tests.records import fixed_clock, session

PACK = b"format: coach-pack/1\nid: therapist\n# the therapist's own exercises\n"


def _install(root: Path) -> None:
    (root / "packs").mkdir(parents=True, exist_ok=True)
    (root / "packs" / "therapist.yaml").write_bytes(PACK)
    (root / "packs" / ".half.yaml.tmp-1-abcd").write_bytes(b"half")


def test_a_snapshot_holds_the_installed_packs(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = ProgressStore(root, clock=fixed_clock())
    store.record_session(session())
    _install(root)
    with zipfile.ZipFile(io.BytesIO(snapshot_zip(store.files(), root))) as archive:
        assert archive.read("packs/therapist.yaml") == PACK
        assert "sessions/recent.json" in archive.namelist()
        assert not any(".tmp-" in name for name in archive.namelist())


def test_coach_backup_includes_packs(data_dir: Path, tmp_path: Path) -> None:
    ProgressStore(data_dir).record_session(session())
    _install(data_dir)
    target = tmp_path / "backup.zip"
    result = CliRunner().invoke(coach_app, ["backup", "--out", str(target)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as archive:
        assert archive.read("packs/therapist.yaml") == PACK


def test_decrypting_keeps_the_packs_in_a_backup_zip(tmp_path: Path) -> None:
    root = tmp_path / "data"
    ProgressStore(root, clock=fixed_clock()).record_session(session())
    _install(root)
    encrypt_folder(root, "a long passphrase")
    store = ProgressStore(root, clock=fixed_clock(), codec=open_codec(root, "a long passphrase"))
    made = root / "backups" / "manual" / "coach-backup.zip"
    made.parent.mkdir(parents=True)
    made.write_bytes(snapshot_zip(store.files(), root))
    store.close()
    decrypt_folder(root, "a long passphrase")
    with zipfile.ZipFile(made) as archive:
        assert archive.read("packs/therapist.yaml") == PACK
        assert not crypto.sealed(archive.read("sessions/recent.json"))
