"""Turning encryption at rest on and off, and changing the passphrase, for a whole data folder.

Every file that can hold a person's words is sealed: the store files, the figures cache, every
backup (daily copies and `coach backup` zips) and any file set aside as unreadable. Installed
packs are exercise text, not a person's words, and stay as they are. Each step is an atomic
rewrite under the store's lock; an interrupted run is finished by running it again.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from coach.errors import CoachError
from coach.files import FILE_MODE, atomic_write, private_dir
from coach.store.crypto import (
    DECRYPTING,
    ENCRYPTED,
    ENCRYPTING,
    EncryptedCodec,
    KdfParams,
    Keyring,
    is_encrypted,
    keyring_path,
    read_keyring,
    sealed,
    write_keyring,
)

LEFT_AS_THEY_ARE = {"key.json", ".lock"}


@dataclass(frozen=True)
class Changed:
    files: int

    def words(self) -> str:
        return f"{self.files} file{'s' if self.files != 1 else ''}"


def protected_files(root: Path) -> Iterator[Path]:
    """Every file that may hold a person's words (not key.json, the lock, or installed packs)."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or path.is_symlink():
            continue
        if relative.parts[0] == "packs" or path.name in LEFT_AS_THEY_ARE:
            continue
        yield path


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """The store's own lock: no coach writes while the folder changes."""
    try:
        with FileLock(str(root / ".lock"), timeout=20, mode=FILE_MODE):
            yield
    except Timeout:
        raise CoachError(
            "Another coach window is busy saving. Close it, then try again; nothing was changed."
        ) from None


def open_codec(root: Path, passphrase: str) -> EncryptedCodec:
    """The codec for an encrypted folder, or WrongPassphrase."""
    keyring = read_keyring(root)
    data_key = keyring.unlock(passphrase)
    return EncryptedCodec(data_key, keyring.key_id, allow_plain=keyring.state != ENCRYPTED)


def encrypt_folder(root: Path, passphrase: str, params: KdfParams | None = None) -> Changed:
    """Seal every protected file; run again after an interruption and it carries on."""
    private_dir(root)
    with _locked(root):
        if is_encrypted(root):
            keyring = read_keyring(root)
            if keyring.state == ENCRYPTED:
                raise CoachError(
                    "Your data is already encrypted. `coach passphrase` changes the passphrase."
                )
            data_key = keyring.unlock(passphrase)
            if keyring.state == DECRYPTING:  # a decrypt was stopped half way: seal it all again
                keyring.state = ENCRYPTING
                write_keyring(root, keyring, data_key)
        else:
            keyring, data_key = Keyring.create(passphrase, params)
            write_keyring(root, keyring, data_key)  # state: encrypting, until every file is sealed
        codec = EncryptedCodec(data_key, keyring.key_id)
        changed = 0
        for path in protected_files(root):
            raw = path.read_bytes()
            if not sealed(raw):
                atomic_write(path, codec.encode(raw, str(path)))
                changed += 1
        keyring.state = ENCRYPTED
        write_keyring(root, keyring, data_key)
    return Changed(changed)


def decrypt_folder(root: Path, passphrase: str) -> Changed:
    """Open every sealed file for good and forget the key; run again after an interruption.

    Every file is opened in memory first: if one does not open, nothing is changed."""
    if not is_encrypted(root):
        raise CoachError("Your data is not encrypted; there is nothing to decrypt.")
    with _locked(root):
        keyring = read_keyring(root)
        data_key = keyring.unlock(passphrase)
        codec = EncryptedCodec(data_key, keyring.key_id)
        opened: list[tuple[Path, bytes]] = []
        for path in protected_files(root):
            raw = path.read_bytes()
            if not sealed(raw) and zipfile.is_zipfile(path):
                plain_zip = _open_zip(raw, path, codec)
                if plain_zip is not None:
                    opened.append((path, plain_zip))
            elif sealed(raw) or keyring.state == ENCRYPTED:  # a plain file here is refused
                opened.append((path, codec.decode(raw, str(path), check_name=False)))
        keyring.state = DECRYPTING
        write_keyring(root, keyring, data_key)
        for path, plain in opened:
            atomic_write(path, plain)
        keyring_path(root).unlink()
    return Changed(len(opened))


def _open_zip(raw: bytes, path: Path, codec: EncryptedCodec) -> bytes | None:
    """A `coach backup` zip made while encrypted, with its files opened; None if none were sealed."""
    import io

    members: list[tuple[zipfile.ZipInfo, bytes]] = []
    any_sealed = False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for info in archive.infolist():
                if info.filename == "key.json":
                    continue  # the opened zip needs no key
                data = archive.read(info)
                if sealed(data):
                    data = codec.decode(data, f"{path} ({info.filename})", check_name=False)
                    any_sealed = True
                members.append((info, data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not one of coach's zips: left as it is
    if not any_sealed:
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, data)
    return out.getvalue()


def change_passphrase(root: Path, old: str, new: str, params: KdfParams | None = None) -> None:
    """Re-wrap the one data key under a new passphrase; no store file is rewritten."""
    if not is_encrypted(root):
        raise CoachError("Your data is not encrypted. `coach encrypt` turns encryption on.")
    with _locked(root):
        keyring = read_keyring(root)
        if keyring.state != ENCRYPTED:
            raise CoachError("Encryption was stopped part way. Run `coach encrypt` again first.")
        data_key = keyring.unlock(old)
        keyring.rewrap(data_key, new, params)
        write_keyring(root, keyring, data_key)


__all__ = [
    "ENCRYPTING",
    "Changed",
    "change_passphrase",
    "decrypt_folder",
    "encrypt_folder",
    "open_codec",
    "protected_files",
]
