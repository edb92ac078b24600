"""The keys that work right now, on one line at the bottom; click one to press it."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class KeysFooter(Widget):
    """A light footer: one line of text redrawn when the bindings change.

    Textual's own Footer builds a widget for every key and restyles each one for every
    bindings signal; a step change sends several, and that made moving between steps three
    times slower than a bare app (benchmarks/runner.py). This draws the same keys as text.
    """

    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description"}
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

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        self.refresh()

    def render(self) -> Content:
        key_style = self.get_visual_style("keys-footer--key")
        parts: list[Content] = [Content(" ")]
        self._spans = []
        position = 1
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            piece = Content.assemble(
                Content(key).stylize(key_style), " ", binding.description, "  "
            )
            self._spans.append(
                (position, position + len(key) + 1 + len(binding.description), binding.key)
            )
            position += piece.cell_length
            parts.append(piece)
        return Content("").join(parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key.split(",")[0])
                return
