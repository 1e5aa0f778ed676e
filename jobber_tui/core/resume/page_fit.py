"""Fitting a compiled resume to the pages asked for: which tightening step to use, how full the last
page is, and a note naming what spilled over when nothing fits.

render.py compiles; the choices here only read PDFs (`count_pages`, and pdf_text.py when a resume is
too long), so nothing here needs typst.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..infra.json_values import object_at
from .strings import visible_sections

if TYPE_CHECKING:
    from .pdf_text import PdfText
    from .templates import Template

NEARLY_EMPTY = 0.25
"""A last page whose text ends above this fraction of its height is "nearly empty": worth a tighter fit."""

_PAGE_COUNT = re.compile(rb"/Type\s*/Pages\s*/Count\s+(\d+)")


def count_pages(pdf: bytes) -> int | None:
    match = _PAGE_COUNT.search(pdf)
    return int(match.group(1)) if match else None


FIT_REACH = 0.5
"""The most the fit steps can save, as a share of a page: a resume with more than this on its last
extra page is not recompiled four times in vain (the templates' tightest step saves about a third)."""


def fit_level(at: Callable[[int], tuple[bytes, int]], levels: int, target: int | None) -> int:
    """The least tightening that fits `target` pages (or, failing that, gives the fewest pages),
    then more if the last page would be nearly empty and a tighter step saves it."""
    pdf, pages = at(0)
    level = 0
    if target is not None and pages > target and levels:
        hopeless = pages > target + 1 or last_page_fill(pdf) > FIT_REACH
        fitting = None if hopeless else next((k for k in range(1, levels + 1) if at(k)[1] <= target), None)
        if fitting is not None:
            level = fitting
        elif not hopeless:
            level = min(range(levels + 1), key=lambda k: (at(k)[1], k))
    pdf, pages = at(level)
    if pages > 1 and level < levels and last_page_fill(pdf) < NEARLY_EMPTY:
        shorter = next((k for k in range(level + 1, levels + 1) if at(k)[1] < pages), None)
        if shorter is not None:
            level = shorter
    return level


@functools.lru_cache(maxsize=8)
def _read(pdf: bytes) -> PdfText:
    """A fit decision and its note read the same PDF: read it once."""
    from .pdf_text import read_pdf_text  # only when a PDF is too long for its pages, not on every build

    return read_pdf_text(pdf)


def last_page_fill(pdf: bytes) -> float:
    """How far down its last page the text goes (0 = nothing, 1 = to the bottom)."""
    try:
        pages = _read(pdf).pages
    except ValueError:
        return 1.0
    return pages[-1].bottom if pages else 1.0


def overflow_note(pdf: bytes, data: dict[str, Any], target: int, template: Template) -> str:
    """ "does not fit on 1 page …; page 2 holds: the end of Experience, Education"."""
    pages = count_pages(pdf) or 0
    note = (
        f"does not fit on {target} page{'s' if target > 1 else ''} "
        f"{'even at the tightest spacing' if template.fit_levels else f'(template {template.name} cannot tighten)'}"
        f": {pages} pages"
    )
    try:
        text_pages = _read(pdf).pages
    except ValueError:
        return note
    titles = object_at(data, "sectionTitles")
    started: list[tuple[int, str]] = []
    for key in visible_sections(data):
        title = str(titles.get(key) or key).casefold()
        page = next(
            (n for n, p in enumerate(text_pages) if any(line.casefold().startswith(title) for line in p.lines)), None
        )
        if page is not None:
            started.append((page, str(titles.get(key) or key)))
    spilled = [name for page, name in started if page >= target]
    before = [name for page, name in started if page < target]
    parts = ([f"the end of {before[-1]}"] if before else []) + spilled
    return note + (f"; page {target + 1} holds: {', '.join(parts)}" if parts else "")
