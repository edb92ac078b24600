"""A text step asked for its answer before its fields are mounted (a run stopped at that very
moment) gives what it was given, never a crash."""

from __future__ import annotations

from coach.packs.steps import TextStep
from coach.tui.widgets.text_answer import TextView


def _step(count: int = 1) -> TextStep:
    return TextStep.model_validate(
        {"type": "text", "id": "see", "prompt": "What do you see?", "count": count}
    )


def test_before_mounting_nothing_typed_is_no_answer() -> None:
    view = TextView(_step())
    assert view.fields() == []
    assert view.partial() is None
    view.focus_input()  # nothing to focus yet, and no error


def test_before_mounting_a_kept_answer_is_kept() -> None:
    view = TextView(_step(count=2), ["lamp", ""])
    assert view.values() == ["lamp", ""]
    assert view.partial() == ["lamp", ""]


async def test_an_answer_box_drawn_after_it_was_removed_is_blank_not_a_crash() -> None:
    """On a loaded machine the screen's timer can draw a box in the frame after a step change
    removed it; Textual's own TextArea raised KeyError there and closed the app."""
    from textual.app import App
    from textual.geometry import Region

    from coach.tui.widgets.answer_box import AnswerBox

    class Bare(App[None]):
        def compose(self) -> object:
            yield AnswerBox("kept words", id="box")

    app = Bare()
    async with app.run_test(size=(40, 8)) as pilot:
        box = app.query_one("#box", AnswerBox)
        drawn = "".join(line.text for line in box.render_lines(Region(0, 0, 20, 3)))
        assert "kept words" in drawn
        await box.remove()
        await pilot.pause()
        lines = box.render_lines(Region(0, 0, 20, 2))
        assert [line.text for line in lines] == [" " * 20, " " * 20]
