"""Reads and writes of reply tracking: tracked messages, folder positions, and the job events they cause.

Each message is written in one transaction together with its timeline event, the job's stage and the
folder's new position, so a crash or a cancel never leaves a message half-processed: it is either
fully recorded (and skipped next time) or not at all (and processed next time).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from ..infra.errors import BadInput
from ..infra.log_base import current_context
from ..infra.logs import get_logger, log_event
from ..jobs.models import Job, JobEvent, MailboxState, TrackedMessage
from ..workspace import Workspace
from .match import JobRef
from .stages import current_stage

log = get_logger("tracking")


@dataclass(frozen=True)
class Position:
    """Where a processed message sits, so the folder's stored position advances with it."""

    account: str
    folder: str
    uidvalidity: int
    uid: int


@dataclass(frozen=True)
class JobUpdate:
    """The event (and stage) a routed message writes to its job."""

    job_id: int
    detail: str
    stage: str | None = None
    outcome: str | None = None
    why: str = ""
    """Appended to the stage event ("interview mail from acme.com")."""


def job_refs(ws: Workspace) -> list[JobRef]:
    """Every job as matching needs it, in one query without ORM objects."""
    sql = "SELECT id, title, employer, status, job_url, application_url FROM job"
    with ws.store.engine.connect() as conn:
        return [JobRef(*row) for row in conn.exec_driver_sql(sql).fetchall()]


def mailbox_state(ws: Workspace, account: str, folder: str) -> MailboxState | None:
    with ws.store.reading() as session:
        return session.get(MailboxState, (account, folder))


def is_known(ws: Workspace, key: str) -> bool:
    with ws.store.reading() as session:
        return session.exec(select(TrackedMessage.id).where(TrackedMessage.message_key == key)).first() is not None


def thread_job(ws: Workspace, keys: tuple[str, ...]) -> int | None:
    """The job a message in this thread was routed to (the most recent reference first)."""
    if not keys:
        return None
    with ws.store.reading() as session:
        rows = session.exec(
            select(TrackedMessage.message_key, TrackedMessage.job_id).where(
                col(TrackedMessage.message_key).in_(keys), TrackedMessage.status == "routed"
            )
        ).all()
    found = {key: job_id for key, job_id in rows if job_id is not None}
    return next((found[key] for key in keys if key in found), None)


def job_stage(ws: Workspace, job_id: int) -> str | None:
    """A job's stage right now: earlier messages of the same sync may have moved it."""
    return ws.store.get(job_id).stage


def record(ws: Workspace, row: TrackedMessage, position: Position, update: JobUpdate | None = None) -> bool:
    """Store one message, its job update and the folder position atomically. False if already known."""
    with ws.store.writing() as session:
        if session.exec(select(TrackedMessage.id).where(TrackedMessage.message_key == row.message_key)).first():
            _advance(session, position, ws.store.now())  # another sync (the UI, cron) got there first
            return False
        row.seen_at = ws.store.now()
        if update is not None:
            row.stage_change = apply_update(ws, session, update)
        session.add(row)
        _advance(session, position, row.seen_at)
    return True


def finish_folder(ws: Workspace, account: str, folder: str, uidvalidity: int, last_uid: int) -> None:
    """After a complete pass: the folder is read up to `last_uid` (also when nothing in it was new)."""
    with ws.store.writing() as session:
        _advance(session, Position(account, folder, uidvalidity, last_uid), ws.store.now())


def get_message(ws: Workspace, message_id: int) -> TrackedMessage:
    with ws.store.reading() as session:
        row = session.get(TrackedMessage, message_id)
    if row is None:
        raise BadInput(f"no tracked message with id {message_id}")
    return row


def decide(
    ws: Workspace,
    message_id: int,
    status: str,
    *,
    job_id: int | None = None,
    category: str | None = None,
    update: JobUpdate | None = None,
    forget: bool = False,
) -> TrackedMessage:
    """Close a review: route it (with its job update) or dismiss it. `forget` erases who wrote and what."""
    with ws.store.writing() as session:
        row = session.get(TrackedMessage, message_id)
        if row is None:
            raise BadInput(f"no tracked message with id {message_id}")
        row.status, row.decided_at = status, ws.store.now()
        row.job_id = job_id if job_id is not None else row.job_id
        row.category = category or row.category
        if update is not None:
            row.stage_change = apply_update(ws, session, update)
        if forget:
            row.sender = row.subject = row.snippet = row.sent_at = None
            row.job_id = None
        session.add(row)
        return row


def list_messages(ws: Workspace, *, status: str | None = None, job_id: int | None = None) -> list[TrackedMessage]:
    with ws.store.reading() as session:
        query = select(TrackedMessage)
        if status is not None:
            query = query.where(TrackedMessage.status == status)
        if job_id is not None:
            query = query.where(TrackedMessage.job_id == job_id)
        return list(session.exec(query.order_by(col(TrackedMessage.sent_at), col(TrackedMessage.id))))


def apply_update(ws: Workspace, session: Session, update: JobUpdate, *, mail_event: bool = True) -> str | None:
    """Write the mail event (unless the job has it already) and, when given, the stage change, in the
    caller's transaction; returns "from -> to" or None."""
    job = session.get(Job, update.job_id)
    if job is None:
        raise BadInput(f"no job with id {update.job_id}")
    now = ws.store.now()
    if mail_event:
        _event(session, update.job_id, "mail", update.detail, now)
    change = None
    if update.stage is not None:
        before = current_stage(job.stage)
        job.stage, job.outcome = update.stage, update.outcome
        change = f"{before} -> {update.stage}" + (f" ({update.outcome})" if update.outcome else "")
        _event(session, update.job_id, "stage", change + (f": {update.why}" if update.why else ""), now)
    job.updated_at = now
    session.add(job)
    return change


def record_stage_event(ws: Workspace, session: Session, job_id: int, detail: str) -> None:
    """A stage event in the caller's transaction (an undo writes it with its other changes)."""
    _event(session, job_id, "stage", detail, ws.store.now())


def thread_review(ws: Workspace, keys: tuple[str, ...]) -> tuple[int, int | None] | None:
    """(message id, suggested job) of a message in this thread that waits for review, most recent first.

    A reply to a mail that waits for the user's decision waits with it: ignored, it would be lost for good."""
    if not keys:
        return None
    with ws.store.reading() as session:
        rows = session.exec(
            select(TrackedMessage.message_key, TrackedMessage.id, TrackedMessage.job_id).where(
                col(TrackedMessage.message_key).in_(keys), TrackedMessage.status == "review"
            )
        ).all()
    found = {key: (message_id, job_id) for key, message_id, job_id in rows if message_id is not None}
    return next((found[key] for key in keys if key in found), None)


def _event(session: Session, job_id: int, kind: str, detail: str, now: str) -> None:
    # The store's own `_event` opens no transaction of its own either; this mirrors it for our session.
    request_id = current_context().get("requestId")
    log_event(log, 20, f"job {kind}", jobId=job_id, detail=detail if kind == "stage" else detail.split(" · ")[0])
    session.add(
        JobEvent(job_id=job_id, at=now, kind=kind, detail=detail, request_id=str(request_id) if request_id else None)
    )


def _advance(session: Session, position: Position, now: str) -> None:
    state = session.get(MailboxState, (position.account, position.folder))
    if state is None or state.uidvalidity != position.uidvalidity:
        state = state or MailboxState(
            account=position.account, folder=position.folder, uidvalidity=position.uidvalidity
        )
        state.uidvalidity, state.last_uid = position.uidvalidity, 0
    state.last_uid = max(state.last_uid, position.uid)
    state.synced_at = now
    session.add(state)


def set_stage(ws: Workspace, job_id: int, stage: str, outcome: str | None = None) -> Job:
    """A manual stage change (CLI `jobs stage`, the UI): any direction, only on applied jobs."""
    from .stages import parse_stage

    stage, outcome = parse_stage(stage, outcome)
    job = ws.store.get(job_id)
    if job.status != "applied":
        raise BadInput(f"job {job_id} is {job.status}; stages follow applied jobs (jobber jobs apply {job_id} first)")
    before = current_stage(job.stage)
    detail = f"{before} -> {stage}" + (f" ({outcome})" if outcome else "") + ": set by you"
    return ws.store.update(job_id, "stage", detail=detail, stage=stage, outcome=outcome)
