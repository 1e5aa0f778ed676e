"""The one pass behind `html_to_text`: tokens in, structured Markdown-ish lines out (see html_text.py).

What each element does to the text is in html_tags.py; `Writer` keeps the open lists, items, marks
and the pending gap, and writes each line once.
"""

from __future__ import annotations

import html
import re

from .html_tags import (
    BREAKOUT,
    CLOSES_P,
    EMPHASIS,
    ENDS_HEADING,
    HEADINGS,
    LINE,
    PARAGRAPH,
    SKIPPED,
    STRUCTURAL,
    _Item,
    _List,
    _Mark,
)
from .html_tokens import TOKEN, attributes

_SPACE = re.compile(r"[\t\r\n\f\v\u00a0\u200b\ufeff][ \t\r\n\f\v\u00a0\u200b\ufeff]*| [ \t\r\n\f\v\u00a0\u200b\ufeff]+")
"""Runs of white space to collapse to one space (a lone space, by far the most common, is left alone)."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters but tab, newline and CR: an ESC from a board or an e-mail must never reach a terminal."""
_ENTITY = "&"
_NOISE_LINE = re.compile(r"^[-*+•·–—#\s]*$")
_NOISE_FIRST = frozenset("-*+•·–—#")
"""A line of nothing but bullet or heading marks says nothing, and Markdown would draw it as structure."""
_HASHES = re.compile(r"#{1,6}(?:\s|$)")
"""A paragraph that starts like a Markdown heading; written with a backslash so it stays text."""
MAX_INDENT = 12
"""Lists nested deeper than this many columns stay at this indentation (so output stays linear too)."""


class Writer:
    """Turns tokens into lines; `gap` is the break owed before the next line (1 newline, 2 a blank line)."""

    def __init__(self, max_chars: int, skipped: frozenset[str] = SKIPPED, *, plain: bool = False) -> None:
        self.skipped = skipped
        self.plain = plain
        self.structural = STRUCTURAL | skipped
        self.out: list[str] = []
        self.size = 0
        self.limit = max_chars
        self.gap = 0
        self.inline: list[str | _Mark] = []
        self.blank = True
        """No words in `inline` yet (only spaces and marks)."""
        self.marked = 0
        """How many marks `inline` may hold (0: it is all text)."""
        self.lists: list[_List] = []
        self.items: list[_Item] = []
        self.marks: dict[str, list[_Mark | None]] = {"**": [], "*": []}
        self.active: dict[str, _Mark | None] = {"**": None, "*": None}
        """The open mark of each kind that will be written, if any (no `**` inside `**`)."""
        self.heading = 0
        self.cells = -1
        """-1 outside a table row; else the number of cells begun in the row."""
        self.cell_from = 0
        """Where the current cell's text begins in `inline`."""
        self.bar = False
        self.term = False
        self.para = False
        self.pre = 0
        self.skip = ""
        self.skip_depth = 0

    # -- input ----------------------------------------------------------------------------------
    def feed(self, markup: str) -> None:
        # TOKEN's matches rather than `tokenize`'s tuples: this loop runs once per tag of every posting.
        on_text, on_start, on_end = self.on_text, self.on_start, self.on_end
        limit, structural = self.limit, self.structural
        for match in TOKEN.finditer(markup):
            kind = match.lastgroup
            if kind == "text":
                if not self.skip_depth:
                    on_text(match.group())
            elif kind == "attrs":
                name = match.group("start").lower()
                if name in structural or self.skip_depth:
                    on_start(name, match.group("attrs"))
                    if self.size > limit:
                        return  # the rest would be cut anyway
            elif kind == "end":
                name = match.group("end").lower()
                if name in structural or self.skip_depth:
                    on_end(name)
            elif kind == "lt" and not self.skip_depth:
                on_text("<")

    def on_text(self, chunk: str) -> None:
        if _ENTITY in chunk:
            chunk = html.unescape(chunk)
        chunk = _CONTROL.sub("", chunk)
        if self.pre and "\n" in chunk:
            for number, line in enumerate(chunk.split("\n")):
                if number:
                    self.flush()
                    self.want(1)
                self.add(line)
            return
        self.add(chunk)

    def add(self, chunk: str) -> None:
        """Decoded text into the current line."""
        if self.bar and chunk and not chunk.isspace():
            self.inline.append(" | ")
            self.bar = False
        self.inline.append(chunk)
        if self.blank and chunk and not chunk.isspace():
            self.blank = False

    def on_start(self, name: str, attrs: str) -> None:
        if self.skip_depth:
            if name == self.skip:
                self.skip_depth += 1
            elif self.skip in ("svg", "math") and name in BREAKOUT or self.skip == "head" and name == "body":
                self.skip_depth = 0
                self.on_start(name, attrs)
            return
        if name in self.skipped:
            self.skip, self.skip_depth = name, 1
            return
        if self.heading and name in ENDS_HEADING:
            self.end_heading()
        if self.para and name in CLOSES_P:
            self.on_end("p")
        if self.cells > 0 and name not in ("td", "th", "tr", "table"):
            if name in PARAGRAPH or name in LINE or name in ("br", "li") or name in HEADINGS:
                if self.plain and self._cell_has_words():  # a second block in a cell: a layout table
                    self.flush()
                    self.want(1)
                    self.cell_from = 0
                else:
                    self.inline.append(" ")
            elif name in EMPHASIS:
                self.marks[EMPHASIS[name]].append(None)
            return
        if name in EMPHASIS:
            self.open_mark(EMPHASIS[name])
        elif name == "br":
            self.line_break()
        elif name == "li":
            self.open_item()
        elif name in ("ul", "ol"):
            self.open_list(name == "ol", attrs)
        elif name in HEADINGS:
            if self.items or self.heading:
                self.line_break()
            else:
                self.flush()
                self.want(2)
                self.heading = HEADINGS[name]
        elif name in ("p", "div") and self.heading:
            pass  # `<h3><p>Title</p></h3>` is still one heading
        elif name in PARAGRAPH:
            self.flush()
            self.want(1 if self.items else 2)
            if name == "pre":
                self.pre += 1
            elif name == "p":
                self.para = True
        elif name in ("td", "th"):
            if self.cells < 0:
                self.flush()
                self.want(1)
                self.cells = 0
            self.bar = not self.blank  # written before the next cell's first word: empty cells add no bar
            self.cells += 1
            self.cell_from = len(self.inline)
        elif name in LINE:
            self.end_term()
            self.flush()
            self.want(1)
            if name == "tr":
                self.cells = -1
            elif name == "dt":
                self.open_mark("**")
                self.term = True
        elif name == "hr" and not self.items:
            self.flush()
            self.want(2)
            self.emit("---")
            self.want(2)

    def on_end(self, name: str) -> None:
        if self.skip_depth:
            if name == self.skip:
                self.skip_depth -= 1
            return
        if name in HEADINGS:
            if self.heading:
                self.end_heading()
            else:
                self.line_break()
        elif name in EMPHASIS:
            self.close_mark(EMPHASIS[name])
        elif name in ("td", "th"):
            pass
        elif self.cells > 0 and name not in ("tr", "table"):
            if name in PARAGRAPH or name in LINE or name == "li":
                self.inline.append(" ")
        elif name == "li":
            self.flush()
            if self.items:
                self.items.pop()
            self.want(1)
        elif name in ("ul", "ol"):
            self.close_list()
        elif name in ("p", "div") and self.heading:
            pass
        elif name in PARAGRAPH:
            self.flush()
            if name == "p":
                self.para = False
            if name == "pre":
                self.pre = max(0, self.pre - 1)
            if name == "table":
                self.cells = -1
            self.want(1 if self.items else 2)
        elif name in LINE:
            self.end_term()
            self.flush()
            if name == "tr":
                self.cells = -1
            self.want(1)

    # -- structure ------------------------------------------------------------------------------
    def open_list(self, ordered: bool, attrs: str) -> None:
        self.flush()
        self.want(1 if self.lists or self.items else 2)
        first = 1
        if ordered and "start" in attrs:
            start = attributes(attrs).get("start", "").strip()
            first = int(start) if start.isdigit() and len(start) < 10 else 1
        self.lists.append(_List(ordered, first - 1))

    def close_list(self) -> None:
        self.flush()
        depth = len(self.lists)
        while self.items and self.items[-1].depth >= depth:
            self.items.pop()
        if self.lists:
            self.lists.pop()
        self.want(1 if self.lists or self.items else 2)

    def open_item(self) -> None:
        self.flush()
        depth = len(self.lists)
        while self.items and self.items[-1].depth >= depth:
            self.items.pop()  # `<li>a<li>b`: the second item closes the first
        parent = self.items[-1] if self.items else None
        base = (parent.content if parent.emitted else parent.base) if parent else ""
        self.items.append(_Item(depth, base[:MAX_INDENT], self.lists[-1] if self.lists else None))
        self.want(1)

    def end_heading(self) -> None:
        level, self.heading = self.heading, 0
        text = self.render()
        if text and not (text[0] in _NOISE_FIRST and _NOISE_LINE.match(text)):
            self.want(2)
            self.emit(text if self.plain else "#" * level + " " + text)
        self.want(2)

    def line_break(self) -> None:
        if not self.blank:
            self.flush()
            self.want(1)
        elif self.out:
            self.render()  # only spaces and marks: dropped
            self.want(1 if self.items else 2)  # `<br><br>`: a blank line, except inside a list

    def end_term(self) -> None:
        """A `<dt>` ends at its end tag or at the next `<dd>`/`<dt>` (the end tag is optional)."""
        if self.term:
            self.term = False
            self.close_mark("**")

    def _cell_has_words(self) -> bool:
        return any(isinstance(t, str) and not t.isspace() and t for t in self.inline[self.cell_from :])

    def want(self, gap: int) -> None:
        if gap > self.gap:
            self.gap = gap

    # -- emphasis -------------------------------------------------------------------------------
    def open_mark(self, kind: str) -> None:
        stack = self.marks[kind]
        active = self.active[kind]
        if self.plain or self.heading or self.pre or (active is not None and not active.dead):
            stack.append(None)
            return
        mark = _Mark(kind, len(self.inline))
        self.inline.append(mark)
        self.marked += 1
        stack.append(mark)
        self.active[kind] = mark

    def close_mark(self, kind: str) -> None:
        stack = self.marks[kind]
        if not stack:
            return
        mark = stack.pop()
        if mark is None or mark.dead:
            return
        self.active[kind] = None
        tail = self.inline[mark.index + 1 :]
        inner = "".join(t if isinstance(t, str) else self._kill(t) for t in tail)
        core = inner.strip()
        if not core:
            self.inline[mark.index :] = [inner]
            return
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        self.inline[mark.index :] = [f"{lead}{kind}{core}{kind}{trail}"]

    @staticmethod
    def _kill(mark: _Mark) -> str:
        mark.dead = True
        return ""

    # -- output ---------------------------------------------------------------------------------
    def render(self) -> str:
        """The current line's text (unclosed emphasis dropped), and a fresh line."""
        inline = self.inline
        if self.marked:
            for index, token in enumerate(inline):
                if not isinstance(token, str):
                    token.dead = True
                    inline[index] = ""
            self.marked = 0
        text = "".join(inline)  # type: ignore[arg-type]  # no _Mark is left: `marked` counted them, all "" now
        inline.clear()
        self.blank = True
        self.bar = False
        return _SPACE.sub(" ", text).strip()

    def flush(self) -> None:
        if self.heading:
            return  # a heading's text is written when the heading ends
        if self.blank:
            if self.inline:
                self.render()  # spaces and marks only: dropped
            return
        text = self.render()
        if not text or text[0] in _NOISE_FIRST and _NOISE_LINE.match(text):
            return
        item = self.items[-1] if self.items else None
        if item is None:
            self.emit("\\" + text if not self.plain and _HASHES.match(text) else text)
        elif item.emitted:
            self.emit(item.content + text)
        else:
            listing = item.parent_list
            if listing is not None and listing.ordered:
                listing.count += 1
                marker = f"{listing.count}. "
            else:
                marker = "- "
            item.emitted = True
            item.content = (item.base + " " * len(marker))[: MAX_INDENT + 4]
            self.emit(item.base + marker + text)

    def emit(self, line: str) -> None:
        if self.out:
            self.out.append("\n\n" if self.gap >= 2 else "\n")
        self.out.append(line)
        self.size += len(line) + 2
        self.gap = 0

    def text(self) -> str:
        if self.heading:
            self.end_heading()
        self.flush()
        return "".join(self.out).strip()
