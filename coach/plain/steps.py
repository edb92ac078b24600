"""Each step type asked in plain lines; `ASK` is the one table from step type to its question."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from coach.core import breath
from coach.core.practice import Practice
from coach.core.run import Run, can_skip
from coach.packs import model
from coach.packs.template import EMPTY_SCRIPT
from coach.plain.console import (
    PHASE_WORDS,
    Console,
    markdown_as_words,
    number_words,
    seconds_words,
)


class StepQuestions:
    """The questions for each step type; the run they feed is `practice`."""

    practice: Practice
    out: Console
    pending: Any
    """What is typed so far on the current step, held by the practice if the person leaves."""

    @property
    def run(self) -> Run:
        return self.practice.run

    def submit(self, value: Any) -> bool:
        raise NotImplementedError

    def ask(self, step: Any) -> None:
        """Ask the current step, whatever its type."""
        ASK[type(step)](self, step)

    def _read(self, step: model.ReadStep) -> None:
        self.out.say(markdown_as_words(step.text))
        self.out.answer("Press enter to go on.")
        self.submit(None)

    def _breathe(self, step: model.BreatheStep) -> None:
        if step.text:
            self.out.say(step.text)
        self.out.say(
            f"Breathe along for {step.cycles} round{'s' if step.cycles != 1 else ''}. "
            "Each line says what to do and for how many seconds. Ctrl+C ends it early."
        )
        pattern = breath.phases(step, holds=self._keep_holds(step))
        done = 0
        try:
            for cycle in range(step.cycles):
                self.out.say(f"Round {cycle + 1} of {step.cycles}.")
                for phase in pattern:
                    self.out.say(f"{PHASE_WORDS[phase.kind]}, {number_words(phase.seconds)}")
                    self.out.pace(phase.seconds)
                done += 1
        except KeyboardInterrupt:
            self.out.say()
        self.out.let_go_of_typing()
        self.out.say("Well done." if done == step.cycles else "That is enough for now.")
        self.submit(done)

    def _keep_holds(self, step: model.BreatheStep) -> bool:
        """Ask, before a pattern with holds, whether to breathe without them."""
        if not breath.can_skip_holds(step):
            return True
        text = self.out.answer(
            "This one has holds. If holding your breath feels uncomfortable, "
            "type no holds to breathe without them. Or press enter to start."
        )
        if text.strip().lower() in NO_HOLDS:
            self.out.say("Without the holds, then.")
            return False
        return True

    def _timer(self, step: model.TimerStep) -> None:
        if step.text:
            self.out.say(step.text)
        self.out.say(f"The timer runs for {seconds_words(step.seconds)}. Ctrl+C ends it early.")
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
                    self.out.say(f"{seconds_words(remaining)} left.")
        except KeyboardInterrupt:
            elapsed = min(float(step.seconds), time.monotonic() - start)
            self.out.say()
        self.out.let_go_of_typing()
        self.out.say("Time is up." if elapsed >= step.seconds else "Stopped early.")
        self.submit(int(round(elapsed)))

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
            if self.submit(value):
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
            self.skip()  # an empty text answer passes the step over, as in the app
            return
        self.submit(answers[0] if step.count == 1 else answers)

    def skip(self) -> bool:
        raise NotImplementedError

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
            if self.submit(value):
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
            if self.submit(ticked):
                return

    def _script(self, step: model.ScriptStep) -> None:
        if step.prompt:
            self.out.say(step.prompt)
        text = self.run.script_text(step)
        self.out.say("Your script, from your answers:")
        self.out.say(text or EMPTY_SCRIPT)
        self.pending = text  # the app keeps the script as it stands if the person leaves

        def hold(typed: str) -> None:
            self.pending = typed

        new = self._lines(
            "Press enter to keep it as it is, or type a new version (an empty line ends it).",
            hold=hold,
        )
        self.pending = None
        self.submit(new if new.strip() else text)


NO_HOLDS = ("no holds", "no hold", "no", "n", "h", "without holds", "skip the holds")
"""Answers that leave the holds out of a breathing pattern."""

ASK: dict[type, Callable[[Any, Any], None]] = {
    model.ReadStep: StepQuestions._read,
    model.BreatheStep: StepQuestions._breathe,
    model.TimerStep: StepQuestions._timer,
    model.RatingStep: StepQuestions._rating,
    model.TextStep: StepQuestions._text,
    model.ChoiceStep: StepQuestions._choice,
    model.ChecklistStep: StepQuestions._checklist,
    model.ScriptStep: StepQuestions._script,
}
"""The one place a step type meets the question that asks it in plain lines."""
