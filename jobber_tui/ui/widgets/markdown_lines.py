"""A long Markdown text drawn as pre-rendered lines: only the lines on screen are painted.

Textual's Markdown widget builds a widget per block, which takes seconds for the 50,000-character
postings some boards send. Here the text is rendered by Rich into lines: the first screenful on the spot
(~15 ms), the whole text in a thread (~200 ms for 50,000 characters), then shown at once. Links show as
text (nothing from a posting is clickable), as in the short view.
"""

from __future__ import annotations

from rich.console import Console
from rich.markdown import Markdown
from rich.segment import Segment
from textual import events, work
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

HEAD = 1500
"""Characters rendered for the first paint: more than a screenful."""
FILL_DELAY = 0.1
"""Seconds after the head before the whole text is rendered (in a thread)."""


def render_markdown(text: str, width: int) -> list[Strip]:
    """Rich's rendering of `text` at `width` cells, one Strip per line (thread-safe: its own Console)."""
    console = Console(
        width=max(width, 10),
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
        markup=False,
        emoji=False,
        highlight=False,
    )
    options = console.options.update(width=max(width, 10))
    lines = console.render_lines(Markdown(text, hyperlinks=False), options, pad=False)
    return [Strip(Segment.simplify(line)) for line in lines]


class MarkdownLines(ScrollView, can_focus=False):
    """`show(text)`; the view scrolls (its parent forwards j/k/g/G here)."""

    DEFAULT_CSS = """
    MarkdownLines { height: 1fr; overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.lines: list[Strip] = []
        self.complete = False
        """Whether `lines` hold the whole text (not only the head)."""
        self._width = 0

    def show(self, text: str) -> None:
        self.text = text
        self._width = 0
        if self.size.width:
            self._layout_for(self.size.width)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width and self.text:
            self._layout_for(event.size.width)

    def _layout_for(self, width: int) -> None:
        self._width = width
        head = self.text[:HEAD]
        self._set_lines(render_markdown(head, width), complete=len(head) == len(self.text))
        if not self.complete:  # after the head is on screen: the thread would hold the GIL before the paint
            self.set_timer(FILL_DELAY, lambda: self._render_all(self.text, width))

    @work(thread=True, exclusive=True, group="markdown-lines", exit_on_error=False)
    def _render_all(self, text: str, width: int) -> None:
        lines = render_markdown(text, width)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._finished, text, width, lines)

    def _finished(self, text: str, width: int, lines: list[Strip]) -> None:
        if (text, width) == (self.text, self._width):
            self._set_lines(lines, complete=True)

    def _set_lines(self, lines: list[Strip], *, complete: bool) -> None:
        self.lines, self.complete = lines, complete
        self.virtual_size = Size(self._width, len(lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        style = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(self.size.width, style)
        return self.lines[index].apply_style(style).crop_extend(0, self.size.width, style)
