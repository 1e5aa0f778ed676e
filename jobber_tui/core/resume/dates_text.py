"""Dates as resumes write them ("Jan 2020 - Present", "2019", "06/2021", "Summer 2019") as JSON Resume
dates ("2020-01"), keeping anything unrecognisable exactly as written.
"""

from __future__ import annotations

import re

ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_MONTHS = "january february march april may june july august september october november december".split()
PRESENT = frozenset({"present", "current", "now", "today", "ongoing", "till date", "to date"})
_SEP_RE = re.compile(r"\s*(?:[-–—]|\bto\b|\buntil\b)\s*", re.I)


def _s(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else ""


def one_date(text: str) -> str | None:
    """A single recognisable date as "YYYY-MM" or "YYYY", else None."""
    t = text.strip().rstrip(".,")
    if re.fullmatch(r"(19|20)\d\d", t):
        return t
    m = re.fullmatch(r"((?:19|20)\d\d)[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:T[\d:.]+Z?)?", t) or re.fullmatch(
        r"(\d{1,2})[-/.]((?:19|20)\d\d)", t
    )
    if m:
        year, month = (m[1], m[2]) if len(m[1]) == 4 else (m[2], m[1])
        return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None
    m = re.fullmatch(r"([A-Za-z]{3,})\.?,?\s*((?:19|20)\d\d)", t)
    if m:
        months = [n for n, month in enumerate(_MONTHS, 1) if month.startswith(m[1].lower())]  # "Sept" too
        return f"{m[2]}-{months[0]:02d}" if months else None
    return None


def period(text: object) -> dict[str, str]:
    """A free-text period -> startDate/endDate; unparseable text is kept whole in startDate."""
    raw = _s(text)
    flat = " ".join(raw.split())
    if single := one_date(flat):
        return {"startDate": single}
    for sep in _SEP_RE.finditer(flat):  # try every separator: "2020-01 - 2021-03" has three
        start, right = one_date(flat[: sep.start()]), flat[sep.end() :].strip()
        if start and right.lower() in PRESENT:
            return {"startDate": start}
        if start and (end := one_date(right)):
            return {"startDate": start, "endDate": end}
    return {"startDate": raw} if raw else {}


def date_value(text: object) -> str:
    """A single date field: normalised when recognisable, else verbatim ("" for "Present")."""
    raw = _s(text)
    if raw.lower() in PRESENT:
        return ""
    return one_date(raw) or raw
