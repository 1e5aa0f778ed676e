"""HTML from job boards to readable text that keeps its structure, in Markdown the UI renders as is.

One pass over the tokens of `html_tokens.tokenize` (linear in the input, whatever the input):

- paragraphs are separated by one blank line; never two;
- list items are `- ` or `1. ` lines; a paragraph inside an item (`<li><p>…</p></li>`) is the item's
  text, a second paragraph a continuation line indented under it; nested lists are indented under
  their parent item; an item with no text gets no marker;
- headings are `#` lines, and only when they have text; tables are one line per row, cells joined by
  ` | `; `<br>` is a line break; `<dt>` terms are bold lines with their `<dd>` below;
- links keep their text (not the URL: it would add words to scoring and prompts); bold and italic
  become `**`/`*` around words; entities are decoded exactly once;
- scripts, styles, SVG and templates are dropped, and so are terminal control characters.

Single line breaks are meant as line breaks: the UI renders with markdown-it's `breaks` option.
With `plain=True` (mail text, which rules, a model and a one-line snippet read) the same structure
comes without Markdown marks: no `#` before headings, no `**`/`*` around words, no backslash escapes;
and a table cell holding several paragraphs (an HTML mail's layout table) keeps them on their own lines.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .html_tokens import START, TEXT, TOKEN, attributes, tokenize

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
_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING = re.compile(r"[ \t]+$", re.M)
MAX_CHARS = 50_000
"""Longer descriptions are cut here (with a note): a hostile board must not fill the store."""
MAX_INDENT = 12
"""Lists nested deeper than this many columns stay at this indentation (so output stays linear too)."""

_PARAGRAPH = frozenset("p blockquote table pre figure address fieldset form details dl".split())
_LINE = frozenset("div section article header footer main aside nav tr dt dd summary figcaption center caption "
                  "option legend".split())
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_ENDS_HEADING = frozenset([*_HEADINGS, "ul", "ol", "li", "table", "tr", "hr", "blockquote", "dl", "pre",
                           "section", "article", "header", "footer", "main"])
_CLOSES_P = frozenset([*_HEADINGS, *"address article aside blockquote details div dl fieldset figcaption figure "
                        "footer form header hr main menu nav ol p pre section table ul li dd dt".split()])
"""Start tags that end an open `<p>` (its end tag is optional)."""
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
_SKIPPED = frozenset({"head", "svg", "math", "template", "select", "datalist"})
_BREAKOUT = frozenset("b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 hr i img li "
                      "listing menu meta nobr ol p pre ruby s small span strike strong sub sup table tt u ul "
                      "var".split())
"""HTML start tags that end SVG/MathML content (the WHATWG rule), so an unclosed `<svg>` hides nothing."""
_STRUCTURAL = frozenset([*_PARAGRAPH, *_LINE, *_HEADINGS, *_EMPHASIS, *_SKIPPED, "br", "li", "ul", "ol", "td", "th",
                         "hr", "table", "tr"])
"""Tags that change the text's structure; any other tag (span, a, font, ...) only carries its text."""


def looks_escaped(text: str) -> bool:
    """Greenhouse sends `&lt;p&gt;...`: HTML escaped once more than needed."""
    return "&lt;" in text and text.count("<") < text.count("&lt;")


def strip_controls(text: str) -> str:
    """Untrusted text without terminal control characters (ESC sequences, BEL, C1 codes)."""
    return _CONTROL.sub("", text)


def html_to_text(markup: str, *, max_chars: int = MAX_CHARS, drop: frozenset[str] = frozenset(),
                 plain: bool = False) -> str:
    """Readable, structured text (see the module doc); plain text is tidied and kept as written.

    `drop`: more elements to leave out with their content (a page's `nav`, `footer`, ...).
    `plain`: no Markdown marks (headings, emphasis, escapes); lists, tables and paragraphs stay."""
    if not markup:
        return ""
    if looks_escaped(markup):
        markup = html.unescape(markup)
    if "<" not in markup:
        return _cap(_tidy_plain(html.unescape(markup) if _ENTITY in markup else markup), max_chars)
    writer = _Writer(max_chars, _SKIPPED | drop if drop else _SKIPPED, plain=plain)
    writer.feed(markup)
    return _cap(writer.text(), max_chars)


def inline_text(value: str, *, max_chars: int = 300) -> str:
    """One line of plain text (titles, names): tags removed, entities decoded once, spaces collapsed."""
    if looks_escaped(value):
        value = html.unescape(value)
    if "<" in value:
        parts: list[str] = []
        for token in tokenize(value):
            if token[0] == TEXT:
                parts.append(token[1])
            elif token[0] == START and (token[1] in _LINE or token[1] in _PARAGRAPH or token[1] in ("br", "li")):
                parts.append(" ")
        value = "".join(parts)
    if _ENTITY in value:
        value = html.unescape(value)
    text = _SPACE.sub(" ", strip_controls(value)).strip()
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


@dataclass(slots=True)
class _List:
    ordered: bool
    count: int = 0


@dataclass(slots=True)
class _Item:
    depth: int
    """How many lists were open when the item opened: a new item at this depth closes this one."""
    base: str
    """Indentation of the marker."""
    parent_list: _List | None
    content: str = ""
    """Indentation of continuation lines (set when the marker is written)."""
    emitted: bool = False


@dataclass(slots=True)
class _Mark:
    """Where `**` or `*` opened in the current line; written only if it closes with words inside."""

    kind: str
    index: int
    dead: bool = False


class _Writer:
    """Turns tokens into lines; `gap` is the break owed before the next line (1 newline, 2 a blank line)."""

    def __init__(self, max_chars: int, skipped: frozenset[str] = _SKIPPED, *, plain: bool = False) -> None:
        self.skipped = skipped
        self.plain = plain
        self.structural = _STRUCTURAL | skipped
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
            elif self.skip in ("svg", "math") and name in _BREAKOUT or self.skip == "head" and name == "body":
                self.skip_depth = 0
                self.on_start(name, attrs)
            return
        if name in self.skipped:
            self.skip, self.skip_depth = name, 1
            return
        if self.heading and name in _ENDS_HEADING:
            self.end_heading()
        if self.para and name in _CLOSES_P:
            self.on_end("p")
        if self.cells > 0 and name not in ("td", "th", "tr", "table"):
            if name in _PARAGRAPH or name in _LINE or name in ("br", "li") or name in _HEADINGS:
                if self.plain and self._cell_has_words():  # a second block in a cell: a layout table
                    self.flush()
                    self.want(1)
                    self.cell_from = 0
                else:
                    self.inline.append(" ")
            elif name in _EMPHASIS:
                self.marks[_EMPHASIS[name]].append(None)
            return
        if name in _EMPHASIS:
            self.open_mark(_EMPHASIS[name])
        elif name == "br":
            self.line_break()
        elif name == "li":
            self.open_item()
        elif name in ("ul", "ol"):
            self.open_list(name == "ol", attrs)
        elif name in _HEADINGS:
            if self.items or self.heading:
                self.line_break()
            else:
                self.flush()
                self.want(2)
                self.heading = _HEADINGS[name]
        elif name in ("p", "div") and self.heading:
            pass  # `<h3><p>Title</p></h3>` is still one heading
        elif name in _PARAGRAPH:
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
        elif name in _LINE:
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
        if name in _HEADINGS:
            if self.heading:
                self.end_heading()
            else:
                self.line_break()
        elif name in _EMPHASIS:
            self.close_mark(_EMPHASIS[name])
        elif name in ("td", "th"):
            pass
        elif self.cells > 0 and name not in ("tr", "table"):
            if name in _PARAGRAPH or name in _LINE or name == "li":
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
        elif name in _PARAGRAPH:
            self.flush()
            if name == "p":
                self.para = False
            if name == "pre":
                self.pre = max(0, self.pre - 1)
            if name == "table":
                self.cells = -1
            self.want(1 if self.items else 2)
        elif name in _LINE:
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
        return any(isinstance(t, str) and not t.isspace() and t for t in self.inline[self.cell_from:])

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
        tail = self.inline[mark.index + 1:]
        inner = "".join(t if isinstance(t, str) else self._kill(t) for t in tail)
        core = inner.strip()
        if not core:
            self.inline[mark.index:] = [inner]
            return
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        self.inline[mark.index:] = [f"{lead}{kind}{core}{kind}{trail}"]

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
        text = "".join(inline)  # type: ignore[arg-type]
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


def _tidy_plain(text: str) -> str:
    """Plain text as written: controls dropped, trailing spaces and runs of blank lines removed."""
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " "))
    text = _TRAILING.sub("", text)
    text = "\n".join(line for line in text.split("\n") if not line or not _NOISE_LINE.match(line))
    return _BLANKS.sub("\n\n", text).strip()


def _cap(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    return text[:max_chars].rstrip() + f"\n\n[description cut at {max_chars:,} characters]"
