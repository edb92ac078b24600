"""Encryption at rest (opt-in): every store file sealed with AES-256-GCM under one random data key,
and that key wrapped by a key derived from the person's passphrase (Argon2id).

- A fresh nonce for every write; the file's header (format, key id, nonce, file name) is the
  associated data, so a changed header, a flipped bit or a cut-off file is refused.
- Changing the passphrase re-wraps one key; no store file is rewritten.
- A file that does not open is refused as it is: never set aside, never replaced by an empty store.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from coach.errors import CoachError
from coach.files import atomic_write
from coach.store.storage import SEALED_MAGIC, Refused

KEY_FILE = "key.json"
KEY_FORMAT = "coach-key/1"
MAGIC = SEALED_MAGIC
VERSION = 1
ENCRYPTED, ENCRYPTING, DECRYPTING = "encrypted", "encrypting", "decrypting"
STATES = (ENCRYPTED, ENCRYPTING, DECRYPTING)


class WrongPassphrase(CoachError):
    """The passphrase does not open the data key."""


class FileRefused(Refused):
    """A store file that does not decrypt: changed, damaged, or not encrypted when it must be."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id costs; kept in key.json so a later coach can open an older folder."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def as_dict(self) -> dict[str, int]:
        return {"memory_kib": self.memory_kib, "iterations": self.iterations, "lanes": self.lanes}


DEFAULT_KDF = KdfParams()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(passphrase.encode("utf-8"))


def _wrap_aad(key_id: str, kdf: dict[str, Any]) -> bytes:
    return f"{KEY_FORMAT}|{key_id}|".encode() + json.dumps(kdf, sort_keys=True).encode()


@dataclass
class Keyring:
    """The contents of key.json: the wrapped data key, how to unwrap it, and the folder's state."""

    key_id: str
    kdf: dict[str, Any]
    nonce: bytes
    wrapped: bytes
    state: str = ENCRYPTED
    state_tag: bytes = b""  # the state, authenticated under the data key (nonce + GCM tag)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": KEY_FORMAT,
            "key_id": self.key_id,
            "kdf": self.kdf,
            "wrap": {
                "alg": "AES-256-GCM",
                "nonce": _b64(self.nonce),
                "ciphertext": _b64(self.wrapped),
            },
            "state": self.state,
            "state_tag": _b64(self.state_tag),
        }

    def _state_aad(self) -> bytes:
        return f"coach-state|{self.key_id}|{self.state}".encode()

    def seal_state(self, data_key: bytes) -> None:
        """Authenticate the state, so a changed key.json cannot say "half encrypted" and get
        plain files accepted."""
        nonce = os.urandom(12)
        self.state_tag = nonce + AESGCM(data_key).encrypt(nonce, b"", self._state_aad())

    @classmethod
    def create(cls, passphrase: str, params: KdfParams | None = None) -> tuple[Keyring, bytes]:
        """A new random data key, wrapped under the passphrase."""
        data_key = AESGCM.generate_key(bit_length=256)
        keyring = cls(key_id=secrets.token_hex(8), kdf={}, nonce=b"", wrapped=b"", state=ENCRYPTING)
        keyring.rewrap(data_key, passphrase, params)
        return keyring, data_key

    def rewrap(self, data_key: bytes, passphrase: str, params: KdfParams | None = None) -> None:
        params = params or DEFAULT_KDF
        salt = os.urandom(16)
        self.kdf = {"name": "argon2id", "salt": _b64(salt), **params.as_dict()}
        wrapping = _derive(passphrase, salt, params)
        self.nonce = os.urandom(12)
        self.wrapped = AESGCM(wrapping).encrypt(
            self.nonce, data_key, _wrap_aad(self.key_id, self.kdf)
        )

    def unlock(self, passphrase: str) -> bytes:
        params = self._params()
        try:
            wrapping = _derive(passphrase, _unb64(self.kdf["salt"]), params)
            data_key = AESGCM(wrapping).decrypt(
                self.nonce, self.wrapped, _wrap_aad(self.key_id, self.kdf)
            )
        except (InvalidTag, KeyError, ValueError, TypeError):
            raise WrongPassphrase(
                "That passphrase does not open your data. Nothing was changed; try again."
            ) from None
        try:
            if self.state not in STATES or len(self.state_tag) != 28:
                raise InvalidTag
            AESGCM(data_key).decrypt(self.state_tag[:12], self.state_tag[12:], self._state_aad())
        except InvalidTag:
            raise _changed_key_file() from None
        return data_key

    def _params(self) -> KdfParams:
        """The costs in key.json, within bounds a real coach writes (a changed file could ask
        for terabytes of memory)."""
        try:
            params = KdfParams(
                int(self.kdf["memory_kib"]), int(self.kdf["iterations"]), int(self.kdf["lanes"])
            )
            # coach writes 64 MiB, 3 passes, 4 lanes; the bounds leave room for a later default
            usable = (
                self.kdf.get("name") == "argon2id"
                and 8 * params.lanes <= params.memory_kib <= 1024 * 1024
                and 1 <= params.iterations <= 10
                and 1 <= params.lanes <= 16
                and 16 <= len(_unb64(self.kdf.get("salt"))) <= 64
            )
        except (KeyError, ValueError, TypeError):
            usable = False
        if not usable:
            raise _changed_key_file()
        return params


def _changed_key_file() -> CoachError:
    return CoachError(
        f"The key file ({KEY_FILE}) in your data folder has been changed or damaged, so "
        "your encrypted data cannot be opened. Nothing was changed. If you have a copy "
        "of that file, put it back."
    )


def keyring_path(root: Path) -> Path:
    return root / KEY_FILE


def is_encrypted(root: Path) -> bool:
    return keyring_path(root).exists()


def read_keyring(root: Path) -> Keyring:
    path = keyring_path(root)
    try:
        raw = path.read_bytes()
        if len(raw) > 64 * 1024:
            raise ValueError("too large")
        data = json.loads(raw)
        if data.get("format") != KEY_FORMAT:
            raise ValueError("format")
        wrap = data["wrap"]
        return Keyring(
            key_id=str(data["key_id"]),
            kdf=dict(data["kdf"]),
            nonce=_unb64(wrap["nonce"]),
            wrapped=_unb64(wrap["ciphertext"]),
            state=str(data.get("state", ENCRYPTED)),
            state_tag=_unb64(data.get("state_tag", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise CoachError(
            f"{path} cannot be read, so your encrypted data cannot be opened. Nothing was changed. "
            "If you have a copy of this file, put it back."
        ) from None


def write_keyring(root: Path, keyring: Keyring, data_key: bytes) -> None:
    keyring.seal_state(data_key)
    atomic_write(keyring_path(root), json.dumps(keyring.as_json(), indent=2).encode() + b"\n")


class EncryptedCodec:
    """Seals and opens store files. `allow_plain` only while a folder is being encrypted."""

    def __init__(self, data_key: bytes, key_id: str, allow_plain: bool = False) -> None:
        self._aead = AESGCM(data_key)
        self.key_id = key_id
        self.allow_plain = allow_plain

    def encode(self, plain: bytes, name: str) -> bytes:
        nonce = os.urandom(12)
        header = json.dumps(
            {
                "v": VERSION,
                "alg": "AES-256-GCM",
                "key": self.key_id,
                "nonce": _b64(nonce),
                "name": Path(name).name,
            },
            separators=(",", ":"),
        ).encode()
        prefix = MAGIC + len(header).to_bytes(2, "big") + header
        return prefix + self._aead.encrypt(nonce, plain, prefix)

    def decode(self, stored: bytes, name: str, check_name: bool = True) -> bytes:
        """The plain bytes, or FileRefused. `name` is the file's path (its last part is sealed in
        the header, so one store file swapped for another is refused); `check_name=False`, only
        for whole-folder changes, accepts a file under another name, like one set aside."""
        label = name
        if not stored.startswith(MAGIC):
            if self.allow_plain:
                return stored
            raise FileRefused(
                f"{label} is not encrypted, but this data folder is, so it was not read. "
                "Nothing was changed."
            )
        damaged = FileRefused(
            f"{label} cannot be opened: it has been changed or damaged since coach wrote it. "
            "It was not read and nothing was changed; `coach doctor` can help."
        )
        try:
            size = int.from_bytes(stored[len(MAGIC) : len(MAGIC) + 2], "big")
            end = len(MAGIC) + 2 + size
            header = json.loads(stored[len(MAGIC) + 2 : end])
            if header.get("v") != VERSION or header.get("key") != self.key_id:
                raise damaged
            if check_name and header.get("name") != Path(name).name:
                raise damaged
            return self._aead.decrypt(_unb64(header["nonce"]), stored[end:], stored[:end])
        except FileRefused:
            raise
        except (InvalidTag, ValueError, KeyError, TypeError, AttributeError):
            raise damaged from None


def sealed(stored: bytes) -> bool:
    return stored.startswith(MAGIC)
