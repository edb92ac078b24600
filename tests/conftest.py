"""Shared test set-up: no test ever touches the real home folder."""

from __future__ import annotations

import gc
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import textual._wait
import textual.constants
import typer.main
import typer.testing
from hypothesis import settings

# Hypothesis: `ci` (loaded when CI is set, as CI runs with CI=true) derandomizes, so a red build
# is the same red on every rerun; `dev` keeps searching new examples. COACH_FUZZ_EXAMPLES still
# sets max_examples where a test reads it (tests/unit/test_fuzz.py).
_BASE = settings.get_profile("default")  # not whatever hypothesis itself picked on seeing CI
settings.register_profile(
    "ci", _BASE, derandomize=True, database=None, deadline=None, print_blob=True
)
settings.register_profile("dev", _BASE, derandomize=False, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Pilot waits for the app to go idle (each key press, pause()) in steps of SLEEP_GRANULARITY,
# 1/50 s in Textual: at least 20 ms a key. Tests wait for conditions, not for idle alone, so a
# step of 2 ms only makes them quicker (5 ms took a fifth more time in all; the two tests the
# shorter step showed asserting before waiting now wait). The idle threshold stays at 1 ms of CPU a
# step: scaled down with the step, the app's own timers never look idle and each wait runs to
# its one-second ceiling.
textual._wait.SLEEP_GRANULARITY = 1 / 500
textual._wait.SLEEP_IDLE = 1 / 1000
# Scrolling by a key glides over a fifth of a second or so, and Pilot waits for every glide to
# end before the next key. Tests see where it lands, at once (coach animates nothing itself).
textual.constants.TEXTUAL_ANIMATIONS = "none"

# Typer's CliRunner builds the Click command from the Typer app on every invoke (tens of ms for
# coach's app: the signature of every command read again); `coach` itself builds it once per
# process. Tests build it once per app too. The built command keeps nothing between runs.
_COMMANDS: dict[int, tuple[Any, Any]] = {}


def _command_once(app: Any) -> Any:
    if id(app) not in _COMMANDS:
        _COMMANDS[id(app)] = (app, typer.main.get_command(app))  # the app kept: ids stay unique
    return _COMMANDS[id(app)][1]


typer.testing._get_command = _command_once  # type: ignore[attr-defined]


def pytest_collection_finish(session: pytest.Session) -> None:
    """What the imports and the collection made lives as long as the test process: frozen, the
    garbage collector stops walking it on every full collection (a quarter of a UI test's time
    went to walking it). A young generation of 20,000 objects, not 700, keeps the collector from
    running every few frames of a Textual app; what a test leaves is still collected."""
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


@pytest.fixture(autouse=True)
def _textual_render_caches_let_go() -> Iterator[None]:
    """Textual keeps the last 1024 StylesCache objects alive (an lru_cache on the method
    `StylesCache.get_inner_outer` holds `self`), each with its widget's rendered lines: in a
    test process that runs hundreds of apps they pile up, and every full garbage collection
    walks them. The cache is emptied after each test; an app within a test keeps it."""
    yield
    styles_cache = sys.modules.get("textual._styles_cache")
    if styles_cache is not None:
        styles_cache.StylesCache.get_inner_outer.cache_clear()


@pytest.fixture
def tmp_path(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A fresh private folder for each test, as pytest's own gives. pytest's own numbers each
    folder by listing every folder made before it in the process: with hundreds of tests in a
    worker that listing grew to seconds. A random suffix needs no listing."""
    name = re.sub(r"\W", "_", request.node.name)[:22]  # as long as pytest's names, in all
    return Path(tempfile.mkdtemp(prefix=f"{name}_", dir=tmp_path_factory.getbasetemp()))


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data folder and no extra packs from the environment."""
    data = tmp_path / "coach-data"
    monkeypatch.setenv("COACH_DATA_DIR", str(data))
    monkeypatch.delenv("COACH_PACKS", raising=False)
    monkeypatch.delenv("COACH_DEBUG", raising=False)
    monkeypatch.delenv("COACH_PASSPHRASE", raising=False)
    monkeypatch.delenv("COACH_REGION", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    return data


@pytest.fixture
def data_dir(_private_data_dir: Path) -> Path:
    return _private_data_dir


def _fsync_in_memory(fd: int) -> None:
    """os.fsync for tests: the same checks of the file descriptor, no wait for the disk."""
    os.fstat(fd)  # a closed or wrong descriptor fails as fsync would (EBADF)


@pytest.fixture(autouse=True)
def _no_wait_for_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """An fsync waits for the disk: 2-5 ms a call here, far longer while other work fills the
    disk queue, and a store write makes two. No test can see the difference (a killed process
    loses nothing the page cache holds), so tests in this process skip the wait; coach still
    makes every call (tests/unit/test_import_batch.py counts them, test_storage.py fails them).
    Processes a test starts (the kill tests) flush for real."""
    monkeypatch.setattr(os, "fsync", _fsync_in_memory)


CHEAP_KDF = {"memory_kib": 64, "iterations": 1, "lanes": 1}


@pytest.fixture(autouse=True)
def _cheap_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id at its real cost takes a fifth of a second per unlock; tests use a cheap one.
    The real costs are checked in test_crypto.py."""
    from coach.store import crypto

    monkeypatch.setattr(crypto, "DEFAULT_KDF", crypto.KdfParams(**CHEAP_KDF))


@pytest.fixture(scope="session")
def builtin_library() -> Any:
    """The built-in packs, read and validated once for the whole session (a load takes about
    0.3 s): only the tests that just read the library take it, never one about loading."""
    from coach.packs.library import Library

    return Library.load()
