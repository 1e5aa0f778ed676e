"""The live preview picture: the job's first page as PNG, from the same inputs as its PDF."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from jobber_tui.core.infra.errors import JobberError
from jobber_tui.core.resume.preview import first_page_png
from jobber_tui.core.resume.processing import process_job
from jobber_tui.core.workspace import open_workspace

DEMO_RESUME = Path(__file__).resolve().parent.parent / "jobber_tui" / "demo" / "resume.json"


def test_first_page_png_matches_the_page_size(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "resume.json").write_bytes(DEMO_RESUME.read_bytes())
    ws = open_workspace(home)
    [classic, modern] = ws.store.add_jobs(
        [{"title": "A", "employer": "B"}, {"title": "C", "employer": "D", "template": "modern"}]
    ).created
    process_job(ws, classic)
    png = first_page_png(ws, classic, ppi=60)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (510, 660)  # US Letter at 60 ppi
    width, height = struct.unpack(">II", first_page_png(ws, modern, ppi=60)[16:24])
    assert (width, height) == (496, 702)  # A4 at 60 ppi
    (home / "templates" / "classic").mkdir(parents=True)
    (home / "templates" / "classic" / "main.typ").write_text("#let x = (\n")
    with pytest.raises(JobberError, match="main.typ:1:"):
        first_page_png(ws, classic)
