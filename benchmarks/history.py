"""History and reports at 20,000 sessions, as ratios against baselines timed in the same run.

Run: .venv/bin/python benchmarks/history.py [--quick]
Targets (issue 13): `coach history`'s first line within 1.2x a bare Typer command that prints
a line; writing history as JSON a record a line within 1.5x `json.dumps` of the same data;
`export --format html|md|csv` within 2x `export --format json`, in time and in peak memory (the
reports stream the sessions a month at a time). Peak memory of `history --json` and of each export
is printed beside `json.load` of the same sessions. `coach history` is timed as people run it
again and again: its first run keeps the digests of the files it checked (coach/store/glance.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import finish, in_turns, process, python, verdict, wall  # noqa: E402
from store import clock, history  # noqa: E402

from coach.export import stream  # noqa: E402
from coach.records import Session  # noqa: E402
from coach.store.store import ProgressStore  # noqa: E402

BARE = """
import typer
app = typer.Typer()
@app.command()
def main() -> None:
    print("a line")
app()
"""
COACH = str(Path(sys.executable).parent / "coach")


def peak_mb(args: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of one run of a command, in MB."""
    code = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(python(code, *args), env=env, capture_output=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


def main() -> None:
    quick = "--quick" in sys.argv
    rounds = 3 if quick else 5
    folder = Path(tempfile.mkdtemp(prefix="coach-bench-history-"))
    try:
        root = folder / "store"
        sessions = history(20_000)
        ProgressStore(root, clock=clock).add_sessions([Session.model_validate(s) for s in sessions])
        plain = folder / "plain.json"
        plain.write_text(json.dumps(sessions))
        env = {**os.environ, "COACH_DATA_DIR": str(root)}
        html = str(folder / "report.html")
        seconds = in_turns(
            {
                "bare": lambda: process(python(BARE), until=b"a line"),
                "first": lambda: process([COACH, "history"], env, until=b" 2026 "),
                "json": lambda: process([COACH, "export", "--format", "json"], env),
                "md": lambda: process([COACH, "export", "--format", "md"], env),
                "csv": lambda: process([COACH, "export", "--format", "csv"], env),
                "html": lambda: process(
                    [COACH, "export", "--format", "html", "--out", html, "--force"], env
                ),
            },
            rounds,
        )
        records = [s.as_record() for s in ProgressStore(root, clock=clock).ordered()]
        typed = list(ProgressStore(root, clock=clock).ordered())
        sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        encode = in_turns(
            {
                "dumps": lambda: wall(lambda: json.dumps({"sessions": records})),
                "stream": lambda: wall(
                    lambda: stream.write_text(stream.sessions_document(typed), sink)
                ),
            },
            rounds * 3,
        )
        sink.close()
        print(
            f"bare Typer {seconds['bare']:.2f} s; history first line {seconds['first']:.2f} s; "
            f"export json {seconds['json']:.2f} s, md {seconds['md']:.2f} s, "
            f"csv {seconds['csv']:.2f} s, html {seconds['html']:.2f} s"
        )
        verdict(
            "history first line at 20,000 vs bare Typer", seconds["first"] / seconds["bare"], 1.2
        )
        verdict(
            "history JSON written a record a line vs json.dumps",
            encode["stream"] / encode["dumps"],
            1.5,
        )
        for fmt in ("html", "md", "csv"):
            verdict(f"export {fmt} at 20,000 vs export json", seconds[fmt] / seconds["json"], 2.0)
        load = peak_mb(python("import json, sys; json.load(open(sys.argv[1]))", str(plain)), env)
        peaks = {
            name: peak_mb(args, env)
            for name, args in (
                ("history --json", [COACH, "history", "--json"]),
                ("export json", [COACH, "export", "--format", "json"]),
                ("export md", [COACH, "export", "--format", "md"]),
                ("export csv", [COACH, "export", "--format", "csv"]),
                ("export html", [COACH, "export", "--format", "html", "--out", html, "--force"]),
            )
        }
        for name, peak in peaks.items():
            print(f"peak memory, {name:<16} {peak:6.0f} MB (json.load: {load:.0f} MB)")
        for fmt in ("html", "md", "csv"):
            verdict(
                f"export {fmt} peak memory vs export json",
                peaks[f"export {fmt}"] / peaks["export json"],
                2.0,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
