"""Words typed at the plain menu: an exercise's own name, or a search (the one `coach find` and
the home use), each match with the words that made it fit."""

from __future__ import annotations

from dataclasses import dataclass

from coach.packs.library import ExerciseRef
from coach.packs.search import Index, terms


@dataclass(frozen=True)
class Found:
    """One exercise that fits what was typed, and why in a few words ("" when it is the name)."""

    ref: ExerciseRef
    why: str


def plain_words(value: str) -> str:
    """Lower case, dashes as spaces, one space between words."""
    return " ".join(value.lower().replace("-", " ").split())


def names(ref: ExerciseRef) -> list[str]:
    """Every way the exercise is called: its title, its full id and its short id."""
    return [plain_words(n) for n in (ref.title, ref.full_id, ref.exercise.id)]


def named(refs: list[ExerciseRef], text: str) -> list[ExerciseRef]:
    """The exercises whose title or id is exactly the words typed (any case)."""
    wanted = plain_words(text)
    return [ref for ref in refs if wanted in names(ref)]


def search(refs: list[ExerciseRef], text: str, most: int = 10) -> list[Found]:
    """Exercises whose name holds the words typed, then the search's best matches for them."""
    wanted = plain_words(text)
    by_name = [ref for ref in refs if any(wanted in name for name in names(ref))]
    found = [Found(ref, "") for ref in by_name]
    for match in Index(refs).search(text):
        if match.ref not in by_name:
            found.append(Found(match.ref, why(match.ref, text)))
    return found[:most]


def why(ref: ExerciseRef, text: str) -> str:
    """Where the words typed were found: a situation it helps with, its title, its tags or its
    summary, quoted; "" when the match came only from related words."""
    asked = set(terms(text))
    ex = ref.exercise
    shared = [(len(asked & set(terms(w))), -n, w) for n, w in enumerate(ex.when)]
    best = max(shared, default=(0, 0, ""))
    if best[0]:
        return f'helps when: "{best[2]}"'
    if asked & set(terms(ex.title)):
        return ""
    tags = [tag for tag in ex.tags if asked & set(terms(tag))]
    if tags:
        return f"tagged {', '.join(tags)}"
    if asked & set(terms(ex.skill)):
        return f"a {ex.skill} skill"
    if asked & set(terms(ex.summary)):
        return f'about: "{ex.summary}"'
    return "related words"
