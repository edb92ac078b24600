"""The exercise runner: one step at a time, a draft saved after every step, never markup."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ProgressBar, Static

from coach.core.run import AnswerInvalid, Run, can_skip
from coach.errors import CoachError
from coach.packs import model
from coach.store.store import ProgressStore
from coach.tui.screens.exercise_outcome import RunOutcome
from coach.tui.screens.stop import GO_ON, KEEP, SAVE, StopModal
from coach.tui.screens.why import WhyModal
from coach.tui.text import plain, styled
from coach.tui.widgets.breathe import BreatheView
from coach.tui.widgets.choice import ChoiceView
from coach.tui.widgets.crisis_panel import CrisisPanel
from coach.tui.widgets.finish import DoneView, FinishView
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.rating import RatingView
from coach.tui.widgets.read import ReadView
from coach.tui.widgets.script import ScriptView
from coach.tui.widgets.step import AnswerSubmitted, SkipRequested, StepView
from coach.tui.widgets.text_answer import TextView
from coach.tui.widgets.timer import TimerView


class ExerciseScreen(Screen[RunOutcome]):
    """Draws the run; the run decides, the store keeps."""

    CSS_PATH = "../styles/exercise.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+n", "skip", "Skip"),
        Binding("f1", "why", "Why"),
        Binding("f10", "stop", "Stop"),
    ]

    def __init__(
        self,
        run: Run,
        store: ProgressStore,
        now: Callable[[], float],
        reduce_motion: bool = False,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.run = run
        self.store = store
        self.now = now
        self.reduce_motion = reduce_motion
        self.cursor_blink = cursor_blink
        self.done = False

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
        self._offer_again_from_draft()

    def on_screen_resume(self) -> None:
        """Back from F2, where the person may have chosen a region: the panel shows its lines."""
        for panel in self.query(CrisisPanel):
            if panel.offered:
                panel.offer(self._crisis_settings()[1])

    # ---- drawing ------------------------------------------------------------------------------

    def view(self) -> Widget | None:
        body = self.query_one("#step-body")
        return body.children[0] if body.children else None

    def _make_view(self) -> Widget:
        run, step = self.run, self.run.step
        if run.at_end:
            return FinishView(
                run.distress("before"),
                run.distress("after"),
                bool(run.exercise.distress_step("before") or run.exercise.distress_step("after")),
                run.note,
                run.bring_to_session,
            )
        kept = run.answer_for(step)
        if isinstance(step, model.ReadStep):
            return ReadView(step)
        if isinstance(step, model.BreatheStep):
            return BreatheView(step, self.now, self.reduce_motion)
        if isinstance(step, model.TimerStep):
            return TimerView(step, self.now)
        if isinstance(step, model.RatingStep):
            return RatingView(step, kept)
        if isinstance(step, model.TextStep):
            return TextView(step, kept)
        if isinstance(step, model.ChoiceStep | model.ChecklistStep):
            return ChoiceView(step, kept)
        return ScriptView(step, run.script_text(step))

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
        self.query_one("#step-position", Static).update(run.position)
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
        return True

    # ---- the person's moves -------------------------------------------------------------------

    async def on_answer_submitted(self, message: AnswerSubmitted) -> None:
        message.stop()
        step = self.run.step
        try:
            self.run.submit(message.value)
        except AnswerInvalid as err:
            self.app.bell()
            self.notify(str(err), markup=False)
            return
        self.save_draft()
        self._offer_crisis_lines(step, message.value)
        await self.show_step()

    def _crisis_settings(self) -> tuple[int, str | None]:
        """The person's crisis threshold and region (the defaults if settings cannot be read)."""
        from coach.core import crisis

        try:
            threshold = crisis.threshold_setting(self.store.setting("crisis_threshold"))
            region = crisis.chosen_region(self.store.setting("crisis_region"))
        except CoachError:
            threshold, region = crisis.DEFAULT_THRESHOLD, crisis.chosen_region(None)
        return threshold, region

    def _offer_crisis_lines(self, step: object, value: object) -> None:
        """A distress rating at or above the person's threshold: the lines appear beside the
        exercise, which goes on as before."""
        from coach.core import crisis

        threshold, region = self._crisis_settings()
        if crisis.should_offer(step, value, threshold):
            self.query_one(CrisisPanel).offer(region)

    def _offer_again_from_draft(self) -> None:
        """A run picked up from a draft: a high distress rating already answered brings the
        lines back beside it, as they were when the person left."""
        from coach.core import crisis

        threshold, region = self._crisis_settings()
        if crisis.answered_high(self.run.steps, self.run.answer_for, threshold):
            self.query_one(CrisisPanel).offer(region)

    async def on_skip_requested(self, message: SkipRequested) -> None:
        message.stop()
        await self.action_skip()

    async def action_skip(self) -> None:
        try:
            self.run.skip()
        except AnswerInvalid as err:
            self.notify(str(err), markup=False)
            return
        self.save_draft()
        await self.show_step()

    async def action_back(self) -> None:
        if self.done:
            return
        self._hold_what_is_typed()
        if self.run.back():
            self.save_draft()
            await self.show_step()
        else:
            self.action_stop()

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
            if self._record("ended-early"):
                self.dismiss(
                    RunOutcome("ended-early", self.run.ref.full_id, self.run.exercise.title)
                )
        elif choice == GO_ON:
            view = self.view()
            if isinstance(view, StepView):
                view.focus_input()

    async def on_finish_view_save_requested(self, message: FinishView.SaveRequested) -> None:
        message.stop()
        self.run.note, self.run.bring_to_session = message.note, message.bring_to_session
        if not self._record("completed", message.note, message.bring_to_session):
            return
        self.done = True
        lines = [f"You practiced {self.run.exercise.title}."]
        before, after = self.run.distress("before"), self.run.distress("after")
        if before is not None and after is not None:
            lines.append(f"Before {before}, after {after}.")
        if self.run.cards():
            lines.append("Your script is kept as a card.")
        if message.bring_to_session:
            lines.append("It is marked to bring to your next session.")
        body = self.query_one("#step-body")
        await body.remove_children()
        done = DoneView(lines)
        await body.mount(done)
        done.focus()
        self.query_one("#step-position", Static).update("Done")
        self.query_one(ProgressBar).update(progress=self.run.total)
        self.refresh_bindings()

    def on_done_view_closed(self, message: DoneView.Closed) -> None:
        message.stop()
        self.dismiss(RunOutcome("saved", self.run.ref.full_id, self.run.exercise.title))

    # ---- keeping ------------------------------------------------------------------------------

    def _hold_what_is_typed(self) -> None:
        view = self.view()
        if isinstance(view, StepView) and not self.run.at_end:
            self.run.keep_partial(view.partial())
        elif isinstance(view, FinishView):
            self.run.note, self.run.bring_to_session = view.values()

    def keep_place(self) -> None:
        """Save the draft with whatever is typed on this step: for ctrl+q, a stop, a crash."""
        if self.done:
            return
        self._hold_what_is_typed()
        if self.run.has_progress:  # nothing done yet: no draft to come back to
            self.save_draft()

    def save_draft(self) -> None:
        try:
            self.store.save_draft(self.run.draft())
        except CoachError as err:
            self.notify(str(err), severity="warning", markup=False, timeout=10)

    def _record(self, status: str, note: str | None = None, bring: bool = False) -> bool:
        """Store the session, its cards, and let the draft go; False (and a calm word) if not."""
        try:
            session = self.run.session(note, bring, status)
            self.store.record_session(session)
            for card in self.run.cards():
                self.store.keep_card(card)
            self.store.discard_draft(self.run.ref.full_id)
        except (CoachError, AnswerInvalid) as err:
            self.notify(str(err), severity="warning", markup=False, timeout=10)
            return False
        return True
