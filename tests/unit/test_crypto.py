"""Encryption at rest: sealed files, refusals that change nothing, and no plaintext on disk."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import uuid
import zipfile
from pathlib import Path

import pytest

from coach.errors import CoachError
from coach.records import Draft
from coach.store import crypto
from coach.store.crypto import FileRefused, WrongPassphrase, read_keyring
from coach.store.storage import Refused
from coach.store.store import FolderChanged, ProgressStore
from coach.store.vault import change_passphrase, decrypt_folder, encrypt_folder, open_codec
from tests.killing import kill_while_writing
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


def _write_secrets_until_killed(root: str, acks: int) -> None:
    codec = open_codec(Path(root), PASS)
    day = [dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)]

    def clock() -> dt.datetime:
        day[0] += dt.timedelta(hours=random.choice([0, 0, 7, 30]))  # new days make backups
        return day[0]

    store = ProgressStore(Path(root), clock=clock, codec=codec)
    while True:
        record = session(day[0].isoformat(), note=f"{CANARY} {random.random()}")
        store.record_session(record)
        store.save_draft(draft(started=day[0].isoformat(), answers={"see": [CANARY]}, note=CANARY))
        store.keep_card(card(text=CANARY))
        if random.random() < 0.3:
            store.tally()
        os.write(acks, (record["id"] + "\n").encode())


def test_killed_at_random_moments_no_plaintext_is_ever_on_disk(filled: Path) -> None:
    encrypt_folder(filled, PASS)
    acknowledged: set[str] = set()
    for _round in range(30):
        acknowledged |= kill_while_writing(_write_secrets_until_killed, filled, (0.01, 0.08))
        leaks = plaintext_anywhere(filled, CANARY)
        assert leaks == [], f"plaintext found in {leaks}"
    assert len(acknowledged) >= 10
    store = open_store(filled)
    assert acknowledged <= store.session_ids()
    assert store.notices == []
    assert len(list((filled / "backups").iterdir())) > 1
