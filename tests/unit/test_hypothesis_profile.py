"""Hypothesis runs derandomized in CI (CI=true), so a failure there is the same on every rerun."""

from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import settings

from tests.conftest import ROOT


def test_the_ci_profile_is_derandomized_and_loaded_when_ci_is_set() -> None:
    assert settings.get_profile("ci").derandomize
    assert not settings.get_profile("dev").derandomize
    assert settings.default.derandomize == bool(os.environ.get("CI"))


def test_ci_set_in_the_environment_loads_the_ci_profile() -> None:
    """One process reads tests/conftest.py with CI set, then again (a reload runs the module
    anew) without it."""
    probe = (
        "import importlib, os\n"
        "from hypothesis import settings\n"
        "os.environ['CI'] = 'true'\n"
        "import tests.conftest\n"
        "print(settings.default.derandomize)\n"
        "del os.environ['CI']\n"
        "importlib.reload(tests.conftest)\n"
        "print(settings.default.derandomize)\n"
    )
    without_ci = {k: v for k, v in os.environ.items() if k != "CI"}
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=without_ci,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["True", "False"]
