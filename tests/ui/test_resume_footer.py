"""The dialog that offers a kept place (`coach run`) has a footer, with F2 on it."""

from __future__ import annotations

from coach.core.run import Run
from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.screens.resume import ResumeModal
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime, shown, until


async def test_the_resume_dialog_shows_f2_in_its_footer(
    builtin_library: Library, store: ProgressStore, fake_time: FakeTime
) -> None:
    ref = builtin_library.resolve("core/family-boundary")
    run = Run(ref, fixed_clock(), session_id="20000000-0000-4000-8000-000000000000")
    run.submit(6)
    store.save_draft(run.draft())
    app = CoachApp(
        builtin_library, store, clock=fixed_clock(), now=fake_time, start=ref, cursor_blink=False
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ResumeModal), "no resume dialog")
        text = await shown(pilot, app, "Continue where I was")
        footer = text.splitlines()[-1]
        assert "F2 Crisis lines" in footer and "esc Keep my place" in footer
        await pilot.press("f2")
        await until(pilot, lambda: not isinstance(app.screen, ResumeModal), "F2 did nothing")


async def test_a_long_footer_at_80_columns_drops_whole_keys_from_the_end_and_keeps_f2(
    builtin_library: Library, store: ProgressStore, fake_time: FakeTime
) -> None:
    app = CoachApp(builtin_library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        await until(pilot, lambda: getattr(home, "data", None) is not None, "no home")
        footer = (await shown(pilot, app, "F2 Crisis lines")).splitlines()[-1]
        assert len(footer) <= 80
        assert "F2 Crisis lines" in footer and "/ Search" in footer
        assert footer.endswith(("History", "Packs", "Settings", "Help", "Quit"))  # never cut
        assert "^q Quit" not in footer  # the last and least needed here went first
