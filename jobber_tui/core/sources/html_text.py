"""HTML from job boards to readable Markdown-ish text: headings, bullets, paragraphs, no tags.

A tag tokenizer (one regex split) rather than html.parser: descriptions are fragments, not
documents, and importing 10,000 of them must stay fast. Script, style and comments are dropped.
"""

from __future__ import annotations

import html
import re

_DROP = re.compile(r"<!--.*?(?:-->|$)|<(script|style|noscript|template|svg|iframe|head)\b[^>]*>.*?(?:</\1\s*>|$)",
                   re.I | re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>|<[!?][^>]*>", re.S)
_SPACE = re.compile(r"[ \t\r\f\v\n\u00a0]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters but tab, newline and CR: an ESC from a board or an e-mail must never reach a terminal."""
_BLANKS = re.compile(r"\n{3,}")
_INNER_SPACES = re.compile(r"(?<=\S) {2,}")
_TRAILING = re.compile(r"[ \t]+\n")
_LEADING = re.compile(r"(?m)^[ \t]+(?=[^ \t])(?!- |\d+\. )")
_LIST_GAPS = (  # blank lines between items of one list: same marker, or the next item nested deeper
    re.compile(r"(?m)(^ *- .*)\n\n+(?= *- )"),
    re.compile(r"(?m)(^ *\d+\. .*)\n\n+(?= *\d+\. )"),
    re.compile(r"(?m)(^ *(?:- |\d+\. ).*)\n\n+(?= +(?:- |\d+\. ))"),
)
_BLOCK = frozenset(
    "p div section article header footer main aside nav table thead tbody tfoot tr form fieldset figure "
    "figcaption blockquote address dl dt dd center details summary".split()
)
_CELL = frozenset({"td", "th"})
_LIST = frozenset({"ul", "ol"})
MAX_CHARS = 50_000
"""Longer descriptions are cut here (with a note): a hostile board must not fill the store."""


def looks_escaped(text: str) -> bool:
    """Greenhouse sends `&lt;p&gt;...`: HTML escaped once more than needed."""
    return "&lt;" in text and text.count("<") < text.count("&lt;")


def html_to_text(markup: str, *, max_chars: int = MAX_CHARS) -> str:
    """Readable text: `#` headings, `-`/`1.` bullets, blank lines between paragraphs."""
    if not markup:
        return ""
    if looks_escaped(markup):
        markup = html.unescape(markup)
    if "<" not in markup:
        return _cap(_tidy(html.unescape(markup)), max_chars)
    markup = _DROP.sub(" ", markup)
    out: list[str] = []
    lists: list[list[int]] = []  # per open list: [is_ordered, counter]
    pre = 0
    pos = 0
    for match in _TAG.finditer(markup):
        _text(out, markup[pos:match.start()], pre)
        pos = match.end()
        name = (match.group(2) or "").lower()
        if not name:
            continue
        closing = match.group(1) == "/"
        if name == "br":
            out.append("\n")
        elif name in _LIST:
            if closing:
                if lists:
                    lists.pop()
            else:
                lists.append([name == "ol", 0])
            out.append("\n")
        elif name == "li":
            if closing:
                out.append("\n")
            else:
                indent = "  " * max(len(lists) - 1, 0)
                if lists and lists[-1][0]:
                    lists[-1][1] += 1
                    out.append(f"\n{indent}{lists[-1][1]}. ")
                else:
                    out.append(f"\n{indent}- ")
        elif len(name) == 2 and name[0] == "h" and name[1] in "123456":
            out.append("\n\n" if closing else "\n\n" + "#" * int(name[1]) + " ")
        elif name == "pre":
            pre += -1 if closing else 1
            pre = max(pre, 0)
            out.append("\n\n")
        elif name in _BLOCK:
            out.append("\n\n" if name in ("p", "table", "blockquote") else "\n")
        elif name in _CELL and not closing:
            out.append(" | ")
        elif name == "hr":
            out.append("\n\n---\n\n")
    _text(out, markup[pos:], pre)
    return _cap(_tidy("".join(out)), max_chars)


def strip_controls(text: str) -> str:
    """Untrusted text without terminal control characters (ESC sequences, BEL, C1 codes)."""
    return _CONTROL.sub("", text)


def inline_text(value: str, *, max_chars: int = 300) -> str:
    """One line of plain text (titles, names): tags removed, entities decoded, spaces collapsed."""
    if "<" in value or "&" in value:
        value = html.unescape(_TAG.sub(" ", _DROP.sub(" ", html.unescape(value) if looks_escaped(value) else value)))
    text = _SPACE.sub(" ", strip_controls(value)).strip()
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


def _text(out: list[str], chunk: str, pre: int) -> None:
    if not chunk:
        return
    text = html.unescape(chunk) if "&" in chunk else chunk
    if pre:
        out.append(text)
        return
    text = _SPACE.sub(" ", text)
    if text.strip() or (out and not out[-1].endswith((" ", "\n"))):
        out.append(text)


def _tidy(text: str) -> str:
    """Whole-text regex passes (not per-line work): 10,000 descriptions must stay fast."""
    text = _TRAILING.sub("\n", strip_controls(text.replace("\r", "")))
    text = _LEADING.sub("", text)  # only nested bullets keep their indentation
    text = _INNER_SPACES.sub(" ", text)
    text = _BLANKS.sub("\n\n", text)
    for gap in _LIST_GAPS:  # a list reads as one block
        text = gap.sub("\\1\n", text)
    return text.strip()


def _cap(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    return text[:max_chars].rstrip() + f"\n\n[description cut at {max_chars:,} characters]"
