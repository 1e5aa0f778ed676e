"""Reading what a generated PDF says, the way a recruiter's ATS would."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: str | Path) -> str:
    """All pages' text with whitespace collapsed and soft hyphens/zero-width marks removed."""
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    text = re.sub("[\u00ad\u200b\u200c\u200d\u2060]", "", text)
    return re.sub(r"\s+", " ", text)


def pdf_pages(path: str | Path) -> int:
    return len(PdfReader(str(path)).pages)
