"""A crash is never status 0: the place is kept, one calm sentence is said, the status is 1."""

from __future__ import annotations

import inspect
from collections.abc import Callable

import pytest
from textual import message_pump
from textual.app import App

from coach.store.store import ProgressStore
from coach.tui.app import CoachApp
from coach.tui.crash import CRASHED, Crashed
from tests.ui.conftest import on_step, typed, until

SIZE = (100, 32)


def test_the_one_private_textual_hook_coach_overrides_still_exists() -> None:
    """coach overrides `App._handle_exception` (Textual has no public hook for an unexpected
    error); if Textual renames it or stops routing errors through it, this fails."""
    hook = App.__dict__.get("_handle_exception")
    assert callable(hook)
    assert list(inspect.signature(hook).parameters) == ["self", "error"]
    assert "self.app._handle_exception(error)" in inspect.getsource(message_pump)
    assert "return_code" in inspect.signature(App.exit).parameters
    assert isinstance(inspect.getattr_static(App, "return_code"), property)


class Boom(Exception):
    """A bug, as far as coach can tell."""


def explode(self: CoachApp) -> None:
    raise Boom("the person's private words")


async def test_a_crash_mid_exercise_keeps_what_is_typed_and_exits_non_zero(
    make_app: Callable[..., CoachApp], store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CoachApp, "action_crisis", explode)  # F2 now raises inside a key press
    app = make_app("test/short")
    with pytest.raises(Crashed) as caught:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("6", "enter")
            await on_step(pilot, app, "Step 2 of 2")  # typed before it is mounted, it is lost
            await typed(pilot, app, "half-typed")
            await pilot.press("f2")
            await until(pilot, lambda: not app.is_running, "the crash did not end the app")
    assert isinstance(caught.value.error, Boom)
    assert str(caught.value) == CRASHED  # what is printed: no traceback, no local variables
    assert app.return_code == 1
    draft = store.draft("test/short")
    assert draft is not None and draft.answers == {"before": 6, "word": "half-typed"}


async def test_a_crash_on_home_exits_non_zero_even_if_something_exits_after_it(
    make_app: Callable[..., CoachApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CoachApp, "action_crisis", explode)
    app = CoachApp(make_app().library, make_app().store, cursor_blink=False)
    with pytest.raises(Crashed):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("f2")
            await until(pilot, lambda: not app.is_running, "the crash did not end the app")
            app.exit()  # a late, ordinary exit does not turn the crash into status 0
    assert app.return_code == 1
