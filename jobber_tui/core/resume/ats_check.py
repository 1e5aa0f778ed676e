"""The ATS check: does the PDF's text say everything the resume says, in order, cleanly?

An applicant tracking system reads the PDF's text layer, not the picture. This check reads it the
same way (core/resume/pdf_text.py: a pure-Python reader) and verifies, for every string the template
prints (core/resume/strings.py: name, headline, each employer, position, institution, date,
bullet, skill and keyword, the tailored summary, ...):
- it is there, with only line breaks and spacing allowed to differ (a line may break inside a
  URL after "/", or between two Chinese characters, without a space in the source);
- entries come in the resume's order (each entry's title after the previous one's);
- no control or zero-width character sits inside a word (an ATS searching "TypeScript" does not
  find "TypeS\u200bcript");
- no character was drawn as an empty box (a glyph no font had).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..infra.json_values import object_at
from .locales import date_words, format_month
from .pdf_text import read_pdf_text
from .scripts import script_of
from .strings import Shown, pretty_url, shown_strings

_NO_SPACE_SCRIPTS = frozenset({"han", "kana", "hangul", "thai"})
_BREAK_AFTER = set("/-–—.,;:_)]}>?!&=+|·")
_BREAK_BEFORE = set("([{<")
_BAD = re.compile(
    r"(?<=\S)[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u2064\ufeff]+(?=\S)"
)
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?$")


@dataclass
class AtsReport:
    """What the check found; `ok` when nothing is missing, out of order or mangled."""

    checked: int = 0
    missing: list[Shown] = field(default_factory=list)
    out_of_order: list[Shown] = field(default_factory=list)
    bad_characters: list[str] = field(default_factory=list)
    """Where control or zero-width characters sit inside words, shown with their code points."""
    missing_glyphs: int = 0
    """Characters drawn as empty boxes."""
    pages: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.out_of_order or self.bad_characters or self.missing_glyphs)

    @property
    def found(self) -> int:
        return self.checked - len(self.missing)

    def summary(self) -> str:
        """One line, e.g. "ATS check: 3 of 84 strings missing (work[2].name "Harborline", …)"."""
        if self.ok:
            return f"ATS check: all {self.checked} strings found in order"
        parts = []
        if self.missing:
            sample = ", ".join(f'{s.path} "{_short(s.text)}"' for s in self.missing[:3])
            more = ", …" if len(self.missing) > 3 else ""
            parts.append(f"{len(self.missing)} of {self.checked} strings missing ({sample}{more})")
        if self.out_of_order:
            parts.append(f"{len(self.out_of_order)} out of order ({self.out_of_order[0].path})")
        if self.bad_characters:
            parts.append(f"{len(self.bad_characters)} hidden characters inside words ({self.bad_characters[0]})")
        if self.missing_glyphs:
            parts.append(f"{self.missing_glyphs} characters drawn as empty boxes")
        return "ATS check: " + "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        def item(s: Shown) -> dict[str, str]:
            return {"section": s.section, "path": s.path, "text": s.text}

        return {
            "ok": self.ok,
            "checked": self.checked,
            "found": self.found,
            "pages": self.pages,
            "missing": [item(s) for s in self.missing],
            "outOfOrder": [item(s) for s in self.out_of_order],
            "badCharacters": self.bad_characters,
            "missingGlyphs": self.missing_glyphs,
            "summary": self.summary(),
        }


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _no_space(char: str) -> bool:
    return script_of(char) in _NO_SPACE_SCRIPTS


def _pattern(expected: str) -> str:
    """A regex for `expected` as it may come out of a PDF: any whitespace run for a space, and an
    optional line break wherever a line can break without a space."""
    text = " ".join(unicodedata.normalize("NFC", expected).split())
    parts: list[str] = []
    previous = ""
    for char in text:
        if char == " ":
            parts.append(r"\s+")
            previous = ""
            continue
        if previous and (previous in _BREAK_AFTER or char in _BREAK_BEFORE or _no_space(previous) or _no_space(char)):
            parts.append(r"\s*")
        parts.append(re.escape(char))
        previous = char
    head, tail = text[:1], text[-1:]
    start = r"(?<!\w)" if head.isalnum() and not _no_space(head) else ""
    end = r"(?!\w)" if tail.isalnum() and not _no_space(tail) else ""
    return start + "".join(parts) + end


def date_forms(value: str, meta: dict[str, Any]) -> list[str]:
    """How a template may print a date: formatted with the resume's date words, or as written."""
    forms = [value]
    match = _ISO.match(value.strip())
    if match:
        year, month = match.group(1), match.group(2)
        dates = meta.get("dates")
        words = dates if isinstance(dates, dict) else date_words(str(meta.get("lang") or "en"))
        if month and 1 <= int(month) <= 12:
            forms.insert(0, format_month(year, int(month), words))
        else:
            forms.insert(0, year)
    return forms


def _forms(shown: Shown, meta: dict[str, Any]) -> list[str]:
    if shown.kind == "date":
        return date_forms(shown.text, meta)
    if shown.kind == "url":
        return [pretty_url(shown.text), shown.text]
    return [shown.text]


def check_text(text: str, data: dict[str, Any], missing_glyphs: int = 0, pages: int = 0) -> AtsReport:
    """Check extracted PDF text against the data the template was given."""
    text = unicodedata.normalize("NFC", text)
    meta = object_at(data, "meta")
    report = AtsReport(missing_glyphs=missing_glyphs, pages=pages)
    cursor = 0
    for shown in shown_strings(data):
        report.checked += 1
        patterns = [re.compile(_pattern(f), re.IGNORECASE) for f in _forms(shown, meta) if f.strip()]
        if shown.anchor:
            ahead = _first(patterns, text, cursor)
            if ahead is not None:
                cursor = ahead
                continue
            if _first(patterns, text, 0) is not None:
                report.out_of_order.append(shown)
            else:
                report.missing.append(shown)
        elif _first(patterns, text, 0) is None:
            report.missing.append(shown)
    for match in _BAD.finditer(text):
        start, end = max(0, match.start() - 8), min(len(text), match.end() + 8)
        hidden = "".join(f"<U+{ord(c):04X}>" for c in match.group())
        report.bad_characters.append(text[start : match.start()] + hidden + text[match.end() : end])
    return report


def _first(patterns: list[re.Pattern[str]], text: str, start: int) -> int | None:
    hits = [m.start() for p in patterns if (m := p.search(text, start))]
    return min(hits) if hits else None


def check_pdf(pdf: bytes, data: dict[str, Any]) -> AtsReport:
    """Read the PDF like an ATS and check it against the template's data."""
    meta = object_at(data, "meta")
    extracted = read_pdf_text(pdf, rtl=meta.get("dir") == "rtl")
    return check_text(extracted.text, data, extracted.missing_glyphs, len(extracted.pages))
