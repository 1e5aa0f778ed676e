"""The base resume in plain lines, the same for `jobber resume show` and the UI's resume screen."""

from __future__ import annotations

from typing import Any


def resume_lines(resume: dict[str, Any]) -> list[str]:
    """The resume as plain lines: who, summary, work, projects (with the ids tailoring picks), skills."""
    basics = resume.get("basics") if isinstance(resume.get("basics"), dict) else {}
    lines = [f"{basics.get('name') or '(no name)'} — {basics.get('label') or ''}".rstrip(" —")]
    lines += [f"  {basics[key]}" for key in ("email", "phone", "url") if basics.get(key)]
    if basics.get("summary"):
        lines += ["", str(basics["summary"])]
    for entry in _dicts(resume.get("work")):
        when = " – ".join(str(x) for x in (entry.get("startDate"), entry.get("endDate") or "present") if x)
        lines += ["", f"Work: {entry.get('position') or ''} at {entry.get('name') or ''} ({when})"]
        lines += [f"  • {line}" for line in entry.get("highlights") or [] if isinstance(line, str)]
    for project in _dicts(resume.get("projects")):
        lines += ["", f"Project [{project.get('id')}] {project.get('name') or ''}: {project.get('description') or ''}"]
    for group in _dicts(resume.get("skills")):
        keywords = [str(k) for k in group.get("keywords") or []]
        lines += ["", f"Skills {group.get('name')}: {', '.join(keywords)}"]
    return lines


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
