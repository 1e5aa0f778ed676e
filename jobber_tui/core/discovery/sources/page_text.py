"""The last resort for `import url`: a page's title and main text when it has no JobPosting data.

The main text is `<main>`, else the longest `<article>`, else `<body>`, without navigation, headers,
footers, asides and forms. One pass of the tokenizer finds all of it (linear in the page), then the
chosen part is converted like any description.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...infra.html_text import html_to_text, inline_text
from ...infra.html_tokens import TOKEN, attributes

MIN_TEXT = 200
"""Fewer characters of main text than this is not a job description (a login wall, a JS-only app)."""
_REGIONS = ("main", "article", "body")
_CHROME = frozenset({"nav", "header", "footer", "aside", "form", "button", "select"})
"""Page furniture left out of the main text (only when closed: an unclosed one would hide the rest)."""
MAX_METAS = 200


@dataclass(frozen=True)
class PageText:
    title: str | None
    site_name: str | None
    text: str


def page_text(page: str) -> PageText:
    metas: dict[str, str] = {}
    title: str | None = None
    h1: str | None = None
    h1_parts: list[str] | None = None
    open_at: dict[str, list[int]] = {name: [] for name in _REGIONS}
    spans: dict[str, list[tuple[int, int]]] = {name: [] for name in _REGIONS}
    starts = dict.fromkeys(_CHROME, 0)
    ends = dict.fromkeys(_CHROME, 0)
    for match in TOKEN.finditer(page):
        kind = match.lastgroup
        if kind == "text":
            if h1_parts is not None:
                h1_parts.append(match.group())
        elif kind == "attrs":
            name = match.group("start").lower()
            if name in open_at:
                open_at[name].append(match.end())
            elif name == "meta" and len(metas) < MAX_METAS:
                _meta(attributes(match.group("attrs")), metas)
            elif name == "h1" and h1 is None and h1_parts is None:
                h1_parts = []
            elif name in starts:
                starts[name] += 1
        elif kind == "end":
            name = match.group("end").lower()
            if open_at.get(name):
                begun = open_at[name].pop()
                if not open_at[name]:  # outermost only
                    spans[name].append((begun, match.start()))
            elif name == "h1" and h1_parts is not None:
                h1 = inline_text("".join(h1_parts), max_chars=200) or None
                h1_parts = None
                if h1 is None:
                    h1 = ""  # an empty h1: fall back to the meta title, and take no later h1
            elif name in ends:
                ends[name] += 1
        elif kind is not None and kind != "lt" and title is None and match.group("raw").lower() == "title":
            title = inline_text(match.group("content") or "", max_chars=200) or None
    for name, opened in open_at.items():
        if opened:
            spans[name].append((opened[0], len(page)))
    if spans["main"]:
        begin, end = spans["main"][0]
    elif spans["article"]:
        begin, end = max(spans["article"], key=lambda span: span[1] - span[0])
    elif spans["body"]:
        begin, end = spans["body"][0]
    else:
        begin, end = 0, len(page)
    drop = frozenset(name for name in _CHROME if starts[name] and ends[name] >= starts[name])
    text = html_to_text(page[begin:end], drop=drop)
    return PageText(title=h1 or metas.get("og:title") or title, site_name=metas.get("og:site_name"), text=text)


def _meta(attrs: dict[str, str], found: dict[str, str]) -> None:
    key = (attrs.get("property") or attrs.get("name") or "").lower()
    if key and "content" in attrs and key not in found:
        found[key] = inline_text(attrs["content"], max_chars=200)
