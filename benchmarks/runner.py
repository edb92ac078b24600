"""Keypress to next step on screen: the runner against a bare Textual app doing the same change.

Run: .venv/bin/python benchmarks/runner.py [--quick]
Target (issue 13): no slower than the bare app (at most 1.0x, wall time). Both run headless in this process, in turns, on
the same sequence of steps: reading (Markdown), a text answer (a field), a choice (a list) and a
rating. The bare app swaps in the same Textual widgets and updates a header and a progress
bar; the runner also checks the answer and saves the draft to disk (fsync) on every step, as it
must. Times are the median of every step taken.

For the record (no target): enter on a warm home until step 1 is painted, in a fresh process with
nothing behind the home loaded yet (the packs, pydantic and the store load on that key), against
the bare app's key-to-paint: what the lazy start costs the first exercise.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import yaml
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.widgets import Footer, Input, Markdown, OptionList, ProgressBar, Static

sys.path.insert(0, str(Path(__file__).parent))
from common import finish, verdict  # noqa: E402

from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp

STEPS = 40
ROUNDS = 5
KINDS = ("read", "text", "choice", "rating")


def pack_file(folder: Path) -> Path:
    steps: list[dict[str, Any]] = []
    for i in range(STEPS):
        kind = KINDS[i % len(KINDS)]
        if kind == "read":
            steps.append(
                {"type": "read", "text": f"## Part {i}\n\nRead this, *slowly*, then go on."}
            )
        elif kind == "text":
            steps.append(
                {"type": "text", "id": f"t{i}", "prompt": "What do you notice?", "optional": True}
            )
        elif kind == "choice":
            steps.append(
                {
                    "type": "choice",
                    "id": f"c{i}",
                    "prompt": "Pick one.",
                    "options": ["a", "b", "c", "d"],
                }
            )
        else:
            steps.append({"type": "rating", "id": f"r{i}", "prompt": "How is it?"})
    pack = {
        "format": "coach-pack/1",
        "id": "bench",
        "title": "Bench",
        "version": "1",
        "exercises": [
            {"id": "steps", "title": "Many steps", "skill": "other", "summary": "s", "steps": steps}
        ],
    }
    path = folder / "bench.yaml"
    path.write_text(yaml.safe_dump(pack))
    return path


class BareApp(App[None]):
    """Swaps in the same widgets on enter; nothing else."""

    BINDINGS = [Binding("enter", "next", "Next", priority=True)]

    def __init__(self) -> None:
        super().__init__()
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="header"):
            yield Static("Many steps")
            yield Static(id="where")
            yield ProgressBar(total=STEPS, show_eta=False, show_percentage=False)
        yield Container(id="body")
        yield Footer()

    async def on_mount(self) -> None:
        await self.show()

    async def show(self) -> None:
        body = self.query_one("#body")
        await body.remove_children()
        kind = KINDS[self.index % len(KINDS)]
        if kind == "read":
            view: Any = Vertical(
                Markdown(f"## Part {self.index}\n\nRead this, *slowly*, then go on.")
            )
        elif kind == "text":
            view = Vertical(Static("What do you notice?"), Input(compact=True), Static("hint"))
        elif kind == "choice":
            view = Vertical(Static("Pick one."), OptionList("a", "b", "c", "d"), Static("hint"))
        else:
            view = Vertical(
                Static("How is it?"),
                Static(" 0  1  2 "),
                Static("labels"),
                Static(""),
                Static("hint"),
            )
        await body.mount(view)
        self.query_one("#where", Static).update(f"Step {self.index + 1} of {STEPS}")
        self.query_one(ProgressBar).update(progress=self.index)
        focusable = view.query("Input, OptionList")
        if focusable:
            focusable.first().focus()

    async def action_next(self) -> None:
        self.index += 1
        await self.show()


FIRST_STEP = textwrap.dedent(
    """
    import time
    import coach.tui.app as tui

    class Timed(tui.CoachApp):
        CSS_PATH = [tui.__file__.rsplit("/", 1)[0] + "/styles/app.tcss",
                    tui.__file__.rsplit("/", 1)[0] + "/styles/home.tcss"]

        def home_filled(self):
            super().home_filled()
            self.call_after_refresh(self.press)

        def press(self):
            print("warm", self.store is None, flush=True)
            self.began = time.perf_counter()
            self.simulate_key("enter")  # "right now" has the focus
            self.watching = self.set_interval(0.002, self.check)

        def check(self):
            if type(self.screen).__name__ != "ExerciseScreen":
                return
            body = self.screen.query("#step-body")
            focused = self.focused
            if body and body.first().children and focused and body.first() in focused.ancestors:
                self.watching.stop()
                self.call_after_refresh(self.painted)

        def painted(self):
            print("painted", (time.perf_counter() - self.began) * 1000, flush=True)
            self.exit()

    plain_run = Timed.run
    Timed.run = lambda self, **kw: plain_run(self, headless=True, size=(100, 32))
    tui.CoachApp = Timed
    import coach.cli.assemble
    coach.cli.assemble.terminal = lambda: True
    from coach.cli import main
    main([])
    """
)


def first_step(folder: Path, rounds: int) -> float:
    """Median ms from enter on a warm home (nothing behind it loaded) to step 1 painted."""
    env = {**os.environ, "COACH_PACKS": "", "NO_COLOR": "1", "COACH_DATA_DIR": str(folder)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # from bytecode, as an installed coach starts
    env["PYTHONPYCACHEPREFIX"] = str(folder.parent / "bytecode")  # written by the first starts
    ProgressStore(folder).set_setting("first_run_done", True)
    samples = []
    for _ in range(rounds + 2):  # the first starts keep the library index and home's summary
        done = subprocess.run(
            [sys.executable, "-c", FIRST_STEP], env=env, capture_output=True, text=True
        )
        words = done.stdout.split()
        if done.returncode != 0 or "painted" not in words:
            raise SystemExit(f"no first step was painted: {done.stdout} {done.stderr[-2000:]}")
        if words[:2] == ["warm", "True"]:
            samples.append(float(words[words.index("painted") + 1]))
    if not samples:
        raise SystemExit("home was never filled warm: the caches were not kept")
    return statistics.median(samples[-rounds:])


KEYS = {"read": "enter", "text": "enter", "choice": "enter", "rating": "5"}


async def time_steps(app: App[Any], coach: bool) -> list[tuple[float, float]]:
    """(wall, cpu) seconds for each step: from the key to the next step drawn and idle."""
    times = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        for i in range(STEPS - 1):
            kind = KINDS[i % len(KINDS)]
            if coach and kind == "rating":
                await pilot.press("5")  # choose a number first; then enter moves on
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("enter")
            await pilot.pause()
            times.append((time.perf_counter() - start, time.process_time() - cpu))
    return times


async def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="coach-runner-bench-"))
    try:
        await measure(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def measure(folder: Path) -> None:
    """One step at a time in both apps, taking turns, and the verdict."""
    library = Library.load(None, [pack_file(folder)])
    ours: list[tuple[float, float]] = []
    bare: list[tuple[float, float]] = []
    rounds = 2 if "--quick" in sys.argv else ROUNDS
    for round_number in range(rounds):
        store = ProgressStore(folder / f"data-{round_number}")
        ours += await time_steps(
            CoachApp(library, store, start=library.resolve("bench/steps")), coach=True
        )
        bare += await time_steps(BareApp(), coach=False)

    def median_ms(samples: list[tuple[float, float]], which: int) -> float:
        return statistics.median(s[which] for s in samples) * 1000

    print(f"steps timed: {len(ours)} each")
    for name, samples in (("coach runner", ours), ("bare Textual", bare)):
        print(
            f"{name:<14} median {median_ms(samples, 0):6.1f} ms wall, {median_ms(samples, 1):6.1f} ms of CPU a step"
        )
    wall = median_ms(ours, 0) / median_ms(bare, 0)
    cpu = median_ms(ours, 1) / median_ms(bare, 1)
    print(
        "(wall time includes Pilot waiting for the app to be idle, in 20 ms slices, on both sides)"
    )
    print(f"CPU a step: {cpu:.2f}x the bare app (for the record)")
    first = first_step(folder / "first-step", rounds)
    print(
        f"enter on home until step 1 is painted, warm start, nothing loaded yet: {first:6.1f} ms"
        f" ({first / median_ms(bare, 0):.1f}x the bare app's key-to-paint; for the record)"
    )
    verdict("one exercise step vs bare app (key to paint)", wall, 1.0)
    finish()


if __name__ == "__main__":
    asyncio.run(main())
