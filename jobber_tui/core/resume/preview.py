"""A picture of a job's resume: its first page as PNG, for the UI's live preview."""

from __future__ import annotations

from ..workspace import Workspace
from .base import load_resume
from .data import build_resume_data
from .processing import RENDERER, compile_settings, template_for


def first_page_png(ws: Workspace, job_id: int, ppi: float = 60) -> bytes:
    """Rendered from the same inputs as the PDF, so it shows what the PDF shows (or will, once rebuilt)."""
    job = ws.store.get(job_id)
    template = template_for(ws, job)
    data = build_resume_data(load_resume(ws.home), job, template.name)
    return RENDERER.render_png(template, data, ppi=ppi, settings=compile_settings(ws, template))
