"""Run coach with every network socket and name lookup refused, and note any attempt.

    python -m tests.no_network LOG cli ARGS...   a command, as `coach ARGS...`
    python -m tests.no_network LOG cli-each JSON each command of a JSON list of argument lists,
                                                 in turn in this one process; each must succeed
    python -m tests.no_network LOG app           the full-screen app, driven headless
    python -m tests.no_network LOG selfcheck     proof that the guard itself works

Any attempt is appended to LOG (and fails with OSError, as it would with the cable pulled), so
a test can see an attempt that the code caught and ignored. Unix sockets (asyncio's own wake-up
pipe) are allowed: they never leave the computer.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
from typing import Any

LOG = sys.argv[1]


def _note(what: str) -> None:
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(what + "\n")


_socket_init = socket.socket.__init__


def _guarded_init(self: socket.socket, family: Any = -1, *args: Any, **kwargs: Any) -> None:
    if family in (-1, socket.AF_INET, socket.AF_INET6) and kwargs.get("fileno") is None:
        _note(f"socket({family})")
        raise OSError("the network is not there (tests.no_network)")
    _socket_init(self, family, *args, **kwargs)


def _refuse(name: str) -> Any:
    def refused(*args: Any, **kwargs: Any) -> Any:
        _note(f"{name}{args!r}")
        raise OSError("the network is not there (tests.no_network)")

    return refused


socket.socket.__init__ = _guarded_init  # type: ignore[method-assign]
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
    setattr(socket, _name, _refuse(_name))


async def _drive_app() -> None:
    """Home, search, every screen, an exercise kept part way and then finished."""
    import textual._wait

    from coach.packs.library import Library
    from coach.store.store import ProgressStore
    from coach.tui.app import CoachApp
    from coach.tui.screens.exercise import ExerciseScreen
    from coach.tui.screens.home import HomeScreen

    textual._wait.SLEEP_GRANULARITY = 1 / 200  # as in tests/conftest.py: waits in 5 ms steps

    def load() -> tuple[Library, ProgressStore]:
        from coach import paths

        return Library.load(), ProgressStore(paths.data_dir(None))

    app = CoachApp(load=load, welcome=True)
    async with app.run_test(size=(100, 32)) as pilot:
        for _ in range(4):
            await pilot.pause()
        await pilot.press("escape")  # the welcome: choose later
        await pilot.pause()
        for key in ("h", "escape", "p", "escape", "s", "escape", "question_mark", "escape", "f2"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("escape", "n")  # right now: the quickest grounding exercise
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen), app.screen
        await pilot.press("5", "enter")  # one step done (a rating takes the 5; a page, enter)
        await pilot.pause()
        await pilot.press("f10", "enter")  # stop: keep my place
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), app.screen
        await pilot.press("ctrl+q")
    print("app ok")


def _selfcheck() -> None:
    import urllib.request

    for attempt in (
        lambda: socket.socket(),
        lambda: socket.create_connection(("127.0.0.1", 9)),
        lambda: urllib.request.urlopen("http://127.0.0.1:9/", timeout=1),
    ):
        try:
            attempt()
        except OSError:
            continue
        raise SystemExit("a network socket was allowed")
    left, right = socket.socketpair()  # a Unix socket stays on the computer, and is allowed
    left.close()
    right.close()
    print("guard ok")


def main() -> None:
    mode, rest = sys.argv[2], sys.argv[3:]
    if mode == "selfcheck":
        _selfcheck()
        return
    if mode == "app":
        asyncio.run(_drive_app())
        return
    from coach.cli import main as coach

    if mode == "cli-each":
        for args in json.loads(rest[0]):
            try:
                coach(args)
            except SystemExit as stop:
                if stop.code not in (0, None):
                    raise SystemExit(f"`coach {' '.join(args)}` ended with {stop.code}") from None
        return
    coach(rest)


if __name__ == "__main__":
    main()
