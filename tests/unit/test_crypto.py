"""Encryption at rest: sealed files, refusals that change nothing, and no plaintext on disk."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import uuid
import zipfile
from pathlib import Path

import pytest

from coach.errors import CoachError
from coach.files import remove_stale_temp_files
from coach.records import Card, Draft, Session
from coach.store import crypto
from coach.store.crypto import FileRefused, WrongPassphrase, read_keyring
from coach.store.storage import Refused
from coach.store.store import FolderChanged, ProgressStore
from coach.store.vault import change_passphrase, decrypt_folder, encrypt_folder, open_codec
from tests.killing import killed_at_every_point
from tests.records import card, fixed_clock, session

PASS = "correct horse battery"
CANARY = "CANARY-7f3a ünïcødé 🌱 «kept»"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file in the data folder, byte for byte."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def plaintext_anywhere(root: Path, needle: str) -> list[str]:
    """Files holding `needle` in any byte (as UTF-8 or as JSON's \\u escapes)."""
    forms = [needle.encode(), json.dumps(needle).encode()[1:-1], needle.split()[0].encode()]
    return [name for name, raw in snapshot(root).items() if any(f in raw for f in forms)]


def draft(**fields: object) -> Draft:
    record: dict[str, object] = {
        "exercise": "core/five-senses",
        "pack_version": "1.0.0",
        "session_id": str(uuid.uuid4()),
        "started": "2026-11-27T09:00:00+00:00",
        "updated": "2026-11-27T09:05:00+00:00",
        "step": 1,
        "answers": {},
    }
    record.update(fields)
    return Draft.model_validate(record)


def open_store(root: Path, passphrase: str = PASS) -> ProgressStore:
    return ProgressStore(root, clock=fixed_clock(), codec=open_codec(root, passphrase))


@pytest.fixture
def filled(data_dir: Path) -> Path:
    """A plain store with a session, a draft, a card, a setting and a backup, all with the canary."""
    day1 = ProgressStore(data_dir, clock=fixed_clock(dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC)))
    day1.record_session(session(note=CANARY))
    day1.set_setting("crisis_region", "GB")
    day1.close()
    store = ProgressStore(data_dir, clock=fixed_clock())
    store.record_session(session("2026-11-27T08:00:00+00:00", note=CANARY + " second"))
    store.save_draft(draft(answers={"see": [CANARY]}, note=CANARY))
    store.keep_card(card(text=CANARY))
    store.tally()  # the figures cache
    store.close()
    assert plaintext_anywhere(data_dir, CANARY)  # the test can see it while it is plain
    assert list((data_dir / "backups").iterdir())
    return data_dir


def test_the_real_key_derivation_is_costly() -> None:
    real = crypto.KdfParams()
    assert real.memory_kib >= 64 * 1024 and real.iterations >= 3


def test_encrypt_seals_every_file_and_the_store_reads_back_unicode(filled: Path) -> None:
    before = ProgressStore(filled, clock=fixed_clock())
    notes = sorted(s.note for s in before.sessions())
    draft = before.draft("core/five-senses")
    before.close()

    changed = encrypt_folder(filled, PASS)

    assert changed.files >= 6  # four store files, two sessions files, the cache and backups
    assert plaintext_anywhere(filled, CANARY) == []
    assert read_keyring(filled).state == crypto.ENCRYPTED
    store = open_store(filled)
    assert sorted(s.note for s in store.sessions()) == notes
    assert store.draft("core/five-senses") == draft
    assert store.cards()[0].text == CANARY
    assert store.setting("crisis_region") == "GB"
    # writing more keeps it sealed, with a fresh nonce each time
    first = (filled / "settings.json").read_bytes()
    store.set_setting("theme", "high-contrast")
    store.set_setting("theme", "textual-dark")
    store.record_session(session("2026-11-27T12:00:00+00:00", note=CANARY + " third"))
    assert plaintext_anywhere(filled, CANARY) == []
    header = (filled / "settings.json").read_bytes()[:120]
    assert header != first[:120]
    assert open_store(filled).setting("theme") == "textual-dark"


def test_a_wrong_passphrase_says_so_and_changes_no_byte(filled: Path) -> None:
    encrypt_folder(filled, PASS)
    before = snapshot(filled)
    with pytest.raises(WrongPassphrase, match="does not open your data. Nothing was changed"):
        open_codec(filled, "not the passphrase")
    with pytest.raises(WrongPassphrase):
        decrypt_folder(filled, "not the passphrase")
    with pytest.raises(WrongPassphrase):
        change_passphrase(filled, "not the passphrase", "a new passphrase")
    assert snapshot(filled) == before


def _flip_bit(raw: bytes) -> bytes:
    at = len(raw) - 5
    return raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1 :]


def _change_header(raw: bytes) -> bytes:
    return raw.replace(b'"v":1', b'"v":2', 1)


def _change_header_nonce(raw: bytes) -> bytes:
    start = raw.index(b'"nonce":"') + len(b'"nonce":"')
    swapped = b"A" if raw[start : start + 1] != b"A" else b"B"
    return raw[:start] + swapped + raw[start + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_flip_bit, id="flipped bit"),
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: raw[:20], id="cut inside the header"),
        pytest.param(_change_header, id="changed header"),
        pytest.param(_change_header_nonce, id="changed nonce"),
        pytest.param(lambda raw: b"", id="emptied"),
    ],
)
def test_a_damaged_file_is_refused_and_nothing_changes(filled: Path, damage: object) -> None:
    encrypt_folder(filled, PASS)
    target = filled / "sessions" / "recent.json"
    target.write_bytes(damage(target.read_bytes()))  # type: ignore[operator]
    before = snapshot(filled)
    store = open_store(filled)
    with pytest.raises(FileRefused, match=r"recent\.json"):
        store.sessions()
    with pytest.raises(FileRefused):
        store.record_session(session("2026-11-27T13:00:00+00:00"))
    with pytest.raises(FileRefused):
        decrypt_folder(filled, PASS)
    assert snapshot(filled) == before  # never set aside, never replaced by an empty store
    assert store.notices == []


def test_one_store_file_swapped_for_another_is_refused(filled: Path) -> None:
    encrypt_folder(filled, PASS)
    (filled / "drafts.json").write_bytes((filled / "settings.json").read_bytes())
    before = snapshot(filled)
    with pytest.raises(FileRefused, match="drafts.json"):
        open_store(filled).drafts()
    assert snapshot(filled) == before


def test_a_plain_file_in_an_encrypted_folder_is_refused(filled: Path) -> None:
    encrypt_folder(filled, PASS)
    (filled / "cards.json").write_text('{"cards": {}}')
    with pytest.raises(FileRefused, match="is not encrypted, but this data folder is"):
        open_store(filled).cards()
    assert (filled / "cards.json").read_text() == '{"cards": {}}'


def test_a_changed_key_file_is_refused_calmly(filled: Path) -> None:
    encrypt_folder(filled, PASS)
    key = filled / "key.json"
    data = json.loads(key.read_text())
    data["kdf"]["memory_kib"] = 2**40  # would ask for a petabyte
    key.write_text(json.dumps(data))
    with pytest.raises(CoachError, match="key file"):
        open_codec(filled, PASS)
    for field, value in (("memory_kib", 2 * 1024 * 1024), ("iterations", 40), ("lanes", 64)):
        data = json.loads(key.read_text()) if "kdf" in key.read_text() else data
        changed = {**data, "kdf": {**data["kdf"], "memory_kib": 65536, field: value}}
        key.write_text(json.dumps(changed))  # costly enough to lock a laptop for minutes
        with pytest.raises(CoachError, match="key file"):
            open_codec(filled, PASS)
    key.write_text("{not json")
    with pytest.raises(CoachError, match="cannot be read"):
        open_codec(filled, PASS)


@pytest.mark.parametrize("state", ["encrypting", "decrypting", "nonsense"])
def test_a_key_file_changed_to_say_half_done_is_refused(filled: Path, state: str) -> None:
    """Otherwise a half-done state would let plain (forged) files in."""
    encrypt_folder(filled, PASS)
    key = filled / "key.json"
    key.write_text(key.read_text().replace('"state": "encrypted"', f'"state": "{state}"'))
    (filled / "settings.json").write_text('{"settings": {"1": {"key": "region", "value": "US"}}}')
    before = snapshot(filled)
    with pytest.raises(CoachError, match="key file"):
        open_codec(filled, PASS)
    assert snapshot(filled) == before


def test_a_folder_without_its_key_is_refused_never_started_afresh(filled: Path) -> None:
    encrypt_folder(filled, PASS)
    (filled / "key.json").rename(filled.parent / "key.json.away")
    before = snapshot(filled)
    with pytest.raises(Refused, match="no key.json"):  # no key.json: it looks like a plain folder
        ProgressStore(filled, clock=fixed_clock()).record_session(session(note="new words"))
    from typer.testing import CliRunner

    from coach.cli.app import app

    result = CliRunner().invoke(app, ["history"], env={"COACH_DATA_DIR": str(filled)})
    assert result.exit_code == 1 and "no key.json" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(filled) == before
    (filled.parent / "key.json.away").rename(filled / "key.json")
    assert CANARY in {s.note for s in open_store(filled).sessions()}


def test_encryption_turned_on_in_another_window_stops_this_one_saving(filled: Path) -> None:
    window = ProgressStore(filled, clock=fixed_clock())  # open before encrypting
    window.sessions()
    encrypt_folder(filled, PASS)
    with pytest.raises(FolderChanged, match="another coach window"):
        window.keep_card(card(text="written after the other window encrypted"))
    assert plaintext_anywhere(filled, "written after") == []
    assert all(crypto.sealed(snapshot(filled)[n]) for n in ("settings.json", "cards.json"))

    sealed_window = open_store(filled)  # and the other way round: open, then decrypted
    sealed_window.sessions()
    decrypt_folder(filled, PASS)
    with pytest.raises(FolderChanged):
        sealed_window.keep_card(card(text="sealed under a key that is gone"))
    assert not any(crypto.sealed(raw) for raw in snapshot(filled).values())


def test_changing_the_passphrase_rewraps_one_key(filled: Path) -> None:
    encrypt_folder(filled, PASS)
    before = snapshot(filled)
    change_passphrase(filled, PASS, "a brand new passphrase")
    after = snapshot(filled)
    assert {n for n in after if after[n] != before[n]} == {"key.json"}
    with pytest.raises(WrongPassphrase):
        open_codec(filled, PASS)
    assert open_store(filled, "a brand new passphrase").cards()[0].text == CANARY


def test_decrypt_opens_every_file_for_good(filled: Path) -> None:
    plain_before = ProgressStore(filled, clock=fixed_clock()).sessions()
    encrypt_folder(filled, PASS)
    store = open_store(filled)
    store.record_session(session("2026-11-27T15:00:00+00:00", note="after encrypting"))
    store.close()
    changed = decrypt_folder(filled, PASS)
    assert changed.files >= 6
    assert not (filled / "key.json").exists()
    plain = ProgressStore(filled, clock=fixed_clock())
    assert len(plain.sessions()) == len(plain_before) + 1
    assert plaintext_anywhere(filled, CANARY)
    assert all(not crypto.sealed(raw) for raw in snapshot(filled).values())


def test_a_backup_zip_made_while_encrypted_is_opened_by_decrypt(filled: Path) -> None:
    from typer.testing import CliRunner

    from coach.cli.app import app

    encrypt_folder(filled, PASS)
    env = {"COACH_PASSPHRASE": PASS}
    result = CliRunner().invoke(app, ["backup", "--out", str(filled / "manual.zip")], env=env)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(filled / "manual.zip") as archive:
        names = archive.namelist()
        assert "key.json" in names  # wrapped under the passphrase: the zip restores on its own
        assert all(crypto.sealed(archive.read(n)) for n in names if n != "key.json")
        restored = filled.parent / "restored"
        archive.extractall(restored)
    assert plaintext_anywhere(filled, CANARY) == []
    assert CANARY in {s.note for s in open_store(restored).sessions()}
    decrypt_folder(filled, PASS)
    with zipfile.ZipFile(filled / "manual.zip") as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    assert "key.json" not in members
    assert not any(crypto.sealed(raw) for raw in members.values())
    assert any(CANARY.encode() in raw for raw in members.values())


def test_coach_backup_makes_its_folders_private_whatever_the_umask(data_dir: Path) -> None:
    from typer.testing import CliRunner

    from coach.cli.app import app

    ProgressStore(data_dir, clock=fixed_clock()).record_session(session())
    old = os.umask(0)
    try:
        result = CliRunner().invoke(app, ["backup"], env={"COACH_DATA_DIR": str(data_dir)})
        out = data_dir.parent / "exports" / "deep" / "b.zip"
        again = CliRunner().invoke(
            app, ["backup", "--out", str(out)], env={"COACH_DATA_DIR": str(data_dir)}
        )
    finally:
        os.umask(old)
    assert result.exit_code == 0 and again.exit_code == 0, result.stderr + again.stderr
    for folder in (data_dir / "backups", data_dir / "backups" / "manual", out.parent.parent):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert out.stat().st_mode & 0o777 == 0o600


def test_an_encrypt_stopped_part_way_is_finished_by_running_it_again(filled: Path) -> None:
    keyring, data_key = crypto.Keyring.create(PASS)
    crypto.write_keyring(filled, keyring, data_key)  # as if killed right after writing the key
    codec = crypto.EncryptedCodec(data_key, keyring.key_id)
    settings = filled / "settings.json"
    settings.write_bytes(codec.encode(settings.read_bytes(), str(settings)))
    store = open_store(filled)  # half sealed, half plain: still opens
    assert store.setting("crisis_region") == "GB"
    assert store.cards()[0].text == CANARY
    store.close()
    encrypt_folder(filled, PASS)
    assert plaintext_anywhere(filled, CANARY) == []
    assert read_keyring(filled).state == crypto.ENCRYPTED
    assert open_store(filled).setting("crisis_region") == "GB"


def test_doctor_fix_puts_back_a_backup_of_a_refused_file_and_keeps_it(filled: Path) -> None:
    encrypt_folder(filled, PASS)
    store = open_store(filled)
    store.set_setting("theme", "high-contrast")  # today's backup of settings.json is sealed too
    store.close()
    target = filled / "settings.json"
    damaged = _flip_bit(target.read_bytes())
    target.write_bytes(damaged)
    done = open_store(filled).repair()
    assert any("settings.json could not be opened" in line for line in done)
    kept = list(filled.glob("settings.json.corrupt-*"))
    assert [p.read_bytes() for p in kept] == [damaged]
    assert open_store(filled).setting("crisis_region") == "GB"


# ---- no plaintext on disk, whatever moment coach is killed at ---------------------------------


NEW_PASS = "a new passphrase, longer"


def _record_run(root: Path) -> None:
    new = Session.model_validate(session("2026-11-27T09:00:00+00:00", note=CANARY))
    open_store(root).record_run(new, [Card.model_validate(card(text=CANARY))])


def _save_draft(root: Path) -> None:
    open_store(root).save_draft(draft(exercise="core/saying-no", answers={"see": [CANARY]}))


def _keep_card(root: Path) -> None:
    open_store(root).keep_card(card(text=CANARY))


def _backup(root: Path) -> None:
    from coach.files import write_private
    from coach.store.backup import snapshot_zip

    store = open_store(root)
    with store.writing():
        data = snapshot_zip(store.files(), root)
    write_private(root / "backups" / "manual" / "coach-backup.zip", data)


WHILE_ENCRYPTED = {
    "record_run": _record_run,
    "save_draft": _save_draft,
    "keep_card": _keep_card,
    "backup": _backup,
    "change_passphrase": lambda root: change_passphrase(root, PASS, NEW_PASS),
    "decrypt_folder": lambda root: decrypt_folder(root, PASS),
}


@pytest.mark.parametrize("name", sorted(WHILE_ENCRYPTED))
def test_killed_at_every_write_step_of_an_encrypted_folder_nothing_leaks_or_is_lost(
    filled: Path, tmp_path: Path, name: str
) -> None:
    """Bounded by tests/killing.py: at most about 15 kills per write path (a fixed stride)."""
    encrypt_folder(filled, PASS)
    stored = open_store(filled).session_ids()
    for point, root in killed_at_every_point(WHILE_ENCRYPTED[name], filled, tmp_path):
        if name == "decrypt_folder":  # an interrupted decrypt is finished by running it again
            if (root / "key.json").exists():
                # a temp file left by the kill stops the rerun until doctor --fix clears it
                # (vault.protected_files counts temp files; coach/store is not this change's)
                remove_stale_temp_files(root)
                decrypt_folder(root, PASS)
            store = ProgressStore(root, clock=fixed_clock())
        else:
            leaks = plaintext_anywhere(root, CANARY)
            assert leaks == [], f"killed at step {point}, plaintext found in {leaks}"
            opens = []
            for passphrase in (PASS, NEW_PASS):
                with contextlib.suppress(WrongPassphrase):
                    opens.append(open_store(root, passphrase))
            assert len(opens) == 1, f"killed at step {point}, {len(opens)} passphrases open it"
            store = opens[0]
        assert store.notices == [], f"killed at step {point}, it had to repair"
        assert stored <= store.session_ids(), f"killed at step {point}, sessions were lost"
        assert [c.text for c in store.cards()][-1] == CANARY


def test_killed_at_every_write_step_of_encrypting_a_run_again_seals_everything(
    filled: Path, tmp_path: Path
) -> None:
    """While it runs, no file that was sealed or new holds plaintext; run again, it finishes."""
    plain_before = set(plaintext_anywhere(filled, CANARY))
    stored = ProgressStore(filled, clock=fixed_clock()).session_ids()
    encrypting = lambda root: encrypt_folder(root, PASS)  # noqa: E731
    for point, root in killed_at_every_point(encrypting, filled, tmp_path):
        leaks = set(plaintext_anywhere(root, CANARY))
        assert leaks <= plain_before, f"killed at step {point}, plaintext in {leaks}"
        if (root / "key.json").exists():
            if read_keyring(root).state != crypto.ENCRYPTED:
                remove_stale_temp_files(root)  # as for decrypt_folder above
                encrypt_folder(root, PASS)
            assert plaintext_anywhere(root, CANARY) == []
            store = open_store(root)
        else:  # killed before the key was written: still a plain folder
            store = ProgressStore(root, clock=fixed_clock())
        assert store.notices == []
        assert stored <= store.session_ids(), f"killed at step {point}, sessions were lost"
