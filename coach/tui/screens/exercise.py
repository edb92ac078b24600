"""The exercise runner: one step at a time, drawn; `Practice` decides and keeps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ProgressBar, Static

from coach.core.practice import Practice, Result, Storage
from coach.core.run import Run, can_skip
from coach.packs import model
from coach.tui.screens.exercise_outcome import RunOutcome
from coach.tui.screens.stop import GO_ON, KEEP, SAVE, StopModal
from coach.tui.screens.why import WhyModal
from coach.tui.text import plain, styled
from coach.tui.widgets.breathe import BreatheView
from coach.tui.widgets.choice import ChecklistView, ChoiceView
from coach.tui.widgets.crisis_panel import CrisisPanel
from coach.tui.widgets.finish import DoneView, FinishView
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.rating import RatingView
from coach.tui.widgets.read import ReadView
from coach.tui.widgets.script import ScriptView
from coach.tui.widgets.step import AnswerSubmitted, Pace, SkipRequested, StepView
from coach.tui.widgets.text_answer import TextView
from coach.tui.widgets.timer import TimerView

__all__ = ["VIEWS", "ExerciseScreen", "RunOutcome"]

VIEWS: dict[type, type[StepView]] = {
    model.ReadStep: ReadView,
    model.BreatheStep: BreatheView,
    model.TimerStep: TimerView,
    model.RatingStep: RatingView,
    model.TextStep: TextView,
    model.ChoiceStep: ChoiceView,
    model.ChecklistStep: ChecklistView,
    model.ScriptStep: ScriptView,
}
"""The one place a step type meets the widget that draws it."""


class ExerciseScreen(Screen[RunOutcome]):
    """Draws the run; the practice decides and keeps."""

    CSS_PATH = "../styles/exercise.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+n", "skip", "Skip"),
        Binding("f1", "why", "Why"),
        Binding("f10", "stop", "Stop"),
        Binding("f3", "choose_region", "Where I am"),
    ]

    def __init__(
        self,
        run: Run,
        store: Storage,
        now: Callable[[], float],
        reduce_motion: bool = False,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.practice = Practice(run, store)
        self.pace = Pace(now, reduce_motion)
        self.cursor_blink = cursor_blink
        self.done = False

    @property
    def run(self) -> Run:
        return self.practice.run

    def compose(self) -> Any:
        with Vertical(id="run-header"):
            yield Static(styled(self.run.exercise.title, "bold"), id="exercise-title")
            with Horizontal(id="run-where"):
                yield Static(id="step-position")
                yield ProgressBar(
                    total=self.run.total, show_eta=False, show_percentage=False, id="run-progress"
                )
            yield Static(id="step-title")
        yield CrisisPanel(id="crisis-panel")
        yield Container(id="step-body")
        yield KeysFooter()

    async def on_mount(self) -> None:
        await self.show_step()
        if self.practice.high_from_before():
            self.query_one(CrisisPanel).offer(self.practice.region)

    def on_screen_resume(self) -> None:
        """Back from F2, where the person may have chosen a region: the panel shows its lines."""
        self.practice.reread()
        for panel in self.query(CrisisPanel):
            if panel.offered:
                panel.offer(self.practice.region)

    # ---- drawing ------------------------------------------------------------------------------

    def view(self) -> Widget | None:
        body = self.query_one("#step-body")
        return body.children[0] if body.children else None

    def _make_view(self) -> Widget:
        run = self.run
        if run.at_end:
            return FinishView(
                run.distress("before"),
                run.distress("after"),
                bool(run.exercise.distress_step("before") or run.exercise.distress_step("after")),
                run.note,
                run.bring_to_session,
            )
        step = run.step
        return VIEWS[type(step)].make(step, run.starting_value(step), self.pace)

    async def show_step(self) -> None:
        body = self.query_one("#step-body")
        await body.remove_children()
        view = self._make_view()
        await body.mount(view)
        if not self.cursor_blink:  # snapshots: a cursor caught mid-blink would make them flaky
            for field in view.query("Input, TextArea"):
                field.cursor_blink = False  # type: ignore[attr-defined]
        self._draw_header()
        if isinstance(view, StepView):
            view.focus_input()
        self.refresh_bindings()

    def _draw_header(self) -> None:
        run = self.run
        self.query_one("#step-position", Static).update(plain(run.position))
        self.query_one(ProgressBar).update(progress=min(run.index, run.total))
        title = "" if run.at_end else (run.step.title or "")
        step_title = self.query_one("#step-title", Static)
        step_title.update(plain(title))
        step_title.display = bool(title)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip":
            return not self.done and not self.run.at_end and can_skip(self.run.step)
        if action in ("back", "stop"):
            return not self.done
        if action == "choose_region":  # beside the lines for every region, until one is chosen
            return self.query_one(CrisisPanel).offered and self.practice.region is None
        return True

    def _tell(self, result: Result) -> None:
        """Say what the practice said: why an answer does not fit, or what could not be kept."""
        if result.message is None:
            return
        if result.ok:
            self.notify(result.message, severity="warning", markup=False, timeout=10)
        else:
            self.notify(result.message, markup=False)

    # ---- the person's moves -------------------------------------------------------------------

    async def on_answer_submitted(self, message: AnswerSubmitted) -> None:
        message.stop()
        result = self.practice.submit(message.value)
        self._tell(result)
        if not result.ok:
            self.app.bell()
            return
        if result.offer_crisis:
            self.query_one(CrisisPanel).offer(self.practice.region)
        elif result.withdraw_crisis:
            self.query_one(CrisisPanel).withdraw()
        await self.show_step()

    async def on_skip_requested(self, message: SkipRequested) -> None:
        message.stop()
        await self.action_skip()

    async def action_skip(self) -> None:
        result = self.practice.skip()
        self._tell(result)
        if result.ok:
            await self.show_step()

    async def action_back(self) -> None:
        if self.done:
            return
        self._hold_what_is_typed()
        result = self.practice.back()
        self._tell(result)
        if result.ok:
            await self.show_step()
        else:
            self.action_stop()

    async def action_choose_region(self) -> None:
        """Choose where I am on the spot: F2's list of regions, saved as the setting."""
        await self.app.run_action("crisis(True)")

    def action_why(self) -> None:
        self.app.push_screen(WhyModal(self.run.exercise.title, self.run.exercise.why))

    def action_stop(self) -> None:
        if not self.done:
            self.app.push_screen(StopModal(), self._stopped)

    async def _stopped(self, choice: str | None) -> None:
        if choice == KEEP:
            self.keep_place()
            self.dismiss(RunOutcome("kept", self.run.ref.full_id, self.run.exercise.title))
        elif choice == SAVE:
            self._hold_what_is_typed()
            result = self.practice.end_early()
            self._tell(result)
            if result.ok:
                self.dismiss(
                    RunOutcome("ended-early", self.run.ref.full_id, self.run.exercise.title)
                )
        elif choice == GO_ON:
            view = self.view()
            if isinstance(view, StepView):
                view.focus_input()

    async def on_finish_view_save_requested(self, message: FinishView.SaveRequested) -> None:
        message.stop()
        result = self.practice.finish(message.note, message.bring_to_session)
        self._tell(result)
        if not result.ok:
            return
        self.done = True
        body = self.query_one("#step-body")
        await body.remove_children()
        done = DoneView(self.practice.summary())
        await body.mount(done)
        done.focus()
        self.query_one("#step-position", Static).update(plain("Done"))
        self.query_one(ProgressBar).update(progress=self.run.total)
        self.refresh_bindings()

    def on_done_view_closed(self, message: DoneView.Closed) -> None:
        message.stop()
        self.dismiss(RunOutcome("saved", self.run.ref.full_id, self.run.exercise.title))

    # ---- keeping ------------------------------------------------------------------------------

    def _hold_what_is_typed(self) -> None:
        view = self.view()
        if isinstance(view, FinishView):
            self.practice.hold(view.values())
        elif isinstance(view, StepView):
            self.practice.hold(view.partial())

    def keep_place(self) -> None:
        """Save the draft with whatever is typed on this step: for ctrl+q, a stop, a crash."""
        if self.done:
            return
        self._hold_what_is_typed()
        self._tell(self.practice.keep_place())
