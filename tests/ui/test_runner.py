"""The runner, driven with the keyboard contract, asserting what the store then holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Input, OptionList, TextArea

from coach.core.run import Run
from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.exercise import ExerciseScreen, RunOutcome
from coach.tui.screens.resume import ResumeModal
from coach.tui.widgets.timer import TimerView
from tests.records import fixed_clock
from tests.ui.conftest import (
    FakeTime,
    screen_text,
    shown,
    step_moves_on,
    ticked,
    typed,
    until,
)
from tests.ui.conftest import on_step as wait_on_step

SIZE = (100, 32)

SKIP = object()
"""In `kept_at`'s answers: the step was passed over (as enter on an empty answer is)."""


def kept_at(
    store: ProgressStore,
    library: Library,
    answers: list[Any],
    exercise: str = "test/all",
    note: str = "",
    bring_to_session: bool = False,
) -> None:
    """Keep a place in `exercise` with `answers` given to its steps in turn (and the closing
    note as typed so far), through the run as the keys would (a place kept by the keys
    themselves is what the ctrl+q tests are about)."""
    if not answers:
        return
    run = Run(library.resolve(exercise), fixed_clock())
    for answer in answers:
        if answer is SKIP:
            run.skip()
        else:
            run.submit(answer)
    run.note, run.bring_to_session = note, bring_to_session
    store.save_draft(run.draft())


def on_step(app: CoachApp) -> str:
    screen = app.screen
    assert isinstance(screen, ExerciseScreen), screen
    return screen.run.position


async def type_text(pilot: object, text: str) -> None:
    """Type into the focused field, typed ahead (see `typed`)."""
    await typed(pilot, pilot.app, text)  # type: ignore[attr-defined]


async def focus_on_button(pilot: object, app: CoachApp, button_id: str) -> None:
    """Wait until the resume question is up with `button_id` focused, so the next key reaches it
    (an idle wait can pass on a loaded machine before the modal is mounted or has swapped)."""

    def ready() -> bool:
        focused = app.focused
        return (
            isinstance(app.screen, ResumeModal)
            and focused is not None
            and (focused.id == button_id)
        )

    await until(pilot, ready, f"the resume question with {button_id} focused")


@pytest.mark.every_frame  # every frame composed, as in a terminal (tests/ui/conftest.py)
async def test_every_step_type_with_the_keyboard(
    make_app: Callable[..., CoachApp], store: ProgressStore, fake_time: FakeTime
) -> None:
    """The whole walk by keys, the footer naming the keys of each kind of step on the way."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:

        async def footer_says(*keys: str) -> None:
            await until(
                pilot,
                lambda: all(key in screen_text(app).splitlines()[-1] for key in keys),
                f"the footer never named {keys}",
            )

        await pilot.pause()
        await footer_says("←→ Choose")
        await pilot.press("7", "enter")  # rating: type the number
        await wait_on_step(pilot, app, "Step 2 of 11")
        await pilot.press("enter")  # read
        await wait_on_step(pilot, app, "Step 3 of 11")
        await footer_says("⏎ Done", "space Pause")
        await pilot.press("space")  # breathe: space pauses, and again goes on
        await footer_says("space Go on")
        await pilot.press("space")
        await footer_says("space Pause")
        fake_time.advance(10)  # breathe: runs by itself and goes on when done
        await step_moves_on(pilot, app)
        await wait_on_step(pilot, app, "Step 4 of 11")
        fake_time.advance(1)
        await pilot.press("space")  # timer: space pauses
        fake_time.advance(30)
        await ticked(pilot, app.screen.query_one(TimerView))
        assert on_step(app) == "Step 4 of 11"  # paused: still counting from 1 second
        await pilot.press("space")
        fake_time.advance(1)
        await pilot.press("enter")  # and enter ends it early, after 2 seconds
        await wait_on_step(pilot, app, "Step 5 of 11")
        await footer_says("⏎ Next")
        await type_text(pilot, "lamp")
        await pilot.press("enter")  # enter moves to the next field
        await until(
            pilot,
            lambda: isinstance(app.focused, Input) and app.focused.id == "answer-1",
            "enter did not move to the next field",
        )
        await footer_says("⏎ Continue")
        await type_text(pilot, "mug")
        await pilot.press("enter")  # and, on the last, goes on
        await wait_on_step(pilot, app, "Step 6 of 11")
        await type_text(pilot, "A day")
        await pilot.press("enter")  # a new line in a multiline box
        await type_text(pilot, "then a walk")
        await pilot.press("ctrl+s")
        await wait_on_step(pilot, app, "Step 7 of 11")
        await footer_says("⏎ Pick")
        await pilot.press("down", "enter")  # a single choice: enter picks the highlighted
        await wait_on_step(pilot, app, "Step 8 of 11")
        await footer_says("space Tick", "⏎ Done")
        await pilot.press("down", "space", "down", "down", "space")  # chest, and something else
        await until(
            pilot,
            lambda: isinstance(app.focused, Input) and app.focused.id == "choice-other",
            "something else did not open its field",
        )
        await type_text(pilot, "my jaw")
        await pilot.press("enter")
        await wait_on_step(pilot, app, "Step 9 of 11")
        await pilot.press("space", "down", "down", "space", "enter")  # checklist
        await wait_on_step(pilot, app, "Step 10 of 11")
        script = app.screen.query_one("#script-text", TextArea)
        assert script.text == "I saw lamp, mug. I felt tense in chest, my jaw."
        await pilot.press("end")
        await type_text(pilot, " Ok.")
        await pilot.press("ctrl+s")  # keep it and go on
        await wait_on_step(pilot, app, "Step 11 of 11")
        await pilot.press(
            "right", "right", "enter"
        )  # the first arrow lands in the middle (5), then 6
        await wait_on_step(pilot, app, "Almost done")
        assert "Before" in screen_text(app) and "After" in screen_text(app)
        await type_text(pilot, "Helped a bit")
        await pilot.press("tab", "space", "enter")
        await shown(pilot, app, "Saved.")
        await pilot.press("enter")
    assert app.return_value == RunOutcome("saved", "test/all", "Every step")
    (session,) = store.sessions()
    assert session.answers == {
        "before": 7,
        "breaths": 2,
        "walked": 2,
        "see": ["lamp", "mug"],
        "story": "A day\nthen a walk",
        "mood": "tense",
        "places": ["chest", "my jaw"],
        "basics": ["ate", "walked"],
        "plan": "I saw lamp, mug. I felt tense in chest, my jaw. Ok.",
        "after": 6,
    }
    assert (session.distress_before, session.distress_after, session.status) == (
        7,
        6,
        "completed",
    )
    assert (session.note, session.bring_to_session) == ("Helped a bit", True)
    assert [c.text for c in store.cards()] == [
        "I saw lamp, mug. I felt tense in chest, my jaw. Ok."
    ]
    assert store.drafts() == []


async def test_escape_goes_back_keeping_answers(
    make_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "enter")
        await wait_on_step(pilot, app, "Step 3 of 11")
        await pilot.press("escape", "escape")
        await wait_on_step(pilot, app, "Step 1 of 11")
        await shown(pilot, app, "You chose 3")
        await pilot.press("right", "enter")
        await wait_on_step(pilot, app, "Step 2 of 11")
    assert store.draft("test/all").answers == {"before": 4}  # type: ignore[union-attr]


async def test_an_optional_step_is_skipped_with_enter_or_ctrl_n(
    make_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    app = make_app("test/short")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the optional rating, nothing chosen: skipped
        await wait_on_step(pilot, app, "Step 2 of 2")
        await pilot.press("escape", "ctrl+n")
        await wait_on_step(pilot, app, "Step 2 of 2")
        await pilot.press("enter")  # a text question left empty is passed over too
        await wait_on_step(pilot, app, "Almost done")
        await pilot.press("enter", "enter")
    (session,) = store.sessions()
    assert session.answers == {} and session.distress_before is None


async def test_a_required_rating_asks_kindly_and_waits(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_on_step(pilot, app, "Step 1 of 11")
        await shown(pilot, app, "Pick a number from 0 to 10 when you're ready.")


async def test_a_draft_is_saved_after_every_step(
    make_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "enter")
        await wait_on_step(pilot, app, "Step 2 of 11")
        assert store.draft("test/all").step == 1  # type: ignore[union-attr]
        await pilot.press("enter")
        await wait_on_step(pilot, app, "Step 3 of 11")
        assert store.draft("test/all").step == 2  # type: ignore[union-attr]


async def test_ctrl_q_keeps_what_is_typed_and_coming_back_continues(
    make_app: Callable[..., CoachApp], store: ProgressStore, library: Library
) -> None:
    kept_at(store, library, [6, None, 2, 0])  # the breathing done, the timer ended at once
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await focus_on_button(pilot, app, "resume-continue")
        await pilot.press("enter")
        await wait_on_step(pilot, app, "Step 5 of 11")
        await type_text(pilot, "lamp")
        await pilot.press("enter")
        await type_text(pilot, "half-typ")
        await pilot.press("ctrl+q")
    assert app.return_value == RunOutcome("kept", "test/all", "Every step")
    draft = store.draft("test/all")
    assert draft is not None and draft.step == 4 and draft.answers["see"] == ["lamp", "half-typ"]

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await focus_on_button(pilot, again, "resume-continue")
        await shown(pilot, again, "Welcome back to Every step")
        await pilot.press("enter")  # continue where I was: the default
        await wait_on_step(pilot, again, "Step 5 of 11")
        fields = again.screen.query(Input)
        assert [f.value for f in fields] == ["lamp", "half-typ"]
        await pilot.press("ctrl+q")


async def test_starting_fresh_lets_the_old_draft_go(
    make_app: Callable[..., CoachApp], store: ProgressStore, library: Library
) -> None:
    kept_at(store, library, [6])  # the place kept at step 2
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await focus_on_button(pilot, again, "resume-continue")
        await pilot.press("tab", "enter")  # "Start fresh"
        await focus_on_button(pilot, again, "resume-keep")
        await shown(pilot, again, "Start fresh?")
        assert store.draft("test/all") is not None  # nothing is let go before the second yes
        await pilot.press("tab", "enter")  # "Start fresh", once more
        await wait_on_step(pilot, again, "Step 1 of 11")
        assert "You chose" not in screen_text(again)
        await pilot.press("ctrl+q")
    assert store.draft("test/all") is None  # the old place is gone, and nothing new was done


async def test_start_fresh_asks_first_and_keeping_continues_at_the_kept_step(
    make_app: Callable[..., CoachApp], store: ProgressStore, library: Library
) -> None:
    kept_at(store, library, [6])  # the place kept at step 2
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await focus_on_button(pilot, again, "resume-continue")
        await pilot.press("tab", "enter")  # "Start fresh"
        await focus_on_button(pilot, again, "resume-keep")
        await shown(pilot, again, "Start fresh?")
        await pilot.press("enter")  # "Keep them": the default
        await wait_on_step(pilot, again, "Step 2 of 11")
        await pilot.press("ctrl+q")
    draft = store.draft("test/all")
    assert draft is not None and draft.answers["before"] == 6

    third = make_app()
    async with third.run_test(size=SIZE) as pilot:
        await focus_on_button(pilot, third, "resume-continue")
        await pilot.press("tab", "enter")  # "Start fresh"
        await focus_on_button(pilot, third, "resume-keep")
        await pilot.press("escape")  # escape keeps them too
        await wait_on_step(pilot, third, "Step 2 of 11")
        await pilot.press("ctrl+q")
    draft = store.draft("test/all")
    assert draft is not None and draft.answers["before"] == 6


async def test_stopping_can_save_what_was_done(
    make_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "enter", "f10")
        await shown(pilot, app, "Stop here for now?")
        await pilot.press("tab", "enter")  # "Save what I did"
    assert app.return_value == RunOutcome("ended-early", "test/all", "Every step")
    (session,) = store.sessions()
    assert session.status == "ended-early" and session.distress_before == 8
    assert store.draft("test/all") is None


async def test_escape_on_the_first_step_offers_to_stop_and_go_on(
    make_app: Callable[..., CoachApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await shown(pilot, app, "Stop here for now?")
        await pilot.press("escape")  # go on
        await wait_on_step(pilot, app, "Step 1 of 11")


async def test_why_this_works_is_a_keypress_away(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter", "f1")
        text = await shown(pilot, app, "Why this works: Every step")  # drawn a frame later
        assert "Why this works: Every step" in text and "testing" in text
        await pilot.press("escape")
        await wait_on_step(pilot, app, "Step 2 of 11")


async def test_pack_markup_is_shown_as_written_and_clicking_it_does_nothing(
    make_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    app = make_app("tricky/markup")
    async with app.run_test(size=SIZE) as pilot:
        text = await shown(pilot, app, "[@click=app.quit]Quit now[/]", "[ Bracket ]")
        assert "[@click=app.quit]Quit now[/] [$accent @click=app.bell]ring[/]" in text
        # the whole escape sequence is taken out where the pack is read; the words stay
        assert "[@click=app.quit]Click me[/] red" in text and "[31m" not in text
        assert "[@click=app.quit]two[/]" in text and "[ Bracket ]" in text
        await pilot.click("#exercise-title", offset=(3, 0))
        await pilot.click("#step-body", offset=(5, 0))
        await pilot.press("f1")
        await until(pilot, lambda: app.screen.query("#why-body"), "F1 opened nothing")
        await pilot.click("#why-body", offset=(3, 0))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ExerciseScreen), "escape stayed")
        assert app.is_running and on_step(app) == "Step 1 of 2"
        options = app.screen.query_one(OptionList)
        await pilot.press("down", "enter")
        await wait_on_step(pilot, app, "Step 2 of 2")
        await shown(pilot, app, "[$accent]accent[/] [Capital]cap[/] [ space]sp[/]")
        await pilot.press("enter", "enter", "enter")
        del options
    assert store.sessions()[0].answers == {"pick": "[@click=app.quit]two[/]"}


async def test_the_mouse_works_too(
    make_app: Callable[..., CoachApp], store: ProgressStore, library: Library
) -> None:
    # 1, read, breathing and timer ended early, two empty answers and an empty story
    kept_at(store, library, [1, None, 0, 0, SKIP, SKIP])
    app = make_app("test/all")
    async with app.run_test(size=SIZE) as pilot:
        await focus_on_button(pilot, app, "resume-continue")
        await pilot.press("enter")
        await wait_on_step(pilot, app, "Step 7 of 11")
        await pilot.click(OptionList, offset=(4, 3))  # below the border, the third option: tired
        run = app.screen.run  # type: ignore[attr-defined]
        await until(pilot, lambda: "mood" in run.answers, "the click to choose an option")
        assert run.answers["mood"] == "tired"


async def test_the_footer_shows_the_keys_that_work_and_a_click_presses_one(
    make_app: Callable[..., CoachApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter")
        await wait_on_step(pilot, app, "Step 2 of 11")
        await until(  # the footer is drawn for the new step in the frames after it
            pilot, lambda: "Skip" in screen_text(app).splitlines()[-1], "no keys for step 2"
        )
        footer = screen_text(app).splitlines()[-1]
        assert (
            "Continue" in footer
            and "Back" in footer
            and "F1 Why" in footer
            and footer.lstrip().startswith("F2 Crisis lines")
        )
        assert "Skip" in footer  # reading can be passed over
        at = footer.index("esc Back")
        await pilot.click("KeysFooter", offset=(at + 1, 0))
        await pilot.pause()
        await wait_on_step(pilot, app, "Step 1 of 11")


async def test_going_back_to_an_answer_keeps_it_and_typing_adds_to_it(
    make_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    app = make_app("test/short")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "calm")
        await pilot.press(
            "enter", "escape", "enter", "escape"
        )  # back to the text, then on, then back
        await wait_on_step(pilot, app, "Step 2 of 2")
        await type_text(pilot, " enough")
        await pilot.press("enter", "enter", "enter")
    assert store.sessions()[0].answers == {"word": "calm enough"}


async def test_ctrl_q_on_the_closing_note_keeps_the_note(
    make_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    app = make_app("test/short")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "ok")
        await pilot.press("enter")
        await type_text(pilot, "still high")
        await pilot.press("tab", "space", "ctrl+q")
    draft = store.draft("test/short")
    assert draft is not None and (draft.note, draft.bring_to_session) == ("still high", True)
    again = make_app("test/short")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await shown(pilot, again, "at the closing note")
        await pilot.press("enter")
        await until(
            pilot,
            lambda: (
                [f.value for f in again.screen.query("#finish-note").results(Input)]
                == ["still high"]
            ),
            "the closing note not back as kept",
        )
        await pilot.press("enter", "enter")
    assert store.sessions()[0].note == "still high" and store.sessions()[0].bring_to_session


async def test_quitting_before_doing_anything_keeps_no_place(
    make_app: Callable[..., CoachApp], store: ProgressStore
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
    assert store.draft("test/all") is None


async def test_enter_passes_over_an_optional_choice_and_an_empty_long_answer(
    make_app: Callable[..., CoachApp], library: object, store: ProgressStore, fake_time: FakeTime
) -> None:
    app = make_app("test/optional")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the optional choice: nothing is highlighted, so enter skips
        await wait_on_step(pilot, app, "Step 2 of 3")
        await pilot.press("enter")  # an empty multiline box: enter moves on
        await wait_on_step(pilot, app, "Step 3 of 3")
        await pilot.press("escape")
        await type_text(pilot, "a")
        await pilot.press("enter")  # with text in it, enter is a new line
        await wait_on_step(pilot, app, "Step 2 of 3")
        await pilot.press("ctrl+s")
        await wait_on_step(pilot, app, "Step 3 of 3")


async def test_dialog_buttons_move_with_the_arrow_keys(make_app: Callable[..., CoachApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_on_step(pilot, app, "Step 1 of 11")
        await pilot.press("escape")  # the stop dialog
        await shown(pilot, app, "Stop here for now?")
        await pilot.press("right", "right")
        await until(
            pilot,
            lambda: app.focused is not None and app.focused.id == "go-on",
            "the arrows never reached Go on",
        )
        await pilot.press("enter")
        await wait_on_step(pilot, app, "Step 1 of 11")
