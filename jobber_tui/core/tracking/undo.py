"""Undo a routed reply's stage change from its job, then look again at the replies that came after it.

A reply misread as a rejection closes its job; after that every later reply of the job waits in review
("the application is closed"), and replies in their threads wait with them. Undoing puts the stage back
to what it was before that reply, keeps the reply on the job (as having changed nothing, or relabelled
with `category`), and replays the job's later replies in order: one that would have moved the stage now
moves it, one that waited only because of the false close is routed. Nothing is deleted; every step is a
timeline event. A stage set by hand after the reply is the user's word: undo refuses rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from ..infra.errors import BadInput
from ..jobs.models import Job, JobEvent, TrackedMessage
from ..workspace import Workspace
from .classify import Category
from .stages import change_for, current_stage, target_for
from .store import JobUpdate, apply_update, record_stage_event

_CHANGE = re.compile(r"^(\w[\w-]*) -> (\w[\w-]*)(?: \(([\w-]+)\))?")
WAITING_FOR = ("the application is closed", "in the thread of message")
"""Reasons a reply waits in review that an undo can take away."""


@dataclass
class UndoResult:
    message_id: int
    job_id: int
    stage: str
    """The job's stage after the undo and the replay."""
    outcome: str | None = None
    replayed: list[str] = field(default_factory=list)
    """What the replay did: "message 12 routed: applied -> interview", ..."""


def stage_changing_replies(ws: Workspace, job_id: int) -> list[TrackedMessage]:
    """The job's routed replies that moved its stage, oldest first (what `undo` can take back)."""
    with ws.store.reading() as session:
        query = select(TrackedMessage).where(
            TrackedMessage.job_id == job_id,
            TrackedMessage.status == "routed",
            col(TrackedMessage.stage_change).is_not(None),
        )
        return list(session.exec(query.order_by(col(TrackedMessage.id))))


def undo_stage_change(
    ws: Workspace, job_id: int, message_id: int | None = None, category: str | None = None
) -> UndoResult:
    """Undo the stage change of `message_id` (default: the job's latest reply that changed its stage)."""
    from .stages import parse_category
    from .sync import mail_detail

    relabel = parse_category(category) if category else None
    candidates = stage_changing_replies(ws, job_id)
    if message_id is None:
        if not candidates:
            raise BadInput(f"no reply changed the stage of job {job_id}; set it by hand with jobber jobs stage")
        message_id = candidates[-1].id
    row = next((m for m in candidates if m.id == message_id), None)
    if row is None:
        raise BadInput(f"message {message_id} changed no stage of job {job_id} (see jobber jobs replies {job_id})")
    assert row.id is not None and row.stage_change is not None
    parsed = _CHANGE.match(row.stage_change)
    if parsed is None:
        raise BadInput(f"message {message_id}: cannot read its stage change {row.stage_change!r}")
    before = parsed.group(1)
    with ws.store.writing() as session:
        job = session.get(Job, job_id)
        if job is None:
            raise BadInput(f"no job with id {job_id}")
        if job.status != "applied":
            raise BadInput(f"job {job_id} is {job.status}; stages follow applied jobs")
        _refuse_after_manual_change(session, job_id, mail_detail(row), row.id)
        now = ws.store.now()
        after = current_stage(job.stage)
        job.stage = None if before == "applied" else before
        job.outcome = None if before != "closed" else job.outcome
        job.updated_at = now
        session.add(job)
        label = f"; relabelled {relabel.value}" if relabel else ""
        record_stage_event(
            ws,
            session,
            job_id,
            f"{after} -> {before}: undone by you (message {message_id}: {row.subject or 'no subject'}){label}",
        )
        row.stage_change = None
        row.reason = f"stage change undone by you{label}"
        row.decided_at = now
        if relabel is not None:
            row.category = relabel.value
            row.target_stage = target_for(relabel)
        else:
            row.target_stage = None  # the reply stays on the job, moving nothing
        session.add(row)
        result = UndoResult(row.id, job_id, before)
        stage = before
        if relabel is not None:  # the user's own reading of this reply counts as approved
            change = change_for(stage, row.target_stage, category=relabel.value, confirmed=True)
            if change.changes:
                row.stage_change = _apply(ws, session, row, change.stage, change.outcome, "relabelled by you")
                stage = str(change.stage)
                result.replayed.append(f"message {row.id} relabelled {relabel.value}: {row.stage_change}")
        stage = _replay(ws, session, job_id, row.id, stage, result)
        result.stage = stage
        result.outcome = job.outcome
    return result


def _replay(ws: Workspace, session: Session, job_id: int, after_id: int, stage: str, result: UndoResult) -> str:
    """Look again at the job's replies after `after_id`, in order, from `stage`."""
    later = session.exec(
        select(TrackedMessage)
        .where(
            TrackedMessage.job_id == job_id,
            col(TrackedMessage.id) > after_id,
            col(TrackedMessage.status).in_(["routed", "review"]),
        )
        .order_by(col(TrackedMessage.id))
    ).all()
    routed_ids = {m.id for m in later if m.status == "routed"}
    for row in later:
        category = row.category or Category.OTHER.value
        change = change_for(stage, row.target_stage, category=category)
        if row.status == "review":
            thread_of = re.search(r"in the thread of message (\d+)", row.reason or "")
            waiting = (row.reason or "").startswith(WAITING_FOR)
            if not waiting or change.review or (thread_of and int(thread_of.group(1)) not in routed_ids):
                continue
            row.status, row.decided_at = "routed", ws.store.now()
            row.reason = f"routed after the undo of message {after_id}"
            routed_ids.add(row.id)
            row.stage_change = _apply(
                ws, session, row, change.stage, change.outcome, "re-evaluated after an undo", event=True
            )
            result.replayed.append(f"message {row.id} routed" + (f": {row.stage_change}" if row.stage_change else ""))
        elif change.changes:
            row.stage_change = _apply(ws, session, row, change.stage, change.outcome, "re-evaluated after an undo")
            result.replayed.append(f"message {row.id}: {row.stage_change}")
        if change.changes:
            stage = str(change.stage)
        session.add(row)
    return stage


def _apply(
    ws: Workspace,
    session: Session,
    row: TrackedMessage,
    stage: str | None,
    outcome: str | None,
    why: str,
    *,
    event: bool = False,
) -> str | None:
    """Move the job for this reply; `event` also writes the reply's mail event (it was never on the job)."""
    from .sync import mail_detail

    assert row.job_id is not None
    update = JobUpdate(row.job_id, mail_detail(row), stage, outcome, why=f"{row.category} mail {why}")
    return apply_update(ws, session, update, mail_event=event)


def _refuse_after_manual_change(session: Session, job_id: int, detail: str, message_id: int) -> None:
    events = session.exec(select(JobEvent).where(JobEvent.job_id == job_id).order_by(col(JobEvent.id))).all()
    mail = next((e.id for e in events if e.kind == "mail" and e.detail == detail), 0) or 0
    manual = [e for e in events if e.kind == "stage" and (e.id or 0) > mail and (e.detail or "").endswith("set by you")]
    if manual:
        raise BadInput(
            f"job {job_id}'s stage was set by hand after message {message_id} ({manual[-1].detail}); "
            f"set it again with jobber jobs stage {job_id} STAGE"
        )


def route_thread_followers(ws: Workspace, message_id: int) -> list[str]:
    """After a message in review is approved, the replies that waited in its thread follow it to its job."""
    with ws.store.writing() as session:
        parent = session.get(TrackedMessage, message_id)
        if parent is None or parent.status != "routed" or parent.job_id is None:
            return []
        job = session.get(Job, parent.job_id)
        waiting = session.exec(
            select(TrackedMessage)
            .where(
                TrackedMessage.status == "review",
                col(TrackedMessage.reason).startswith(f"in the thread of message {message_id},"),
            )
            .order_by(col(TrackedMessage.id))
        ).all()
        done = []
        stage = current_stage(job.stage if job else None)
        for row in waiting:
            row.job_id = parent.job_id
            change = change_for(stage, row.target_stage, category=row.category or "other")
            if change.review:
                continue
            row.status, row.decided_at = "routed", ws.store.now()
            row.reason = f"in the thread of message {message_id}, approved by you"
            row.stage_change = _apply(
                ws, session, row, change.stage, change.outcome, "in an approved thread", event=True
            )
            if change.changes:
                stage = str(change.stage)
            session.add(row)
            done.append(f"message {row.id} routed" + (f": {row.stage_change}" if row.stage_change else ""))
        return done
