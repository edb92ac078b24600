"""Plain mode offers box breathing without the holds, before each pattern that has them."""

from __future__ import annotations

import io
from pathlib import Path

from coach import plain
from coach.packs.library import Library
from coach.store.store import ProgressStore
from tests.records import fixed_clock


def test_no_holds_leaves_the_holds_out_of_the_cues(data_dir: Path) -> None:
    lines = [
        "5",  # how tense
        "",  # the square, read
        "no holds",  # the first breathing step, without holds
        "skip",  # what do you notice
        "",  # a few more: enter keeps the holds
        "3",  # how tense now
        "",
        "no",
    ]
    out = io.StringIO()
    console = plain.Console(io.StringIO("\n".join(lines) + "\n"), out, lambda seconds: None)
    store = ProgressStore(data_dir, clock=fixed_clock())
    ref = Library.load().resolve("core/box-breathing")
    assert plain.run_exercise(ref, store, console, fixed_clock()) == "saved"
    text = out.getvalue()
    assert "If holding your breath feels uncomfortable, type no holds" in text
    first, more = text.split("A few more, if you like")[0], text.split("Stop here or keep going")[1]
    first = first.split("Without the holds, then.")[1]
    cues = [
        line
        for line in first.splitlines()
        if line.startswith(("Breathe in", "Breathe out", "Hold"))
    ]
    assert cues == ["Breathe in, 4", "Breathe out, 4"] * 4
    assert "Hold" not in first
    assert "Hold, 4" in more  # a later step asks again, and enter keeps the holds
    (session,) = store.sessions()
    assert session.answers["box"] == 4 and session.answers["box-more"] == 2
