"""The data a template sees: the base resume with a job's tailoring applied (see resume_templates/README.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .locales import date_words, section_titles
from .scripts import script_use
from .strings import custom_sections, section_order, text_of

if TYPE_CHECKING:
    from ..jobs.columns import JobRow
    from ..jobs.models import Job


def build_resume_data(resume: dict[str, Any], job: Job | JobRow, template: str) -> dict[str, Any]:
    """Headline, summary and skills replaced by the tailored ones when present; projects limited
    to `selectedProjectIds` in that order (None means not tailored: all projects). Adds what a
    template needs to lay it out: `sectionOrder`, `sectionTitles` and `meta` (language, direction,
    date words)."""
    from ... import __version__

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
    data["sectionOrder"] = section_order(resume)
    meta = dict(resume["meta"]) if isinstance(resume.get("meta"), dict) else {}
    declared = next((meta[k] for k in ("language", "lang", "locale") if isinstance(meta.get(k), str)), None)
    use = script_use(_texts(data), declared)
    data["sectionTitles"] = _titles(resume, data, use.lang, use.region)
    meta.update(
        {
            "jobId": job.id,
            "template": template,
            "version": __version__,
            "lang": use.lang,
            "region": use.region,
            "dir": use.dir,
            "dates": date_words(use.lang),
        }
    )
    data["meta"] = meta
    return data


_NOT_PROSE = frozenset({"url", "image", "id", "meta", "job", "sectionOrder", "sectionTitles", "kind", "email"})


def _texts(value: Any) -> list[str]:
    """Every string of the resume that could be printed (cheap: the language guess needs no more)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in _NOT_PROSE for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def _titles(resume: dict[str, Any], data: dict[str, Any], lang: str, region: str | None) -> dict[str, str]:
    """Headings in the resume's language; titles the resume names itself (Reactive Resume) win."""
    titles = section_titles(lang, region)
    own = resume.get("sectionTitles")
    if isinstance(own, dict):
        titles.update({k: t for k, v in own.items() if isinstance(k, str) and (t := text_of(v))})
    for key, section in custom_sections(data).items():
        kind = section.get("kind")
        titles[key] = text_of(section.get("title")) or titles.get(kind if isinstance(kind, str) else "", "") or "Other"
    return titles


def unknown_project_ids(resume: dict[str, Any], job: Job | JobRow) -> list[str]:
    known = {str(p.get("id")) for p in resume.get("projects") or [] if isinstance(p, dict)}
    return [pid for pid in job.selected_project_ids or [] if pid not in known]
