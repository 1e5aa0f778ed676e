"""What anything showing a PDF needs to know: where it is, whether it is current, its pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..infra.errors import JobberError

if TYPE_CHECKING:
    from ..jobs.columns import JobRow
    from ..jobs.models import Job
    from ..workspace import Workspace


def pdf_status(ws: Workspace, job_id: int, job: Job | JobRow | None = None) -> dict[str, Any]:
    """`current` is true when the stored fingerprint equals what the inputs would give now; `ats` is
    the ATS check of the PDF on disk (core/resume/ats_check.py), `pagesWanted` the template's page setting.

    Typst (for its version, part of the fingerprint) and the PDF reader are loaded only when there is
    a PDF to check: `jobber jobs show` of a job without one reads the store and nothing else."""
    if job is None:
        job = ws.reader.job(job_id)
    path = ws.home.resolve_stored(job.pdf_path) or ws.home.pdf_dir / f"resume_{job_id}.pdf"
    exists = path.is_file()
    pages = None
    current = False
    problem = None
    if exists:
        from .page_fit import count_pages

        pages = count_pages(path.read_bytes())
    if exists and job.pdf_fingerprint:
        from .processing import expected_fingerprint

        try:
            current = expected_fingerprint(ws, job) == job.pdf_fingerprint
        except JobberError as exc:
            problem = str(exc)
    from ..infra.config import pages_for

    wanted = pages_for(ws.config, job.template or ws.settings.default_template)
    ats = None
    if exists:
        from .check import job_ats_status

        ats = job_ats_status(ws, job)
    return {
        "path": str(path),
        "exists": exists,
        "current": current,
        "state": "missing" if not exists else ("current" if current else "stale"),
        "pages": pages,
        "generatedAt": job.pdf_generated_at,
        "lastError": job.last_error or problem,
        "pagesWanted": wanted,
        "ats": ats,
    }
