"""What a prompt may carry about the user: a minimized profile (the prompts themselves are prompts.py).

Never sent: name, email, phone, address, URLs, profiles or pictures. Contact details that hide
inside free text (an email in a highlight, a phone in the summary) are scrubbed too.
"""

from __future__ import annotations

from typing import Any

from ..infra.json_values import object_at
from ..infra.scrub import scrub_personal


def user_name(resume: dict[str, Any]) -> str | None:
    """The user's own name from the resume, for `scrub_personal`."""
    basics = object_at(resume, "basics")
    return str(basics.get("name") or "") or None


def minimized_profile(resume: dict[str, Any]) -> dict[str, Any]:
    """The facts a model needs to tailor or score: roles, projects, skills, education; no contact data."""
    basics = object_at(resume, "basics")
    name = user_name(resume)

    def clean(value: object) -> str:
        return scrub_personal(value, name=name)

    def items(key: str) -> list[dict[str, Any]]:
        return [i for i in resume.get(key) or [] if isinstance(i, dict)]

    return {
        "headline": clean(basics.get("label")),
        "summary": clean(basics.get("summary")),
        "work": [
            {
                "employer": clean(w.get("name")),
                "position": clean(w.get("position")),
                "startDate": w.get("startDate"),
                "endDate": w.get("endDate"),
                "highlights": [clean(h) for h in w.get("highlights") or []],
            }
            for w in items("work")
        ],
        "projects": [
            {
                "id": str(p.get("id")),
                "name": clean(p.get("name")),
                "description": clean(p.get("description")),
                "highlights": [clean(h) for h in p.get("highlights") or []],
                "keywords": [clean(k) for k in p.get("keywords") or []],
            }
            for p in items("projects")
        ],
        "skills": [
            {"name": clean(s.get("name")), "keywords": [clean(k) for k in s.get("keywords") or []]}
            for s in items("skills")
        ],
        "education": [
            {
                "institution": clean(e.get("institution")),
                "area": clean(e.get("area")),
                "studyType": clean(e.get("studyType")),
                "endDate": e.get("endDate"),
            }
            for e in items("education")
        ],
        "certificates": [clean(c.get("name")) for c in items("certificates")],
        "languages": [clean(lang.get("language")) for lang in items("languages")],
    }
