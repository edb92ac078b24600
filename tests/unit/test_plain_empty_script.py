"""Plain mode: a built-in script whose answers were all skipped says so kindly, and keeps no
empty card."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coach import plain
from coach.packs.library import Library
from coach.store.store import ProgressStore
from tests.records import fixed_clock

RUNS = {
    # before, area, three skipped answers, the read step, keep the script, after, note, bring
    "core/work-boundary": ["5", "1", "skip", "skip", "skip", "", "", "3", "", "no"],
    # before, the read step, five skipped answers, after, keep the script, note, bring
    "core/clear-request": ["5", "", "skip", "skip", "skip", "skip", "skip", "3", "", "", "no"],
}


@pytest.mark.parametrize("exercise", sorted(RUNS))
def test_a_script_with_every_answer_skipped_shows_a_kind_line(
    builtin_library: Library, data_dir: Path, exercise: str
) -> None:
    store = ProgressStore(data_dir, clock=fixed_clock())
    out = io.StringIO()
    stdin = io.StringIO("\n".join(RUNS[exercise]) + "\n")
    console = plain.Console(stdin, out, lambda seconds: None)
    assert plain.run_exercise(builtin_library.resolve(exercise), store, console, fixed_clock())
    lines = out.getvalue().splitlines()
    after = lines[lines.index("Your script, from your answers:") + 1]
    assert after.startswith("Nothing to put together yet.")
    assert "go back" in after and "your own words" in after
    (session,) = store.sessions()
    script_id = next(
        s.id for s in builtin_library.resolve(exercise).exercise.steps if s.type == "script"
    )
    assert session.answers[script_id] == ""
    assert store.cards() == []
