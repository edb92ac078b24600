"""`coach --plain`: what coach is (once, with the region asked), then exercises by number or
name until quit or the end of input."""

from __future__ import annotations

from coach.clock import Clock, local_now
from coach.core import crisis, risk
from coach.core.practice import Shelf, kept_places, preferences, remember
from coach.packs.library import ExerciseRef, Library
from coach.plain import safety_plan as plain_plan
from coach.plain.console import HELP, Console, EndOfInput, number_words
from coach.plain.run import UNSAVED, run_exercise, show_lines


def menu(
    library: Library,
    store: Shelf,
    console: Console | None = None,
    clock: Clock | None = None,
) -> bool:
    """`coach --plain`: what coach is (once), then exercises by number until quit or EOF;
    False when something typed could not be saved (the command then exits with status 1)."""
    from coach.core.home import quickest_grounding

    out = console or Console()
    clock = clock or local_now
    saved = True
    try:
        _welcome_once(out, store)
        refs = library.exercises()
        while True:
            out.say()
            out.say("Exercises:")
            for number, ref in enumerate(refs, start=1):
                minutes = (
                    f", {number_words(ref.exercise.minutes)} min" if ref.exercise.minutes else ""
                )
                out.say(f"{number}. {ref.title} ({ref.exercise.skill}{minutes})")
            for draft in kept_places(store):
                kept = library.get(draft.exercise)
                if kept is not None:
                    out.say(f"Your place is kept in {kept.title}.")
            text = out.answer(
                "Type a number or a name to start, now for the quickest grounding exercise, "
                "crisis for crisis lines, plan for your safety plan, or quit.",
                commands=False,
            ).strip()
            word = text.lower()
            if word in ("quit", "q", "exit"):
                out.say("Take care.")
                return saved
            if word == "crisis":
                show_lines(out, crisis.chosen_region(preferences(store).crisis_region))
                continue
            if word == "help":
                out.say(HELP)
                continue
            if word in plain_plan.WORDS:
                saved = plain_plan.safety_plan(store, out, clock) and saved
                continue
            if risk.mentions_risk(text):
                _show_help(out, store)
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
            saved = run_exercise(chosen, store, out, clock) != UNSAVED and saved
            if out.ended:
                return saved
    except (EndOfInput, KeyboardInterrupt):
        out.say()
        out.say("Take care.")
    return saved


def _show_help(out: Console, store: Shelf) -> None:
    """Words about suicide or self-harm: the crisis lines for the person's region (every
    region's when none is chosen), then the menu of exercises again."""
    region = crisis.chosen_region(preferences(store).crisis_region)
    out.say()
    for line in risk.help_for(region).lines():
        out.say(line)


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


def _welcome_once(out: Console, store: Shelf) -> None:
    chosen = preferences(store)
    if chosen.first_run_done:
        return
    out.say(crisis.NOT_A_CRISIS_SERVICE)
    region = crisis.chosen_region(chosen.crisis_region)
    if region is None:
        names = list(crisis.regions().items())
        out.say("Where are you? Then coach can show crisis lines that reach you.")
        for number, (_code, place) in enumerate(names, start=1):
            out.say(f"{number}. {place.name}")
        prompt = "Type a number or a name, or press enter to choose later."
        while True:
            text = out.answer(prompt, commands=False).strip()
            if not text:
                break
            code = _region(text, names)
            if code is not None:
                remember(store, crisis_region=code)
                break
            prompt = (
                f"coach does not have {text!r} on its list. Type a number or a name from the "
                "list, or press enter to choose later."
            )
    remember(store, first_run_done=True)
