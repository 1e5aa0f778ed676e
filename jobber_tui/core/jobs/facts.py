"""What a user decides on, in a few words each: employer, place, pay, deadline with days left, the score
and its reason, the application's stage, the PDF's state. The job view's header shows these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .models import Job


@dataclass(frozen=True)
class Fact:
    text: str
    tone: str = ""
    """"" plain, "muted", "warning" (soon), "error" (passed, failed), "success"."""


def deadline_fact(deadline: str | None, today: date, status: str) -> Fact | None:
    """ "due 2026-03-20 (18 days left)", "due today", "deadline passed 2026-03-01" (warning within 3 days)."""
    if not deadline:
        return None
    try:
        days = (date.fromisoformat(deadline) - today).days
    except ValueError:
        return Fact(f"due {deadline}")
    active = status in ("discovered", "ready")
    if days < 0:
        return Fact(f"deadline passed {deadline}", "error" if active else "muted")
    if days == 0:
        return Fact(f"due today {deadline}", "warning" if active else "")
    left = f"{days} day{'s' * (days != 1)} left"
    return Fact(f"due {deadline} ({left})", "warning" if active and days <= 3 else "")


def place_facts(job: Job) -> list[Fact]:
    """The employer, the location and whether it is remote (said once: "Remote" locations are not repeated)."""
    facts = [Fact(job.employer)] if job.employer else []
    if job.location:
        facts.append(Fact(job.location))
    if job.is_remote and "remote" not in (job.location or "").lower():
        facts.append(Fact("remote"))
    if job.salary:
        facts.append(Fact(job.salary))
    return facts


def score_fact(job: Job) -> Fact:
    """ "score 91: skills 9/10 (...); title 100% ...; remote", the reason answering "why 91?"."""
    if job.suitability_score is None:
        return Fact("not scored yet (# scores it)", "muted")
    reason = f": {job.suitability_reason}" if job.suitability_reason else ""
    return Fact(f"score {job.suitability_score}{reason}")


def stage_fact(job: Job) -> Fact | None:
    if job.status != "applied":
        return None
    stage = job.stage or "applied"
    return Fact(
        f"stage {stage}" + (f" · {job.outcome}" if job.outcome else ""),
        "error" if job.outcome in ("rejected", "ghosted") else "success" if stage in ("interview", "offer") else "",
    )


def pdf_fact(state: str | None, last_error: str | None) -> Fact | None:
    """The PDF's state from core/pdf_status ("current", "stale", "missing")."""
    if state is None:
        return None
    if last_error:
        return Fact(f"PDF {state} · last build failed", "error")
    tone = {"current": "success", "stale": "warning", "missing": "muted"}.get(state, "")
    return Fact(f"PDF {state}", tone)
