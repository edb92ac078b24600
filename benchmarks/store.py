"""The store at 1,000, 5,000 and 20,000 sessions, as ratios against an empty store in this run.

Run: .venv/bin/python benchmarks/store.py [--quick]
Targets (issue 3): recording a session or saving a draft at 20,000 stored costs at most 1.2x
an empty store; `coach stats` at 20,000 within 1.5x of a plain json.load of the same sessions.
Stock TinyDB (JSONStorage, one file) is timed at the same sizes for comparison. The sizes take
turns run by run, so a busy moment on this shared machine falls on all of them alike.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from coach.core import stats
from coach.records import Draft, Session
from coach.store.store import ProgressStore

NOW = dt.datetime(2026, 11, 27, 18, 0, tzinfo=dt.UTC)
SIZES = (1_000, 5_000, 20_000)


def clock() -> dt.datetime:
    return NOW


def make_session(started: dt.datetime, i: int) -> dict[str, Any]:
    before = 3 + i % 7
    return {
        "id": str(uuid.uuid4()),
        "exercise": ("core/five-senses", "core/box-breathing", "core/saying-no")[i % 3],
        "exercise_title": "An exercise with a title of usual length",
        "skill": ("grounding", "grounding", "boundaries")[i % 3],
        "pack_version": "1.0.0",
        "started": started.isoformat(),
        "finished": (started + dt.timedelta(minutes=6)).isoformat(),
        "status": "completed",
        "distress_before": before,
        "distress_after": max(0, before - i % 4),
        "answers": {
            "before": before,
            "see": ["the lamp", "a mug of tea", "the window", "my shoes", "a cat"],
            "after": max(0, before - i % 4),
        },
        "note": "A short note about how it went, a sentence or two long." if i % 3 == 0 else None,
        "bring_to_session": i % 10 == 0,
    }


def history(count: int) -> list[dict[str, Any]]:
    """`count` sessions, about five a day, ending yesterday: years of daily practice at 20,000."""
    start = NOW - dt.timedelta(days=count // 5 + 1)
    return [make_session(start + dt.timedelta(hours=i * 24 / 5), i) for i in range(count)]


def median_ms(work: Callable[[], object], runs: int) -> float:
    return statistics.median(timed(work) for _ in range(runs))


def new_draft(i: int) -> Draft:
    return Draft(
        exercise="core/five-senses",
        pack_version="1.0.0",
        session_id=str(uuid.uuid4()),
        started=NOW.isoformat(),
        updated=NOW.isoformat(),
        step=i % 8,
        answers={"before": 7, "see": ["lamp", "mug", "", "", ""]},
    )


def timed(work: Callable[[], object]) -> float:
    """One run in milliseconds, the garbage collector paused as `timeit` does, so collecting
    the benchmark's own data is not charged to whichever side happens to be running."""
    gc.collect()
    gc.disable()
    try:
        begin = time.perf_counter()
        work()
        return (time.perf_counter() - begin) * 1000
    finally:
        gc.enable()


def measure_all(roots: dict[int, Path], runs: int) -> dict[int, dict[str, float]]:
    """Median times per store size; the sizes take turns run by run, so a busy moment on the
    machine falls on all of them alike rather than on one."""
    stores = {size: ProgressStore(root, clock=clock) for size, root in roots.items()}
    counter = iter(range(10**9))
    work: dict[str, Callable[[int], Callable[[], object]]] = {
        "record": lambda size: (
            lambda: stores[size].record_session(make_session(NOW, next(counter)))
        ),
        "draft": lambda size: lambda: stores[size].save_draft(new_draft(next(counter))),
        "open": lambda size: lambda: ProgressStore(roots[size], clock=clock),
        # `coach stats` as it runs: the store's month tallies are cached on disk after the
        # first time, so the first time is timed too, with the cache removed before each run.
        "stats": lambda size: (
            lambda: stats.figures(ProgressStore(roots[size], clock=clock).tally())
        ),
        # `coach history`: every session read back as a typed record, newest first
        "history": lambda size: lambda: ProgressStore(roots[size], clock=clock).sessions(),
        "first": lambda size: (
            lambda: stats.figures(ProgressStore(roots[size], clock=clock).tally())
        ),
    }
    work["json"] = lambda size: (
        lambda: json.loads((roots[size].parent / f"plain-{size}.json").read_bytes())
    )
    samples: dict[int, dict[str, list[float]]] = {size: {k: [] for k in work} for size in roots}
    for name, make in work.items():
        for _ in range(runs if name in ("record", "draft", "open") else max(5, runs // 2)):
            for size in roots:
                if name == "first":
                    (roots[size] / "cache" / "tallies.json").unlink(missing_ok=True)
                samples[size][name].append(timed(make(size)))
    # Recording and saving a draft wait on the disk (fsync), so their typical run, the median,
    # is what a person feels. Stats and json.load only compute: the fastest run is the one the
    # machine's other work disturbed least (as `timeit` advises).
    pick = {"record": statistics.median, "draft": statistics.median}
    return {size: {k: pick.get(k, min)(v) for k, v in by.items()} for size, by in samples.items()}


def stock_tinydb_insert(folder: Path, sessions: list[dict[str, Any]], runs: int) -> float:
    path = folder / "stock.json"
    with TinyDB(path, storage=JSONStorage) as db:
        db.insert_multiple(sessions)
        counter = iter(range(10**9))
        return median_ms(lambda: db.insert(make_session(NOW, next(counter))), runs)


def main() -> None:
    quick = "--quick" in sys.argv
    runs = 7 if quick else 21
    folder = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    try:
        roots = {0: folder / "empty"}
        stock: dict[int, float] = {}
        for size in SIZES:
            sessions = history(size)
            roots[size] = folder / f"store-{size}"
            ProgressStore(roots[size], clock=clock).add_sessions(
                [Session.model_validate(s) for s in sessions]
            )
            (folder / f"plain-{size}.json").write_text(json.dumps(sessions))
            stock[size] = stock_tinydb_insert(folder, sessions, 3 if size >= 5000 else runs)
        ProgressStore(roots[0], clock=clock)
        (folder / "plain-0.json").write_text("[]")
        times = measure_all(roots, runs)
        empty = times[0]
        print(
            f"empty store: record {empty['record']:.2f} ms, draft {empty['draft']:.2f} ms, "
            f"open {empty['open']:.2f} ms, stats {empty['stats']:.2f} ms\n"
        )
        print(
            f"{'sessions':>8}  {'record':>16}  {'draft':>16}  {'open':>16}  {'stats':>22}  "
            f"{'stats, first time':>22}  {'stock TinyDB insert':>22}"
        )
        for size in SIZES:
            ours = times[size]
            ratio = {k: ours[k] / empty[k] for k in ("record", "draft", "open")}
            print(
                f"{size:>8}  "
                f"{ours['record']:6.2f} ms {ratio['record']:4.2f}x  "
                f"{ours['draft']:6.2f} ms {ratio['draft']:4.2f}x  "
                f"{ours['open']:6.2f} ms {ratio['open']:4.2f}x  "
                f"{ours['stats']:7.1f} ms {ours['stats'] / ours['json']:4.2f}x json  "
                f"{ours['first']:7.1f} ms {ours['first'] / ours['json']:4.2f}x json  "
                f"{stock[size]:8.1f} ms {stock[size] / ours['record']:6.0f}x ours"
            )
        last = times[SIZES[-1]]
        print()
        for name, value, target in (
            ("record at 20,000 vs empty", last["record"] / empty["record"], 1.2),
            ("draft at 20,000 vs empty", last["draft"] / empty["draft"], 1.2),
            ("stats at 20,000 vs json.load", last["stats"] / last["json"], 1.5),
        ):
            print(
                f"{name:<30} {value:4.2f}x (target at most {target}x) -> {'ok' if value <= target else 'OVER TARGET'}"
            )
        print(
            f"{'history at 20,000 vs json.load':<30} {last['history'] / last['json']:4.2f}x "
            "(every session read back as a typed record)"
        )
        print(
            f"(stats the first time, before any month is tallied: {last['first'] / last['json']:.2f}x "
            "json.load; it reads all history once, then only months that changed)"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
