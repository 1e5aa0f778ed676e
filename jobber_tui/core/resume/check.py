"""`jobber resume check`: the ATS check on a job's PDF, or on the base resume compiled now.

The same check Finalize runs (core/resume/ats_check.py); results for a PDF on disk are cached per file
and data, so the UI's PDF tab can show them on every refresh without reading the PDF again.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..infra.errors import BadInput
from ..workspace import Workspace
from .ats_check import AtsReport, check_pdf
from .base import load_resume
from .data import build_resume_data
from .processing import RENDERER, compile_settings, template_for
from .render import canonical_json
from .templates import find_template

if TYPE_CHECKING:
    from ..jobs.columns import JobRow
    from ..jobs.models import Job

_cache: dict[tuple[str, int, int, str], AtsReport] = {}
_cache_lock = threading.Lock()


@dataclass
class CheckResult:
    report: AtsReport
    template: str
    pdf: str | None
    """The PDF checked, or None for the base resume compiled in memory."""


def check_job(ws: Workspace, job_id: int) -> CheckResult:
    """Check the job's PDF as written against the data its template gets now."""
    job = ws.reader.job(job_id)  # a read: no SQLAlchemy
    path = ws.home.resolve_stored(job.pdf_path) or ws.home.pdf_dir / f"resume_{job_id}.pdf"
    if not path.is_file():
        raise BadInput(f"job {job_id} has no PDF yet: `jobber jobs process {job_id}` builds it")
    template = template_for(ws, job)
    data = build_resume_data(load_resume(ws.home), job, template.name)
    return CheckResult(cached_check(path, data), template.name, str(path))


def check_resume(ws: Workspace, template_name: str | None = None) -> CheckResult:
    """Compile the base resume (no tailoring) with a template, in memory, and check that."""
    template = find_template(ws.home, template_name or ws.settings.default_template)
    from ..jobs.models import Job  # the ORM only for this blank job: `jobs show` checks a PDF without it

    data = build_resume_data(load_resume(ws.home), Job(id=0, title="", employer=""), template.name)
    rendered = RENDERER.render(template, data, compile_settings(ws, template))
    return CheckResult(check_pdf(rendered.pdf, data), template.name, None)


def cached_check(path: Path, data: dict[str, Any]) -> AtsReport:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, hashlib.sha256(canonical_json(data)).hexdigest())
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    try:
        report = check_pdf(path.read_bytes(), data)
    except ValueError as exc:
        raise BadInput(f"{path}: {exc}") from None
    with _cache_lock:
        _cache.clear() if len(_cache) > 256 else None
        _cache[key] = report
    return report


def job_ats_status(ws: Workspace, job: Job | JobRow) -> dict[str, Any] | None:
    """The check of a job's PDF for status displays (None when there is no PDF or no resume)."""
    path = ws.home.resolve_stored(job.pdf_path) or ws.home.pdf_dir / f"resume_{job.id}.pdf"
    if not path.is_file():
        return None
    try:
        template = template_for(ws, job)
        data = build_resume_data(load_resume(ws.home), job, template.name)
        return cached_check(path, data).to_json()
    except Exception as exc:  # noqa: BLE001 - a status line must not break the screen showing it
        return {"ok": False, "error": str(exc), "summary": f"ATS check not run: {exc}"}
