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
