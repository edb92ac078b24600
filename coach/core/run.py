"""One run through an exercise, as a plain state machine: no terminal, no files.

The run knows the steps, the answers by step id, where the person is, what counts as an answer
for each step type, the draft to save after every step, and the session it becomes at the end.
The TUI and plain mode only draw it and pass answers in.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coach import records
from coach.clock import Clock
from coach.packs import model
from coach.packs.library import ExerciseRef
from coach.packs.template import render_script
from coach.records import NOTE_LIMIT, OTHER_LIMIT, SCRIPT_LIMIT, Answer, Card, Draft, Session
from coach.text import clean


class AnswerInvalid(ValueError):
    """An answer that does not fit the step; the message says, kindly, what would."""


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


@dataclass
class Run:
    """Where a person is in one exercise, and what they have answered so far."""

    ref: ExerciseRef
    clock: Clock
    session_id: str = ""
    """The session's id; a new one (from `new_id`, which a test may fix) when not given."""
    started: str = ""
    index: int = 0
    answers: dict[str, Answer] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    note: str = ""
    """The closing note as typed so far (kept in the draft, so a closed terminal keeps it)."""
    bring_to_session: bool = False

    def __post_init__(self) -> None:
        if not self.session_id:
            self.session_id = new_id()
        if not self.started:
            self.started = _stamp(self.clock())

    # ---- where we are -------------------------------------------------------------------------

    @property
    def exercise(self) -> model.Exercise:
        return self.ref.exercise

    @property
    def steps(self) -> list[Any]:
        return list(self.exercise.steps)

    @property
    def total(self) -> int:
        return len(self.exercise.steps)

    @property
    def at_end(self) -> bool:
        """All steps are behind: what is left is the closing note and saving."""
        return self.index >= self.total

    @property
    def step(self) -> Any:
        """The current step (the last one when the run is at its end)."""
        return self.exercise.steps[min(self.index, self.total - 1)]

    @property
    def position(self) -> str:
        """`Step 3 of 8`, for people; the end reads `Almost done`."""
        return "Almost done" if self.at_end else f"Step {self.index + 1} of {self.total}"

    @property
    def place(self) -> str:
        """Where the person stopped, inside a sentence: `step 3 of 8`, `the closing note`."""
        return "the closing note" if self.at_end else f"step {self.index + 1} of {self.total}"

    @property
    def has_progress(self) -> bool:
        """Whether there is anything to keep: a step behind, an answer, or a note."""
        return bool(self.index or self.answers or self.skipped or self.note.strip())

    def answer_for(self, step: Any) -> Answer:
        """What is recorded for a step so far (an answer kept when going back), or None."""
        key = step.answer_id
        return self.answers.get(key) if key else None

    def starting_value(self, step: Any) -> Answer:
        """What a step's view starts from: the kept answer, or a script as it stands."""
        return _STARTS.get(type(step), Run.answer_for)(self, step)

    # ---- moving -----------------------------------------------------------------------------

    def submit(self, value: Any) -> None:
        """Record an answer for the current step (cleaned and checked first) and move on."""
        step = self.step
        if self.at_end:
            raise AnswerInvalid("The steps are done; only the closing note is left.")
        checked = validate(step, clean_answer(step, value))
        if step.answer_id is not None:
            self.answers[step.answer_id] = checked
            self.skipped.discard(step.answer_id)
        self.index += 1

    def skip(self) -> None:
        """Pass over the current step, recording nothing for it."""
        step = self.step
        if self.at_end:
            return
        if not can_skip(step):
            raise AnswerInvalid(_needs_answer(step))
        if step.answer_id is not None:
            self.answers.pop(step.answer_id, None)
            self.skipped.add(step.answer_id)
        self.index += 1

    def back(self) -> bool:
        """Go back one step, keeping every answer; False at the first step."""
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def keep_partial(self, value: Any) -> None:
        """Hold what is typed on the current step (cleaned, and kept only if it fits) so a draft
        keeps it too."""
        step = self.step
        if self.at_end or step.answer_id is None or value in (None, "", []):
            return
        try:
            self.answers[step.answer_id] = validate(step, clean_answer(step, value, held=True))
        except AnswerInvalid:
            pass

    # ---- scripts ------------------------------------------------------------------------------

    def script_text(self, step: model.ScriptStep) -> str:
        """The script as the person last left it, or freshly assembled from their answers."""
        kept = self.answers.get(step.id)
        return kept if isinstance(kept, str) else render_script(step.template, self.answers)

    def cards(self) -> list[Card]:
        """The scripts of this run, to keep as cards the person can reread and copy (ids are
        the same each time they are asked for, so keeping them twice keeps one)."""
        return [card for step in self.exercise.steps if (card := self.card(step)) is not None]

    def card(self, step: Any) -> Card | None:
        """The card a script step's answer makes, or None (not a script, or nothing in it)."""
        text = self.answers.get(step.answer_id) if step.type == "script" else None
        if not isinstance(text, str) or not text.strip():
            return None
        return Card(
            id=str(uuid.uuid5(uuid.UUID(self.session_id), step.answer_id)),
            exercise=self.ref.full_id,
            created=_stamp(self.clock()),
            title=self.exercise.title,
            text=text,
        )

    # ---- distress -----------------------------------------------------------------------------

    def distress(self, which: str) -> int | None:
        step = self.exercise.distress_step(which)
        value = self.answers.get(step.id) if step else None
        return value if isinstance(value, int) else None

    # ---- saving -------------------------------------------------------------------------------

    def draft(self) -> Draft:
        """The run as a draft: saved after every step, so it resumes exactly here."""
        return Draft(
            exercise=self.ref.full_id,
            pack_version=self.ref.pack.version,
            session_id=self.session_id,
            started=self.started,
            updated=_stamp(self.clock()),
            step=self.index,
            answers=dict(self.answers),
            skipped=sorted(self.skipped),
            note=self.note or None,
            bring_to_session=self.bring_to_session,
        )

    @classmethod
    def resume(cls, ref: ExerciseRef, draft: Draft, clock: Clock) -> Run:
        """Pick a draft up where it stopped; answers to steps the pack no longer has are let go."""
        ids = {s.answer_id for s in ref.exercise.steps if s.answer_id}
        answers: dict[str, Answer] = {}
        for key, value in draft.answers.items():
            step = next((s for s in ref.exercise.steps if s.answer_id == key), None)
            if step is None:
                continue
            try:
                answers[key] = validate(step, clean_answer(step, value))
            except AnswerInvalid:
                continue
        return cls(
            ref=ref,
            clock=clock,
            session_id=draft.session_id,
            started=draft.started,
            index=min(draft.step, ref.exercise.steps.__len__()),
            answers=answers,
            skipped={s for s in draft.skipped if s in ids},
            note=clean_note(draft.note or ""),
            bring_to_session=draft.bring_to_session,
        )

    def session(
        self, note: str | None = None, bring_to_session: bool = False, status: str = "completed"
    ) -> Session:
        """The finished session, exactly as the export format records it (the note cleaned)."""
        note = clean_note(note or "").strip() or None
        if note is not None and len(note) > NOTE_LIMIT:
            raise AnswerInvalid(f"A note can be up to {NOTE_LIMIT} characters.")
        return Session(
            id=self.session_id,
            exercise=self.ref.full_id,
            exercise_title=self.exercise.title,
            skill=self.exercise.skill,
            pack_version=self.ref.pack.version,
            started=self.started,
            finished=_stamp(self.clock()),
            status=status,  # type: ignore[arg-type]
            distress_before=self.distress("before"),
            distress_after=self.distress("after"),
            answers=dict(self.answers),
            note=note,
            bring_to_session=bring_to_session,
        )


# ---- what counts as an answer: one table per concern, keyed by step type ------------------------


def new_id() -> str:
    """A new session id (looked up when a run starts, so a test can make ids predictable)."""
    return records.new_id()


_ALWAYS_SKIPPABLE = {model.TextStep, model.ReadStep, model.BreatheStep, model.TimerStep}
"""Text questions (the coach asks, never demands) and steps that ask nothing."""


def can_skip(step: Any) -> bool:
    """Whether the step can be passed over: optional, or of a type that always can."""
    return bool(step.optional or type(step) in _ALWAYS_SKIPPABLE)


_NEEDS: dict[type, Callable[[Any], str]] = {
    model.RatingStep: lambda step: f"Pick a number from {step.min} to {step.max}.",
    model.ChoiceStep: lambda step: (
        "Pick one or more options." if step.multiple else "Pick one of the options."
    ),
}


def _needs_answer(step: Any) -> str:
    say = _NEEDS.get(type(step))
    return say(step) if say else "This step needs an answer to go on."


_TEXT_SHAPES: dict[type, Callable[[Any], tuple[bool, int | None]]] = {
    model.TextStep: lambda step: (step.multiline, step.max_length),
    model.ChoiceStep: lambda step: (False, OTHER_LIMIT),
    model.ChecklistStep: lambda step: (False, None),
    model.ScriptStep: lambda step: (True, SCRIPT_LIMIT),
}
"""Where a step takes typed text: whether line breaks stay, and how long it can be."""


def clean_answer(step: Any, value: Any, held: bool = False) -> Any:
    """`value` as typed, made safe for the step (the one place typed answers are cleaned, in
    every face); `held` text (not yet confirmed) is also cut to what the step takes."""
    shape = _TEXT_SHAPES.get(type(step))
    if shape is None:
        return value  # numbers pass as they are
    multiline, limit = shape(step)
    return _texts(value, multiline, limit if held else None)


def clean_note(note: str) -> str:
    """A closing note, made safe: one line, as both faces take it."""
    return clean(note, multiline=False)


def _texts(value: Any, multiline: bool, limit: int | None) -> Any:
    if isinstance(value, str):
        return clean(value, multiline=multiline, limit=limit)
    if isinstance(value, list | tuple):
        return [
            clean(v, multiline=multiline, limit=limit) if isinstance(v, str) else v for v in value
        ]
    return value


def _rating(step: model.RatingStep, value: Any) -> Answer:
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerInvalid(_needs_answer(step))
    if not step.min <= value <= step.max:
        raise AnswerInvalid(f"Pick a number from {step.min} to {step.max}.")
    return value


def _checklist(step: model.ChecklistStep, value: Any) -> Answer:
    ticked = list(value) if isinstance(value, list | tuple) else []
    unknown = [v for v in ticked if v not in step.items]
    if unknown or not isinstance(value, list | tuple):
        raise AnswerInvalid("Tick items from the list.")
    return [item for item in step.items if item in ticked]


def _script(step: model.ScriptStep, value: Any) -> Answer:
    if not isinstance(value, str):
        raise AnswerInvalid("The script is text.")
    if len(value) > SCRIPT_LIMIT:
        raise AnswerInvalid(f"A script can be up to {SCRIPT_LIMIT} characters.")
    return value


_VALIDATORS: dict[type, Callable[[Any, Any], Answer]] = {
    model.ReadStep: lambda step, value: None,
    model.BreatheStep: lambda step, value: _whole(value, 0, step.cycles, "cycles"),
    model.TimerStep: lambda step, value: _whole(value, 0, int(step.seconds + 0.999), "seconds"),
    model.RatingStep: _rating,
    model.TextStep: lambda step, value: _text_answer(step, value),
    model.ChoiceStep: lambda step, value: _choice_answer(step, value),
    model.ChecklistStep: _checklist,
    model.ScriptStep: _script,
}
"""What counts as an answer, by step type."""


def validate(step: Any, value: Any) -> Answer:
    """The answer as it will be recorded, or AnswerInvalid saying kindly what fits."""
    check = _VALIDATORS.get(type(step))
    if check is None:
        raise AnswerInvalid("This step does not take an answer.")
    return check(step, value)


def _whole(value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnswerInvalid(f"The {what} count is a number.")
    return max(low, min(high, int(value)))


def _text_answer(step: model.TextStep, value: Any) -> Answer:
    answers = [value] if isinstance(value, str) else value
    if not isinstance(answers, list | tuple) or not all(isinstance(a, str) for a in answers):
        raise AnswerInvalid("The answer is text.")
    if len(answers) != step.count:
        raise AnswerInvalid(f"This step has {step.count} answers.")
    for text in answers:
        if len(text) > step.max_length:
            raise AnswerInvalid(f"An answer here can be up to {step.max_length} characters.")
    cleaned = [a.strip() for a in answers]
    return cleaned[0] if step.count == 1 else cleaned


def _choice_answer(step: model.ChoiceStep, value: Any) -> Answer:
    picked = [value] if isinstance(value, str) else value
    if not isinstance(picked, list | tuple) or not all(isinstance(p, str) for p in picked):
        raise AnswerInvalid(_needs_answer(step))
    picked = [p.strip() for p in picked if p.strip()]
    if not picked:
        raise AnswerInvalid(_needs_answer(step))
    if not step.multiple and len(picked) > 1:
        raise AnswerInvalid("Pick one option here.")
    for p in picked:
        if p not in step.options:
            if not step.other:
                raise AnswerInvalid("Pick from the options shown.")
            if len(p) > OTHER_LIMIT:
                raise AnswerInvalid(f"Your own answer can be up to {OTHER_LIMIT} characters.")
    ordered = [o for o in step.options if o in picked] + [
        p for p in picked if p not in step.options
    ]
    unique = list(dict.fromkeys(ordered))
    return unique if step.multiple else unique[0]


_STARTS: dict[type, Callable[[Run, Any], Answer]] = {model.ScriptStep: Run.script_text}
"""What a step's view starts from, where it is not simply the kept answer."""
