"""Plain-text output for people: a compact table and a job sheet."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core.resume.ats_check import AtsReport

from .terminal import terminal_columns

_COLUMNS = [
    ("id", 5),
    ("status", 10),
    ("suitabilityScore", 5),
    ("title", 0),
    ("employer", 0),
    ("deadline", 10),
    ("updatedAt", 10),
]
_HEADERS = {
    "id": "ID",
    "status": "STATUS",
    "suitabilityScore": "SCORE",
    "title": "TITLE",
    "employer": "EMPLOYER",
    "deadline": "DEADLINE",
    "updatedAt": "UPDATED",
}


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def print_table(rows: Sequence[Sequence[Any]]) -> None:
    """Rows of (id, status, score, title, employer, deadline, updated at), as `TABLE_COLUMNS` reads them:
    plain tuples, one write (10,000 rows are checked for terminal safety at once)."""
    if not rows:
        print("no jobs")
        return
    total = terminal_columns(120)
    fixed = sum(w for _, w in _COLUMNS if w) + len(_COLUMNS) - 1
    flexible = max((total - fixed) // 2, 12)
    widths = [width or flexible for _, width in _COLUMNS]
    lines = [" ".join(_cell(_HEADERS[n], w).ljust(w) for (n, _), w in zip(_COLUMNS, widths, strict=True)).rstrip()]
    for job_id, status, score, title, employer, deadline, updated in rows:
        values = (job_id, status, score, title, employer, deadline, (updated or "")[:10])
        lines.append(" ".join(_cell(v, w).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip())
    lines.append("")
    sys.stdout.write("\n".join(lines))


def print_job(job: dict[str, Any]) -> None:
    print(f"#{job['id']} {job['title']} at {job['employer']}  [{job['status']}]")
    for key in (
        "stage",
        "outcome",
        "location",
        "isRemote",
        "salary",
        "jobUrl",
        "applicationUrl",
        "datePosted",
        "deadline",
        "suitabilityScore",
        "suitabilityReason",
        "template",
        "tailoredHeadline",
        "tailoredSummary",
        "lastError",
    ):
        if job.get(key) not in (None, "", False):
            print(f"  {key:<18} {job[key]}")
    if job.get("tailoredSkills"):
        groups = "; ".join(f"{g['name']}: {', '.join(g['keywords'])}" for g in job["tailoredSkills"])
        print(f"  {'tailoredSkills':<18} {groups}")
    if job.get("selectedProjectIds"):
        print(f"  {'selectedProjectIds':<18} {', '.join(job['selectedProjectIds'])}")
    pdf = job.get("pdf")
    if pdf:
        print("PDF")
        for key, value in pdf.items():
            if key == "ats" and isinstance(value, dict):
                value = value.get("summary")
            if value not in (None, ""):
                print(f"  {key:<18} {value}")
    if job.get("jobDescription"):
        print("Description")
        for line in job["jobDescription"].splitlines()[:40]:
            print(f"  {line}")
    print("Timeline")
    for ev in job.get("events", []):
        move = f" {ev['fromStatus'] or ''} -> {ev['toStatus']}" if ev.get("toStatus") else ""
        detail = f"  {ev['detail']}" if ev.get("detail") else ""
        print(f"  {ev['at']}  {ev['kind']}{move}{detail}")


def print_resume(resume: dict[str, Any]) -> None:
    from ..core.resume.text import resume_lines

    print("\n".join(resume_lines(resume)))


def print_ats_report(report: AtsReport, template: str, pdf: str | None) -> None:
    where = pdf or f"the base resume compiled with template {template}"
    print(f"{where}: {report.pages} page{'s' if report.pages != 1 else ''}, template {template}")
    print(report.summary())
    for title, items in (("missing", report.missing), ("out of order", report.out_of_order)):
        if items:
            print(f"{title}:")
            for shown in items:
                text = " ".join(shown.text.split())
                print(f"  {shown.path:<34} {text[:80] + ('…' if len(text) > 80 else '')}")
    if report.bad_characters:
        print("hidden characters inside words:")
        for context in report.bad_characters[:20]:
            print(f"  {context}")
    if report.missing_glyphs:
        print(f"{report.missing_glyphs} characters drawn as empty boxes (no font had them)")
