"""Find exercises by situation ("triggered at work"): ranked matches on title, summary, when, tags."""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.packs.library import ExerciseRef

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an and are at be but can do does don for from how i i'm im in is it its me my myself "
    "of on or so that the them then there this to up what when where which who why will with "
    "you your get got feel feeling felt set everything something anything really just dont".split()
)
# A few everyday words people type for the same thing; each adds the other at a lower weight.
_RELATED = {
    "alcohol": ("drink", "drinking", "craving"),
    "drink": ("alcohol", "craving"),
    "booze": ("alcohol", "drink"),
    "calm": ("relax", "soothe", "breathing"),
    "relax": ("calm",),
    "nervous": ("anxious", "panic", "body"),
    "anxious": ("anxiety", "panic", "worry"),
    "anxiety": ("anxious", "panic", "worry"),
    "job": ("work",),
    "boss": ("work",),
    "coworker": ("work",),
    "office": ("work",),
    "parents": ("family",),
    "mom": ("family",),
    "dad": ("family",),
    "mother": ("family",),
    "father": ("family",),
    "implode": ("blowup", "fight", "argument"),
    "blow": ("blowup", "fight"),
    "fight": ("argument", "conflict"),
    "angry": ("anger",),
    "mad": ("anger", "angry"),
    "sad": ("sadness",),
    "urge": ("craving",),
    "want": ("craving",),
    "sleep": ("tired",),
    "no": ("refuse",),
    "drunk": ("drink", "alcohol"),
    "beer": ("drink", "alcohol"),
    "wine": ("drink", "alcohol"),
    "relapse": ("slip", "craving"),
    "slipped": ("slip",),
    "lapse": ("slip",),
    "insomnia": ("sleep", "night"),
    "awake": ("sleep", "night"),
    "3am": ("night", "sleep"),
    "dissociate": ("dissociation", "far", "away"),
    "dissociated": ("dissociation", "far", "away"),
    "dissociating": ("dissociation", "far", "away"),
    "unreal": ("numb", "far"),
    "decide": ("decision", "choice"),
    "choose": ("decision", "choice"),
    "choice": ("decision",),
    "break": ("gap",),
    "return": ("back", "gap"),
    "holiday": ("family", "visit"),
    "christmas": ("family", "visit", "holiday"),
    "thanksgiving": ("family", "visit", "holiday"),
}


def stem(word: str) -> str:
    """A rough English stem, enough to match `triggered` with `trigger` and `boundaries`."""
    for suffix, replacement in (
        ("ies", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


_RELATED_TERMS = {stem(word): tuple(stem(r) for r in related) for word, related in _RELATED.items()}
_FIELD_WEIGHTS = {"when": 3.0, "title": 2.5, "tags": 2.0, "summary": 1.0}
# a term found in more fields than its best one counts a little more: it breaks ties toward
# the exercise that is about the thing ("flashback" in the title too), not one that mentions it
_ECHO = 0.2
_FIELD_WORDS = {"when": "when it helps", "title": "title", "tags": "tags", "summary": "summary"}
# a word found nowhere is read as the closest word of a title, id, tag or situation, if close
_CLOSE = 0.8
_CLOSE_WEIGHT = 0.8
_CLOSE_SHORTEST = 4


def terms(text: str) -> list[str]:
    """The stemmed words of `text` that carry meaning."""
    return [stem(w) for w in _WORD.findall(text.lower().replace("'", "")) if w not in _STOP]


@dataclass(frozen=True)
class Match:
    """One exercise found for a query, with its score (higher is closer)."""

    ref: ExerciseRef
    score: float
    why: str = ""
    """What matched, in words: "matched: when it helps — 'panic'"."""


class Index:
    """Term sets per field for each exercise, and how rare each term is across the library."""

    def __init__(self, refs: Sequence[ExerciseRef]) -> None:
        self.refs = list(refs)
        self._fields: list[dict[str, set[str]]] = []
        self._phrases: list[list[set[str]]] = []
        document_count: Counter[str] = Counter()
        for ref in self.refs:
            ex = ref.exercise
            fields = {
                "title": set(terms(ex.title)),
                "summary": set(terms(ex.summary)),
                "when": {t for w in ex.when for t in terms(w)},
                "tags": {t for tag in ex.tags for t in terms(tag)} | {stem(ex.skill)},
                "id": set(terms(ref.full_id.replace("-", " ").replace("/", " "))),
            }
            self._fields.append(fields)
            self._phrases.append([set(terms(w)) for w in ex.when])
            document_count.update(set().union(*fields.values()))
        self._close_words = sorted(
            {t for f in self._fields for k in ("title", "tags", "when", "id") for t in f[k]}
        )
        self._known = set(document_count)
        self._spelled: dict[str, str] = {}
        for ref in self.refs:
            words = [ref.exercise.title, *ref.exercise.when, *ref.exercise.tags]
            for w in _WORD.findall(" ".join(words).lower().replace("'", "")):
                self._spelled.setdefault(stem(w), w)
        total = max(len(self.refs), 1)
        self._idf = {t: math.log(1 + total / n) for t, n in document_count.items()}

    def search(self, query: str, limit: int | None = None, close: bool = True) -> list[Match]:
        """Exercises ranked by how well their words match the query; none when nothing does.
        With `close`, a word found nowhere counts as the nearest word it looks like (a typo)."""
        typed = _typed(query)
        weights = _query_weights(typed)
        if close:
            self._add_close(typed, weights)
        if not weights:
            return []
        matches = []
        for ref, fields, phrases in zip(self.refs, self._fields, self._phrases, strict=True):
            score, best, why = 0.0, 0.0, ""
            for term, weight in weights.items():
                found = sorted(
                    ((w, f) for f, w in _FIELD_WEIGHTS.items() if term in fields[f]), reverse=True
                )
                field_score = found[0][0] + _ECHO * sum(w for w, _ in found[1:]) if found else 0.0
                gained = weight * field_score * self._idf.get(term, 0.0)
                if gained > best:
                    best, why = gained, _why(found[0][1], term, typed)
                score += gained
            # a whole situation from `when` inside the query counts extra
            asked = {t for t, w in weights.items() if w == 1.0}
            for phrase in phrases:
                if len(phrase) > 1 and phrase <= asked:
                    score += 2.0 * len(phrase)
            if score > 0:
                matches.append(Match(ref, round(score, 3), why))
        matches.sort(key=lambda m: (-m.score, m.ref.title))
        return matches[:limit] if limit else matches

    def _add_close(self, typed: dict[str, str], weights: dict[str, float]) -> None:
        """Each typed word found nowhere, read as the closest known word (a typo's guess)."""
        for term, word in list(typed.items()):
            if term in self._known or len(term) < _CLOSE_SHORTEST:
                continue
            for near in difflib.get_close_matches(term, self._close_words, n=1, cutoff=_CLOSE):
                weights.setdefault(near, _CLOSE_WEIGHT)
                typed.setdefault(near, f"{word}→{self._spelled.get(near, near)}")


def _typed(query: str) -> dict[str, str]:
    """Each stemmed term of the query, with the word as it was typed."""
    words = _WORD.findall(query.lower().replace("'", ""))
    return {stem(w): w for w in words if w not in _STOP}


def _why(field: str, term: str, typed: dict[str, str]) -> str:
    """Why an exercise matched, in words, naming the field and the typed word."""
    word = typed.get(term)
    if word is None:
        return f"matched: {_FIELD_WORDS[field]} — a word like yours"
    if "→" in word:
        said, near = word.split("→")
        return f"matched: {_FIELD_WORDS[field]} — '{near}', close to '{said}'"
    return f"matched: {_FIELD_WORDS[field]} — '{word}'"


def _query_weights(query_terms: Iterable[str]) -> dict[str, float]:
    weights: dict[str, float] = {}
    for term in query_terms:
        weights[term] = 1.0
    for term in list(weights):
        for related in _RELATED_TERMS.get(term, ()):
            weights.setdefault(related, 0.5)
    return weights


def close_names(typed: str, names: Iterable[tuple[str, Sequence[str]]], most: int = 3) -> list[str]:
    """The names whose spellings (ids, short ids, titles) are close to what was typed, closest
    first: a spelling that starts with it, or one difflib finds alike."""
    from difflib import SequenceMatcher

    wanted = typed.strip().lower()
    if not wanted:
        return []
    scored: dict[str, float] = {}
    for name, spellings in names:
        for spelling in spellings:
            said = spelling.lower()
            score = SequenceMatcher(None, wanted, said).ratio()
            if len(wanted) >= 2 and (said.startswith(wanted) or f"-{wanted}" in said):
                score = max(score, 0.9)
            if score >= 0.6 and score > scored.get(name, 0):
                scored[name] = score
    return sorted(scored, key=lambda n: (-scored[n], n))[:most]


def did_you_mean(typed: str, refs: Iterable[ExerciseRef]) -> str:
    """ " Did you mean box-breathing?" for the exercises close to what was typed, or ""."""
    refs = list(refs)
    short = Counter(ref.exercise.id for ref in refs)
    names = [
        (
            ref.exercise.id if short[ref.exercise.id] == 1 else ref.full_id,
            (ref.full_id, ref.exercise.id, ref.exercise.title),
        )
        for ref in refs
    ]
    return said_close(close_names(typed, names))


def said_close(close: Sequence[str]) -> str:
    """ " Did you mean a, b or c?" for close names, or "" when there are none."""
    if not close:
        return ""
    listed = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
    return f" Did you mean {listed}?"


def unknown_exercise(typed: str, refs: Iterable[ExerciseRef]) -> str:
    """The sentence for an exercise id nothing has: the close ones, or where to look."""
    hint = did_you_mean(typed, refs)
    if hint:
        return f"No exercise {typed!r}.{hint}"
    return (
        f"There is no exercise {typed!r}. `coach list` shows every exercise, "
        "and `coach find` searches them."
    )
