"""What encryption at rest costs: an encrypted store against a plain one, both with 20,000
sessions, in this run, as ratios. Also the one-off cost of unlocking (Argon2id at the default
parameters), in milliseconds, and of `coach encrypt` on the whole folder.

Run: .venv/bin/python benchmarks/encryption.py [--quick]
Target (issue 7 names no number; ours): recording a session and saving a draft encrypted at
most 1.5x plain, since every write is sealed and every read opened; opening a store a person
waits on, plus unlocking, well under a second.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from coach.core import stats
from coach.records import Session
from coach.store.crypto import DEFAULT_KDF
from coach.store.store import ProgressStore
from coach.store.vault import encrypt_folder, open_codec

sys.path.insert(0, str(Path(__file__).parent))  # the store benchmark's history and timing
from store import NOW, clock, history, make_session, new_draft, timed  # noqa: E402

SIZE = 20_000
PASS = "a calm benchmark passphrase"


def main() -> None:
    quick = "--quick" in sys.argv
    runs = 7 if quick else 21
    folder = Path(tempfile.mkdtemp(prefix="coach-bench-enc-"))
    try:
        sessions = [Session.model_validate(s) for s in history(SIZE)]
        plain_root, sealed_root = folder / "plain", folder / "sealed"
        ProgressStore(plain_root, clock=clock).add_sessions(sessions)
        ProgressStore(sealed_root, clock=clock).add_sessions(sessions)
        begin = time.perf_counter()
        encrypt_folder(sealed_root, PASS)  # at the default Argon2id parameters
        encrypt_ms = (time.perf_counter() - begin) * 1000

        unlock = statistics.median(timed(lambda: open_codec(sealed_root, PASS)) for _ in range(3))
        codec = open_codec(sealed_root, PASS)
        stores = {
            "plain": ProgressStore(plain_root, clock=clock),
            "sealed": ProgressStore(sealed_root, clock=clock, codec=codec),
        }
        roots = {"plain": plain_root, "sealed": sealed_root}
        codecs = {"plain": None, "sealed": codec}
        counter = iter(range(10**9))
        work = {
            "record": lambda k: lambda: stores[k].record_session(make_session(NOW, next(counter))),
            "draft": lambda k: lambda: stores[k].save_draft(new_draft(next(counter))),
            "open": lambda k: lambda: ProgressStore(roots[k], clock=clock, codec=codecs[k]),
            "stats": lambda k: (
                lambda: stats.figures(ProgressStore(roots[k], clock=clock, codec=codecs[k]).tally())
            ),
        }
        samples: dict[str, dict[str, list[float]]] = {k: {w: [] for w in work} for k in stores}
        for name, make in work.items():
            for _ in range(runs):
                for kind in stores:  # take turns, so a busy moment falls on both alike
                    samples[kind][name].append(timed(make(kind)))
        median = {k: {w: statistics.median(v) for w, v in by.items()} for k, by in samples.items()}

        print(
            f"{SIZE:,} sessions; Argon2id {DEFAULT_KDF.memory_kib // 1024} MiB, "
            f"{DEFAULT_KDF.iterations} passes\n"
        )
        print(f"{'':<8} {'plain':>10} {'encrypted':>10} {'ratio':>7}")
        for name in work:
            p, s = median["plain"][name], median["sealed"][name]
            print(f"{name:<8} {p:7.2f} ms {s:7.2f} ms {s / p:6.2f}x")
        print()
        print(f"unlock (derive the key from the passphrase, once per start): {unlock:.0f} ms")
        print(f"coach encrypt on the whole folder: {encrypt_ms:.0f} ms")
        print()
        for name in ("record", "draft"):
            ratio = median["sealed"][name] / median["plain"][name]
            print(
                f"{name} encrypted vs plain {ratio:4.2f}x (target at most 1.5x) -> "
                f"{'ok' if ratio <= 1.5 else 'OVER TARGET'}"
            )
        startup = unlock + median["sealed"]["open"]
        print(
            f"unlock + open {startup:.0f} ms (target under 1000 ms) -> "
            f"{'ok' if startup < 1000 else 'OVER TARGET'}"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
