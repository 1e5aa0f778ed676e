"""The store's sweeps and repairs: jobs left in `processing` by a process that is gone, the way out of
a job stuck there, and the expiry sweep of past deadlines. `JobStore` offers each as a method."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from ..infra.errors import BadInput
from .lease import lease_alive
from .models import Job
from .states import EXPIRABLE, JobStatus

if TYPE_CHECKING:
    from .store import JobStore


def get_job(session: Session, job_id: int) -> Job:
    """The job with this id, or BadInput naming it (every read-modify-write of the store starts here)."""
    job = session.get(Job, job_id)
    if job is None:
        raise BadInput(f"no job with id {job_id}")
    return job


def recover_processing(store: JobStore) -> list[int]:
    """Put jobs orphaned in processing (their process is gone) back to discovered."""
    with store.reading() as session:
        query = select(Job.id, Job.processing_pid, Job.processing_lease).where(Job.status == JobStatus.PROCESSING.value)
        stuck = list(session.exec(query))
    orphans = [job_id for job_id, pid, lease in stuck if job_id is not None and not lease_alive(lease, pid)]
    if not orphans or store.read_only:
        return []
    recovered: list[int] = []
    for job_id in orphans:
        with store.writing() as session:
            job = get_job(session, job_id)
            if job.status != JobStatus.PROCESSING.value or lease_alive(job.processing_lease, job.processing_pid):
                continue
            job.last_error = "interrupted while processing (Jobber stopped); back to discovered"
            store._set_status(
                session,
                job,
                JobStatus.DISCOVERED,
                kind="recovered",
                detail="left in processing by a process that is gone",
            )
            session.add(job)
            recovered.append(job_id)
    return recovered


def processing_owner(store: JobStore, job_id: int) -> tuple[int | None, bool]:
    """(pid, alive) of the process building a job in processing (pid None: not processing)."""
    job = store.get(job_id)
    if job.status != JobStatus.PROCESSING.value:
        return None, False
    return job.processing_pid, lease_alive(job.processing_lease, job.processing_pid)


def reset_processing(store: JobStore, job_id: int) -> Job:
    """The way out of a job stuck in processing: back to discovered, whoever held it. Any build
    still running finds the job moved and its result is refused (the move table forbids it)."""
    with store.writing() as session:
        job = get_job(session, job_id)
        if job.status != JobStatus.PROCESSING.value:
            raise BadInput(f"job {job_id} is {job.status}, not processing: nothing to reset")
        job.last_error = "reset by hand while processing; back to discovered"
        store._set_status(
            session,
            job,
            JobStatus.DISCOVERED,
            kind="reset",
            detail=f"processing reset by hand (process {job.processing_pid})",
        )
        session.add(job)
        return job


def expire_due(store: JobStore, today: date | None = None) -> list[int]:
    """The expiry sweep: discovered/ready jobs whose deadline day has passed become expired."""
    cutoff = (today or store.today()).isoformat()
    active = [s.value for s in EXPIRABLE]
    with store.engine.connect() as conn:  # a read first: most starts have nothing to sweep, and then
        due = conn.exec_driver_sql(  # no write transaction is opened (reads never wait on writers)
            f"SELECT 1 FROM job WHERE deadline IS NOT NULL AND deadline < ? AND status IN "
            f"({', '.join('?' for _ in active)}) LIMIT 1",
            (cutoff, *active),
        ).first()
    if due is None or store.read_only:
        return []
    with store.writing() as session:
        deadline = col(Job.deadline)
        jobs = list(
            session.exec(select(Job).where(deadline.is_not(None), deadline < cutoff, col(Job.status).in_(active)))
        )
        for job in jobs:
            store._set_status(session, job, JobStatus.EXPIRED, kind="expired", detail=f"deadline {job.deadline} passed")
            session.add(job)
        return [job.id for job in jobs if job.id is not None]
