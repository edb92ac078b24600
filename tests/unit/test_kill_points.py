"""The kill-point test hook in coach/files.py: crash tests kill at exact write steps, not at
random moments, so they pass the same on a loaded machine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from coach.files import TEMP_MARK, atomic_write
from tests.killing import kill_points, run_in_child

CHILD = "from pathlib import Path; from coach.files import atomic_write; import sys; " + (
    "atomic_write(Path(sys.argv[1]), b'new' * 1000)"
)


def _write_new(root: Path) -> None:
    atomic_write(root / "file.json", b"new" * 1000)


def _temps(root: Path) -> list[bytes]:
    return [p.read_bytes() for p in root.iterdir() if TEMP_MARK in p.name]


def test_counting_mode_reports_three_steps_per_write_from_the_environment(tmp_path: Path) -> None:
    env = {**os.environ, "COACH_TEST_KILL_AT": "count"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "file.json")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "coach-test-write-steps: 3" in done.stderr


def test_the_environment_arms_a_kill_at_an_exact_step(tmp_path: Path) -> None:
    (tmp_path / "file.json").write_bytes(b"old")
    env = {**os.environ, "COACH_TEST_KILL_AT": "2"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "file.json")], env=env, capture_output=True
    )
    assert done.returncode == -signal.SIGKILL
    assert (tmp_path / "file.json").read_bytes() == b"old"
    assert _temps(tmp_path) == [b"new" * 1000]  # whole, not yet in place


@pytest.mark.parametrize(
    ("point", "in_place", "temp"),
    [(1, b"old", [b"new" * 500]), (2, b"old", [b"new" * 1000]), (3, b"new" * 1000, [])],
)
def test_each_step_leaves_exactly_what_it_names(
    tmp_path: Path, point: int, in_place: bytes, temp: list[bytes]
) -> None:
    (tmp_path / "file.json").write_bytes(b"old")
    assert run_in_child(_write_new, tmp_path, str(point)).killed
    assert (tmp_path / "file.json").read_bytes() == in_place
    assert _temps(tmp_path) == temp


def test_past_the_last_step_the_write_finishes_and_says_how_many_steps(tmp_path: Path) -> None:
    outcome = run_in_child(_write_new, tmp_path, "4")
    assert not outcome.killed and outcome.steps == 3
    assert (tmp_path / "file.json").read_bytes() == b"new" * 1000


def test_kill_points_are_bounded_and_hit_every_phase_of_a_write() -> None:
    assert kill_points(6) == [1, 2, 3, 4, 5, 6]
    many = kill_points(300)
    assert len(many) <= 16 and many[-1] == 300
    assert {p % 3 for p in many} == {0, 1, 2}
