"""The data a template sees: the base resume with a job's tailoring applied (see resume_templates/README.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .job_columns import JobRow
    from .models import Job


def build_resume_data(resume: dict[str, Any], job: Job | JobRow, template: str) -> dict[str, Any]:
    """Headline, summary and skills replaced by the tailored ones when present; projects limited
    to `selectedProjectIds` in that order (None means not tailored: all projects)."""
    from .. import __version__

    # Shallow copies: the sections we change are replaced, never mutated, so the caller's
    # resume (shared by a batch of builds) stays as it was.
    data = dict(resume)
    basics = dict(data["basics"]) if isinstance(data.get("basics"), dict) else {}
    if job.tailored_headline:
        basics["label"] = job.tailored_headline
    if job.tailored_summary:
        basics["summary"] = job.tailored_summary
    data["basics"] = basics
    if job.tailored_skills:
        data["skills"] = [{"name": g["name"], "keywords": list(g.get("keywords", []))} for g in job.tailored_skills]
    if job.selected_project_ids is not None:
        by_id = {str(p.get("id")): p for p in data.get("projects") or [] if isinstance(p, dict)}
        data["projects"] = [by_id[pid] for pid in job.selected_project_ids if pid in by_id]
    data["job"] = {"title": job.title, "employer": job.employer}
    data["meta"] = {"jobId": job.id, "template": template, "version": __version__}
    return data


def unknown_project_ids(resume: dict[str, Any], job: Job | JobRow) -> list[str]:
    known = {str(p.get("id")) for p in resume.get("projects") or [] if isinstance(p, dict)}
    return [pid for pid in job.selected_project_ids or [] if pid not in known]
