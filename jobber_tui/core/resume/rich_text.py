"""Rich text from resume builders (HTML from Reactive Resume v4/v5, Markdown from v3) as plain
paragraphs and bullets.

Why: templates print data as literal text (never markup), so formatting has to become structure
here: list items become `highlights`, paragraphs stay paragraphs (separated by a blank line),
<br> stays a line break, and every tag, entity and Markdown mark is dropped, never interpreted.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HTML_RE = re.compile(r"<\s*/?\s*(p|ul|ol|li|br|strong|em|b|i|u|s|a|div|span|mark|code|h[1-6])\b", re.I)


def looks_like_html(text: object) -> bool:
    return isinstance(text, str) and bool(_HTML_RE.search(text))


def squash(text: str) -> str:
    """Collapse whitespace but keep the line breaks an author made with <br>."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.split())


class _RichText(HTMLParser):
    """Split HTML into paragraphs and list-item bullets, dropping all tags."""

    _BLOCKS = frozenset("p div ul ol blockquote pre tr h1 h2 h3 h4 h5 h6 hr".split())
    _SKIP = frozenset(("script", "style"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.bullets: list[str] = []
        self.lines: list[str] = []  # both, in document order, for plain-text-only fields
        self._para: list[str] = []
        self._items: list[list[str]] = []  # one buffer per open <li> (lists may nest)
        self._skipping = 0

    def _add(self, text: str, bullet: bool) -> None:
        text = squash(text)
        if text:
            (self.bullets if bullet else self.paragraphs).append(text)
            self.lines.append(f"- {text}" if bullet else text)

    def flush(self) -> None:
        self._add("".join(self._para), bullet=False)
        self._para = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag == "li":
            if self._items:  # nested list: emit the parent's text first to keep the order
                self._add("".join(self._items[-1]), bullet=True)
                self._items[-1] = []
            else:
                self.flush()
            self._items.append([])
        elif tag == "br":
            (self._items[-1] if self._items else self._para).append("\n")
        elif tag in self._BLOCKS and not self._items:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "li" and self._items:
            self._add("".join(self._items.pop()), bullet=True)
        elif tag in self._BLOCKS and not self._items:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            (self._items[-1] if self._items else self._para).append(data)

    def close(self) -> None:
        super().close()
        while self._items:  # an unclosed <li> still holds text worth keeping
            self.handle_endtag("li")
        self.flush()


def parse_html(html: object) -> _RichText:
    parser = _RichText()
    parser.feed(html if isinstance(html, str) else "")
    parser.close()
    return parser


_MD_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*\)")
_MD_MARKS = re.compile(r"(\*\*|__|~~|`)(.+?)\1")
_MD_EMPH = re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_MARKS.sub(r"\2", text)
    return _MD_EMPH.sub(r"\2", text)


def parse_markdown(text: object) -> tuple[list[str], list[str]]:
    """Reactive Resume v3's Markdown: (paragraphs, bullets); marks and link targets dropped."""
    paragraphs: list[str] = []
    bullets: list[str] = []
    current: list[str] = []

    def end_paragraph() -> None:
        if current:
            paragraphs.append(squash("\n".join(current)))
            current.clear()

    for line in (text if isinstance(text, str) else "").splitlines():
        bullet = _MD_BULLET.match(line)
        if bullet:
            end_paragraph()
            item = squash(_md_inline(bullet.group(1)))
            if item:
                bullets.append(item)
        elif line.strip():
            current.append(_md_inline(_MD_HEADING.sub("", line)).strip())
        else:
            end_paragraph()
    end_paragraph()
    return [p for p in paragraphs if p], bullets


def rich(value: object, key: str = "summary", markdown: bool = False) -> dict[str, object]:
    """Rich text -> {key: paragraphs joined by blank lines, "highlights": bullets}."""
    if markdown and not looks_like_html(value):
        paragraphs, bullets = parse_markdown(value)
    else:
        parsed = parse_html(value)
        paragraphs, bullets = parsed.paragraphs, parsed.bullets
    return {key: "\n\n".join(paragraphs), "highlights": bullets}


def plain(value: object, markdown: bool = False) -> str:
    """Rich text -> one plain text (bullets as "- " lines), for fields without a highlights list."""
    if markdown and not looks_like_html(value):
        paragraphs, bullets = parse_markdown(value)
        return "\n\n".join(paragraphs + [f"- {b}" for b in bullets])
    return "\n".join(parse_html(value).lines)
