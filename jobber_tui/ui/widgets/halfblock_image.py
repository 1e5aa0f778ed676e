"""A picture drawn with "▀": two pixels per cell, the upper as the glyph, the lower as its background.

Works in every colour terminal and in headless tests, and never talks to the terminal.
"""

from __future__ import annotations

from typing import Any

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget


class HalfBlockImage(Widget):
    """Shows a PIL image scaled to fit (aspect kept), centred; redrawn only when its size or image changes."""

    DEFAULT_CSS = """
    HalfBlockImage {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, image: Any, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._image = image
        self._lines: list[Strip] = []
        self._drawn_for: tuple[int, int] | None = None

    @property
    def image(self) -> Any:
        """The PIL image shown (RGB)."""
        return self._image

    @image.setter
    def image(self, image: Any) -> None:
        self._image = image
        self._drawn_for = None
        self.refresh()

    def render_line(self, y: int) -> Strip:
        size = (self.size.width, self.size.height)
        if size != self._drawn_for:
            self._lines = self._draw(*size)
            self._drawn_for = size
        return self._lines[y] if y < len(self._lines) else Strip.blank(self.size.width)

    def _draw(self, width: int, height: int) -> list[Strip]:
        image = self._image
        if image is None or width <= 0 or height <= 0:
            return []
        scale = min(width / image.width, 2 * height / image.height)
        columns, rows = max(1, round(image.width * scale)), max(1, round(image.height * scale / 2))
        pixels = image.convert("RGB").resize((columns, rows * 2)).load()
        pad = Segment(" " * ((width - columns) // 2))
        styles: dict[tuple[Any, Any], Style] = {}
        lines = []
        for row in range(rows):
            segments = [pad]
            for x in range(columns):
                pair = (pixels[x, 2 * row], pixels[x, 2 * row + 1])
                style = styles.get(pair)
                if style is None:
                    style = styles[pair] = Style(color=Color.from_rgb(*pair[0]), bgcolor=Color.from_rgb(*pair[1]))
                segments.append(Segment("▀", style))
            lines.append(Strip(Segment.simplify(segments)).extend_cell_length(width))
        return lines
