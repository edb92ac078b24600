"""CoachApp: wires the screens and the keys that work everywhere; the CLI assembles it."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Callable

from rich.text import Text
from textual.app import App
from textual.binding import Binding

from coach.core.run import Run
from coach.packs.library import ExerciseRef, Library
from coach.store.store import Clock, ProgressStore, local_now
from coach.tui.screens.exercise import ExerciseScreen, RunOutcome
from coach.tui.screens.resume import ResumeModal

CRASHED = (
    "Something went wrong inside coach and it closed. Your place in the exercise was kept, "
    "and everything you saved is safe. To see the details, run it again with COACH_DEBUG=1 set."
)


class CoachApp(App[RunOutcome | None]):
    """The coach in the terminal. Everything it needs comes in through the constructor."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "coach"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(
        self,
        library: Library,
        store: ProgressStore,
        clock: Clock = local_now,
        now: Callable[[], float] = time.monotonic,
        start: ExerciseRef | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink
        self.library = library
        self.store = store
        self.clock = clock
        self.now = now
        self.start = start
        self.reduce_motion = bool(store.setting("reduce_motion", False))

    def on_mount(self) -> None:
        self._catch_signals()
        if self.start is not None:
            self.open_exercise(self.start)

    # ---- running an exercise ------------------------------------------------------------------

    def open_exercise(self, ref: ExerciseRef) -> None:
        """Start an exercise, or offer to continue where the person left it."""
        draft = self.store.draft(ref.full_id)
        if draft is None:
            self._run(Run(ref, self.clock))
            return
        run = Run.resume(ref, draft, self.clock)

        def chosen(keep: bool | None) -> None:
            if keep is False:
                self.store.discard_draft(ref.full_id)
                self._run(Run(ref, self.clock))
            else:
                self._run(run)

        self.push_screen(ResumeModal(ref.title, run.position), chosen)

    def _run(self, run: Run) -> None:
        self.push_screen(
            ExerciseScreen(run, self.store, self.now, self.reduce_motion, self.cursor_blink),
            self._run_ended,
        )

    def _run_ended(self, outcome: RunOutcome | None) -> None:
        if self.start is not None:  # opened for one exercise (`coach run`, `coach now`)
            self.exit(outcome)

    # ---- leaving, on purpose or not -----------------------------------------------------------

    def _keep_places(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ExerciseScreen):
                try:
                    screen.keep_place()
                except Exception:  # noqa: BLE001 - leaving must never fail
                    pass

    async def action_quit(self) -> None:
        """ctrl+q, from anywhere: the draft keeps what is typed, then coach closes."""
        self._keep_places()
        run = next((s.run for s in self.screen_stack if isinstance(s, ExerciseScreen)), None)
        if run is not None and not any(
            isinstance(s, ExerciseScreen) and s.done for s in self.screen_stack
        ):
            self.exit(RunOutcome("kept", run.ref.full_id, run.exercise.title))
        else:
            self.exit()

    def _catch_signals(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM) keeps the place, then closes."""
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, lambda: self.call_later(self.action_quit))
        except (NotImplementedError, RuntimeError, AttributeError):
            pass  # not on this platform, or not in the main thread (tests)

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: keep the place, say so calmly, and never print a traceback
        (Textual's shows local variables, which could be a person's private words)."""
        self._keep_places()
        if os.environ.get("COACH_DEBUG"):
            super()._handle_exception(error)
            return
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self.panic(Text(CRASHED))
