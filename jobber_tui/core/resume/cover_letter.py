"""Cover letters: saved text compiled with a cover-letter Typst template to pdfs/cover_letter_<id>.pdf.

Same data contract and font rules as the resumes, plus a `letter` object. The fingerprint works
the same way, so the watcher rebuilds a stale cover letter like a resume.
"""

from __future__ import annotations

import re
from typing import Any

from ..infra.errors import JobberError, OperationFailed
from ..infra.json_values import object_at
from ..infra.paths import atomic_write
from ..jobs.models import Job
from ..workspace import Workspace
from .base import load_resume
from .data import build_resume_data
from .processing import RENDERER
from .render import CompileSettings, Rendered
from .templates import Template, find_template

DEFAULT_TEMPLATE = "cover-letter"


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def deterministic_letter(resume: dict[str, Any], job: Job) -> str:
    """A plain, honest draft from the resume's own facts, for when no model is configured."""
    basics = object_at(resume, "basics")
    work = [w for w in resume.get("work") or [] if isinstance(w, dict)]
    latest = work[0] if work else {}
    skills = [
        k
        for g in (job.tailored_skills or resume.get("skills") or [])
        if isinstance(g, dict)
        for k in g.get("keywords") or []
    ][:5]
    first = f"I am writing to apply for the {job.title} role at {job.employer}."
    if latest.get("position") and latest.get("name"):
        first += f" I currently work as {latest['position']} at {latest['name']}."
    middle = str(job.tailored_summary or basics.get("summary") or "").strip()
    highlights = [str(h) for h in latest.get("highlights") or []][:2]
    proof = " ".join(highlights)
    skills_line = f"My strongest tools for this role are {', '.join(skills)}." if skills else ""
    close = (
        f"I would welcome the chance to discuss how I can help {job.employer}. "
        "Thank you for your time and consideration."
    )
    return "\n\n".join(p for p in (first, middle, " ".join(x for x in (proof, skills_line) if x), close) if p)


def letter_template(ws: Workspace) -> Template:
    return find_template(ws.home, ws.settings.cover_letter_template, kind="cover-letter")


def letter_data(resume: dict[str, Any], job: Job, template: Template) -> dict[str, Any]:
    data = build_resume_data(resume, job, template.name)
    data["letter"] = {"paragraphs": paragraphs(job.cover_letter or ""), "greeting": None, "closing": None, "date": None}
    return data


def expected_letter_fingerprint(ws: Workspace, job: Job, resume: dict[str, Any] | None = None) -> str:
    resume = load_resume(ws.home) if resume is None else resume
    template = letter_template(ws)
    return RENDERER.fingerprint(template, letter_data(resume, job, template), _settings(ws))


def _settings(ws: Workspace) -> CompileSettings:
    """A letter flows onto as many pages as it takes; fonts come from the same places as a resume's."""
    return CompileSettings(user_fonts=ws.home.fonts_dir, system_fonts=ws.settings.fonts.system, pages=None)


def build_cover_letter(ws: Workspace, job_id: int, resume: dict[str, Any] | None = None) -> Job:
    """Compile the saved letter; a failure is recorded on the job and the last good PDF kept."""
    job = ws.store.get(job_id)
    if not (job.cover_letter or "").strip():
        raise OperationFailed(f"job {job_id} has no saved cover letter yet")
    try:
        resume = load_resume(ws.home) if resume is None else resume
        template = letter_template(ws)
        rendered: Rendered = RENDERER.render(template, letter_data(resume, job, template), _settings(ws))
    except JobberError as exc:
        ws.store.update(job_id, "cover_letter_failed", detail=str(exc), last_error=str(exc))
        raise OperationFailed(f"job {job_id}: cover letter not built: {exc}") from exc
    path = ws.home.pdf_dir / f"cover_letter_{job_id}.pdf"
    atomic_write(path, rendered.pdf, mode=0o600, durable=False)
    stored = ws.home.stored_path(path)
    return ws.store.update(
        job_id,
        "cover_letter_ok",
        detail=f"{stored} ({rendered.pages} pages)",
        cover_letter_path=stored,
        cover_letter_fingerprint=rendered.fingerprint,
    )


def save_cover_letter(ws: Workspace, job_id: int, text: str) -> Job:
    ws.store.patch(job_id, {"coverLetter": text})
    return build_cover_letter(ws, job_id)
