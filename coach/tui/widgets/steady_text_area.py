"""A TextArea that draws nothing, rather than crashing, in the frame where it has no styles.

Textual's TextArea reads its component styles on every draw. On a loaded machine the screen's
update timer can draw one in the moment between its removal (when those styles are cleared) and
the compositor's next map, or before the stylesheet has reached it; Textual then raises
KeyError and the whole app closes. That frame is never seen, so it is drawn blank and asked for
again; the next frame is whole.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea


class SteadyTextArea(TextArea):
    """A TextArea that skips a draw it cannot style yet."""

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.COMPONENT_CLASSES <= self._component_styles.keys():
            if self.is_attached:
                self.refresh()
            return [Strip.blank(crop.width) for _ in range(crop.height)]
        return super().render_lines(crop)
