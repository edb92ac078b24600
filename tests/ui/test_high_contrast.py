"""The high-contrast theme meets WCAG AA: every text colour on its background is at least
4.5:1, measured after the colours are brought down to the 256-colour palette."""

from __future__ import annotations

import pytest
from rich.color import Color, ColorSystem

from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from tests.records import fixed_clock
from tests.ui.conftest import FakeTime, until

AA = 4.5
SCREENS = ("home", "s", "question_mark", "h", "p")


def luminance(color: Color) -> float:
    """WCAG relative luminance of `color` as a 256-colour terminal shows it."""
    red, green, blue = color.downgrade(ColorSystem.EIGHT_BIT).get_truecolor()

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def ratio(fg: Color, bg: Color) -> float:
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def drawing(text: str) -> bool:
    """Borders, scrollbars and blocks: lines and shapes, not text to read."""
    return all(0x2500 <= ord(c) <= 0x259F or c.isspace() for c in text)


def too_faint(app: CoachApp) -> list[str]:
    """Every piece of text on screen under 4.5:1, or dimmed, with its colours."""
    faint = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is None or drawing(segment.text):
                continue
            fg, bg = style.color, style.bgcolor
            assert fg is not None and bg is not None, segment.text
            if style.reverse:
                fg, bg = bg, fg
            measured = ratio(fg, bg)
            if measured < AA or style.dim:
                eight = (fg.downgrade(ColorSystem.EIGHT_BIT), bg.downgrade(ColorSystem.EIGHT_BIT))
                faint.append(f"{segment.text.strip()!r}: {eight[0].number} on {eight[1].number}")
    return faint


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_text_colour_of_high_contrast_reaches_aa(
    builtin_library: Library, store: ProgressStore, fake_time: FakeTime, size: tuple[int, int]
) -> None:
    app = CoachApp(builtin_library, store, clock=fixed_clock(), now=fake_time, cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        home = app.screen
        await until(pilot, lambda: getattr(home, "data", None) is not None, "no home")
        app.theme = "high-contrast"
        faint: dict[str, list[str]] = {}
        for key in SCREENS:
            if key != "home":
                await pilot.press(key)
                await until(pilot, lambda: app.screen is not home, f"{key} opened nothing")
            await pilot.pause()
            faint[key] = too_faint(app)
            if key != "home":
                await pilot.press("escape")
                await until(pilot, lambda: app.screen is home, "home never came back")
        await pilot.press("slash")  # the search box focused, with its placeholder
        await pilot.pause()
        faint["search"] = too_faint(app)
        assert not any(faint.values()), faint
