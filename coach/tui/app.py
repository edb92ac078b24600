"""CoachApp: wires the screens and the keys that work everywhere; the CLI assembles it."""

from __future__ import annotations

import asyncio
import contextvars
import gc
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from coach.clock import Clock, local_now
from coach.errors import CoachError
from coach.tui import leaving, startup
from coach.tui.crash import Crashed
from coach.tui.screens.home import HomeScreen
from coach.tui.themes import HIGH_CONTRAST

if TYPE_CHECKING:
    from coach.core.glance import Glance
    from coach.core.run import Run
    from coach.packs.index import Listing
    from coach.packs.library import ExerciseRef, Library
    from coach.store.store import ProgressStore
    from coach.tui.screens.exercise_outcome import RunOutcome

Loader = Callable[[], "tuple[Library, ProgressStore]"]


def _coach_commands() -> Any:
    """The palette's exercises and screens, imported when the palette first opens."""
    from coach.tui.commands import CoachCommands

    return CoachCommands


class CoachApp(App["RunOutcome | None"]):  # imported when a run ends, not at start
    """The coach in the terminal. Everything it needs comes in through the constructor."""

    CSS_PATH = ["styles/app.tcss", "styles/home.tcss"]  # other screens bring their own
    TITLE = "coach"
    COMMANDS = {lambda: _coach_commands()}  # coach's own only: no developer commands
    BINDINGS = [
        Binding("f2", "crisis", "Crisis lines", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        library: Library | None = None,
        store: ProgressStore | None = None,
        *,
        load: Loader | None = None,
        clock: Clock = local_now,
        now: Callable[[], float] = time.monotonic,
        start: ExerciseRef | None = None,
        cursor_blink: bool = True,
        welcome: bool = False,
        listing: Listing | None = None,
        glance: Glance | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.store = store
        self._load = load
        self.clock = clock
        self.now = now
        self.start = start
        self.cursor_blink = cursor_blink
        self.welcome = welcome
        self.listing = listing
        """The library index, when fresh: home's list is drawn from it in the first frame."""
        self.glance = glance if listing is not None else None  # the rest of home, when fresh
        self.data_dir = data_dir
        """A plain data folder whose settings file is read without the store (warm starts)."""
        self._filled = False
        self.reduce_motion = False
        self.home: HomeScreen | None = None
        self.crashed = False
        self.closed_by: int | None = None
        """The signal that closed the app (SIGTERM, SIGHUP), if one did."""
        self._signal_context: contextvars.Context | None = None

    @property
    def ready(self) -> bool:
        return self.library is not None and self.store is not None

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.set_timer(2.0, gc.enable)  # if home is never drawn (a run opened at once, an error)
        self._signal_context = contextvars.copy_context()  # where a signal's closing runs
        if self.start is not None:
            self._apply_settings()
            self.open_exercise(self.start)
            return
        if self.glance is not None:  # list, right now, greeting, week and recent: all there
            self.call_after_refresh(self._home_drawn)
            if self.data_dir is not None and self._load is not None:
                look = startup.read_look(self.data_dir)
                self.reduce_motion = look.reduce_motion
                if look.theme in self.available_themes:
                    self.theme = look.theme
                if look.first_run_done or not self.welcome:
                    return  # the packs and store load when a person first needs them
        self.call_after_refresh(self._load_data)  # the first frame is drawn before anything is read

    def get_default_screen(self) -> Screen[Any]:
        """Home is the bottom screen (one screen fewer to draw for the first frame); a run
        opened straight from the command line sits on Textual's plain default screen."""
        if self.start is not None:
            return super().get_default_screen()
        self.home = HomeScreen(self.region, self.listing, self.glance, self.clock)
        return self.home

    # ---- data ---------------------------------------------------------------------------------

    @work(exclusive=True, group="load")
    async def _load_data(self) -> None:
        """Read the packs and open the store (on the main thread, after the first frame)."""
        if not self.ensure_ready():
            return
        await asyncio.sleep(0)
        self._apply_settings()  # also when the packs and store were given to the constructor
        self.refresh_home()
        startup.welcome_once(self)

    def ensure_ready(self) -> bool:
        """Read the packs and open the store now, if not yet (pydantic and the records load
        only when a person needs them); False, said calmly, when they could not be read."""
        if not self.ready and self._load is not None:
            try:
                self.library, self.store = self._load()
            except CoachError as err:
                self.notify(str(err), severity="error", markup=False, timeout=30)
                return False
            self._apply_settings()
        if not self.ready:
            self.notify("One moment: your packs and history are still being read.", markup=False)
        return self.ready

    def _apply_settings(self) -> None:
        from coach.core.practice import preferences

        if self.store is None:
            return
        chosen = preferences(self.store)
        self.reduce_motion = chosen.reduce_motion
        if chosen.theme in self.available_themes:
            self.theme = chosen.theme

    def refresh_home(self) -> None:
        """Work out the home data again (after a run, or a change of settings) and show it."""
        if self.home is None or not self.ready:
            return
        from coach.core.home import gather
        from coach.packs.search import Index

        assert self.library is not None and self.store is not None
        now = self.clock()
        files = self.store.summary_files()  # before reading: a change meanwhile makes it stale
        try:
            data = gather(self.library, self.store, now)
        except CoachError as err:
            self.notify(str(err), severity="warning", markup=False, timeout=15)
            return
        self.home.show(data, Index(self.library.exercises()), now)
        startup.keep_summary(self, data, files, now)
        self._announce()
        if not self._filled:
            self.call_after_refresh(self._home_drawn)

    def _home_drawn(self) -> None:
        if not self._filled:
            self._filled = True
            self.home_filled()
            # Off while coach started (cli.assemble.open_home). Its first collection walks
            # everything made since (3-5 ms): after the frame is on screen, not before.
            gc.enable()

    def home_filled(self) -> None:
        """Called once, after the first frame that shows the home's list and "right now"."""

    def _announce(self) -> None:
        """Anything the store had to repair is said, calmly, once."""
        if self.store is not None:
            for notice in self.store.notices:
                self.notify(notice, severity="warning", markup=False, timeout=20)
            self.store.notices.clear()

    # ---- screens ------------------------------------------------------------------------------

    def on_home_screen_exercise_chosen(self, message: HomeScreen.ExerciseChosen) -> None:
        self.choose(message.ref.full_id)

    def choose(self, full_id: str) -> None:
        """Open an exercise by its full id, from the packs as they are now (never the index)."""
        if not self.ensure_ready() or self.library is None:
            return
        fresh = self.library.fresh()  # a pack changed since it was read is validated again
        if fresh is not self.library:
            self.library = fresh
            self.refresh_home()
        ref = fresh.get(full_id)
        if ref is None:
            self.notify("That exercise is no longer in your packs.", markup=False)
            return
        self.open_exercise(ref)

    def action_preview(self, full_id: str) -> None:
        """An exercise's preview on a screen of its own: enter starts it, escape goes back."""
        from coach.tui.screens.preview import PreviewScreen

        found = self.home.preview_for(full_id) if self.home is not None else None
        if found is None:
            self.notify("That exercise is no longer in your packs.", markup=False)
        else:
            self.push_screen(PreviewScreen(found))

    def on_settings_screen_changed(self, message: Any) -> None:
        self._apply_settings()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[Any]:
        """None of Textual's developer commands (screenshot, keys, maximize) in the palette."""
        return ()  # the palette's themes are saved: coach.tui.commands.save_theme

    def action_open(self, name: str) -> None:
        """Open a screen by name: history, packs, settings, help."""
        if name != "help" and not self.ensure_ready():
            return
        from coach.tui import screens

        self.push_screen(screens.make(name, self))

    def region(self) -> str | None:
        """The person's crisis region as it is now (chosen in settings or F2, or COACH_REGION)."""
        from coach.core.crisis import chosen_region
        from coach.core.practice import preferences

        if self.store is not None:
            return chosen_region(preferences(self.store).crisis_region)
        if self.data_dir is not None:  # one small read of the settings file, never the store
            from coach.prefs_file import read_region

            return chosen_region(read_region(self.data_dir))
        return chosen_region(None)

    def action_crisis(self, choose: bool = False) -> None:
        """F2, from any screen, even mid-answer: crisis lines for the person's region (with
        `choose`, the list of regions first: F3 beside the exercise)."""
        from coach.tui.screens.crisis import CrisisModal

        if isinstance(self.screen, CrisisModal):
            self.screen.dismiss(None)
            return
        save = self._save_region if self.store is not None or self._load is not None else None
        self.push_screen(CrisisModal(self.region(), save, choose))

    def action_safety_plan(self) -> None:
        """The safety plan, whole on one screen, to read and change (F2 offers it too)."""
        from coach.tui.screens.safety_plan import SafetyPlanScreen, open_plan

        if not isinstance(self.screen, SafetyPlanScreen) and self.ensure_ready():
            open_plan(self)

    def _save_region(self, code: str) -> None:
        from coach.core.practice import remember

        if not self.ensure_ready():
            return
        assert self.store is not None
        try:
            remember(self.store, crisis_region=code)
        except CoachError as err:
            self.notify(str(err), severity="warning", markup=False)

    # ---- running an exercise ------------------------------------------------------------------

    def open_exercise(self, ref: ExerciseRef) -> None:
        """Start an exercise, or offer to continue where the person left it."""
        from coach.core.practice import kept_run, start_fresh
        from coach.core.run import Run
        from coach.tui.screens.resume import ResumeModal

        if not self.ensure_ready() or self.store is None:
            return
        run = kept_run(ref, self.store, self.clock)
        if run is None:
            self._run(Run(ref, self.clock))
            return
        kept = run

        def chosen(keep: bool | None) -> None:
            assert self.store is not None
            if keep is False:
                try:
                    self._run(start_fresh(ref, self.store, self.clock))
                except CoachError as err:
                    self.notify(str(err), severity="warning", markup=False)
            else:
                self._run(kept)

        self.push_screen(ResumeModal(ref.title, run.place), chosen)

    def _run(self, run: Run) -> None:
        from coach.tui.screens.exercise import ExerciseScreen

        assert self.store is not None
        screen = ExerciseScreen(run, self.store, self.now, self.reduce_motion, self.cursor_blink)
        self.push_screen(screen, self._run_ended)

    def _run_ended(self, outcome: RunOutcome | None) -> None:
        if self.start is not None:  # opened for one exercise (`coach run`, `coach now`)
            self.exit(outcome)
        else:
            self.refresh_home()

    # ---- leaving, on purpose or not -----------------------------------------------------------

    def _exercise_screens(self) -> list[Any]:
        from coach.tui.screens.exercise import ExerciseScreen

        return [s for s in self.screen_stack if isinstance(s, ExerciseScreen)]

    def _keep_places(self) -> None:
        for screen in self._exercise_screens():
            try:
                screen.keep_place()
            except Exception:  # noqa: BLE001 - leaving must never fail
                pass

    async def action_quit(self) -> None:
        """ctrl+q, from anywhere: the draft keeps what is typed, then coach closes."""
        self._leave()

    def _leave(self) -> None:
        self._keep_places()
        running = [s for s in self._exercise_screens() if not s.done]
        if running and self.start is not None:
            from coach.tui.screens.exercise_outcome import RunOutcome

            run = running[0].run
            self.exit(RunOutcome("kept", run.ref.full_id, run.exercise.title))
        else:
            self.exit()

    def close_politely(self, signum: int) -> bool:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM), caught by `coach.cli.closing`
        on the main thread: keep the place and close from the app's own loop, when it runs."""
        self.closed_by = signum
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        if not self.is_running or self._signal_context is None:
            return False
        loop.call_soon_threadsafe(self._leave, context=self._signal_context.copy())
        return True

    def close_now(self, frame: FrameType | None, signum: int) -> int:
        """The app could not close in time: keep the place from the signal handler (unless it
        interrupted a store write, which is left whole), give the terminal back, and say the
        exit status (a crash is 1 whatever follows it)."""
        if self._signal_context is not None and not leaving.interrupted_a_write(frame):
            self._signal_context.copy().run(self._keep_places)
        leaving.give_back_terminal(self)
        return 1 if self.crashed else 128 + signum

    def exit(
        self,
        result: RunOutcome | None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        """Leave the app; after a crash the exit status stays non-zero, whoever exits last."""
        super().exit(result, return_code or (1 if self.crashed else 0), message)

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: keep the place, say so calmly, exit with status 1.

        Textual has no public hook for this, so this is the one override of its private API
        (`tests/ui/test_crash.py` fails if Textual renames it). Textual's own handling sets the
        status and, for an error with `__rich__`, prints that instead of a traceback (whose
        local variables could be a person's private words).
        """
        self.crashed = True
        self._keep_places()
        if not os.environ.get("COACH_DEBUG") and not isinstance(error, Crashed):
            error = Crashed(error)
        super()._handle_exception(error)
