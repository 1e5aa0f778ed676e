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

from .html_tags import LINE, PARAGRAPH, SKIPPED
from .html_tokens import START, TEXT, tokenize
from .html_writer import _CONTROL, _ENTITY, _NOISE_LINE, _SPACE, Writer

_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING = re.compile(r"[ \t]+$", re.M)
MAX_CHARS = 50_000
"""Longer descriptions are cut here (with a note): a hostile board must not fill the store."""


def looks_escaped(text: str) -> bool:
    """Greenhouse sends `&lt;p&gt;...`: HTML escaped once more than needed."""
    return "&lt;" in text and text.count("<") < text.count("&lt;")


def strip_controls(text: str) -> str:
    """Untrusted text without terminal control characters (ESC sequences, BEL, C1 codes)."""
    return _CONTROL.sub("", text)


def html_to_text(
    markup: str, *, max_chars: int = MAX_CHARS, drop: frozenset[str] = frozenset(), plain: bool = False
) -> str:
    """Readable, structured text (see the module doc); plain text is tidied and kept as written.

    `drop`: more elements to leave out with their content (a page's `nav`, `footer`, ...).
    `plain`: no Markdown marks (headings, emphasis, escapes); lists, tables and paragraphs stay."""
    if not markup:
        return ""
    if looks_escaped(markup):
        markup = html.unescape(markup)
    if "<" not in markup:
        return _cap(_tidy_plain(html.unescape(markup) if _ENTITY in markup else markup), max_chars)
    writer = Writer(max_chars, SKIPPED | drop if drop else SKIPPED, plain=plain)
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
            elif token[0] == START and (token[1] in LINE or token[1] in PARAGRAPH or token[1] in ("br", "li")):
                parts.append(" ")
        value = "".join(parts)
    if _ENTITY in value:
        value = html.unescape(value)
    text = _SPACE.sub(" ", strip_controls(value)).strip()
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


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
