"""Process start to the home screen's first frame, against a bare Textual app with as many
widgets, started the same way in this run; and with 20,000 stored sessions.

The bare app is measured twice: with the home screen's layout and kinds of widget (an input, a
list, buttons, text; the comparison the target is checked against, since an input costs more to
draw than a line of text whoever draws it), and with as many plain Statics (printed too).

Run: .venv/bin/python benchmarks/startup.py
Target (issue 5): at most 1.2x the bare app, and no slower with 20,000 sessions. Each start is a
fresh `python` process (headless, 100x32); the parent notes the time just before starting it and
the child prints the time of its first frame (both CLOCK_MONOTONIC). The three kinds take turns,
and the median of each is kept. When the home screen is filled in (packs and history read, after
the first frame) is printed too, for the record.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROUNDS = 15

COACH = textwrap.dedent(
    """
    import sys, time
    import coach.tui.app as tui

    class Timed(tui.CoachApp):
        CSS_PATH = [tui.__file__.rsplit("/", 1)[0] + "/styles/app.tcss", tui.__file__.rsplit("/", 1)[0] + "/styles/home.tcss"]

        def on_mount(self):
            super().on_mount()
            self.call_after_refresh(lambda: print("frame", time.monotonic(), flush=True))

        def refresh_home(self):
            super().refresh_home()
            if self.ready:
                print("filled", time.monotonic(), len(list(self.screen.walk_children())), flush=True)
                self.exit()

    plain_run = Timed.run
    Timed.run = lambda self, **kw: plain_run(self, headless=True, size=(100, 32))
    tui.CoachApp = Timed
    import coach.cli.assemble
    coach.cli.assemble.terminal = lambda: True  # headless here; a pipe would get plain mode
    from coach.cli import main
    main([])
    """
)

BARE_SAME_KINDS = textwrap.dedent(
    """
    import sys, time
    from textual.app import App
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.widgets import Button, Footer, Input, OptionList, Static

    class Bare(App):
        def compose(self):
            with Horizontal():
                yield Static("coach")
                yield Static("Hello.")
            with Horizontal():
                with Vertical():
                    yield Static("What do you need?")
                    yield Input(placeholder="e.g. triggered at work", compact=True)
                    yield OptionList()
                with VerticalScroll():
                    yield Static("Right now")
                    yield Button("One moment", compact=True)
                    with Vertical():
                        yield Static("Welcome back")
                        yield Button("", compact=True)
                    with Vertical():
                        yield Static("This week")
                        yield Static("")
                    with Vertical():
                        yield Static("Recent practice")
                        yield Static("")
            yield Footer()

        def on_mount(self):
            self.call_after_refresh(self.first_frame)

        def first_frame(self):
            print("frame", time.monotonic(), flush=True)
            self.exit()

    Bare().run(headless=True, size=(100, 32))
    """
)

BARE = textwrap.dedent(
    """
    import sys, time
    from textual.app import App
    from textual.containers import Horizontal, Vertical
    from textual.widgets import Footer, Static

    COUNT = int(sys.argv[1])

    class Bare(App):
        def compose(self):
            with Horizontal():
                with Vertical():
                    for i in range(COUNT // 2):
                        yield Static(f"line {i}")
                with Vertical():
                    for i in range(COUNT - COUNT // 2 - 4):
                        yield Static(f"line {i}")
            yield Footer()

        def on_mount(self):
            self.call_after_refresh(self.first_frame)

        def first_frame(self):
            print("frame", time.monotonic(), flush=True)
            self.exit()

    Bare().run(headless=True, size=(100, 32))
    """
)


def start(code: str, args: list[str], env: dict[str, str]) -> dict[str, float]:
    begin = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    marks = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if parts and parts[0] in ("frame", "filled"):
            marks[parts[0]] = (float(parts[1]) - begin) * 1000
            if parts[0] == "filled":
                marks["widgets"] = float(parts[2])
    return marks


def twenty_thousand(folder: Path, env: dict[str, str]) -> None:
    """A data folder holding 20,000 sessions, about five a day for eleven years."""
    sys.path.insert(0, str(Path(__file__).parent))
    from store import history  # the same generator as benchmarks/store.py

    export = folder / "export.json"
    export.write_text(json.dumps({"format": "coach-export/1", "sessions": history(20_000)}))
    subprocess.run(
        [sys.executable, "-m", "coach", "import", str(export)],
        env=env,
        check=True,
        capture_output=True,
    )


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="coach-startup-"))
    base = {**os.environ, "COACH_PACKS": "", "NO_COLOR": "1", "COACH_DEBUG": "1"}
    empty_env = {**base, "COACH_DATA_DIR": str(folder / "empty")}
    full_env = {**base, "COACH_DATA_DIR": str(folder / "full")}
    twenty_thousand(folder, full_env)
    from coach.store.store import ProgressStore

    for env in (empty_env, full_env):  # a usual start, not the first one with its welcome
        ProgressStore(Path(env["COACH_DATA_DIR"])).set_setting("first_run_done", True)
    widgets = int(start(COACH, [], empty_env)["widgets"])  # also warms the disk cache
    start(BARE, [str(widgets)], base)
    samples: dict[str, list[dict[str, float]]] = {"bare": [], "kinds": [], "empty": [], "full": []}
    for _ in range(ROUNDS):
        samples["bare"].append(start(BARE, [str(widgets)], base))
        samples["kinds"].append(start(BARE_SAME_KINDS, [], base))
        samples["empty"].append(start(COACH, [], empty_env))
        samples["full"].append(start(COACH, [], full_env))

    def median(kind: str, mark: str) -> float:
        return statistics.median(s[mark] for s in samples[kind])

    statics, bare = median("bare", "frame"), median("kinds", "frame")
    print(f"widgets on the home screen: {widgets}")
    print(f"bare Textual app, {widgets} Statics               first frame {statics:6.0f} ms")
    print(f"bare Textual app, home's layout and widget kinds first frame {bare:6.0f} ms")
    for kind, label in (("empty", "coach, empty store"), ("full", "coach, 20,000 sessions")):
        frame, filled = median(kind, "frame"), median(kind, "filled")
        print(
            f"{label:<48} first frame {frame:6.0f} ms ({frame / bare:.2f}x the same kinds, "
            f"{frame / statics:.2f}x Statics)   home filled in {filled:6.0f} ms"
        )
    empty, full = median("empty", "frame"), median("full", "frame")
    verdicts = [
        ("first frame vs bare app (same kinds)", empty / bare, 1.2),
        ("with 20,000 sessions vs bare app", full / bare, 1.2),
        ("with 20,000 vs empty store", full / empty, 1.1),
    ]
    for name, value, target in verdicts:
        print(
            f"{name:<38} {value:4.2f}x (target at most {target}x) -> {'ok' if value <= target else 'OVER TARGET'}"
        )


if __name__ == "__main__":
    main()
