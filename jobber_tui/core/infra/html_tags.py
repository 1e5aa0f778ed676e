"""What each HTML tag does to the text `html_to_text` writes (a paragraph, a line, a heading, a mark), and the
writer's records of the lists, items and marks open at a point."""

from __future__ import annotations

from dataclasses import dataclass

PARAGRAPH = frozenset("p blockquote table pre figure address fieldset form details dl".split())
LINE = frozenset(
    "div section article header footer main aside nav tr dt dd summary figcaption center caption option legend".split()
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
ENDS_HEADING = frozenset(
    [
        *HEADINGS,
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "hr",
        "blockquote",
        "dl",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "main",
    ]
)
CLOSES_P = frozenset(
    [
        *HEADINGS,
        *"address article aside blockquote details div dl fieldset figcaption figure "
        "footer form header hr main menu nav ol p pre section table ul li dd dt".split(),
    ]
)
"""Start tags that end an open `<p>` (its end tag is optional)."""
EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
SKIPPED = frozenset({"head", "svg", "math", "template", "select", "datalist"})
BREAKOUT = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 hr i img li "
    "listing menu meta nobr ol p pre ruby s small span strike strong sub sup table tt u ul "
    "var".split()
)
"""HTML start tags that end SVG/MathML content (the WHATWG rule), so an unclosed `<svg>` hides nothing."""
STRUCTURAL = frozenset(
    [*PARAGRAPH, *LINE, *HEADINGS, *EMPHASIS, *SKIPPED, "br", "li", "ul", "ol", "td", "th", "hr", "table", "tr"]
)
"""Tags that change the text's structure; any other tag (span, a, font, ...) only carries its text."""


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
