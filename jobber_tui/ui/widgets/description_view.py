"""The job description rendered as Markdown, with postings' HTML shown as plain text.

Descriptions come from `html_to_text`: Markdown whose single line breaks are meant (a `<br>`, a table
row, a paragraph inside a list item), so every line break in a paragraph is shown as one. Jobs
imported before that converter may hold a bullet on a line of its own above its text, or an empty
`###`: shown as the bullet with its text, and without the empty heading.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from .. import keymap

_ORPHAN_MARKER = re.compile(r"(?m)^([ \t]*(?:[-*+]|\d{1,9}[.)]))[ \t]*\n(?:[ \t]*\n)*[ \t]*(?=\S)")
_EMPTY_HEADING = re.compile(r"(?m)^#{1,6}[ \t]*(?:\n|\Z)")


def _parser() -> MarkdownIt:
    # With html on, a `<script>` or `<div>` block swallows the paragraph around it; off, it reads as text.
    parser = MarkdownIt("gfm-like", {"html": False, "breaks": True})
    parser.core.ruler.push("hard_breaks", _hard_breaks)
    return parser


def _hard_breaks(state: StateCore) -> None:
    """Every line break in a paragraph is shown (`breaks` only changes HTML output; Textual reads tokens)."""
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "softbreak":
                child.type = "hardbreak"


def displayed(text: str) -> str:
    """The description as the view renders it: old orphan bullets joined to their text, empty headings gone."""
    if "\n" not in text:
        return text
    return _EMPTY_HEADING.sub("", _ORPHAN_MARKER.sub(r"\1 ", text))


class DescriptionView(VerticalScroll, can_focus=True):
    """Read-only; `j`/`k`, `g`/`G` scroll. Links open only when they are http(s)."""

    BINDINGS = keymap.SCROLL_VIEW

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""

    def compose(self) -> ComposeResult:
        yield Markdown(displayed(self._text) or "*No description.*", parser_factory=_parser, open_links=False)

    def show(self, text: str) -> None:
        """Render this description (safe to call before the view is mounted)."""
        if text == self._text:
            return
        self._text = text
        if self.is_mounted:
            self.query_one(Markdown).update(displayed(text) or "*No description.*")

    @on(Markdown.LinkClicked)
    def _open_link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        if event.href.startswith(("http://", "https://")):
            self.app.open_url(event.href)
        else:
            self.notify(f"Not opened: {event.href[:80]}", severity="warning", markup=False)
