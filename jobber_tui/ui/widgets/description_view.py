"""The job description rendered as Markdown, with postings' HTML shown as plain text.

Descriptions come from `html_to_text`: Markdown whose single line breaks are meant (a `<br>`, a table
row, a paragraph inside a list item), so every line break in a paragraph is shown as one. Jobs
imported before that converter may hold a bullet on a line of its own above its text, or an empty
`###`: shown as the bullet with its text, and without the empty heading.

Descriptions up to `LONG` characters use Textual's Markdown widget; longer ones (boards send up to
50,000 characters) are drawn as pre-rendered lines (`MarkdownLines`), whose first screenful paints at
once, so opening a job never waits for hundreds of Markdown blocks to be built. A spinner shows until
the job is read: never "No description." for a job that has one.
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
from .markdown_lines import MarkdownLines

LONG = 8000
"""Characters above which the description is drawn as lines (typical postings are 2,000-6,000)."""

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

    BINDINGS = [*keymap.SCROLL_VIEW]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text: str | None = None
        """None until the job has been read."""

    def compose(self) -> ComposeResult:
        text = self._text or ""
        first = "" if len(text) > LONG else displayed(text) or "*No description.*" if self._text is not None else ""
        yield Markdown(first, parser_factory=_parser, open_links=False)
        yield MarkdownLines()

    def on_mount(self) -> None:
        self.loading = self._text is None
        self._use_lines(len(self._text or "") > LONG)
        if self._text is not None and len(self._text) > LONG:
            self.query_one(MarkdownLines).show(displayed(self._text))

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
            self.query_one(MarkdownLines).show(displayed(text))
        else:
            self.query_one(Markdown).update(displayed(text) or "*No description.*")

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
