"""The job description rendered as Markdown, with postings' HTML shown as plain text."""

from __future__ import annotations

from markdown_it import MarkdownIt
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from .. import keymap


def _parser() -> MarkdownIt:
    # With html on, a `<script>` or `<div>` block swallows the paragraph around it; off, it reads as text.
    return MarkdownIt("gfm-like", {"html": False})


class DescriptionView(VerticalScroll, can_focus=True):
    """Read-only; `j`/`k`, `g`/`G` scroll. Links open only when they are http(s)."""

    BINDINGS = keymap.SCROLL_VIEW

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""

    def compose(self) -> ComposeResult:
        yield Markdown(self._text or "*No description.*", parser_factory=_parser, open_links=False)

    def show(self, text: str) -> None:
        """Render this description (safe to call before the view is mounted)."""
        if text == self._text:
            return
        self._text = text
        if self.is_mounted:
            self.query_one(Markdown).update(text or "*No description.*")

    @on(Markdown.LinkClicked)
    def _open_link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        if event.href.startswith(("http://", "https://")):
            self.app.open_url(event.href)
        else:
            self.notify(f"Not opened: {event.href[:80]}", severity="warning", markup=False)
