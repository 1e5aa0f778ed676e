"""What `jobber resume import` says: what came in, and what would not be printed.

Why: an import that silently loses a custom section or thirteen bullets under an unknown key is
how resumes get worse without anyone noticing. Everything is kept in resume.json; this report
names (1) texts under keys no template prints (they stay in the file), and (2) what the default
template leaves out of a real compile of the resume, read back by the ATS check, plus fonts it
lacks and whether it fits its pages.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..infra.errors import JobberError
from ..infra.json_values import object_at
from ..jobs.models import Job
from ..workspace import Workspace
from .ats_check import check_pdf
from .data import build_resume_data
from .processing import RENDERER, compile_settings
from .strings import paragraphs, pretty_url, shown_strings, text_of
from .templates import find_template

_COUNTED = (
    ("work", "work entry", "work entries"),
    ("projects", "project", "projects"),
    ("education", "education entry", "education entries"),
    ("skills", "skill group", "skill groups"),
    ("volunteer", "volunteer entry", "volunteer entries"),
    ("awards", "award", "awards"),
    ("certificates", "certificate", "certificates"),
    ("publications", "publication", "publications"),
    ("languages", "language", "languages"),
    ("interests", "interest", "interests"),
    ("references", "reference", "references"),
)
_NOT_TEXT = frozenset({"id", "url", "image", "icon", "network", "kind", "$schema", "canonical", "lastModified"})
_NOT_CONTENT = frozenset({"meta", "sectionOrder", "sectionTitles", "job", "$schema"})


def counts_line(resume: dict[str, Any], kind: str) -> str:
    parts = []
    for key, one, many in _COUNTED:
        n = len([x for x in resume.get(key) or [] if isinstance(x, dict)])
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    customs = [c for c in resume.get("customSections") or [] if isinstance(c, dict)]
    if customs:
        names = ", ".join(text_of(c.get("title")) or str(c.get("id")) for c in customs)
        parts.append(f"{len(customs)} custom section{'s' if len(customs) != 1 else ''} ({names})")
    return f"imported {kind}: {', '.join(parts) or 'no sections'}"


def _leaves(value: Any, path: str) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() if k not in _NOT_TEXT for leaf in _leaves(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v, f"{path}[]")]
    text = text_of(value)
    return [(path, text)] if text and not isinstance(value, bool) else []


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def _printed(text: str, printed: str) -> bool:
    """Printed whole, or paragraph by paragraph (templates print prose one paragraph at a time)."""
    return _flat(text) in printed or all(_flat(p) in printed for p in paragraphs(text))


def unprinted(resume: dict[str, Any]) -> list[str]:
    """Texts in the resume that no bundled template prints, grouped ("work[].highlightGroups (13 texts)")."""
    data = build_resume_data(resume, Job(id=0, title="", employer=""), "")
    shown = shown_strings(data)
    titles = data["sectionTitles"].values() if isinstance(data.get("sectionTitles"), dict) else []
    printed = "\n".join(
        [_flat(s.text) for s in shown]
        + [_flat(pretty_url(s.text)) for s in shown if s.kind == "url"]
        + [_flat(str(t)) for t in titles]
    )
    groups: Counter[str] = Counter()
    for key, value in resume.items():
        if key in _NOT_CONTENT:
            continue
        if key == "customSections" and isinstance(value, list):  # name custom sections by their title
            for section in (c for c in value if isinstance(c, dict)):
                name = f"custom section {text_of(section.get('title')) or section.get('id')!s}"
                groups[name] += sum(1 for _, text in _leaves(section, name) if not _printed(text, printed))
            continue
        for path, text in _leaves(value, key):
            if not _printed(text, printed):
                groups[_group(path)] += 1
    return [f"{group} ({n} text{'s' if n != 1 else ''})" for group, n in groups.items() if n]


def _group(path: str) -> str:
    """work[].highlightGroups[].items[] -> work[].highlightGroups: where the unknown key starts."""
    return ".".join(path.split(".")[:2]).removesuffix("[]")


def template_lines(ws: Workspace, resume: dict[str, Any], template_name: str | None = None) -> list[str]:
    """Compile the resume (untailored) with the default template and say what it leaves out."""
    name = template_name or ws.settings.default_template
    try:
        template = find_template(ws.home, name)
        data = build_resume_data(resume, Job(id=0, title="", employer=""), template.name)
        rendered = RENDERER.render(template, data, compile_settings(ws, template))
        report = check_pdf(rendered.pdf, data)
    except JobberError as exc:
        return [f"template {name} cannot print it yet: {exc}"]
    lines = [
        f"template {name}: {rendered.pages} page{'s' if rendered.pages != 1 else ''}"
        + (f", fonts added: {', '.join(rendered.fonts)}" if rendered.fonts else "")
        + (f"; {rendered.overflow}" if rendered.overflow else "")
    ]
    titles = object_at(data, "sectionTitles")
    missing: Counter[str] = Counter(str(titles.get(s.section, s.section)) for s in report.missing + report.out_of_order)
    if missing:
        lines.append(f"not shown by template {name}: " + ", ".join(f"{k} ({n})" for k, n in missing.items()))
    if report.bad_characters or report.missing_glyphs:
        lines.append(report.summary())
    return lines


def import_report(ws: Workspace, resume: dict[str, Any], kind: str) -> list[str]:
    lines = [counts_line(resume, kind)]
    if extra := unprinted(resume):
        lines.append("kept in resume.json but printed by no template: " + ", ".join(extra))
    return lines + template_lines(ws, resume)
