"""One exercise in plain lines, over `Practice`: the questions are asked here, everything kept
is kept by the practice. End of input keeps the place with what is typed on the current step,
as closing the terminal does in the app."""

from __future__ import annotations

from typing import Any

from coach.clock import Clock, local_now
from coach.core import crisis
from coach.core.practice import Practice, Result, Storage, kept_run, start_fresh
from coach.core.run import Run
from coach.packs.library import ExerciseRef
from coach.plain.console import HELP, CommandWord, Console, EndOfInput, markdown_as_words
from coach.plain.crisis_word import show_crisis, show_lines
from coach.plain.steps import StepQuestions

NO_WHY = "This exercise does not say more about why it works."
UNSAVED = "unsaved"
"""The outcome when something could not be written: the command exits with status 1."""


class PlainRun(StepQuestions):
    """One exercise, step by step, in plain lines."""

    def __init__(self, run: Run, store: Storage, console: Console) -> None:
        self.practice = Practice(run, store)
        self.out = console
        self.pending = None

    # ---- the whole run --------------------------------------------------------------------------

    def go(self) -> str:
        """Run to the end; returns "saved", "ended-early", "kept" or "unsaved" (a write failed:
        what was typed is kept as the place, or shown when nothing can be written)."""
        ex = self.run.exercise
        self.out.say(f"{ex.title}. {ex.summary}")
        self.out.say(
            f"{self.run.total} step{'s' if self.run.total != 1 else ''}. "
            "Type help at any prompt for the words you can use."
        )
        try:
            if self.practice.high_from_before():
                self._crisis_lines()
            while True:
                try:
                    if self.run.at_end:
                        return self._finish()
                    self._step()
                except CommandWord as command:
                    self._hold_what_is_typed()
                    outcome = self._command(command.word)
                    if outcome is not None:
                        return outcome
        except (EndOfInput, KeyboardInterrupt):
            self.out.say()
            return self._keep()

    def _command(self, word: str) -> str | None:
        if word == "help":
            self.out.say(HELP)
        elif word == "why":
            why = self.run.exercise.why
            self.out.say(markdown_as_words(why) if why else NO_WHY)
        elif word == "crisis":
            self.out.say()
            show_crisis(self.out, self.practice.region, self.practice.storage)
            self.out.say()
        elif word == "back":
            if not self._told(self.practice.back()):
                self.out.say("This is the first step.")
        elif word == "skip" and not self.run.at_end:
            self.skip()
        elif word == "stop":
            return self._stop()
        return None

    def _stop(self) -> str | None:
        choice = self.out.answer(
            "Stop here for now? Type keep to keep your place for next time, save to save what "
            "you did as it is, or go on to carry on. (Enter keeps your place.)",
            commands=False,
        )
        choice = choice.strip().lower()
        if choice in ("", "keep", "k"):
            return self._keep()
        if choice in ("save", "s"):
            self._hold_what_is_typed()
            result = self.practice.end_early()
            if not self._told(result):
                return self._not_saved(result)
            self.out.say(f"Saved what you did in {self.run.exercise.title}.")
            return "ended-early"
        return None

    def _hold_what_is_typed(self) -> None:
        """Hold the partial answer of this step with the run, as the app does on leaving it."""
        if self.pending is not None:
            self.practice.hold(self.pending)
            self.pending = None

    def _keep(self) -> str:
        self._hold_what_is_typed()
        result = self.practice.keep_place()
        if result.message:
            return self._not_saved(result)
        if self._told(result):
            self.out.say(
                f"Your place in {self.run.exercise.title} is kept at {self.run.place}. "
                f"`coach run {self.run.ref.full_id} --plain` picks it up again."
            )
        elif not self.run.has_progress:
            self.out.say("Nothing was done yet, so there is nothing to keep. Come back any time.")
        return "kept"

    def _not_saved(self, failed: Result) -> str:
        """A session or a place that could not be written: keep what was typed as the place,
        or, when nothing can be written, show every answer so nothing is lost from view."""
        self._told(failed)
        kept = self.practice.keep_place()
        title, exercise = self.run.exercise.title, self.run.ref.full_id
        if kept.ok:
            self.out.say(
                f"Your answers in {title} are kept as your place, at {self.run.place}. "
                f"`coach run {exercise} --plain` offers them back."
            )
            return UNSAVED
        if kept.message and kept.message != failed.message:
            self.out.say(kept.message)
        self.out.say(
            "coach could not write anything to its data folder just now, so your answers are "
            "below: copy them somewhere safe, then try again when the folder can be written."
        )
        for line in self.practice.answers_in_words():
            self.out.say(f"  {line}")
        return UNSAVED

    def _told(self, result: Result) -> bool:
        """Say the practice's sentence, if it has one; whether the move went through."""
        if result.message:
            self.out.say(result.message)
        return result.ok

    # ---- one step --------------------------------------------------------------------------------

    def _step(self) -> None:
        step = self.run.step
        self.pending = None
        title = f": {step.title}" if step.title else ""
        self.out.say()
        self.out.say(f"{self.run.position}{title}")
        self.ask(step)

    def submit(self, value: Any) -> bool:
        """Answer the current step; False (and why) when the answer does not fit."""
        result = self.practice.submit(value)
        if not self._told(result):
            return False
        if result.offer_crisis:
            self._crisis_lines()
        return True

    def skip(self) -> bool:
        """Pass over the current step; False (and why) when it needs an answer."""
        return self._told(self.practice.skip())

    # ---- the end -----------------------------------------------------------------------------------

    def _finish(self) -> str:
        self.out.say()
        self.out.say("That's the last step.")
        before, after = self.run.distress("before"), self.run.distress("after")
        if before is not None or after is not None:
            show = lambda v: "not given" if v is None else str(v)  # noqa: E731
            self.out.say(f"Before: {show(before)}. After: {show(after)}.")
        keep = f" Enter keeps: {self.run.note}" if self.run.note else ""
        note = self.out.answer(
            f"Anything you want to remember about this one? You can leave it empty.{keep}"
        )
        self.practice.hold((note if note.strip() else self.run.note, self.run.bring_to_session))
        bring = self.out.answer("Bring this to your next session? Type yes or no (enter is no).")
        wanted = bring.strip().lower() in ("y", "yes")
        result = self.practice.finish(self.run.note, wanted)
        if not result.ok:
            return self._not_saved(result)
        self.out.say(" ".join(["Saved.", *self.practice.summary()]))
        return "saved"

    # ---- crisis lines ------------------------------------------------------------------------------

    def _crisis_lines(self) -> None:
        """The offer after a high rating: every region in a line when none is chosen, as the
        app's panel shows them; else the region's lines."""
        self.out.say()
        region = self.practice.region
        self.out.say(crisis.OFFER)
        if region is None:
            for line in crisis.compact_lines():
                self.out.say(line)
            self.out.say("Type crisis at any prompt to see every line. The exercise goes on.")
        else:
            show_lines(self.out, region)
            self.out.say("Type crisis at any prompt to see these again. The exercise goes on.")
        self.out.say()


def run_exercise(
    ref: ExerciseRef,
    store: Storage,
    console: Console | None = None,
    clock: Clock | None = None,
) -> str:
    """`coach run ID --plain`: offer to continue a kept place, then run the exercise."""
    out = console or Console()
    clock = clock or local_now
    try:
        run = kept_run(ref, store, clock)
        if run is not None:
            question = (
                f"Welcome back to {ref.title}. Your place is kept at {run.place}, with your "
                "answers. Continue where you were? Type yes or no (enter is yes)."
            )
            while True:
                answer = out.answer(question, commands=False).strip().lower()
                if answer in ("", "y", "yes"):
                    break
                if answer in ("n", "no"):
                    sure = out.answer(
                        "Start fresh and let go of your answers so far? "
                        "Type yes to start fresh, or no to continue.",
                        commands=False,
                    )
                    if sure.strip().lower() in ("y", "yes"):
                        run = start_fresh(ref, store, clock)
                    else:
                        out.say("Your answers are kept; here is where you were.")
                    break
                question = (
                    "Type yes to continue where you were, or no to start fresh. "
                    "Enter also continues."
                )
    except (EndOfInput, KeyboardInterrupt):
        out.say()
        out.say("Your place is kept, as it was.")
        return "kept"
    return PlainRun(run or Run(ref, clock), store, out).go()
