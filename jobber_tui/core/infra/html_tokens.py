"""A streaming HTML tokenizer whose cost is proportional to the input, whatever the input.

Why not the standard library's `html.parser`: on Python 3.11 before 3.11.13 (CVE-2025-6069) it
rescans the rest of the page for every unclosed tag (1 MB of `<div class='x' ` text ran for minutes
here). Why not a tree builder (selectolax/lexbor, lxml): HTML5 tree construction checks the open
elements on every tag, so 1 MB of unclosed `<div>` took 48 s and unclosed `<ul><li>` 480 s. Job text
needs no tree, only the tags in order, so this follows the WHATWG tokenizer's rules for what a tag,
a comment and raw text are, and every pattern below can only run forward:

- a tag or comment that never ends takes the rest of the input (as in a browser): one scan, done;
- a quoted attribute value that never closes does the same;
- raw-text elements (`<script>`, `<style>`, ...) end at their end tag or at the end of the input.

Tokens are tuples (cheap to make 100,000 of): `(TEXT, text)`, `(START, name, attrs)`,
`(END, name, "")`, `(RAW, name, content)` (the content of a raw-text element, right after its
START). Names are lower-case; text is not entity-decoded (callers decode once, where they need it).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

TEXT, START, END, RAW = 0, 1, 2, 3
Token = tuple[int, str, str] | tuple[int, str]

_RAW_NAMES = "script|style|textarea|title|xmp|iframe|noembed|noframes|noscript"
_ATTRS = r"""(?P<{}>(?:[^>"']+|"[^"]*(?:"|\Z)|'[^']*(?:'|\Z))*)"""
"""A start tag's attributes: quoted values may hold `>`; an unclosed quote runs to the end (one scan)."""
TOKEN = re.compile(
    r"(?P<text>[^<]+)"
    rf"|<(?P<raw>{_RAW_NAMES})(?=[\t\n\f\r />]|\Z){_ATTRS.format('rattrs')}"
    r"(?:>(?P<content>.*?)(?:</(?P=raw)(?:[\t\n\f\r /][^>]*)?(?:>|\Z)|\Z)|\Z)"
    rf"|<(?P<start>[A-Za-z][^\t\n\f\r />]*){_ATTRS.format('attrs')}(?:>|\Z)"
    r"|</(?P<end>[A-Za-z][^\t\n\f\r />]*)[^>]*(?:>|\Z)"
    r"|<!--.*?-->|<!--.*"
    r"|<[!?/][^>]*(?:>|\Z)"
    r"|(?P<lt><)",
    re.S | re.I,
)
"""One token per match: text, a raw-text element whole, a start tag, an end tag, a comment or doctype
(dropped), or a `<` that starts nothing (text). Every alternative can end at the end of the input, so
no match fails after scanning ahead (but an unclosed comment's first try, once: the next alternative
then takes the rest): the whole input is read a bounded number of times. A match's `lastgroup` names
its kind: "text", "attrs" (a start tag: groups "start" and "attrs"), "end", "lt", "content"/"rattrs"
(a raw-text element: groups "raw", "rattrs", "content"), None (a comment). `tokenize` wraps this; hot
loops may use it directly."""
RAW_TEXT = frozenset(_RAW_NAMES.split("|"))
"""Elements whose content is text up to their end tag, never markup."""
_ATTR = re.compile(r"""([^\t\n\f\r />"'=]+)(?:[\t\n\f\r ]*=[\t\n\f\r ]*("[^"]*"?|'[^']*'?|[^\t\n\f\r >]*))?""")


def tokenize(markup: str) -> Iterator[Token]:
    """The tokens of `markup`, in order. Linear in len(markup) for any input."""
    for match in TOKEN.finditer(markup):
        kind = match.lastgroup  # the last group that took part: it names the alternative
        if kind == "text":
            yield (TEXT, match.group())
        elif kind == "attrs":
            yield (START, match.group("start").lower(), match.group("attrs"))
        elif kind == "end":
            yield (END, match.group("end").lower(), "")
        elif kind == "lt":
            yield (TEXT, "<")
        elif kind is not None:  # a raw-text element: its start tag, its content, its end
            name = match.group("raw").lower()
            yield (START, name, match.group("rattrs"))
            yield (RAW, name, match.group("content") or "")  # `<script/>` is not void: content follows
            yield (END, name, "")
        # else: a comment, doctype or processing instruction


def attributes(raw: str) -> dict[str, str]:
    """A start tag's attributes (names lower-case, values entity-decoded); the first of a name wins."""
    found: dict[str, str] = {}
    for name, value in _ATTR.findall(raw):
        name = name.lower()
        if name not in found:
            if value[:1] in ("'", '"'):
                value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
            found[name] = html.unescape(value) if "&" in value else value
    return found
