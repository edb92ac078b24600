"""Peak memory of the app with 20,000 stored sessions, against a bare Textual app with the same
kinds of widgets (a list of 24 items), each in its own process.

Run: .venv/bin/python benchmarks/memory.py [--quick]
Target (issue 13): the app's peak resident memory until its home is filled (list, right now,
greeting, this week, recent practice: from the library index and the store's summary, warm as on
every start but the first of a day or after a change) at most 1.3x the bare app's peak (ru_maxrss
after its first frame). Coach then stays a second, idle, and that whole run's peak (read by
wait4) is the verdict: the packs (pydantic) and the store load only when a person opens an
exercise or a screen that needs them, never by themselves behind the home. Peaks vary little, so the median of a few rounds is kept.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import finish, verdict  # noqa: E402
from startup import BARE_SAME_KINDS, LIST_ITEMS, twenty_thousand  # noqa: E402

ROUNDS = 5

COACH = textwrap.dedent(
    """
    import resource, sys
    import coach.tui.app as tui

    class Measured(tui.CoachApp):
        CSS_PATH = [tui.__file__.rsplit("/", 1)[0] + "/styles/app.tcss", tui.__file__.rsplit("/", 1)[0] + "/styles/home.tcss"]

        def home_filled(self):
            super().home_filled()
            print("filled", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)

            self.set_timer(1.0, self.exit)  # a second idle: anything loading by itself loads

    plain_run = Measured.run
    Measured.run = lambda self, **kw: plain_run(self, headless=True, size=(100, 32))
    tui.CoachApp = Measured
    import coach.cli.assemble
    coach.cli.assemble.terminal = lambda: True  # headless here; a pipe would get plain mode
    from coach.cli import main
    main([])
    """
)


# Linux carries the high-water mark of the image a process replaces across exec, so each app is
# started by a small launcher (a fresh Python, far smaller than either app), never by this
# process with its 20,000 sessions in memory; the launcher reads the app's peak with wait4.
LAUNCHER = textwrap.dedent(
    """
    import os, subprocess, sys
    child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = code = os.waitstatus_to_exitcode(status)
    print(code, usage.ru_maxrss)
    """
)


def peak_kib(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """The app's peak resident memory in KiB until its home was filled, and over its whole run
    (Linux reports ru_maxrss in KiB)."""
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    status, peak = done.stdout.split()[-2:]
    if done.returncode != 0 or status != "0":
        raise SystemExit(done.stderr[-2000:])
    filled = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("filled ")]
    return float(filled[0]) if filled else float(peak), float(peak)


def main() -> None:
    rounds = 2 if "--quick" in sys.argv else ROUNDS
    folder = Path(tempfile.mkdtemp(prefix="coach-memory-"))
    base = {**os.environ, "COACH_PACKS": "", "NO_COLOR": "1", "COACH_DEBUG": "1"}
    full_env = {**base, "COACH_DATA_DIR": str(folder / "full")}
    empty_env = {**base, "COACH_DATA_DIR": str(folder / "empty")}
    twenty_thousand(folder, full_env)
    from coach.store.store import ProgressStore

    for env in (full_env, empty_env):
        ProgressStore(Path(env["COACH_DATA_DIR"])).set_setting("first_run_done", True)
    kinds = ("bare", "full", "empty", "full settled")
    samples: dict[str, list[float]] = {kind: [] for kind in kinds}
    try:
        for env in (full_env, empty_env):  # the first start keeps the index and the summary
            peak_kib(COACH, [], env)
        for _ in range(rounds):
            samples["bare"].append(peak_kib(BARE_SAME_KINDS, [str(LIST_ITEMS)], base)[1])
            filled, settled = peak_kib(COACH, [], full_env)
            samples["full"].append(filled)
            samples["full settled"].append(settled)
            samples["empty"].append(peak_kib(COACH, [], empty_env)[0])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    bare, full, empty, settled = (statistics.median(samples[k]) / 1024 for k in kinds)
    print(f"bare Textual app, same kinds                  peak {bare:6.1f} MiB")
    print(
        f"coach, empty store, home filled               peak {empty:6.1f} MiB ({empty / bare:.2f}x)"
    )
    print(
        f"coach, 20,000 sessions, home filled           peak {full:6.1f} MiB "
        f"({full / bare:.2f}x, for the record)"
    )
    print(f"coach, 20,000 sessions, settled (1 s idle)    peak {settled:6.1f} MiB")
    # The target is the app's settled peak, not the first frame's: anything that loaded by itself
    # behind the home would show here.
    verdict("peak memory of the app at 20,000 sessions vs bare app", settled / bare, 1.3)
    finish()


if __name__ == "__main__":
    main()
