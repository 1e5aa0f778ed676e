"""What anything showing a PDF needs to know: where it is, whether it is current, its pages."""

from __future__ import annotations

from typing import Any

from .errors import JobberError
from .render import count_pages
from .workspace import Workspace


def pdf_status(ws: Workspace, job_id: int) -> dict[str, Any]:
    """`current` is true when the stored fingerprint equals what the inputs would give now; `ats` is
    the ATS check of the PDF on disk (core/ats_check.py), `pagesWanted` the template's page setting."""
    from .processing import expected_fingerprint

    job = ws.store.get(job_id)
    path = ws.home.resolve_stored(job.pdf_path) or ws.home.pdf_dir / f"resume_{job_id}.pdf"
    exists = path.is_file()
    pages = count_pages(path.read_bytes()) if exists else None
    current = False
    problem = None
    if exists and job.pdf_fingerprint:
        try:
            current = expected_fingerprint(ws, job) == job.pdf_fingerprint
        except JobberError as exc:
            problem = str(exc)
    from .config import pages_for
    from .resume_check import job_ats_status

    wanted = pages_for(ws.config, job.template or ws.settings.default_template)
    return {
        "path": str(path),
        "exists": exists,
        "current": current,
        "state": "missing" if not exists else ("current" if current else "stale"),
        "pages": pages,
        "generatedAt": job.pdf_generated_at,
        "lastError": job.last_error or problem,
        "pagesWanted": wanted,
        "ats": job_ats_status(ws, job) if exists else None,
    }
