"""The keys that work right now, on one line at the bottom; click one to press it."""

from __future__ import annotations

import re
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

CRISIS_ACTION = "crisis"


def _cells(entry: tuple[str, str, str | None]) -> int:
    """The columns one entry takes: key, space, description, two spaces."""
    return cell_len(entry[0]) + 1 + cell_len(entry[1]) + 2


class KeysFooter(Widget):
    """A light footer: one line of text redrawn when the bindings or the focus change.

    Textual's own Footer builds a widget for every key and restyles each one for every
    bindings signal; a step change sends several, and that made moving between steps three
    times slower than a bare app (benchmarks/runner.py). This draws the same keys as text,
    led by the keys the focused widget names itself (`footer_hints()`): enter in a field,
    space in a list, whose bindings belong to Textual's widgets and are hidden.
    """

    COMPONENT_CLASSES = {"keys-footer--key"}
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeysFooter > .keys-footer--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str]] = []
        self._kept: list[tuple[str, str, str | None]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.watch(self.screen, "focused", self._focus_moved, init=False)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        self.refresh()

    def _focus_moved(self, focused: object) -> None:
        self.refresh()

    def _hints(self) -> list[tuple[str, str]]:
        hints: list[tuple[str, str]] = []
        node = self.screen.focused or self.screen
        while node is not None:
            provide = getattr(node, "footer_hints", None)
            if callable(provide):
                taken = {key for key, _ in hints}
                hints.extend(hint for hint in provide() if hint[0] not in taken)
            node = node.parent  # type: ignore[assignment]
        return hints

    def _entries(self) -> list[tuple[str, str, str | None]]:
        """(key shown, what it does, key to press on a click) in the order they are shown."""
        hints: list[tuple[str, str, str | None]] = [(k, d, None) for k, d in self._hints()]
        shown = {key for key, _, _ in hints}
        entries: list[tuple[str, str, str | None]] = []
        actions: set[str] = set()
        first: list[tuple[str, str, str | None]] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in actions:
                continue
            actions.add(binding.action)
            key = self.app.get_key_display(binding)
            if re.fullmatch(r"f\d+", key):
                key = key.upper()  # F1, F10: as printed on the keys
            if key not in shown:
                entry = (key, binding.description, binding.key.split(",")[0])
                # the crisis lines are never the one cut off at the right edge
                (first if binding.action == CRISIS_ACTION else entries).append(entry)
        if CRISIS_ACTION not in actions:  # a dialog's bindings leave out the app's: F2 works
            first.extend(self._crisis_key())
        self._kept = first
        return hints + first + entries

    def _crisis_key(self) -> list[tuple[str, str, str | None]]:
        """F2 as the app binds it (a priority key, so it works on every screen and dialog)."""
        for binding in getattr(self.app, "BINDINGS", ()):
            if isinstance(binding, Binding) and binding.action == CRISIS_ACTION:
                return [(binding.key.upper(), binding.description, binding.key)]
        return []

    def _fitting(self) -> list[tuple[str, str, str | None]]:
        """The entries that fit on the line: the last ones go first, never the crisis lines."""
        entries = self._entries()
        width = self.size.width or 10_000
        needed = 1 + sum(_cells(entry) for entry in entries) - 2  # no gap after the last
        for entry in reversed(list(entries)):
            if needed <= width:
                break
            if entry not in self._kept:
                entries.remove(entry)
                needed -= _cells(entry)
        return entries

    def render(self) -> Content:
        key_style = self.get_visual_style("keys-footer--key")
        parts: list[Content] = [Content(" ")]
        self._spans = []
        position = 1
        for key, description, press in self._fitting():
            piece = Content.assemble(Content(key).stylize(key_style), " ", description, "  ")
            if press:
                self._spans.append((position, position + len(key) + 1 + len(description), press))
            position += piece.cell_length
            parts.append(piece)
        return Content("").join(parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
