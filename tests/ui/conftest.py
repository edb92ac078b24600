"""Driving the real app with Pilot: a fixed clock, time that moves only when a test says so."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

from coach.packs.library import Library
from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from tests.conftest import FIXTURES
from tests.records import fixed_clock

PACKS = FIXTURES / "packs"


class FakeTime:
    """A monotonic clock for the pacer and timer that only moves when told."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.read_since_moved = True

    def __call__(self) -> float:
        self.read_since_moved = True
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.read_since_moved = False


_PARSED_CSS: dict[tuple[object, ...], list[Any]] = {}
_parse_rules = Stylesheet._parse_rules


def _parse_rules_once(self: Stylesheet, css: str, read_from: Any, *args: Any, **kwargs: Any) -> Any:
    """Stylesheet._parse_rules with one cache for the whole test process: each app parses the
    same CSS (Textual's widgets' and coach's) with the same variables, a fifth of an app's
    start-up. Textual keeps such a cache per stylesheet and reuses the parsed rules within an
    app; here apps share it. CSS with errors raises every time, as before."""
    key = (css, read_from, args, tuple(sorted(kwargs.items())), tuple(self._variables.items()))
    rules = _PARSED_CSS.get(key)
    if rules is None:
        rules = _parse_rules(self, css, read_from, *args, **kwargs)
        _PARSED_CSS[key] = rules
    return rules


@pytest.fixture(autouse=True)
def _css_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Stylesheet, "_parse_rules", _parse_rules_once)


_compositor_refresh = Screen._compositor_refresh


def _frame_when_read(self: Screen[Any]) -> None:
    """Screen._compositor_refresh for a headless app, composing no frame nobody reads.

    In a terminal each frame is composed and written out; Textual's headless driver (Pilot's)
    composes it and throws it away, and that was a third of a UI test's time. Here the frame is
    taken as drawn without composing it. What a test reads is still composed from the live
    widgets when it looks: `screen_text`, snapshots and screenshots compose the whole screen.
    A drawing error shows there as a failed test, as it would have closed the app. The tests
    marked `every_frame` (the walks through every step and every screen, and hostile text on
    each) compose each frame as a terminal does, so an error in a frame that is drawn and then
    replaced still fails them. Some widgets measure themselves while composed (a list learns
    its height, then shows its scroll bar in the frame after): to compare whole screens, wait
    until they are `settled`."""
    app = self.app
    if not (app.is_headless and self is app.screen and not app.is_inline):
        _compositor_refresh(self)
        return
    self._compositor._dirty_regions.clear()  # the next look composes the whole screen
    self._dirty_widgets.clear()
    app._display(self, None)  # only its hook after a frame
    app._update_mouse_over(self)


@pytest.fixture(autouse=True)
def _frames_composed_when_read(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    if request.node.get_closest_marker("every_frame") is None:
        monkeypatch.setattr(Screen, "_compositor_refresh", _frame_when_read)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    return ProgressStore(data_dir, clock=fixed_clock())


@pytest.fixture(scope="session")
def library() -> Library:
    """The test packs, read and validated once for the session (as `builtin_library`): the app
    never changes a library, it loads a new one when pack files change."""
    return Library.load(None, [PACKS / "every-step.yaml", PACKS / "markup-run.yaml"])


@pytest.fixture
def make_app(
    library: Library, store: ProgressStore, fake_time: FakeTime
) -> Callable[..., CoachApp]:
    def make(exercise: str = "test/all", **kwargs: object) -> CoachApp:
        return CoachApp(
            library,
            store,
            clock=fixed_clock(),
            now=fake_time,
            start=library.resolve(exercise),
            **kwargs,
        )

    return make


def screen_text(app: CoachApp) -> str:
    """What the screen shows, as plain lines of text, columns kept (spaces included): the text
    of the frame Textual composes for the terminal, each piece at its cell column."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    lines = []
    for row in update.strips:  # type: ignore[union-attr]
        line = ""
        column = 0
        for strip in row:
            for segment in strip:
                if segment.control:
                    continue
                line = line.ljust(column) + segment.text
                column += segment.cell_length
        line = line.replace("\xa0", " ").rstrip()
        if line:  # a screenshot has no text on a blank row, and so no line for it
            lines.append(line)
    text = "\n".join(lines)
    if os.environ.get("COACH_CHECK_SCREEN_TEXT"):
        title, _, svg = _svg_text(app).partition("\n")
        if title.strip() == app.title:
            assert text == svg, (text, svg)
    return text


def _svg_text(app: CoachApp) -> str:
    """What an SVG screenshot of the screen shows."""
    svg = app.export_screenshot()
    rows: dict[float, dict[int, str]] = {}
    for x, y, text in re.findall(r'<text[^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        column = round(float(x) / CELL_WIDTH)
        rows.setdefault(float(y), {})[column] = html.unescape(text).replace("\xa0", " ")
    lines = []
    for _, cells in sorted(rows.items()):
        line = ""
        for column, text in sorted(cells.items()):
            line = line.ljust(column) + text
        lines.append(line.rstrip())
    return "\n".join(lines)


CELL_WIDTH = 12.2
"""The width of one terminal cell in Textual's SVG screenshots."""


async def until(
    pilot: Any, condition: Callable[[], object], what: str, seconds: float = 30.0
) -> None:
    """Wait until `condition()` holds, letting the app work meanwhile; the ceiling is generous
    so a loaded machine only makes it slower, never red."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not after {seconds} s"
        await pilot.pause()


async def drawn_at_moved_time(pilot: Any, fake_time: FakeTime) -> None:
    """Wait until the app has read the test's clock since it was last moved (a paced step draws
    right after reading it), then until that drawing is on screen."""
    await until(pilot, lambda: fake_time.read_since_moved, "the app never read the moved clock")
    await pilot.pause()


async def ticked(pilot: Any, widget: Any, times: int = 2) -> None:
    """Wait until each of `widget`'s own repeating timers has fired `times` more times, so a
    paced step has looked again at the test's clock and drawn what it shows (for asserting that
    nothing moved, where there is no change to wait for)."""
    counts: list[list[int]] = []
    for timer in list(widget._timers):
        fired = [0]
        timer._callback = _counting(timer._callback, fired)
        counts.append(fired)
    assert counts, f"{widget!r} has no timer"
    await until(pilot, lambda: all(fired[0] >= times for fired in counts), "the timer never fired")
    await pilot.pause()


def _counting(callback: Callable[[], object], fired: list[int]) -> Callable[[], object]:
    def count() -> object:
        fired[0] += 1
        return callback()

    return count


async def step_moves_on(pilot: Any, app: CoachApp, seconds: float = 10.0) -> None:
    """Wait until the exercise on screen moves past its current step (a paced step that the
    test's fake time has run out): a condition, not a guess at how long the app needs."""
    import time

    run = app.screen.run  # type: ignore[attr-defined]
    was = run.index
    deadline = time.monotonic() + seconds
    while run.index == was:
        assert time.monotonic() < deadline, f"still on step {was + 1} after {seconds} s"
        await pilot.pause()


def position(app: CoachApp) -> str:
    """What the exercise header says: "Step 5 of 11", "Almost done" or "Done"."""
    return str(app.screen.query_one("#step-position").render())


async def on_step(pilot: Any, app: CoachApp, where: str) -> None:
    """Wait until the header says `where` and that step's view holds the focus, so the next keys
    reach it (Pilot's idle wait passes early on a loaded machine, before a new step is mounted)."""

    def shown() -> bool:
        if position(app) != where:
            return False
        body = app.screen.query_one("#step-body")
        focused = app.focused
        return bool(body.children) and focused is not None and body in focused.ancestors

    await until(pilot, shown, f"{where} never came up with the focus (at {position(app)!r})")
    await pilot.pause()


async def focused_on(pilot: Any, app: CoachApp, kind: type, what: str) -> None:
    """Wait until a widget of `kind` has the focus (a field that opens within a step)."""
    await until(pilot, lambda: isinstance(app.focused, kind), f"{what} never took the focus")


def _unwrapped(text: str) -> str:
    return "".join(text.split())


async def shown(pilot: Any, app: CoachApp, *texts: str) -> str:
    """Wait until every one of `texts` is on the screen, then give the screen's text. Spaces and
    line ends are left out of the comparison: a long path or sentence wrapped at the screen's
    edge (where it wraps depends on the test's temporary folder) is still the same text."""
    seen = [""]

    def all_there() -> bool:
        seen[0] = screen_text(app)  # one look at the screen for all the texts
        on_screen = _unwrapped(seen[0])
        return all(_unwrapped(text) in on_screen for text in texts)

    await until(pilot, all_there, f"{texts} never all on screen")
    return seen[0]


async def settled(pilot: Any, app: CoachApp) -> str:
    """Wait until the screen stays as it is across a round of the app's work, then give its
    text: for comparing or collecting whole screens, where what follows a frame is part of what a
    person sees (a list that has measured its lines shows its scroll bar; a scroll is drawn in
    pieces)."""
    texts = [screen_text(app)]

    def steady() -> bool:
        texts.append(screen_text(app))
        return texts[-1] == texts[-2]

    await pilot.pause()
    await until(pilot, steady, "the screen never settled")
    return texts[-1]


async def press_each(pilot: Any, app: CoachApp, keys: list[str]) -> None:
    """Press `keys` one at a time, each after the exercise on screen has caught up with the run
    (its step drawn and holding the focus): Pilot's own wait between keys passes early on a
    loaded machine, and a key pressed while a step is being mounted lands on the old one."""
    for key in keys:
        await pilot.press(key)
        run = app.screen.run  # type: ignore[attr-defined]
        await on_step(pilot, app, "Done" if app.screen.done else run.position)  # type: ignore[attr-defined]


async def typed(pilot: Any, app: CoachApp, text: str, seconds: float = 30.0) -> None:
    """Type `text` into the focused field as someone typing ahead does: each character reaches
    the app as a key from the terminal, handled in turn, with no wait and no frame drawn between
    them (Pilot's press waits for idle after each key, a frame a character); then wait until the
    field holds the text at its end."""
    from textual import events
    from textual.keys import _character_to_key

    field = app.focused
    assert field is not None, "nothing has the focus to type into"
    for character in text:
        key = character if character.isalnum() else _character_to_key(character)
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]

    def holds() -> bool:
        value = getattr(field, "value", None)
        return str(field.text if value is None else value).endswith(text)  # type: ignore[attr-defined]

    await until(pilot, holds, f"{text!r} never reached {field!r}", seconds)
    await pilot.pause()  # what the field's changes set off is handled, as after Pilot's press


async def search(pilot: Any, app: CoachApp, key: str, text: str) -> None:
    """Press `key` that opens a search field (slash on home, ctrl+p for the palette), wait until
    a field has the focus, then type `text` into it (see `typed`)."""
    from textual.widgets import Input

    await pilot.press(key)
    await focused_on(pilot, app, Input, f"the field {key!r} opens")
    await typed(pilot, app, text)
