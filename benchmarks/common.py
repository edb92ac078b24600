"""What every benchmark shares: timing in turns, medians, and one verdict line per target.

A benchmark times coach and its baseline in the same run, taking turns round by round, so a
busy moment on this shared machine falls on both alike; it prints each ratio with its target and
"ok" or "OVER TARGET" (`make bench` collects those lines and fails when any is over).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence

VERDICTS: list[tuple[str, float, float]] = []


def verdict(name: str, ratio: float, target: float) -> bool:
    """Print one target's ratio and whether it holds; remembered for the summary."""
    VERDICTS.append((name, ratio, target))
    ok = ratio <= target
    print(f"{name:<58} {ratio:5.2f}x (target at most {target}x) -> {'ok' if ok else 'OVER TARGET'}")
    return ok


def in_turns(cases: Mapping[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    """Run each case once per round, in turn, and keep each one's median (seconds or ms)."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, case in cases.items():
            samples[name].append(case())
    return {name: statistics.median(values) for name, values in samples.items()}


def wall(call: Callable[[], object]) -> float:
    """Seconds one call takes."""
    begin = time.perf_counter()
    call()
    return time.perf_counter() - begin


def process(args: Sequence[str], env: Mapping[str, str] | None = None, until: bytes = b"") -> float:
    """Seconds from starting a process to its first output line containing `until` (its end when
    empty); the process is then left to finish, and a failure stops the benchmark."""
    begin = time.perf_counter()
    with subprocess.Popen(
        list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(env) if env else None
    ) as child:
        assert child.stdout is not None
        seen = None
        for line in child.stdout:
            if until and until in line:
                seen = time.perf_counter() - begin
                break
        child.stdout.read()
        err = child.stderr.read() if child.stderr else b""
        code = child.wait()
    if code != 0:
        raise SystemExit(
            f"{' '.join(args)} failed ({code}): {err.decode(errors='replace')[-2000:]}"
        )
    return seen if seen is not None else time.perf_counter() - begin


def python(code: str, *args: str) -> list[str]:
    """The command line that runs `code` in a fresh Python, as coach's own processes start."""
    return [sys.executable, "-c", code, *args]


def finish() -> None:
    """Exit 1 when any target printed in this run is over."""
    over = [name for name, ratio, target in VERDICTS if ratio > target]
    if over:
        print(f"over target: {', '.join(over)}")
        raise SystemExit(1)
