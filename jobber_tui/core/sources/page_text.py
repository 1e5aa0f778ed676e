"""The last resort for `import url`: a page's title and main text when it has no JobPosting data.

The main text is `<main>`, else the longest `<article>`, else `<body>`, without navigation,
headers, footers, asides and forms.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .html_text import html_to_text, inline_text

_STRIP = re.compile(r"<(nav|header|footer|aside|form|button|select)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_MAIN = re.compile(r"<main\b[^>]*>(.*?)</main\s*>", re.I | re.S)
_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article\s*>", re.I | re.S)
_BODY = re.compile(r"<body\b[^>]*>(.*?)(?:</body\s*>|$)", re.I | re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
MIN_TEXT = 200
"""Fewer characters of main text than this is not a job description (a login wall, a JS-only app)."""


@dataclass(frozen=True)
class PageText:
    title: str | None
    site_name: str | None
    text: str


def page_text(page: str) -> PageText:
    meta = _metas(page)
    title = _first(_H1, page) or meta.get("og:title") or _first(_TITLE, page)
    body = _MAIN.search(page)
    if body:
        chunk = body.group(1)
    else:
        articles = _ARTICLE.findall(page)
        chunk = max(articles, key=len) if articles else (_BODY.search(page) or _whole(page)).group(1)
    text = html_to_text(_STRIP.sub(" ", chunk))
    return PageText(title=title, site_name=meta.get("og:site_name"), text=text)


def _first(pattern: re.Pattern[str], page: str) -> str | None:
    match = pattern.search(page)
    return inline_text(match.group(1), max_chars=200) or None if match else None


def _metas(page: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in _META.findall(page[:200_000]):
        attrs = {k.lower(): html.unescape(v.strip("\"'")) for k, v in _ATTR.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if key and "content" in attrs and key not in found:
            found[key] = inline_text(attrs["content"], max_chars=200)
    return found


def _whole(page: str) -> re.Match[str]:
    match = re.match(r"(.*)", page, re.S)
    assert match is not None
    return match
