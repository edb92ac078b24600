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
    probe = "import tests.conftest; from hypothesis import settings; print(settings.default.derandomize)"
    without_ci = {k: v for k, v in os.environ.items() if k != "CI"}
    for env, expected in (({**without_ci, "CI": "true"}, "True"), (without_ci, "False")):
        done = subprocess.run(
            [sys.executable, "-c", probe],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.strip() == expected
