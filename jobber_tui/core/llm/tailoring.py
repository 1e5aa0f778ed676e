"""Tailoring with a model: headline, summary, skills and project picks, only from resume facts.

The answer is validated: project ids must be the resume's own, skills must come from the resume's
skills or text, and the summary/headline may not name employers, titles or dates the resume lacks.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .client import LlmClient
from .profile import minimized_profile
from .prompts import tailoring_messages

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["headline", "summary", "skills", "projectIds"],
    "properties": {
        "headline": {"type": "string"},
        "summary": {"type": "string"},
        "skills": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "keywords"],
                "properties": {"name": {"type": "string"}, "keywords": {"type": "array", "items": {"type": "string"}}},
            },
        },
        "projectIds": {"type": "array", "items": {"type": "string"}},
    },
}

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_TITLE = re.compile(
    r"\b(?:(?:Senior|Staff|Principal|Lead|Chief|Junior|Head of|VP of|Vice President of)\s+)?"
    r"(?:[A-Z][A-Za-z+#/&-]*\s+){0,3}(?:Engineer|Developer|Manager|Architect|Director|Scientist|Designer|"
    r"Analyst|Consultant|Administrator|Officer|Specialist|Programmer)\b"
)
_EMPLOYER = re.compile(r"\b(?:at|for|with|joined)\s+((?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*){0,3})")


def resume_text(resume: dict[str, Any]) -> str:
    return json.dumps(resume, ensure_ascii=False).lower()


def check_facts(text: str, resume: dict[str, Any], allowed: list[str], field: str) -> None:
    """Raise ValueError naming the first year, title or employer that the resume does not contain."""
    known = resume_text(resume) + " " + " ".join(a.lower() for a in allowed)
    for year in _YEAR.findall(text):
        if year not in known:
            raise ValueError(f"{field} mentions the date {year}, which is not in the resume")
    for match in _TITLE.finditer(text):
        title = match.group(0).strip()
        if title.lower() not in known:
            raise ValueError(f"{field} mentions the title {title!r}, which is not in the resume")
    for match in _EMPLOYER.finditer(text):
        name = match.group(1).strip().rstrip(".")
        if name.lower() not in known:
            raise ValueError(f"{field} mentions {name!r}, an employer or organisation not in the resume")


def validate_tailoring(data: Any, resume: dict[str, Any], job_title: str, employer: str, limit: int) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    for key in ("headline", "summary"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f"'{key}' must be non-empty text")
    allowed = [job_title, employer]
    check_facts(data["headline"], resume, allowed, "headline")
    check_facts(data["summary"], resume, allowed, "summary")
    known_ids = [str(p.get("id")) for p in resume.get("projects") or [] if isinstance(p, dict) and p.get("id")]
    ids = data.get("projectIds")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ValueError("'projectIds' must be a list of project ids")
    for pid in ids:
        if pid not in known_ids:
            raise ValueError(f"unknown project id {pid!r}; use only: {', '.join(known_ids)}")
    text = resume_text(resume)
    skills = data.get("skills")
    if not isinstance(skills, list):
        raise ValueError("'skills' must be a list of {name, keywords}")
    groups = []
    for group in skills:
        if not isinstance(group, dict) or not isinstance(group.get("name"), str) or not group["name"].strip():
            raise ValueError("each skill group needs a name")
        keywords = group.get("keywords")
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise ValueError(f"skill group {group['name']!r}: keywords must be a list of text")
        for keyword in keywords:
            if keyword.strip().lower() not in text:
                raise ValueError(f"skill {keyword!r} is not in the resume")
        groups.append({"name": group["name"].strip(), "keywords": [k.strip() for k in keywords if k.strip()]})
    return {
        "tailored_headline": data["headline"].strip(),
        "tailored_summary": data["summary"].strip(),
        "tailored_skills": groups,
        "selected_project_ids": list(dict.fromkeys(ids))[:limit] if limit else list(dict.fromkeys(ids)),
    }


def llm_tailoring(
    client: LlmClient,
    resume: dict[str, Any],
    title: str,
    employer: str,
    description: str,
    *,
    limit: int,
    pinned: list[str],
) -> dict[str, Any]:
    messages = tailoring_messages(minimized_profile(resume), title, employer, description, limit=limit, pinned=pinned)

    def validate(data: Any) -> dict[str, Any]:
        fields = validate_tailoring(data, resume, title, employer, limit)
        known = {str(x.get("id")) for x in resume.get("projects") or [] if isinstance(x, dict)}
        pins = [p for p in pinned if p in known]
        fields["selected_project_ids"] = list(dict.fromkeys(pins + fields["selected_project_ids"]))[
            : max(limit, len(pins))
        ]
        return fields

    return client.chat_json("tailoring", messages, SCHEMA, validate, name="tailoring")
