"""What a run does besides drawing it, the same for every face: the app and plain mode only draw.

A `Practice` holds one `Run` and the storage it talks to through `Storage`, a small protocol
the store satisfies (so core never imports the store). It saves the draft after every move,
keeps a script as a card when the person keeps it, records a finished run (session, cards and
the draft let go) in one write, decides when crisis lines are offered, and words the summary.
A storage error comes back as a `Result` with a calm sentence for the face to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from coach.clock import Clock
from coach.core import crisis
from coach.core.run import AnswerInvalid, Run, clean_note
from coach.errors import CoachError
from coach.packs.library import ExerciseRef
from coach.prefs import Preferences
from coach.records import Card, Draft, Session


class Storage(Protocol):
    """What a run needs from storage; `ProgressStore` has all of it."""

    def save_draft(self, draft: Draft) -> None: ...

    def draft(self, exercise: str) -> Draft | None: ...

    def discard_draft(self, exercise: str) -> None: ...

    def keep_card(self, card: Card) -> object: ...

    def record_run(self, session: Session, cards: list[Card]) -> object: ...

    def preferences(self) -> Preferences: ...


@dataclass(frozen=True)
class Result:
    """What a move did: whether it went through, a sentence to show (why not, or what could not
    be kept), and whether the crisis lines are offered now or go (a later rating is lower)."""

    ok: bool = True
    message: str | None = None
    offer_crisis: bool = False
    withdraw_crisis: bool = False


class Shelf(Storage, Protocol):
    """What a face's menu needs besides a run: the places kept, and the preferences saved."""

    def drafts(self) -> list[Draft]: ...

    def save_preferences(self, preferences: Preferences) -> None: ...


def preferences(storage: Storage) -> Preferences:
    """The person's preferences; the defaults when they cannot be read (a run still goes on)."""
    try:
        return storage.preferences()
    except CoachError:
        return Preferences()


def kept_places(storage: Shelf) -> list[Draft]:
    """Every exercise in progress, the most recently touched first."""
    return storage.drafts()


def remember(storage: Shelf, **changes: Any) -> Preferences:
    """Save the preferences with `changes` (names of `Preferences` fields) made."""
    preferences = storage.preferences().model_copy(update=changes)
    storage.save_preferences(preferences)
    return preferences


def kept_run(ref: ExerciseRef, storage: Storage, clock: Clock) -> Run | None:
    """The run a kept place (a draft) resumes, or None when there is none."""
    draft = storage.draft(ref.full_id)
    return Run.resume(ref, draft, clock) if draft is not None else None


def start_fresh(ref: ExerciseRef, storage: Storage, clock: Clock) -> Run:
    """A new run of the exercise, letting any kept place go."""
    storage.discard_draft(ref.full_id)
    return Run(ref, clock)


class Practice:
    """One run as every face drives it: moves in, results out, storage behind."""

    def __init__(self, run: Run, storage: Storage) -> None:
        self.run = run
        self.storage = storage
        self.offered = False
        """Whether the crisis lines are shown now: the latest distress rating was high."""
        self._preferences: Preferences | None = None

    # ---- the person's settings ----------------------------------------------------------------

    @property
    def preferences(self) -> Preferences:
        """Read once (the defaults if they cannot be read); `reread()` after they change."""
        if self._preferences is None:
            self._preferences = preferences(self.storage)
        return self._preferences

    def reread(self) -> None:
        """Read the preferences again: the person may have chosen a region meanwhile."""
        self._preferences = None

    @property
    def region(self) -> str | None:
        """The crisis region chosen (or from COACH_REGION); None shows every region's lines."""
        return crisis.chosen_region(self.preferences.crisis_region)

    def high_from_before(self) -> bool:
        """A run picked up from a draft whose latest distress rating was high: the lines come
        back, as they were when the person left."""
        threshold = self.preferences.crisis_threshold
        self.offered = crisis.latest_high(self.run.steps, self.run.answer_for, threshold)
        return self.offered

    # ---- moves --------------------------------------------------------------------------------

    def submit(self, value: Any) -> Result:
        """Answer the current step (cleaned and checked), keep the draft, keep a script as a
        card, and say whether the crisis lines are offered now, or go: they follow the latest
        distress rating, and an answer with words of risk in it brings them too."""
        step = self.run.step
        try:
            self.run.submit(value)
        except AnswerInvalid as err:
            return Result(ok=False, message=str(err))
        problem = self._keep(lambda: self.storage.save_draft(self.run.draft()))
        card = self.run.card(step)
        if card is not None and problem is None:
            problem = self._keep(lambda: self.storage.keep_card(card))
        value, threshold = self.run.answer_for(step), self.preferences.crisis_threshold
        was = self.offered
        if crisis.should_offer(step, value, 0):  # a distress rating: the lines follow it
            self.offered = crisis.should_offer(step, value, threshold)
        elif _words_of_risk(value):  # "I want to die" typed or chosen as an answer
            self.offered = True
        return Result(
            message=problem,
            offer_crisis=self.offered and not was,
            withdraw_crisis=was and not self.offered,
        )

    def skip(self) -> Result:
        """Pass over the current step, if it can be, and keep the draft."""
        try:
            self.run.skip()
        except AnswerInvalid as err:
            return Result(ok=False, message=str(err))
        return Result(message=self._save_draft())

    def back(self) -> Result:
        """Go back one step, keeping every answer; not ok at the first step."""
        if not self.run.back():
            return Result(ok=False)
        return Result(message=self._save_draft())

    def hold(self, value: Any) -> None:
        """Hold what is typed on the current step (cleaned), so a stop or a closed terminal
        keeps it; at the end, `value` is the closing note and the bring-to-session switch."""
        if self.run.at_end:
            if isinstance(value, tuple) and len(value) == 2:
                note, bring = value
                self.run.note, self.run.bring_to_session = clean_note(note), bool(bring)
            return
        self.run.keep_partial(value)

    def keep_place(self) -> Result:
        """Keep the place as a draft, with what was held; with nothing done, nothing is kept."""
        if not self.run.has_progress:
            return Result(ok=False)
        problem = self._save_draft()
        return Result(ok=problem is None, message=problem)

    def finish(self, note: str | None, bring_to_session: bool) -> Result:
        """Record the finished run: session, cards and the draft let go, in one write."""
        self.run.note, self.run.bring_to_session = clean_note(note or ""), bring_to_session
        return self._record("completed", self.run.note, bring_to_session)

    def end_early(self) -> Result:
        """Record what was done so far as a session ended early."""
        return self._record("ended-early")

    # ---- words --------------------------------------------------------------------------------

    def summary(self) -> list[str]:
        """What was kept, in plain sentences, for the end of the run."""
        run = self.run
        lines = [f"You practiced {run.exercise.title}."]
        before, after = run.distress("before"), run.distress("after")
        if before is not None and after is not None:
            lines.append(f"Before {before}, after {after}.")
        if run.cards():
            lines.append("Your script is kept as a card.")
        if run.bring_to_session:
            lines.append("It is marked to bring to your next session.")
        return lines

    def answers_in_words(self) -> list[str]:
        """Every answer so far as `question: answer` lines (and the note), for a face to show
        when nothing at all could be written, so what was typed is never lost from view."""
        lines = []
        for step in self.run.steps:
            value = self.run.answers.get(step.answer_id) if step.answer_id else None
            if value in (None, "", []):
                continue
            shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
            asked = getattr(step, "prompt", None) or step.title or step.answer_id
            lines.append(f"{asked} {shown}" if asked[-1] in "?.!:" else f"{asked}: {shown}")
        if self.run.note.strip():
            lines.append(f"Your note: {self.run.note}")
        return lines

    # ---- keeping ------------------------------------------------------------------------------

    def _save_draft(self) -> str | None:
        return self._keep(lambda: self.storage.save_draft(self.run.draft()))

    def _record(self, status: str, note: str | None = None, bring: bool = False) -> Result:
        try:
            session = self.run.session(note, bring, status)
        except AnswerInvalid as err:
            return Result(ok=False, message=str(err))
        problem = self._keep(lambda: self.storage.record_run(session, self.run.cards()))
        return Result(ok=problem is None, message=problem)

    @staticmethod
    def _keep(write: Callable[[], object]) -> str | None:
        """Run one write; a storage error comes back as its calm sentence, never swallowed."""
        try:
            write()
        except CoachError as err:
            return str(err)
        return None


def _words_of_risk(value: Any) -> bool:
    """Whether an answer (written, chosen or listed) holds a phrase from data/risk-phrases.yaml."""
    from coach.core import risk

    answers = value if isinstance(value, list) else [value]
    return any(isinstance(a, str) and risk.mentions_risk(a) for a in answers)
