"""Time to load and validate packs, as a ratio against plain `yaml.load(..., CSafeLoader)`.

Run: .venv/bin/python benchmarks/load_library.py
Target (issue 2): validation costs at most 2x raw parsing. Both sides read the same bytes
from memory in the same run; the best of several rounds is kept to damp a noisy machine.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable

import yaml

from coach import paths
from coach.errors import PackError
from coach.packs.loader import parse_pack

ROUNDS = 15


def best_of(rounds: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def synthetic_packs(count: int = 300, per_pack: int = 30) -> list[bytes]:
    """`count` exercises copied from the built-in ones, renamed, in packs of `per_pack`."""
    core = yaml.load((paths.builtin_packs_dir() / "core.yaml").read_text(), Loader=yaml.CSafeLoader)
    packs = []
    for p in range(count // per_pack):
        exercises = []
        for i in range(per_pack):
            exercise = copy.deepcopy(core["exercises"][(p * per_pack + i) % len(core["exercises"])])
            exercise["id"] = f"exercise-{p}-{i}"
            exercises.append(exercise)
        pack = {**core, "id": f"synthetic-{p}", "exercises": exercises}
        packs.append(yaml.safe_dump(pack, sort_keys=False, allow_unicode=True).encode())
    return packs


def compare(name: str, files: list[bytes]) -> float:
    def validate() -> None:
        for i, raw in enumerate(files):
            parse_pack(raw, f"{i}.yaml")

    def raw_parse() -> None:
        for raw in files:
            yaml.load(raw.decode(), Loader=yaml.CSafeLoader)

    validate()  # warm up imports and pydantic's validators
    ours, baseline = best_of(ROUNDS, validate), best_of(ROUNDS, raw_parse)
    exercises = sum(raw.count(b"\n- id: ") + raw.count(b"\n  - id: ") for raw in files)
    ratio = ours / baseline
    print(
        f"{name:<28} {len(files):>3} files {exercises:>4} exercises  "
        f"validate {ours * 1000:7.1f} ms  yaml.load {baseline * 1000:7.1f} ms  "
        f"ratio {ratio:.2f}x"
    )
    return ratio


def billion_laughs() -> float:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    raw = ("format: coach-pack/1\n" + "\n".join(lines) + "\n").encode()
    start = time.perf_counter()
    try:
        parse_pack(raw, "laughs.yaml")
    except PackError:
        return time.perf_counter() - start
    raise SystemExit("the billion laughs file was accepted")


def main() -> None:
    built_in = [p.read_bytes() for p in sorted(paths.builtin_packs_dir().glob("*.yaml"))]
    ratios = [
        compare("built-in library", built_in),
        compare("synthetic library", synthetic_packs()),
    ]
    refused = billion_laughs()
    print(f"billion laughs refused in {refused * 1000:.0f} ms (target: well under a second)")
    worst = max(ratios)
    print(
        f"worst ratio {worst:.2f}x (target: at most 2x) -> {'ok' if worst <= 2 else 'OVER TARGET'}"
    )


if __name__ == "__main__":
    main()
