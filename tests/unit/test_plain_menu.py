"""The plain menu (issue 14): search by words with why each matched, `continue` for a kept
place, and an unknown answer asked again in one line without the whole list."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coach import plain
from coach.packs.library import Library
from coach.plain.menu import UNKNOWN
from coach.store.store import ProgressStore
from tests.records import fixed_clock
from tests.ui.conftest import PACKS

OPENING = "If you're thinking about suicide or might hurt yourself"


@pytest.fixture(scope="module")
def builtin() -> Library:
    return Library.load()


@pytest.fixture(scope="module")  # read once: the tests only read it
def library() -> Library:
    return Library.load(None, [PACKS / "every-step.yaml"])


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    shelf = ProgressStore(data_dir, clock=fixed_clock())
    shelf.set_setting("first_run_done", True)
    return shelf


def menu(library: Library, store: ProgressStore, *lines: str) -> str:
    out = io.StringIO()
    console = plain.Console(io.StringIO("".join(f"{line}\n" for line in lines)), out, list.append)
    plain.menu(library, store, console, fixed_clock())
    return out.getvalue()


def number(library: Library, full_id: str) -> int:
    return [ref.full_id for ref in library.exercises()].index(full_id) + 1


def test_words_search_and_say_why_each_matched(builtin: Library, store: ProgressStore) -> None:
    sleep = number(builtin, "core/night-wind-down")
    text = menu(builtin, store, "cant sleep at night", str(sleep))
    assert "exercises fit 'cant sleep at night':" in text
    assert f"{sleep}. Can't sleep? A 3 a.m. wind-down. Matched helps when: \"" in text
    started = text.split("other words to search, or list for every exercise.\n")[1]
    assert started.startswith("Can't sleep? A 3 a.m. wind-down. ")  # the number started it


def test_a_number_from_the_matches_starts_that_exercise(
    library: Library, store: ProgressStore
) -> None:
    short = number(library, "test/short")
    text = menu(library, store, "short", str(short), "4")
    assert f"{short}. A short one" in text
    draft = store.draft("test/short")
    assert draft is not None and draft.answers == {"before": 4}


def test_risk_words_bring_the_crisis_lines_before_any_match(
    builtin: Library, store: ProgressStore
) -> None:
    text = menu(builtin, store, "I want to kill myself at work", "quit")
    assert OPENING in text
    assert "fit 'I want" not in text  # no search results in place of the lines
    assert "Exercises:" in text[text.index(OPENING) :]


def test_continue_resumes_at_the_kept_step_with_the_answers(
    library: Library, store: ProgressStore
) -> None:
    short = number(library, "test/short")
    menu(library, store, str(short), "3")  # input ends on the second step: the place is kept
    assert store.draft("test/short") is not None
    text = menu(library, store, "continue", "calm", "", "no")
    assert "Your place is kept in A short one.\nType continue to pick up where you were." in text
    assert "Back to A short one, at step 2 of 2, with your answers." in text
    assert "How is it?" not in text.split("Back to A short one")[1]  # not asked again
    (session,) = store.sessions()
    assert session.answers == {"before": 3, "word": "calm"}
    assert store.drafts() == []


def test_continue_with_two_places_asks_which(library: Library, store: ProgressStore) -> None:
    menu(library, store, str(number(library, "test/short")), "3")
    menu(library, store, str(number(library, "test/all")), "5")
    which = [d.exercise for d in store.drafts()].index("test/short") + 1
    text = menu(library, store, "continue", str(which), "calm", "", "no")
    assert "Your place is kept in more than one exercise:" in text
    assert f"{which}. A short one\n" in text and "Which one? Type its number." in text
    kept = [ref.title for ref in (library.get(d.exercise) for d in store.drafts()) if ref]
    assert kept == ["Every step"]  # the other one was finished
    assert store.sessions()[0].answers == {"before": 3, "word": "calm"}


def test_continue_with_nothing_kept_says_so(library: Library, store: ProgressStore) -> None:
    text = menu(library, store, "continue", "quit")
    assert "No place is kept just now." in text
    assert text.count("Exercises:") == 1


def test_start_fresh_over_a_kept_place_asks_first(library: Library, store: ProgressStore) -> None:
    short = str(number(library, "test/short"))
    menu(library, store, short, "3")
    text = menu(library, store, short, "no", "no")
    assert "Start fresh and let go of your answers so far?" in text
    draft = store.draft("test/short")
    assert draft is not None and draft.answers == {"before": 3}  # still kept
    menu(library, store, short, "no", "yes", "6")
    draft = store.draft("test/short")
    assert draft is not None and draft.answers == {"before": 6}


def test_an_unknown_answer_is_asked_again_without_the_list(
    library: Library, store: ProgressStore
) -> None:
    first = f"1. {library.exercises()[0].title} ("
    text = menu(library, store, "99", "", "crisis", "help", "quit")
    assert text.count(first) == 1 and text.count("Exercises:") == 1
    assert text.count(UNKNOWN) == 2
    assert "I didn't catch that. Type a number, a few words to search, or 'help'." in text
    for word in ("list (or l)", "continue", "a few words to search", "quit"):
        assert word in text.split("Here you can type:")[1]
    text = menu(library, store, "zzz", "list", "l", "quit")
    assert text.count(first) == 3 and text.count("Exercises:") == 3
