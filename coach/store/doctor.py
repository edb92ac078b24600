"""`coach doctor`: look over the data folder without changing it, and say what needs attention."""

from __future__ import annotations

import datetime as dt
import stat
from dataclasses import dataclass
from pathlib import Path

from coach.files import DIR_MODE, TEMP_MARK
from coach.store import migrate
from coach.store.backup import KEEP_DAYS, Backups
from coach.store.checks import check_tables
from coach.store.storage import Codec, CorruptFile, PlainCodec, parse_tables

STORE_FILES = ("meta.json", "settings.json", "drafts.json", "cards.json", "safety-plan.json")


@dataclass(frozen=True)
class Finding:
    """One thing doctor looked at: fine, or needing attention with what to do about it."""

    ok: bool
    message: str
    fix: str = ""


def examine(root: Path, today: dt.date, codec: Codec | None = None) -> list[Finding]:
    """Every check, in the order a person would want to read them."""
    codec = codec or PlainCodec()
    if not root.exists():
        return [
            Finding(True, f"No data folder yet at {root}; it is made the first time you practice.")
        ]
    findings = [*_permissions(root), *_files(root, codec), *_backups(root, today, codec)]
    if (root / "key.json").exists():
        findings.append(
            Finding(
                True, "Your data is encrypted; key.json holds its key, locked by your passphrase."
            )
        )
    findings += _leftovers(root)
    return findings


def _permissions(root: Path) -> list[Finding]:
    loose = []
    mode = stat.S_IMODE(root.stat().st_mode)
    if mode & 0o077:
        loose.append(
            Finding(
                False,
                f"{root} can be opened by other users (mode {mode:o}).",
                f"chmod 700 '{root}', or coach doctor --fix",
            )
        )
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir() and mode & 0o077:
            loose.append(
                Finding(
                    False,
                    f"{path} can be opened by other users (mode {mode:o}).",
                    f"chmod {DIR_MODE:o} '{path}', or coach doctor --fix",
                )
            )
        elif path.is_file() and mode & 0o077:
            loose.append(
                Finding(
                    False,
                    f"{path} can be read by other users (mode {mode:o}).",
                    f"chmod 600 '{path}', or coach doctor --fix",
                )
            )
    if not loose:
        return [Finding(True, "Only you can read your data folder and its files.")]
    return loose


def _store_files(root: Path) -> list[Path]:
    found = [root / name for name in STORE_FILES if (root / name).is_file()]
    sessions = root / "sessions"
    if sessions.is_dir():
        found += sorted(p for p in sessions.glob("*.json") if p.is_file())
    return found


def _readable(path: Path, codec: Codec) -> str | None:
    """None when the file reads as coach's tables, otherwise the reason it does not."""
    try:
        check_tables(parse_tables(codec.decode(path.read_bytes(), str(path)), path), path)
    except CorruptFile as err:
        return err.reason
    except OSError as err:
        return (err.strerror or "it cannot be read").lower()
    except Exception as err:  # a codec refusing the bytes (a wrong key, a damaged file)
        return str(err) or "it cannot be read"
    return None


def _files(root: Path, codec: Codec) -> list[Finding]:
    findings = []
    files = _store_files(root)
    bad = [(p, reason) for p in files if (reason := _readable(p, codec))]
    for path, reason in bad:
        findings.append(
            Finding(
                False,
                f"{path.relative_to(root)} cannot be read: {reason}.",
                "`coach doctor --fix` moves it aside and puts back its newest backup.",
            )
        )
    if not bad:
        findings.append(Finding(True, f"All {len(files)} store files can be read."))
    meta = root / "meta.json"
    if meta.is_file() and not _readable(meta, codec):
        tables = parse_tables(codec.decode(meta.read_bytes(), str(meta)), meta)
        versions = [d.get("schema_version") for d in tables.get("meta", {}).values()]
        version = versions[0] if versions else None
        if isinstance(version, int) and version > migrate.CURRENT_VERSION:
            findings.append(
                Finding(
                    False,
                    f"The store is version {version}, newer than this coach reads.",
                    "Update coach.",
                )
            )
    return findings


def _backups(root: Path, today: dt.date, codec: Codec) -> list[Finding]:
    days = Backups(root, lambda: today).days()
    if not days:
        return [
            Finding(True, "No backups yet: one is made the first time something changes each day.")
        ]
    findings = []
    bad = [p for day in days for p in day.rglob("*.json") if _readable(p, codec)]
    for path in bad:
        findings.append(
            Finding(
                False,
                f"The backup {path.relative_to(root)} cannot be read.",
                f"Delete it: rm '{path}'",
            )
        )
    newest = dt.date.fromisoformat(days[0].name)
    age = (today - newest).days
    if age < 0:
        when = (
            f"dated {newest.isoformat()}, later than today (the clock was ahead when it was made)"
        )
    else:
        when = "today" if age == 0 else "yesterday" if age == 1 else f"{age} days ago"
    if not bad:
        count = f"{len(days)} daily backup{'s' if len(days) != 1 else ''}"
        findings.append(
            Finding(True, f"{count} (up to {KEEP_DAYS} are kept); the newest is from {when}.")
        )
    return findings


def _leftovers(root: Path) -> list[Finding]:
    temps = [p for p in root.rglob(f".*{TEMP_MARK}*") if p.is_file()]
    aside = sorted(p for p in root.rglob("*.corrupt-*") if p.is_file())
    findings = []
    if temps:
        findings.append(
            Finding(
                False,
                f"{len(temps)} unfinished temp file{'s' if len(temps) != 1 else ''} from a coach that stopped mid-save.",
                "`coach doctor --fix` clears them; they never hold the only copy of anything.",
            )
        )
    for path in aside:
        original = path.with_name(path.name.partition(".corrupt-")[0])
        if not original.exists():
            findings.append(
                Finding(
                    False,
                    f"{original.relative_to(root)} is missing: coach stopped part way through "
                    "putting it right.",
                    "`coach doctor --fix` puts back its newest backup.",
                )
            )
            continue
        findings.append(
            Finding(
                False,
                f"{path.relative_to(root)} is a file coach could not read and set aside.",
                "Once you are sure nothing is missing, you can delete it.",
            )
        )
    if not temps and not aside:
        findings.append(Finding(True, "No leftovers from interrupted saves."))
    return findings
