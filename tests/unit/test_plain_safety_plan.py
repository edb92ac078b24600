"""The safety plan in plain mode: reached from the menu by typing plan, walked a line at a time,
read back whole, with the command words working as they do everywhere in plain mode."""

from __future__ import annotations

import io
from pathlib import Path

from coach import plain
from coach.packs.library import Library
from coach.store.store import ProgressStore
from tests.records import fixed_clock
from tests.ui.conftest import PACKS


def menu(store: ProgressStore, text: str) -> str:
    library = Library.load(None, [PACKS / "every-step.yaml"])
    store.set_setting("first_run_done", True)
    out = io.StringIO()
    plain.menu(
        library, store, plain.Console(io.StringIO(text), out, lambda _s: None), fixed_clock()
    )
    return out.getvalue()


def test_plan_from_the_menu_walks_every_part_and_saves_it(data_dir: Path) -> None:
    store = ProgressStore(data_dir, clock=fixed_clock())
    store.set_setting("crisis_region", "IE")
    typed = [
        "plan",
        "I stop eating",
        "[b]loud[/b] \x1b[2J",
        "",
        "skip",  # part 2: the command word skips it
        "crisis",  # part 3: crisis lines shown, then the same prompt again
        "my sister's kitchen",
        "",
        "Sam 555 0100",
        "",
        "",  # part 5: keep the region's lines
        "Jo keeps my pills",
        "",
        "quit",
    ]
    out = menu(store, "\n".join(typed) + "\n")
    assert "Part 1 of 6: My warning signs" in out and "Part 6 of 6" in out
    assert "Your safety plan is saved." in out
    assert "\x1b" not in out
    saved = store.safety_plan()
    assert saved is not None
    assert saved.warning_signs == ["I stop eating", "[b]loud[/b]"]
    assert saved.on_my_own == []
    assert saved.distractions == ["my sister's kitchen"]
    assert saved.people == ["Sam 555 0100"]
    assert saved.safer_place == ["Jo keeps my pills"]
    assert any("Samaritans" in line for line in saved.professionals)  # Ireland's lines
    assert out.count("Samaritans") >= 2  # shown by `crisis` and as part 5's lines

    again = menu(store, "plan\n\nquit\n")
    assert "Your safety plan:" in again and "- [b]loud[/b]" in again
    assert "Part 1 of 6" not in again  # Enter goes back without changing anything
    assert store.safety_plan() == saved


def test_stop_and_the_end_of_input_keep_what_was_saved(data_dir: Path) -> None:
    store = ProgressStore(data_dir, clock=fixed_clock())
    out = menu(store, "plan\ntired\n\nwalk\nstop\nquit\n")
    assert "Stopped. What you saved is kept." in out and "Take care." in out
    saved = store.safety_plan()
    assert saved is not None and saved.warning_signs == ["tired"] and saved.on_my_own == ["walk"]
    out = menu(store, "plan\nchange\na\nnot sleeping")  # input ends mid-part
    assert "Stopped. What you saved is kept." in out
    assert store.safety_plan().warning_signs == ["tired", "not sleeping"]  # type: ignore[union-attr]
