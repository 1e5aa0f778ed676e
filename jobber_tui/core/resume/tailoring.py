"""Deterministic tailoring: reorders and picks from the resume's own facts, never invents.

headline = the job title; skills = the resume's groups and keywords ordered by how strongly the
job description asks for them; projects = ranked by overlap with the description (pinned ones
first, at most N); summary = the base summary.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..infra.json_values import object_at

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.\-]*[a-z0-9+#]|[a-z0-9]")
_STOP = frozenset(
    "a an and are as at be by for from has have in is it of on or our the to we with you your will "
    "this that who what how all can work team teams role years experience using use".split()
)


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


def mentions(keyword: str, text_lower: str) -> int:
    """How often a keyword (a word or phrase, e.g. "C++", "CI/CD") occurs in the text."""
    pattern = r"(?<![a-z0-9])" + re.escape(keyword.lower().strip()) + r"(?![a-z0-9])"
    return len(re.findall(pattern, text_lower)) if keyword.strip() else 0


def rank_skills(skills: list[dict[str, Any]], description: str) -> list[dict[str, Any]]:
    """Every group and keyword of the resume, most-asked-for first (stable among equals)."""
    text = description.lower()
    ranked: list[tuple[int, int, dict[str, Any]]] = []
    for index, group in enumerate(skills):
        if not isinstance(group, dict) or not str(group.get("name") or "").strip():
            continue
        keywords = [str(k) for k in group.get("keywords") or [] if str(k).strip()]
        scored = sorted(((mentions(k, text), i, k) for i, k in enumerate(keywords)), key=lambda t: (-t[0], t[1]))
        weight = sum(score for score, _, _ in scored) + mentions(str(group["name"]), text)
        ranked.append((weight, index, {"name": str(group["name"]).strip(), "keywords": [k for _, _, k in scored]}))
    ranked.sort(key=lambda t: (-t[0], t[1]))
    return [group for _, _, group in ranked]


def project_text(project: dict[str, Any]) -> str:
    parts = [str(project.get(k) or "") for k in ("name", "description", "summary")]
    parts += [str(x) for k in ("highlights", "keywords", "roles") for x in project.get(k) or []]
    return " ".join(parts)


def rank_projects(projects: list[dict[str, Any]], description: str, pinned: list[str], limit: int) -> list[str]:
    """Project ids: pinned first (in config order), then by overlap with the description."""
    jd = Counter(words(description))
    ids = [str(p["id"]) for p in projects if isinstance(p, dict) and p.get("id")]
    chosen = [pid for pid in pinned if pid in ids]
    scored = []
    for index, project in enumerate(projects):
        pid = str(project.get("id") or "") if isinstance(project, dict) else ""
        if not pid or pid in chosen:
            continue
        overlap = sum(min(jd[w], 3) for w in set(words(project_text(project))))
        scored.append((overlap, index, pid))
    scored.sort(key=lambda t: (-t[0], t[1]))
    chosen += [pid for _, _, pid in scored]
    return chosen[: max(limit, len([p for p in pinned if p in ids]))]


def deterministic_tailoring(
    resume: dict[str, Any], title: str, description: str, *, pinned: list[str], limit: int
) -> dict[str, Any]:
    """All four tailored fields, snake_case, from the resume's facts only."""
    basics = object_at(resume, "basics")
    return {
        "tailored_headline": title.strip() or None,
        "tailored_summary": str(basics.get("summary") or "").strip() or None,
        "tailored_skills": rank_skills(resume.get("skills") or [], description),
        "selected_project_ids": rank_projects(resume.get("projects") or [], description, pinned, limit),
    }
