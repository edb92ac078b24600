"""Plain mode: an exercise as plain lines on stdout, answers read from stdin.

For screen readers, pipes and terminals where the full-screen app is not welcome: no escape
sequences, no box drawing, one prompt per line, breathing cues as words. The run is the same
`Run` the app drives, so what is stored is exactly what the app would store. End of input keeps
the place as a draft, with what is typed on the current step, as closing the terminal does in
the app. Breathing and timers wait in real time only at a terminal; from a pipe the cues follow
each other at once.

At any prompt a line that is only one of these words is a command: back, skip, stop, why,
crisis, help. To answer with one of those words itself, start the line with a backslash.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from coach.core import crisis
from coach.core.run import AnswerInvalid, Run, can_skip
from coach.errors import CoachError
from coach.packs import model
from coach.text import strip_control

if TYPE_CHECKING:
    from coach.clock import Clock
    from coach.packs.library import ExerciseRef, Library
    from coach.store.store import ProgressStore

COMMANDS = ("back", "skip", "stop", "why", "crisis", "help")
PHASE_WORDS = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out", "rest": "Rest"}
HELP = (
    "At any prompt you can type: back (the step before), skip (pass over this step), "
    "stop (keep your place, or save what you did), why (why this works), "
    "crisis (crisis lines), help (this list). To answer with one of these words, start it with a backslash."
)


class EndOfInput(Exception):
    """stdin ended: the place is kept and the run ends quietly."""


class _Command(Exception):
    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


@dataclass
class Console:
    """Where plain mode reads and writes; tests give their own streams and sleep."""

    stdin: IO[str] = field(default_factory=lambda: sys.stdin)
    stdout: IO[str] = field(default_factory=lambda: sys.stdout)
    sleep: Callable[[float], None] = time.sleep
    ended: bool = False

    def say(self, text: str = "") -> None:
        """One or more lines, with every control character taken out."""
        self.stdout.write(strip_control(text) + "\n")
        self.stdout.flush()

    def line(self, prompt: str) -> str:
        """The prompt on its own line, then one line of answer (EndOfInput at the end)."""
        self.say(prompt)
        raw = self.stdin.readline()
        if raw == "":
            self.ended = True
            raise EndOfInput
        return raw.rstrip("\r\n")

    def answer(self, prompt: str, commands: bool = True) -> str:
        """A line, with the command words raised as _Command."""
        text = self.line(prompt)
        word = text.strip().lower()
        if commands and word in COMMANDS:
            raise _Command(word)
        if text.startswith("\\"):
            return text[1:]
        return text

    def in_terminal(self) -> bool:
        """Whether a person types at a terminal (not a pipe or a file)."""
        try:
            return bool(self.stdin.isatty())
        except (AttributeError, ValueError, OSError):
            return False

    def pace(self, seconds: float) -> None:
        """Wait along with the person at a terminal; with answers from a pipe, no one breathes
        along, so the cues follow each other without waiting."""
        if self.in_terminal():
            self.sleep(seconds)

    def let_go_of_typing(self) -> None:
        """At a terminal, what was typed during a paced step is let go, so it does not answer
        the next question."""
        if not self.in_terminal():
            return
        try:
            import termios
        except ImportError:  # not on this platform: nothing to let go of
            return
        try:
            termios.tcflush(self.stdin.fileno(), termios.TCIFLUSH)
        except (termios.error, AttributeError, ValueError, OSError):
            pass


def markdown_as_words(text: str) -> str:
    """Markdown read aloud: headings, emphasis and link syntax taken out, the words kept."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)
        line = re.sub(r"^\s*[-*+]\s+", "- ", line)
        line = re.sub(r"!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)", r"\1 (\2)", line)
        line = re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", line)
        line = line.replace("\\", "") if "\\" in line else line
        out.append(line.rstrip())
    return "\n".join(out).strip()


def _seconds(value: float) -> str:
    whole = int(round(value))
    if whole >= 60 and whole % 60 == 0:
        minutes = whole // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    if whole >= 60:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole} second{'s' if whole != 1 else ''}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class PlainRun:
    """One exercise, step by step, in plain lines."""

    def __init__(self, run: Run, store: ProgressStore, console: Console) -> None:
        self.run = run
        self.store = store
        self.out = console
        self.offered = False
        self.pending: Any = None
        """What is typed so far on the current step, kept in the draft as the app keeps it."""

    # ---- the whole run --------------------------------------------------------------------------

    def go(self) -> str:
        """Run to the end; returns "saved", "ended-early" or "kept"."""
        ex = self.run.exercise
        self.out.say(f"{ex.title}. {ex.summary}")
        self.out.say(
            f"{self.run.total} step{'s' if self.run.total != 1 else ''}. "
            "Type help at any prompt for the words you can use."
        )
        try:
            while True:
                try:
                    if self.run.at_end:
                        return self._finish()
                    self._step()
                except _Command as command:
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
            self.out.say(
                markdown_as_words(why)
                if why
                else "This exercise does not say more about why it works."
            )
        elif word == "crisis":
            self._crisis_lines(offer=False)
        elif word == "back":
            if not self.run.back():
                self.out.say("This is the first step.")
        elif word == "skip":
            if self.run.at_end:
                return None
            try:
                self.run.skip()
            except AnswerInvalid as err:
                self.out.say(str(err))
                return None
            self._save_draft()
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
            if self._record("ended-early"):
                self.out.say(f"Saved what you did in {self.run.exercise.title}.")
                return "ended-early"
        return None

    def _hold_what_is_typed(self) -> None:
        """Keep the partial answer of this step with the run, as the app does on leaving it."""
        if self.pending is not None:
            self.run.keep_partial(self.pending)
            self.pending = None

    def _keep(self) -> str:
        self._hold_what_is_typed()
        if self.run.has_progress:
            self._save_draft()
            self.out.say(
                f"Your place in {self.run.exercise.title} is kept at {self.run.place}. "
                f"`coach run {self.run.ref.full_id} --plain` picks it up again."
            )
        else:
            self.out.say("Nothing was done yet, so there is nothing to keep. Come back any time.")
        return "kept"

    # ---- one step --------------------------------------------------------------------------------

    def _step(self) -> None:
        run, step = self.run, self.run.step
        self.pending = None
        title = f": {step.title}" if step.title else ""
        self.out.say()
        self.out.say(f"{run.position}{title}")
        if isinstance(step, model.ReadStep):
            self.out.say(markdown_as_words(step.text))
            self.out.answer("Press enter to go on.")
            self._submit(None)
        elif isinstance(step, model.BreatheStep):
            self._breathe(step)
        elif isinstance(step, model.TimerStep):
            self._timer(step)
        elif isinstance(step, model.RatingStep):
            self._rating(step)
        elif isinstance(step, model.TextStep):
            self._text(step)
        elif isinstance(step, model.ChoiceStep):
            self._choice(step)
        elif isinstance(step, model.ChecklistStep):
            self._checklist(step)
        else:
            self._script(step)

    def _submit(self, value: Any) -> bool:
        step = self.run.step
        try:
            self.run.submit(value)
        except AnswerInvalid as err:
            self.out.say(str(err))
            return False
        self._save_draft()
        if not self.offered and self._should_offer(step, value):
            self.offered = True
            self._crisis_lines(offer=True)
        return True

    def _breathe(self, step: model.BreatheStep) -> None:
        if step.text:
            self.out.say(step.text)
        self.out.say(
            f"Breathe along for {step.cycles} round{'s' if step.cycles != 1 else ''}. "
            "Each line says what to do and for how many seconds. Ctrl+C ends it early."
        )
        done = 0
        try:
            for cycle in range(step.cycles):
                self.out.say(f"Round {cycle + 1} of {step.cycles}.")
                for phase in step.pattern:
                    self.out.say(f"{PHASE_WORDS[phase.kind]}, {_number(phase.seconds)}")
                    self.out.pace(phase.seconds)
                done += 1
        except KeyboardInterrupt:
            self.out.say()
        self.out.let_go_of_typing()
        self.out.say("Well done." if done == step.cycles else "That is enough for now.")
        self._submit(done)

    def _timer(self, step: model.TimerStep) -> None:
        if step.text:
            self.out.say(step.text)
        self.out.say(f"The timer runs for {_seconds(step.seconds)}. Ctrl+C ends it early.")
        start = time.monotonic()
        elapsed = 0.0
        try:
            remaining = float(step.seconds)
            while remaining > 0:  # a word at each whole minute left
                chunk = remaining if remaining <= 60 else (remaining % 60 or 60.0)
                self.out.pace(chunk)
                remaining -= chunk
                elapsed += chunk
                if remaining > 0:
                    self.out.say(f"{_seconds(remaining)} left.")
        except KeyboardInterrupt:
            elapsed = min(float(step.seconds), time.monotonic() - start)
            self.out.say()
        self.out.let_go_of_typing()
        self.out.say("Time is up." if elapsed >= step.seconds else "Stopped early.")
        self._submit(int(round(elapsed)))

    def _rating(self, step: model.RatingStep) -> None:
        kept = self.run.answer_for(step)
        self.out.say(step.prompt)
        labels = ", ".join(f"{k} is {v}" for k, v in sorted((step.labels or {}).items()))
        scale = f"A number from {step.min} to {step.max}" + (f" ({labels})" if labels else "")
        before = f" Enter keeps {kept}." if isinstance(kept, int) else ""
        optional = " Or type skip." if can_skip(step) else ""
        while True:
            text = self.out.answer(f"{scale}.{before}{optional}").strip()
            if text == "" and isinstance(kept, int):
                value: Any = kept
            else:
                try:
                    value = int(text)
                except ValueError:
                    self.out.say(f"Type a number from {step.min} to {step.max}.")
                    continue
            if self._submit(value):
                return

    def _text(self, step: model.TextStep) -> None:
        kept = self.run.answer_for(step)
        kept_list = (
            [kept] if isinstance(kept, str) else list(kept) if isinstance(kept, list) else []
        )
        kept_list += [""] * (step.count - len(kept_list))
        self.out.say(step.prompt)
        # a place kept partway through the answers goes on at the first empty one
        start = next((i for i, a in enumerate(kept_list) if not a.strip()), 0)
        answers = kept_list[:start] if step.count > 1 else []
        for i, was in enumerate(answers):
            self.out.say(f"Answer {i + 1} of {step.count}, kept from before: {was}")

        def hold(current: str) -> None:
            values = answers + [current] + kept_list[len(answers) + 1 :]
            if not any(v.strip() for v in values):
                self.pending = None
            else:
                self.pending = values[0] if step.count == 1 else values

        for i in range(len(answers), step.count):
            where = f"Answer {i + 1} of {step.count}. " if step.count > 1 else ""
            was = kept_list[i]
            hold(was)
            keep = f" Enter keeps what you wrote before: {was}" if was else ""
            if step.multiline:
                answers.append(
                    self._lines(
                        f"{where}Type as many lines as you like; an empty line ends it.{keep}",
                        was,
                        hold,
                    )
                )
            else:
                text = self.out.answer(f"{where}Type your answer, then enter.{keep}")
                answers.append(text if text.strip() or not was else was)
        self.pending = None
        if all(not a.strip() for a in answers):
            self.run.skip()  # an empty text answer passes the step over, as in the app
            self._save_draft()
            return
        self._submit(answers[0] if step.count == 1 else answers)

    def _lines(self, prompt: str, was: str = "", hold: Callable[[str], None] | None = None) -> str:
        """Lines up to an empty one; `hold` hears the text so far after each line."""
        lines = [self.out.answer(prompt)]
        if not lines[0].strip():
            return was
        while True:
            if hold is not None:
                hold("\n".join(lines))
            more = self.out.answer("(more, or an empty line to finish)")
            if not more.strip():
                return "\n".join(lines)
            lines.append(more)

    def _options(self, names: list[str]) -> None:
        for number, name in enumerate(names, start=1):
            self.out.say(f"{number}. {name}")

    def _pick(self, text: str, names: list[str]) -> list[str] | None:
        """Numbers or words, several separated by commas; None if one is not on the list."""
        lowered = {n.lower(): n for n in names}
        whole = text.strip()
        if whole.lower() in lowered:  # an item that itself has a comma in it
            return [lowered[whole.lower()]]
        picked: list[str] = []
        for part in (p.strip() for p in whole.split(",")):
            if not part:
                continue
            if part.isdecimal() and 1 <= int(part) <= len(names):
                picked.append(names[int(part) - 1])
            elif part.lower() in lowered:
                picked.append(lowered[part.lower()])
            else:
                return None
        return picked

    def _choice(self, step: model.ChoiceStep) -> None:
        self.out.say(step.prompt)
        self._options(list(step.options))
        how = (
            "Type one or more numbers or words, separated by commas."
            if step.multiple
            else "Type a number or the words of one option."
        )
        if step.other:
            how += " Or type your own answer."
        if can_skip(step):
            how += " Or type skip."
        kept = self.run.answer_for(step)
        if kept:
            shown = ", ".join(kept) if isinstance(kept, list) else kept
            how += f" Enter keeps: {shown}."
        while True:
            text = self.out.answer(how)
            if not text.strip() and kept:
                value: Any = kept
            else:
                value = self._choose(text, step)
                if value is None:
                    continue
            if self._submit(value):
                return

    def _choose(self, text: str, step: model.ChoiceStep) -> Any:
        names = list(step.options)
        lowered = {n.lower(): n for n in names}
        whole = text.strip()
        if whole.lower() in lowered:
            return lowered[whole.lower()]
        parts = [p.strip() for p in whole.split(",")] if step.multiple else [whole]
        picked: list[str] = []
        for part in parts:
            if not part:
                continue
            if part.isdecimal() and 1 <= int(part) <= len(names):
                picked.append(names[int(part) - 1])
            elif part.isdecimal():
                self.out.say(f"There is no option {part}; the options go from 1 to {len(names)}.")
                return None
            elif part.lower() in lowered:
                picked.append(lowered[part.lower()])
            elif step.other:
                picked.append(part)
            else:
                self.out.say(f"{part!r} is not one of the options. Type its number or its words.")
                return None
        if not picked:
            self.out.say(
                "Pick one or more options." if step.multiple else "Pick one of the options."
            )
            return None
        return picked if step.multiple else picked[0]

    def _checklist(self, step: model.ChecklistStep) -> None:
        self.out.say(step.prompt)
        self._options(list(step.items))
        while True:
            text = self.out.answer(
                "Type the numbers or words of what you did, separated by commas, "
                "or just enter for none."
            )
            ticked = self._pick(text, list(step.items))
            if ticked is None:
                self.out.say("Type the numbers or words from the list.")
                continue
            if self._submit(ticked):
                return

    def _script(self, step: model.ScriptStep) -> None:
        if step.prompt:
            self.out.say(step.prompt)
        text = self.run.script_text(step)
        self.out.say("Your script, from your answers:")
        self.out.say(text)
        self.pending = text  # the app keeps the script as it stands if the person leaves

        def hold(typed: str) -> None:
            self.pending = typed

        new = self._lines(
            "Press enter to keep it as it is, or type a new version (an empty line ends it).",
            hold=hold,
        )
        self.pending = None
        self._submit(new if new.strip() else text)

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
        self.run.note = note if note.strip() else self.run.note
        bring = self.out.answer("Bring this to your next session? Type yes or no (enter is no).")
        self.run.bring_to_session = bring.strip().lower() in ("y", "yes")
        if not self._record("completed", self.run.note, self.run.bring_to_session):
            return "kept"
        lines = [f"Saved. You practiced {self.run.exercise.title}."]
        if before is not None and after is not None:
            lines.append(f"Before {before}, after {after}.")
        if self.run.cards():
            lines.append("Your script is kept as a card.")
        if self.run.bring_to_session:
            lines.append("It is marked to bring to your next session.")
        self.out.say(" ".join(lines))
        return "saved"

    # ---- keeping -----------------------------------------------------------------------------------

    def _save_draft(self) -> None:
        try:
            self.store.save_draft(self.run.draft())
        except CoachError as err:
            self.out.say(str(err))

    def _record(self, status: str, note: str | None = None, bring: bool = False) -> bool:
        try:
            self.store.record_session(self.run.session(note, bring, status))
            for card in self.run.cards():
                self.store.keep_card(card)
            self.store.discard_draft(self.run.ref.full_id)
        except (CoachError, AnswerInvalid) as err:
            self.out.say(str(err))
            return False
        return True

    # ---- crisis lines ------------------------------------------------------------------------------

    def _settings(self) -> tuple[int, str | None]:
        try:
            threshold = crisis.threshold_setting(self.store.setting("crisis_threshold"))
            return threshold, crisis.chosen_region(self.store.setting("crisis_region"))
        except CoachError:
            return crisis.DEFAULT_THRESHOLD, crisis.chosen_region(None)

    def _should_offer(self, step: Any, value: Any) -> bool:
        return crisis.should_offer(step, value, self._settings()[0])

    def _crisis_lines(self, offer: bool) -> None:
        self.out.say()
        if offer:
            self.out.say(crisis.OFFER)
        show_lines(self.out, self._settings()[1])
        if offer:
            self.out.say("Type crisis at any prompt to see these again. The exercise goes on.")
        self.out.say()


def show_lines(out: Console, region: str | None) -> None:
    """The region's lines; with no region, every region's."""
    known = crisis.regions()
    places = [crisis.resources_for(region)] if region else list(known.values())
    for place in places:
        out.say(f"{place.name}:")
        for line in crisis.lines(place):
            out.say(f"  {line}")


# ---- entry points ----------------------------------------------------------------------------------


def run_exercise(
    ref: ExerciseRef,
    store: ProgressStore,
    console: Console | None = None,
    clock: Clock | None = None,
) -> str:
    """`coach run ID --plain`: offer to continue a kept place, then run the exercise."""
    from coach.clock import local_now

    out = console or Console()
    clock = clock or local_now
    run = Run(ref, clock)
    draft = store.draft(ref.full_id)
    try:
        if draft is not None:
            kept = Run.resume(ref, draft, clock)
            question = (
                f"Welcome back to {ref.title}. Your place is kept at {kept.place}, with your "
                "answers. Continue where you were? Type yes or no (enter is yes)."
            )
            while True:
                answer = out.answer(question, commands=False).strip().lower()
                if answer in ("", "y", "yes"):
                    run = kept
                    break
                if answer in ("n", "no"):
                    store.discard_draft(ref.full_id)
                    break
                question = (
                    "Type yes to continue where you were, or no to start fresh. "
                    "Enter also continues."
                )
    except (EndOfInput, KeyboardInterrupt):
        out.say()
        out.say("Your place is kept, as it was.")
        return "kept"
    return PlainRun(run, store, out).go()


def menu(
    library: Library,
    store: ProgressStore,
    console: Console | None = None,
    clock: Clock | None = None,
) -> None:
    """`coach --plain`: what coach is (once), then exercises by number until quit or EOF."""
    from coach.clock import local_now
    from coach.core.home import quickest_grounding

    out = console or Console()
    clock = clock or local_now
    try:
        _welcome_once(out, store)
        refs = library.exercises()
        while True:
            out.say()
            out.say("Exercises:")
            for number, ref in enumerate(refs, start=1):
                minutes = f", {_number(ref.exercise.minutes)} min" if ref.exercise.minutes else ""
                out.say(f"{number}. {ref.title} ({ref.exercise.skill}{minutes})")
            for draft in store.drafts():
                kept = library.get(draft.exercise)
                if kept is not None:
                    out.say(f"Your place is kept in {kept.title}.")
            text = out.answer(
                "Type a number or a name to start, now for the quickest grounding exercise, "
                "crisis for crisis lines, or quit.",
                commands=False,
            ).strip()
            word = text.lower()
            if word in ("quit", "q", "exit"):
                out.say("Take care.")
                return
            if word == "crisis":
                show_lines(out, crisis.chosen_region(store.setting("crisis_region")))
                continue
            if word == "help":
                out.say(HELP)
                continue
            chosen = quickest_grounding(library) if word == "now" else None
            if chosen is None and text.isdecimal() and 1 <= int(text) <= len(refs):
                chosen = refs[int(text) - 1]
            if chosen is None and text and not text.isdecimal():
                found = _matching(refs, text)
                if len(found) > 1:
                    out.say(f"More than one exercise fits {text!r}:")
                    for ref in found:
                        out.say(f"{refs.index(ref) + 1}. {ref.title}")
                    out.say("Type the number or more of the name of the one you want.")
                    continue
                chosen = found[0] if found else None
            if chosen is None:
                out.say("Type the number or the name of an exercise from the list.")
                continue
            run_exercise(chosen, store, out, clock)
            if out.ended:
                return
    except (EndOfInput, KeyboardInterrupt):
        out.say()
        out.say("Take care.")


def _matching(refs: list[ExerciseRef], text: str) -> list[ExerciseRef]:
    """Exercises whose title or id is the words typed (any case), else those that contain them."""

    def plain_words(value: str) -> str:
        return " ".join(value.lower().replace("-", " ").split())

    wanted = plain_words(text)

    def names(ref: ExerciseRef) -> list[str]:
        return [plain_words(n) for n in (ref.title, ref.full_id, ref.exercise.id)]

    exact = [ref for ref in refs if wanted in names(ref)]
    if exact:
        return exact
    return [ref for ref in refs if any(wanted in name for name in names(ref))]


def _region(text: str, names: list[tuple[str, crisis.Region]]) -> str | None:
    """The region code for a number, a code or a name (any case; UK is GB), else None."""
    if text.isdecimal():
        return names[int(text) - 1][0] if 1 <= int(text) <= len(names) else None
    return crisis.region_code(text)


def _welcome_once(out: Console, store: ProgressStore) -> None:
    if store.setting("first_run_done"):
        return
    out.say(crisis.NOT_A_CRISIS_SERVICE)
    if crisis.chosen_region(store.setting("crisis_region")) is None:
        names = list(crisis.regions().items())
        out.say("Where are you? Then coach can show crisis lines that reach you.")
        for number, (_code, region) in enumerate(names, start=1):
            out.say(f"{number}. {region.name}")
        prompt = "Type a number or a name, or press enter to choose later."
        while True:
            text = out.answer(prompt, commands=False).strip()
            if not text:
                break
            code = _region(text, names)
            if code is not None:
                store.set_setting("crisis_region", code)
                break
            prompt = (
                f"coach does not have {text!r} on its list. Type a number or a name from the "
                "list, or press enter to choose later."
            )
    store.set_setting("first_run_done", True)
