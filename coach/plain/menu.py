"""`coach --plain`: what coach is (once, with the region asked), then exercises by number, by
name or by a few words searched, and `continue` for a kept place, until quit or end of input.

The list of exercises is said at the start, after an exercise and when asked (`list`); any
other answer gets one short line back, so a screen reader is not read the whole list again."""

from __future__ import annotations

from coach.clock import Clock, local_now
from coach.core import crisis, risk
from coach.core.practice import Shelf, kept_places, kept_run, preferences, remember
from coach.packs.library import ExerciseRef, Library
from coach.plain import finding
from coach.plain import safety_plan as plain_plan
from coach.plain.console import HELP, Console, EndOfInput, number_words
from coach.plain.crisis_word import show_crisis
from coach.plain.run import UNSAVED, PlainRun, run_exercise

FIRST = (
    "Type a number or a few words to search, now for the quickest grounding exercise, "
    "crisis for crisis lines, plan for your safety plan, help, or quit."
)
NEXT = "What next? Type a number, a few words to search, or 'help'."
UNKNOWN = "I didn't catch that. Type a number, a few words to search, or 'help'."
MENU_HELP = (
    "Here you can type: a number to start that exercise; its name; a few words to search, "
    "like angry at work; list (or l) to hear every exercise again; continue to pick up a kept "
    "place; now for the quickest grounding exercise; crisis for crisis lines and your safety plan; "
    "plan to make or change your safety plan; quit to leave.\nDuring an exercise: " + HELP
)
CONTINUE_WORDS = ("continue", "resume")


def menu(
    library: Library,
    store: Shelf,
    console: Console | None = None,
    clock: Clock | None = None,
) -> bool:
    """`coach --plain`: what coach is (once), then exercises until quit or EOF; False when
    something typed could not be saved (the command then exits with status 1)."""
    from coach.core.home import quickest_grounding

    out = console or Console()
    clock = clock or local_now
    saved = True
    try:
        _welcome_once(out, store)
        refs = library.exercises()
        prompt = ""
        while True:
            if not prompt:
                _say_list(out, library, store, refs)
                prompt = FIRST
            text = out.answer(prompt, commands=False).strip()
            word, prompt = text.lower(), NEXT
            if word in ("quit", "q", "exit"):
                out.say("Take care.")
                return saved
            if word in ("list", "l"):
                prompt = ""
            elif word == "crisis":
                show_crisis(out, crisis.chosen_region(preferences(store).crisis_region), store)
            elif word == "help":
                out.say(MENU_HELP)
            elif word in plain_plan.WORDS:
                saved = plain_plan.safety_plan(store, out, clock) and saved
            elif risk.mentions_risk(text):
                _show_help(out, store)
                prompt = ""  # the exercises again, with nothing started
            elif word in CONTINUE_WORDS:
                kept = _choose_kept(out, library, store)
                if kept is None:
                    prompt = UNKNOWN if _kept_refs(library, store) else _NOTHING_KEPT
                    continue
                saved = _resume(kept, store, out, clock) and saved
                prompt = ""
            else:
                chosen = quickest_grounding(library) if word == "now" else _chosen(refs, text)
                if chosen is None:
                    prompt = _search(out, refs, text)
                    continue
                saved = run_exercise(chosen, store, out, clock) != UNSAVED and saved
                prompt = ""
            if out.ended:
                return saved
    except (EndOfInput, KeyboardInterrupt):
        out.say()
        out.say("Take care.")
    return saved


_NOTHING_KEPT = "No place is kept just now. Type a number, a few words to search, or 'help'."


def _say_list(out: Console, library: Library, store: Shelf, refs: list[ExerciseRef]) -> None:
    """Every exercise, numbered, and the places kept."""
    out.say()
    out.say("Exercises:")
    for number, ref in enumerate(refs, start=1):
        minutes = f", {number_words(ref.exercise.minutes)} min" if ref.exercise.minutes else ""
        out.say(f"{number}. {ref.title} ({ref.exercise.skill}{minutes})")
    kept = _kept_refs(library, store)
    for ref in kept:
        out.say(f"Your place is kept in {ref.title}.")
    if kept:
        out.say("Type continue to pick up where you were.")


def _chosen(refs: list[ExerciseRef], text: str) -> ExerciseRef | None:
    """The exercise a number or an exact name stands for, else None."""
    if text.isdecimal():
        return refs[int(text) - 1] if 1 <= int(text) <= len(refs) else None
    named = finding.named(refs, text)
    return named[0] if len(named) == 1 else None


def _search(out: Console, refs: list[ExerciseRef], text: str) -> str:
    """The matches for the words typed, numbered as in the list; the prompt to ask next."""
    if not text or text.isdecimal():
        return UNKNOWN
    found = finding.search(refs, text)
    if not found:
        return f"Nothing matched {text!r}. Type a number, other words to search, or 'help'."
    out.say(f"{len(found)} exercise{'s' if len(found) != 1 else ''} fit {text!r}:")
    for match in found:
        why = f". Matched {match.why}" if match.why else ""
        out.say(f"{refs.index(match.ref) + 1}. {match.ref.title}{why}")
    return "Type a number to start one, other words to search, or list for every exercise."


def _kept_refs(library: Library, store: Shelf) -> list[ExerciseRef]:
    """The exercises with a kept place, the most recently touched first."""
    kept = (library.get(draft.exercise) for draft in kept_places(store))
    return [ref for ref in kept if ref is not None]


def _choose_kept(out: Console, library: Library, store: Shelf) -> ExerciseRef | None:
    """The kept place to pick up: the only one, or the one chosen by number; None if none."""
    kept = _kept_refs(library, store)
    if len(kept) <= 1:
        return kept[0] if kept else None
    out.say("Your place is kept in more than one exercise:")
    for number, ref in enumerate(kept, start=1):
        out.say(f"{number}. {ref.title}")
    text = out.answer("Which one? Type its number.", commands=False).strip()
    if text.isdecimal() and 1 <= int(text) <= len(kept):
        return kept[int(text) - 1]
    return None


def _resume(ref: ExerciseRef, store: Shelf, out: Console, clock: Clock) -> bool:
    """Go on from the kept step with the answers kept; False when something was not saved."""
    run = kept_run(ref, store, clock)
    if run is None:
        return run_exercise(ref, store, out, clock) != UNSAVED
    out.say(f"Back to {ref.title}, at {run.place}, with your answers.")
    return PlainRun(run, store, out).go() != UNSAVED


def _show_help(out: Console, store: Shelf) -> None:
    """Words about suicide or self-harm: the crisis lines for the person's region (every
    region's when none is chosen), then the menu of exercises again."""
    region = crisis.chosen_region(preferences(store).crisis_region)
    out.say()
    for line in risk.help_for(region).lines():
        out.say(line)


def _region(text: str, names: list[tuple[str, crisis.Region]]) -> str | None:
    """The region code for a number, a code or a name (any case; UK is GB), else None."""
    if text.isdecimal():
        return names[int(text) - 1][0] if 1 <= int(text) <= len(names) else None
    return crisis.region_code(text)


def _say_regions(out: Console, names: list[tuple[str, crisis.Region]]) -> None:
    for number, (_code, place) in enumerate(names, start=1):
        out.say(f"{number}. {place.name}")


def _welcome_once(out: Console, store: Shelf) -> None:
    chosen = preferences(store)
    if chosen.first_run_done:
        return
    out.say(crisis.NOT_A_CRISIS_SERVICE)
    region = crisis.chosen_region(chosen.crisis_region)
    if region is None:
        names = list(crisis.regions().items())
        out.say("Where are you? Then coach can show crisis lines that reach you.")
        _say_regions(out, names)
        prompt = "Type a number or a name, or press enter to choose later."
        while True:
            text = out.answer(prompt, commands=False).strip()
            if not text:
                break
            code = _region(text, names)
            if code is not None:
                remember(store, crisis_region=code)
                break
            if risk.mentions_risk(text):  # help first, every region's lines; then ask again
                _show_help(out, store)
                out.say()
                out.say("When you are ready, where are you?")
                _say_regions(out, names)
                prompt = "Type a number or a name, or press enter to choose later."
                continue
            prompt = (
                f"coach does not have {text!r} on its list. Type a number or a name from the "
                "list, or press enter to choose later."
            )
    remember(store, first_run_done=True)
