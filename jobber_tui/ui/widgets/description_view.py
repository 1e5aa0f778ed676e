"""The job description rendered as Markdown, with postings' HTML shown as plain text.

Descriptions up to `LONG` characters use Textual's Markdown widget; longer ones (boards send up to
50,000 characters) are drawn as pre-rendered lines (`MarkdownLines`), whose first screenful paints at
once, so opening a job never waits for hundreds of Markdown blocks to be built. A spinner shows until
the job is read: never "No description." for a job that has one.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from .. import keymap
from .markdown_lines import MarkdownLines

LONG = 8000
"""Characters above which the description is drawn as lines (typical postings are 2,000-6,000)."""


def _parser() -> MarkdownIt:
    # With html on, a `<script>` or `<div>` block swallows the paragraph around it; off, it reads as text.
    return MarkdownIt("gfm-like", {"html": False})


class DescriptionView(VerticalScroll, can_focus=True):
    """Read-only; `j`/`k`, `g`/`G` scroll. Links open only when they are http(s)."""

    BINDINGS = keymap.SCROLL_VIEW

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text: str | None = None
        """None until the job has been read."""

    def compose(self) -> ComposeResult:
        text = self._text or ""
        yield Markdown("" if len(text) > LONG else text or "*No description.*" if self._text is not None else "",
                       parser_factory=_parser, open_links=False)
        yield MarkdownLines()

    def on_mount(self) -> None:
        self.loading = self._text is None
        self._use_lines(len(self._text or "") > LONG)
        if self._text is not None and len(self._text) > LONG:
            self.query_one(MarkdownLines).show(self._text)

    @property
    def long(self) -> bool:
        return len(self._text or "") > LONG

    def show(self, text: str) -> None:
        """Render this description (safe to call before the view is mounted)."""
        if text == self._text:
            return
        self._text = text
        if not self.is_mounted:
            return
        self.loading = False
        self._use_lines(self.long)
        if self.long:
            self.query_one(Markdown).update("")
            self.query_one(MarkdownLines).show(text)
        else:
            self.query_one(Markdown).update(text or "*No description.*")

    def _use_lines(self, lines: bool) -> None:
        self.query_one(Markdown).display = not lines
        self.query_one(MarkdownLines).display = lines

    # The long view scrolls itself: these keys go to it.
    def _lines(self) -> MarkdownLines | None:
        return self.query_one(MarkdownLines) if self.long else None

    def action_scroll_down(self) -> None:
        target = self._lines()
        target.scroll_down() if target else super().action_scroll_down()

    def action_scroll_up(self) -> None:
        target = self._lines()
        target.scroll_up() if target else super().action_scroll_up()

    def action_scroll_home(self) -> None:
        target = self._lines()
        target.scroll_home(animate=False) if target else super().action_scroll_home()

    def action_scroll_end(self) -> None:
        target = self._lines()
        target.scroll_end(animate=False) if target else super().action_scroll_end()

    def action_page_down(self) -> None:
        target = self._lines()
        target.scroll_page_down() if target else super().action_page_down()

    def action_page_up(self) -> None:
        target = self._lines()
        target.scroll_page_up() if target else super().action_page_up()

    @on(Markdown.LinkClicked)
    def _open_link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        if event.href.startswith(("http://", "https://")):
            self.app.open_url(event.href)
        else:
            self.notify(f"Not opened: {event.href[:80]}", severity="warning", markup=False)
