"""The review inbox: replies tracking was not sure about, waiting for the user to approve, relink or dismiss.

Approving routes the message like a confident match would, with the user's word as confirmation: it
may reopen a closed application, and it marks the job applied when the table of moves allows it
(a reply proves the application was sent). Dismissing erases the stored sender, subject and snippet;
only the message's key stays, so it is never offered again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..infra.errors import BadInput
from ..jobs.models import TrackedMessage
from ..jobs.states import JobStatus, allowed_targets
from ..workspace import Workspace
from . import store
from .classify import Category
from .stages import change_for, parse_category, target_for
from .sync import mail_detail


@dataclass(frozen=True)
class ReviewItem:
    """One message waiting for a decision, with the job tracking suggests (if any)."""

    id: int
    sender: str
    subject: str
    sent_at: str | None
    category: str
    snippet: str
    reason: str
    """Why it needs a decision ("unsure match (0.65): ...", "job 4 is ready, not applied", ...)."""
    job_id: int | None
    job_title: str | None = None
    job_employer: str | None = None
    job_status: str | None = None
    confidence: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sender": self.sender,
            "subject": self.subject,
            "sentAt": self.sent_at,
            "category": self.category,
            "snippet": self.snippet,
            "reason": self.reason,
            "jobId": self.job_id,
            "jobTitle": self.job_title,
            "jobEmployer": self.job_employer,
            "jobStatus": self.job_status,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Decision:
    message_id: int
    job_id: int | None
    status: str
    """routed or dismissed."""
    stage_change: str | None = None
    marked_applied: bool = False
    followers: list[str] = field(default_factory=list)
    """Replies that waited in this message's thread and were routed with it."""


def pending_reviews(ws: Workspace) -> list[ReviewItem]:
    """Messages waiting for a decision, oldest first."""
    rows = store.list_messages(ws, status="review")
    jobs = ws.store.get_many([r.job_id for r in rows if r.job_id is not None])
    items = []
    for row in rows:
        job = jobs.get(row.job_id) if row.job_id is not None else None
        assert row.id is not None
        items.append(
            ReviewItem(
                id=row.id,
                sender=row.sender or "",
                subject=row.subject or "",
                sent_at=row.sent_at,
                category=row.category or "other",
                snippet=row.snippet or "",
                reason=row.reason or "",
                job_id=job.id if job else None,
                job_title=job.title if job else None,
                job_employer=job.employer if job else None,
                job_status=job.status if job else None,
                confidence=row.confidence,
            )
        )
    return items


def approve(ws: Workspace, message_id: int, job_id: int | None = None, category: str | None = None) -> Decision:
    """Route a message in review to its suggested job, or to `job_id` (relink), optionally as another category."""
    row = _waiting(ws, message_id)
    target_job = job_id if job_id is not None else row.job_id
    if target_job is None:
        raise BadInput(f"message {message_id} matched no job; say which: jobber track approve {message_id} --job ID")
    chosen = parse_category(category) if category else Category(row.category or "other")
    target = target_for(chosen) if category else row.target_stage
    job = ws.store.get(target_job)
    marked = False
    if job.status != JobStatus.APPLIED.value:
        if JobStatus.APPLIED not in allowed_targets(JobStatus(job.status)):
            raise BadInput(
                f"job {target_job} is {job.status}; reopen and apply it first "
                f"(jobber jobs reopen {target_job} && jobber jobs apply {target_job}), or relink with --job"
            )
        job = ws.store.move(
            target_job, JobStatus.APPLIED, detail=f"a reply confirmed the application (message {message_id})"
        )
        marked = True
    change = change_for(job.stage, target, category=chosen.value, confirmed=True)
    row.category = chosen.value
    update = store.JobUpdate(
        target_job, mail_detail(row), change.stage, change.outcome, why=f"{chosen.value} mail approved in review"
    )
    done = store.decide(ws, message_id, "routed", job_id=target_job, category=chosen.value, update=update)
    from .undo import route_thread_followers

    followers = route_thread_followers(ws, message_id)
    return Decision(message_id, target_job, "routed", done.stage_change, marked, followers)


def dismiss(ws: Workspace, message_id: int) -> Decision:
    """Not about any job: forget who wrote it and what it said; keep only its key so it never returns."""
    _waiting(ws, message_id)
    store.decide(ws, message_id, "dismissed", forget=True)
    return Decision(message_id, None, "dismissed")


def job_messages(ws: Workspace, job_id: int) -> list[TrackedMessage]:
    """The messages routed to one job, oldest first (the timeline has them as "mail" events too)."""
    return store.list_messages(ws, status="routed", job_id=job_id)


def _waiting(ws: Workspace, message_id: int) -> TrackedMessage:
    row = store.get_message(ws, message_id)
    if row.status != "review":
        raise BadInput(f"message {message_id} is {row.status}, not waiting for review")
    return row


def recategorize(ws: Workspace, message_id: int, category: str) -> TrackedMessage:
    """Correct what a reply in review is (say an interview invitation read as an acknowledgement): its
    category and the stage it points to change; it stays in review for the decision."""
    _waiting(ws, message_id)
    chosen = parse_category(category)
    with ws.store.writing() as session:
        row = session.get(TrackedMessage, message_id)
        assert row is not None  # _waiting found it
        row.category = chosen.value
        row.target_stage = target_for(chosen)
        session.add(row)
    return row
