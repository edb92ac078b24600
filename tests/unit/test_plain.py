"""Plain mode driven through stdin: every step type, the command words, end of input, crisis
lines, and the same record the full-screen app stores for the same answers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from coach import plain
from coach.packs.library import Library
from coach.store.store import ProgressStore
from tests.records import fixed_clock
from tests.ui.conftest import PACKS, step_moves_on

ESCAPES = re.compile(r"\x1b|\x9b|[\u2500-\u259f]")  # escape sequences and box drawing

EVERY_STEP = [
    "7",  # rating
    "",  # read: enter goes on
    # breathe and timer run by themselves
    "lamp",
    "mug",  # two text answers
    "A day",
    "then a walk",
    "",  # a multiline answer ends at an empty line
    "2",  # a choice by number
    "Chest, my jaw",  # several, by words (any case) and one of my own, with commas
    "1, walked",  # a checklist by number and by words
    "I saw lamp, mug. I felt tense in chest, my jaw. Ok.",
    "",  # a new version of the script
    "6",  # rating after
    "Helped a bit",
    "yes",
]

EXPECTED = {
    "before": 7,
    "breaths": 2,
    "walked": 3,
    "see": ["lamp", "mug"],
    "story": "A day\nthen a walk",
    "mood": "tense",
    "places": ["chest", "my jaw"],
    "basics": ["ate", "walked"],
    "plan": "I saw lamp, mug. I felt tense in chest, my jaw. Ok.",
    "after": 6,
}


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture(scope="module")  # read once: the tests only read it
def library() -> Library:
    return Library.load(
        None, [PACKS / "every-step.yaml", PACKS / "markup-run.yaml", PACKS / "scales.yaml"]
    )


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    return ProgressStore(data_dir, clock=fixed_clock())


def drive(
    library: Library, store: ProgressStore, exercise: str, lines: list[str], eof: bool = True
) -> tuple[str, str, Sleeps]:
    """Run one exercise in plain mode with `lines` as stdin; (outcome, output, sleeps)."""
    sleeps = Sleeps()
    out = io.StringIO()
    console = plain.Console(io.StringIO("\n".join(lines) + ("\n" if lines else "")), out, sleeps)
    outcome = plain.run_exercise(library.resolve(exercise), store, console, fixed_clock())
    return outcome, out.getvalue(), sleeps


def test_every_step_type_through_stdin(library: Library, store: ProgressStore) -> None:
    outcome, out, sleeps = drive(library, store, "test/all", EVERY_STEP)
    assert outcome == "saved", out
    (session,) = store.sessions()
    assert session.answers == EXPECTED
    assert (session.distress_before, session.distress_after) == (7, 6)
    assert (session.note, session.bring_to_session, session.status) == (
        "Helped a bit",
        True,
        "completed",
    )
    assert [c.text for c in store.cards()] == [EXPECTED["plan"]]
    assert store.drafts() == []
    # breathing cues as words, one per line; from a pipe no one breathes along: no waiting
    assert "Breathe in, 1\nBreathe out, 1\nRound 2 of 2.\nBreathe in, 1" in out
    assert "Time is up." in out
    assert sleeps == []
    assert "Some Markdown and a link (https://example.com)." in out  # Markdown read as words
    assert "1. calm\n2. tense\n3. tired" in out
    assert "Saved. You practiced Every step. Before 7, after 6." in out
    assert not ESCAPES.search(out)


def test_plain_mode_stores_what_the_app_stores(
    library: Library, store: ProgressStore, data_dir: Path, tmp_path: Path
) -> None:
    import asyncio

    from textual.widgets import Input

    from coach.tui.app import CoachApp
    from tests.ui.conftest import FakeTime, focused_on, on_step, until

    app_store = ProgressStore(tmp_path / "app", clock=fixed_clock())
    time = FakeTime()

    async def in_the_app() -> None:
        app = CoachApp(
            library, app_store, clock=fixed_clock(), now=time, start=library.resolve("test/all")
        )
        async with app.run_test(size=(100, 32)) as pilot:
            # each step waits to be on screen with the focus before its keys
            await pilot.press("7", "enter")
            await on_step(pilot, app, "Step 2 of 11")
            await pilot.press("enter")
            await on_step(pilot, app, "Step 3 of 11")
            time.advance(10)
            await step_moves_on(pilot, app)
            await on_step(pilot, app, "Step 4 of 11")
            time.advance(10)
            await step_moves_on(pilot, app)
            await on_step(pilot, app, "Step 5 of 11")
            first = app.focused
            await pilot.press(*"lamp", "enter")
            await until(pilot, lambda: app.focused is not first, "no second field")
            await pilot.press(*"mug", "enter")
            await on_step(pilot, app, "Step 6 of 11")
            await pilot.press(*"A day", "enter", *"then a walk", "ctrl+s")
            await on_step(pilot, app, "Step 7 of 11")
            await pilot.press("down", "enter")
            await on_step(pilot, app, "Step 8 of 11")
            await pilot.press("down", "space", "down", "down", "space")
            await focused_on(pilot, app, Input, "the field for something else")
            await pilot.press(*"my jaw", "enter")
            await on_step(pilot, app, "Step 9 of 11")
            await pilot.press("space", "down", "down", "space", "enter")
            await on_step(pilot, app, "Step 10 of 11")
            await pilot.press("end", *" Ok.", "ctrl+s")
            await on_step(pilot, app, "Step 11 of 11")
            await pilot.press("right", "right", "enter")
            await on_step(pilot, app, "Almost done")
            await pilot.press(*"Helped a bit", "tab", "space", "enter")
            await on_step(pilot, app, "Done")
            await pilot.press("enter")

    asyncio.run(in_the_app())
    drive(library, store, "test/all", EVERY_STEP)
    keys = ("exercise", "answers", "distress_before", "distress_after", "status", "note")
    (from_app,), (from_plain,) = app_store.sessions(), store.sessions()
    assert {k: getattr(from_app, k) for k in keys} == {k: getattr(from_plain, k) for k in keys}
    assert from_app.bring_to_session == from_plain.bring_to_session
    assert [c.text for c in app_store.cards()] == [c.text for c in store.cards()]


def test_end_of_input_keeps_the_draft_and_the_next_run_picks_it_up(
    library: Library, store: ProgressStore
) -> None:
    outcome, out, _ = drive(library, store, "test/all", ["8", "", "lamp"])
    assert outcome == "kept"
    assert "Your place in Every step is kept at step 5 of 11" in out
    (draft,) = store.drafts()
    assert draft.step == 4 and draft.answers["before"] == 8
    assert draft.answers["see"] == ["lamp", ""]  # the answer typed on this step is kept too
    outcome, out, _ = drive(library, store, "test/all", ["", "mug"])  # enter: continue
    assert "Welcome back to Every step. Your place is kept at step 5 of 11" in out
    assert store.drafts()[0].answers["see"] == ["lamp", "mug"]
    outcome, out, _ = drive(library, store, "test/short", [])
    assert outcome == "kept" and "nothing to keep" in out


def test_starting_fresh_lets_the_kept_place_go(library: Library, store: ProgressStore) -> None:
    drive(library, store, "test/short", ["4"])
    assert store.draft("test/short") is not None
    outcome, out, _ = drive(library, store, "test/short", ["no", "yes", "3", "calm", "", "no"])
    assert "Start fresh and let go of your answers so far?" in out
    assert outcome == "saved"
    assert store.sessions()[0].answers == {"before": 3, "word": "calm"}


def test_saying_no_twice_keeps_the_answers_and_continues(
    library: Library, store: ProgressStore
) -> None:
    drive(library, store, "test/short", ["4"])
    outcome, out, _ = drive(library, store, "test/short", ["no", "no", "calm", "", "no"])
    assert "Start fresh and let go of your answers so far?" in out
    assert "Your answers are kept" in out
    assert outcome == "saved"
    assert store.sessions()[0].answers == {"before": 4, "word": "calm"}


def test_only_yes_confirms_starting_fresh(library: Library, store: ProgressStore) -> None:
    drive(library, store, "test/short", ["4"])
    for word in ("", "maybe", "n"):
        outcome, _, _ = drive(library, store, "test/short", ["no", word])
        assert outcome == "kept"
        draft = store.draft("test/short")
        assert draft is not None and draft.answers == {"before": 4}
    outcome, _, _ = drive(library, store, "test/short", ["no"])  # the input ends at the question
    assert outcome == "kept" and store.draft("test/short") is not None


def test_back_skip_stop_and_help_words(library: Library, store: ProgressStore) -> None:
    outcome, out, _ = drive(library, store, "test/short", ["help", "why", "5", "back", "", "calm"])
    assert "At any prompt you can type: back" in out
    assert "This exercise does not say more about why it works." in out
    assert "Enter keeps 5." in out  # back to the rating: the answer is still there
    assert outcome == "kept"
    store.discard_draft("test/short")
    outcome, out, _ = drive(library, store, "test/short", ["skip", "stop", "save"])
    assert outcome == "ended-early"
    (session,) = store.sessions()
    assert session.status == "ended-early" and session.answers == {}
    outcome, out, _ = drive(library, store, "test/short", ["6", "stop", "keep"])
    assert outcome == "kept" and store.draft("test/short") is not None
    for word in plain.COMMANDS:  # help names every word
        assert word in plain.HELP


def test_a_backslash_answers_with_a_command_word(library: Library, store: ProgressStore) -> None:
    outcome, _, _ = drive(library, store, "test/short", ["2", "\\stop", "", "no"])
    assert outcome == "saved"
    assert store.sessions()[0].answers["word"] == "stop"


def test_wrong_answers_are_asked_again_kindly(library: Library, store: ProgressStore) -> None:
    lines = ["eleven", "11", "7", "", "lamp", "mug", "", "4", "sad", "head, elbow", "9", "1"]
    lines += ["", "3", "", "no"]
    outcome, out, _ = drive(library, store, "test/all", lines)
    assert "Type a number from 0 to 10." in out
    assert "Pick a number from 0 to 10." in out
    assert "There is no option 4; the options go from 1 to 3." in out
    assert "Type the numbers or words from the list." in out  # 9 is not on the checklist
    assert outcome == "saved", out
    answers = store.sessions()[0].answers
    assert answers["mood"] == "sad"  # this choice takes an answer of one's own
    assert answers["places"] == ["head", "elbow"]


@pytest.mark.parametrize(
    ("answer", "offered"), [("7", False), ("8", False), ("9", True), ("10", True)]
)
def test_crisis_lines_at_and_above_the_threshold_only(
    library: Library, store: ProgressStore, answer: str, offered: bool
) -> None:
    store.set_setting("crisis_region", "US")
    outcome, out, _ = drive(library, store, "test/short", [answer, "calm", "", "no"])
    assert outcome == "saved"
    assert ("That's a lot right now." in out) is offered
    assert ("988 Suicide & Crisis Lifeline: Call or text 988 · Any time" in out) is offered
    assert out.index("One word?") > (out.find("988") if offered else -1)  # and it goes on


def test_crisis_on_other_scales_and_from_the_word(library: Library, store: ProgressStore) -> None:
    store.set_setting("crisis_threshold", 10)
    _, out, _ = drive(library, store, "scales/five", ["4", "10", "", "", ""])
    assert "That's a lot right now." not in out  # 4 of 5, and 10 on a scale not about distress
    _, out, _ = drive(library, store, "scales/five", ["5", "crisis", "1", "", "", ""])
    assert out.count("That's a lot right now.") == 1
    assert "Somewhere else:" in out  # no region chosen: every region, once offered
    assert "United States:" in out


def test_markup_and_control_characters_are_shown_as_written(
    library: Library, store: ProgressStore
) -> None:
    _, out, _ = drive(library, store, "tricky/markup", ["2", "[bold]word[/]\x1b[31m", "", ""])
    # the whole escape sequence is taken out where the pack is read; the words stay
    assert "[@click=app.quit]Click me[/] red" in out and "[31m" not in out
    assert "2. [@click=app.quit]two[/]" in out
    assert not ESCAPES.search(out)


def test_the_menu_says_what_coach_is_once_and_asks_the_region(
    library: Library, store: ProgressStore
) -> None:
    number = [ref.full_id for ref in library.exercises()].index("test/all") + 1
    out = io.StringIO()
    console = plain.Console(io.StringIO(f"2\ncrisis\n{number}\n3\nlamp\n"), out, Sleeps())
    plain.menu(library, store, console, fixed_clock())
    text = out.getvalue()
    assert "It is not a crisis service" in text
    assert store.setting("crisis_region") == "GB" and store.setting("first_run_done") is True
    assert "Samaritans: Call 116 123 (free) · Any time" in text
    assert f"{number}. Every step (regulation, 3 min)" in text
    assert "Your place in Every step is kept at step 5 of 11" in text
    assert text.rstrip().endswith("again.")  # input ended inside the run: the menu ends too
    again = io.StringIO()
    plain.menu(library, store, plain.Console(io.StringIO("quit\n"), again, Sleeps()), fixed_clock())
    assert "not a crisis service" not in again.getvalue()
    assert "Your place is kept in Every step." in again.getvalue()
    assert again.getvalue().rstrip().endswith("Take care.")


class Terminal(io.StringIO):
    """Answers typed at a terminal."""

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 0


def test_paced_steps_wait_at_a_terminal_and_let_go_of_what_was_typed(
    library: Library, store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    termios = pytest.importorskip(
        "termios", reason="terminal input is POSIX only; on Windows plain mode never clears it"
    )
    flushed: list[tuple[int, int]] = []
    monkeypatch.setattr(termios, "tcflush", lambda fd, what: flushed.append((fd, what)))
    sleeps, out = Sleeps(), io.StringIO()
    console = plain.Console(Terminal("\n".join(EVERY_STEP) + "\n"), out, sleeps)
    outcome = plain.run_exercise(library.resolve("test/all"), store, console, fixed_clock())
    assert outcome == "saved"
    assert sleeps == [1, 1, 1, 1, 3]
    assert flushed == [(0, termios.TCIFLUSH)] * 2  # once after breathing, once after the timer
    assert store.sessions()[0].answers == EXPECTED


def test_letting_go_of_typing_never_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    termios = pytest.importorskip(
        "termios", reason="terminal input is POSIX only; on Windows plain mode never clears it"
    )

    def refuse(fd: int, what: int) -> None:
        raise termios.error(25, "Inappropriate ioctl for device")

    monkeypatch.setattr(termios, "tcflush", refuse)
    plain.Console(Terminal(), io.StringIO(), Sleeps()).let_go_of_typing()
    plain.Console(io.StringIO(), io.StringIO(), Sleeps()).let_go_of_typing()  # not a terminal


def kept(store: ProgressStore, key: str) -> object:
    draft = store.draft("test/all")
    assert draft is not None
    return draft.answers.get(key)


def test_end_of_input_keeps_the_answers_typed_on_this_step(
    library: Library, store: ProgressStore
) -> None:
    outcome, out, _ = drive(library, store, "test/all", ["8", "", "lamp"])
    assert outcome == "kept"
    # what the app keeps for a half-answered step: every field, the empty ones too
    assert kept(store, "see") == ["lamp", ""]
    outcome, out, _ = drive(library, store, "test/all", ["", "mug"])
    assert "Answer 1 of 2, kept from before: lamp" in out
    assert "Answer 2 of 2. Type your answer" in out
    assert "Answer 1 of 2. Type" not in out
    assert kept(store, "see") == ["lamp", "mug"]
    # a long answer cut off partway keeps its lines, and the next run offers them
    drive(library, store, "test/all", ["", "A day", "then a walk"])
    assert kept(store, "story") == "A day\nthen a walk"
    _, out, _ = drive(library, store, "test/all", ["", ""])
    assert "Enter keeps what you wrote before: A day\nthen a walk" in out
    assert kept(store, "story") == "A day\nthen a walk"


def test_stop_and_ctrl_c_keep_the_answers_typed_on_this_step(
    library: Library, store: ProgressStore
) -> None:
    outcome, _, _ = drive(library, store, "test/all", ["8", "", "lamp", "stop", "keep"])
    assert outcome == "kept"
    assert kept(store, "see") == ["lamp", ""]
    store.discard_draft("test/all")

    class Interrupted(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            line = super().readline()
            if not line:
                raise KeyboardInterrupt
            return line

    console = plain.Console(Interrupted("8\n\nlamp\n"), io.StringIO(), Sleeps())
    outcome = plain.run_exercise(library.resolve("test/all"), store, console, fixed_clock())
    assert outcome == "kept"
    assert kept(store, "see") == ["lamp", ""]
    store.discard_draft("test/all")
    # a word like why in the middle goes on at the next empty answer
    outcome, out, _ = drive(library, store, "test/all", ["8", "", "lamp", "why", "mug"])
    assert "Answer 1 of 2, kept from before: lamp" in out
    assert kept(store, "see") == ["lamp", "mug"]


def test_the_resume_question_asks_again_for_other_words(
    library: Library, store: ProgressStore
) -> None:
    drive(library, store, "test/short", ["4"])
    _, out, _ = drive(library, store, "test/short", ["help", "maybe", "no", "yes", "3"])
    assert out.count("Type yes to continue where you were, or no to start fresh.") == 2
    assert "One word?" in out
    draft = store.draft("test/short")
    assert draft is not None and draft.answers == {"before": 3}
    outcome, out, _ = drive(library, store, "test/short", ["what", "y", "calm", "", "no"])
    assert outcome == "saved"
    assert store.sessions()[0].answers == {"before": 3, "word": "calm"}


def menu(library: Library, store: ProgressStore, text: str) -> str:
    out = io.StringIO()
    plain.menu(library, store, plain.Console(io.StringIO(text), out, Sleeps()), fixed_clock())
    return out.getvalue()


@pytest.mark.parametrize(
    ("typed", "code"),
    [("ireland", "IE"), ("UK", "GB"), ("gb", "GB"), (" united  kingdom ", "GB"), ("3", "IE")],
)
def test_the_region_by_its_name_or_code(
    library: Library, store: ProgressStore, typed: str, code: str
) -> None:
    text = menu(library, store, f"{typed}\nquit\n")
    assert store.setting("crisis_region") == code
    assert "does not have" not in text


def test_an_unknown_region_is_asked_again_and_enter_chooses_later(
    library: Library, store: ProgressStore
) -> None:
    text = menu(library, store, "mars\n99\n\nquit\n")
    assert "coach does not have 'mars' on its list." in text
    assert "coach does not have '99' on its list." in text
    assert store.setting("crisis_region") is None
    assert store.setting("first_run_done") is True


def test_the_menu_takes_an_exercise_by_its_name(library: Library, store: ProgressStore) -> None:
    store.set_setting("first_run_done", True)
    text = menu(library, store, "box breathing\n")
    assert "Box breathing. " in text  # the exercise began
    text = menu(library, store, "every STEP\n4\n")
    assert "Every step. Walks through every kind of step." in text
    assert kept(store, "before") == 4
    store.discard_draft("test/all")
    text = menu(library, store, "test/short\n")
    assert "A short one. Two steps." in text
    text = menu(library, store, "boundary\nqqq\nquit\n")
    refs = [ref.full_id for ref in library.exercises()]
    assert "exercises fit 'boundary':" in text  # a search now (issue 14)
    assert f"{refs.index('core/family-boundary') + 1}. A boundary with family" in text
    assert f"{refs.index('core/work-boundary') + 1}. A boundary at work" in text
    assert "Nothing matched 'qqq'. Type a number, other words to search, or 'help'." in text
    assert text.rstrip().endswith("Take care.")


def test_a_kept_place_with_a_high_rating_shows_the_lines_again(
    library: Library, store: ProgressStore
) -> None:
    store.set_setting("crisis_region", "US")
    _, out, _ = drive(library, store, "test/short", ["10"])
    assert out.count("That's a lot right now.") == 1
    _, out, _ = drive(library, store, "test/short", ["", "calm", "", "no"])
    assert out.count("That's a lot right now.") == 1  # as the app shows them beside the run
    assert out.index("988") < out.index("One word?")
    assert store.sessions()[0].answers == {"before": 10, "word": "calm"}
