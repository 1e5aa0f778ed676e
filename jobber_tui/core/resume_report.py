"""The base resume and its import in words, the same for `jobber resume show/import` and the UI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .paths import display_path


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


def import_report(resume: dict[str, Any], kind: str, target: Path) -> str:
    """ "imported JSON Resume resume to ~/…/resume.json: 3 work entries, projects: ledger-sync, …"."""
    projects = [str(p.get("id")) for p in _dicts(resume.get("projects"))]
    return (f"imported {kind} resume to {display_path(target)}: {len(_dicts(resume.get('work')))} work entries, "
            f"projects: {', '.join(projects) or 'none'}")


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
