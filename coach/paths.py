"""Where coach's files live: the person's data folder and the files shipped with coach."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def default_data_dir() -> Path:
    """The data folder when neither --data-dir nor COACH_DATA_DIR says otherwise."""
    import platformdirs  # only when it is needed: start-up stays quick

    return Path(platformdirs.user_data_dir("coach", appauthor=False))


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The person's data folder: the flag, then COACH_DATA_DIR, then the platform default."""
    if override and str(override).strip():
        return Path(override).expanduser()
    env = os.environ.get("COACH_DATA_DIR", "").strip()
    return Path(env).expanduser() if env else default_data_dir()


def _shipped(name: str) -> Path:
    """A folder shipped with coach: inside the wheel, or at the top of a source checkout."""
    inside_wheel = _PACKAGE / "_builtin" / name
    return inside_wheel if inside_wheel.is_dir() else _PACKAGE.parent / name


def builtin_packs_dir() -> Path:
    """The built-in exercise library (`exercises/`)."""
    return _shipped("exercises")


def reference_data_dir() -> Path:
    """Reference data coach ships (`data/`): the pack schema, crisis lines."""
    return _shipped("data")


def installed_packs_dir(data: Path) -> Path:
    """Packs the person installed with `coach pack install`."""
    return data / "packs"


def extra_pack_paths(
    flags: Iterable[str | os.PathLike[str]] = (), env: str | None = None
) -> list[Path]:
    """Extra pack paths: COACH_PACKS (separated by the platform's path separator), then flags."""
    env = os.environ.get("COACH_PACKS", "") if env is None else env
    from_env = [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    return from_env + [Path(p).expanduser() for p in flags]
