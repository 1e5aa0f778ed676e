"""The job store: one SQLite file (WAL, busy timeout) shared by the UI, the watcher and the CLI.

Every write runs in a `BEGIN IMMEDIATE` transaction: a writer waits its turn (busy timeout)
instead of failing with "database is locked" when two processes write at once.
Opening the engine is in store_engine.py; the processing and expiry sweeps in store_sweeps.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session, col, select

from ..infra.clock import Clock, iso_utc, local_now  # noqa: F401 - Clock and local_now re-exported
from ..infra.errors import BadInput
from ..infra.log_base import current_context, log_context
from ..infra.logs import get_logger, log_event
from ..infra.paths import display_path
from ..infra.scrub import scrub_secrets
from ..infra.store_file import (  # noqa: F401 - StoreDamaged and store_error re-exported: older imports name the store
    HomeReadOnly,
    StoreDamaged,
    can_write,
    check_store_file,
    create_private,
    make_private,
    store_error,
)
from .adding import AddResult, add_jobs
from .columns import list_json_sql, rows_to_dicts, snake_to_camel
from .fields import PATCHABLE, validate_fields
from .lease import current_lease, lease_alive
from .models import Job, JobEvent
from .states import JobStatus, check_move
from .store_engine import open_engine, prepare_schema
from .store_sweeps import expire_due, get_job, processing_owner, recover_processing, reset_processing

MoveHook = Callable[[Session, Job, str | None, str], None]
"""Called inside the move's transaction with (session, job, from status, to status): what it writes
(a webhook delivery in the outbox) commits or rolls back with the move."""
RunHook = Callable[[Session, Any], None]
"""Called inside the transaction that finishes a pipeline run, with the run."""
log = get_logger("store")


class JobStore:
    """All reads and writes of jobs and their timelines."""

    def __init__(self, db_file: Path, clock: Clock = local_now) -> None:
        self.db_file = db_file
        self.clock = clock
        self.engine, self._writer, self.read_only = open_engine(db_file)
        self.move_hooks: list[MoveHook] = []
        self.run_hooks: list[RunHook] = []
        try:
            prepare_schema(self.engine, self._writer, db_file, read_only=self.read_only)
        except DatabaseError as error:  # damage inside the pages, a lock held for too long
            self.engine.dispose()
            raise store_error(db_file, error) from None

    def close(self) -> None:
        self.engine.dispose()

    # -- sessions ---------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction (BEGIN IMMEDIATE), committed on success, rolled back on error."""
        if self.read_only:
            raise HomeReadOnly(f"{display_path(self.db_file.parent)}: the home is read-only; nothing was changed")
        try:
            with Session(self._writer, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as error:
            raise store_error(self.db_file, error) from None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def now(self) -> str:
        return iso_utc(self.clock())

    def today(self) -> date:
        return self.clock().astimezone().date()

    # -- reads ------------------------------------------------------------------------------
    def get(self, job_id: int) -> Job:
        with self.reading() as session:
            return get_job(session, job_id)

    def get_many(self, job_ids: list[int]) -> dict[int, Job]:
        """Jobs by id in one query; unknown ids are simply absent."""
        with self.reading() as session:
            jobs = session.exec(select(Job).where(col(Job.id).in_(job_ids)))
            return {job.id: job for job in jobs if job.id is not None}

    def list_jobs(self, status: JobStatus | None = None) -> list[Job]:
        with self.reading() as session:
            query = select(Job).order_by(col(Job.id))
            if status is not None:
                query = query.where(Job.status == status.value)
            return list(session.exec(query))

    def list_dicts(self, status: JobStatus | None = None, *, limit: int | None = None) -> list[dict[str, Any]]:
        """Jobs as camelCase dicts straight from SQL (no ORM objects): the fast path for listings."""
        sql = "SELECT * FROM job"
        params: tuple[Any, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            params = (status.value,)
        sql += " ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self.engine.connect() as conn:
            result = conn.exec_driver_sql(sql, params)
            return rows_to_dicts(list(result.keys()), result.cursor.fetchall())

    def list_json(self, status: JobStatus | None = None) -> str:
        """The camelCase JSON array built by SQLite itself: `jobs list --json` on 10,000 jobs
        spends its time in C instead of building and encoding Python dicts."""
        sql, params = list_json_sql(str(self.db_file.parent), status.value if status is not None else None)
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql(sql, params).scalar_one())

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Every row of one raw statement (what core/jobs/queue_rows.py runs; the workspace's reader does the same
        without SQLAlchemy)."""
        with self.engine.connect() as conn:
            return list(conn.exec_driver_sql(sql, tuple(params)).cursor.fetchall())

    def events(self, job_id: int) -> list[JobEvent]:
        with self.reading() as session:
            return list(session.exec(select(JobEvent).where(JobEvent.job_id == job_id).order_by(col(JobEvent.id))))

    def warnings_for_request(self, request_id: str) -> list[JobEvent]:
        """Warnings recorded while serving one command or action, for the face to show."""
        with self.reading() as session:
            query = select(JobEvent).where(JobEvent.request_id == request_id, JobEvent.kind == "warning")
            return list(session.exec(query.order_by(col(JobEvent.id))))

    def data_version(self) -> int:
        """Changes when any other connection commits: cheap polling for live views."""
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())

    # -- writes -----------------------------------------------------------------------------
    def add_jobs(
        self,
        items: list[Any],
        *,
        source: str = "manual",
        all_or_nothing: bool = False,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> AddResult:
        """Create jobs in discovered (see adding.add_jobs; `on_progress(done, total)` feeds a progress bar)."""
        return add_jobs(self, items, source=source, all_or_nothing=all_or_nothing, on_progress=on_progress)

    def patch(self, job_id: int, data: Any) -> Job:
        """Validate every key first, then apply all in one transaction (status only along allowed moves)."""
        fields = validate_fields(data, PATCHABLE)
        self._check_template(fields.get("template"))
        target = JobStatus(fields.pop("status")) if "status" in fields else None
        with self.writing() as session:
            job = get_job(session, job_id)
            if job.status == JobStatus.PROCESSING.value:
                # Tailoring is being written right now; an edit in between would be overwritten.
                raise BadInput(f"job {job_id} is being processed; change it when it is done")
            if target is not None and target.value != job.status:
                check_move(_status_of(job, target), target, job_id=job_id)
                self._check_reopen(job, target, fields.get("deadline", job.deadline))
            url = fields.get("job_url")
            if url and url != job.job_url:
                other = session.exec(select(Job.id).where(Job.job_url == url, Job.id != job_id)).first()
                if other:
                    raise BadInput(f"jobUrl: already used by job {other}")
            changed = [name for name, value in fields.items() if getattr(job, name) != value]
            for name in changed:
                setattr(job, name, fields[name])
            if changed:
                job.updated_at = self.now()
                names = ", ".join(snake_to_camel(name) for name in changed)
                self._event(session, job_id, "patched", detail=f"fields: {names}")
            if target is not None and target.value != job.status:
                self._set_status(session, job, target, detail="patch")
            session.add(job)
            return job

    def move(
        self, job_id: int, target: JobStatus, *, by_user: bool = True, detail: str | None = None, **changes: Any
    ) -> Job:
        """Move along the table (refused moves raise BadInput and change nothing)."""
        with self.writing() as session:
            job = get_job(session, job_id)
            check_move(_status_of(job, target), target, by_user=by_user, job_id=job_id)
            if by_user:
                self._check_reopen(job, target, job.deadline)
            self._set_status(session, job, target, detail=detail)
            for name, value in changes.items():
                setattr(job, name, value)
            session.add(job)
            return job

    def undo_move(self, job_id: int, *, moved_to: str, revision: int, back_to: str, restore: dict[str, Any]) -> Job:
        """Take back a move (see core/jobs/undo.py): only while the job is exactly as the move left it
        (`revision`), and only along the state table's UNDOABLE moves. Refusals change nothing."""
        from .states import can_undo

        with self.writing() as session:
            job = get_job(session, job_id)
            if job.status != moved_to or job.revision != revision:
                raise BadInput(f"job {job_id} changed since (now {job.status}); nothing undone")
            if not can_undo(JobStatus(back_to), JobStatus(moved_to)):
                raise BadInput(f"moving job {job_id} from {back_to} to {moved_to} cannot be undone")
            self._set_status(session, job, JobStatus(back_to), kind="undone", detail=f"undo of {back_to} -> {moved_to}")
            for name, value in restore.items():
                setattr(job, name, value)
            session.add(job)
            return job

    def update(self, job_id: int, kind: str, detail: str | None = None, **changes: Any) -> Job:
        """Set system fields (PDF results, scores) and record why on the timeline."""
        with self.writing() as session:
            job = get_job(session, job_id)
            for name, value in changes.items():
                setattr(job, name, value)
            job.updated_at = self.now()
            self._event(session, job_id, kind, detail=detail)
            session.add(job)
            return job

    def update_many(self, updates: list[tuple[int, str, str | None, dict[str, Any]]]) -> None:
        """Several `update`s (job id, event kind, detail, changes) in one transaction: batch builds."""
        if not updates:
            return
        with self.writing() as session:
            now = self.now()
            ids = [job_id for job_id, *_ in updates]
            jobs = {j.id: j for j in session.exec(select(Job).where(col(Job.id).in_(ids)))}
            for job_id, kind, detail, changes in updates:
                job = jobs.get(job_id) or get_job(session, job_id)
                for name, value in changes.items():
                    setattr(job, name, value)
                job.updated_at = now
                self._event(session, job_id, kind, detail=detail)
                session.add(job)

    def recover_processing(self) -> list[int]:
        """Put jobs orphaned in processing (their process is gone) back to discovered."""
        return recover_processing(self)

    def processing_owner(self, job_id: int) -> tuple[int | None, bool]:
        """(pid, alive) of the process building a job in processing (pid None: not processing)."""
        return processing_owner(self, job_id)

    def reset_processing(self, job_id: int) -> Job:
        """The way out of a job stuck in processing (see store_sweeps.reset_processing)."""
        return reset_processing(self, job_id)

    def expire_due(self, today: date | None = None) -> list[int]:
        """The expiry sweep: discovered/ready jobs whose deadline day has passed become expired."""
        return expire_due(self, today)

    def record_event(self, job_id: int, kind: str, detail: str | None = None) -> None:
        with self.writing() as session:
            get_job(session, job_id)
            self._event(session, job_id, kind, detail=detail)

    # -- internals --------------------------------------------------------------------------
    def _check_template(self, name: str | None) -> None:
        """A job may only name a template that exists (bundled, or under the home's templates/)."""
        if not name:
            return
        from ..infra.paths import BUNDLED_TEMPLATES

        if not any(
            (folder / name / "main.typ").is_file() for folder in (self.db_file.parent / "templates", BUNDLED_TEMPLATES)
        ):
            raise BadInput(f"template: no template named {name!r} (`jobber templates list` shows them)")

    def _check_reopen(self, job: Job, target: JobStatus, deadline: str | None) -> None:
        """Reopening an expired job only makes sense once its deadline is gone or extended;
        otherwise the next start would expire it again behind the user's back."""
        from .reopen import reopen_blocked

        if target is JobStatus.DISCOVERED and reopen_blocked(job.status, deadline, self.today()):
            raise BadInput(
                f"job {job.id}'s deadline {deadline} has passed: extend or clear it while reopening, e.g. "
                f'jobber jobs patch {job.id} --data \'{{"status": "discovered", "deadline": null}}\''
            )

    def _set_status(
        self, session: Session, job: Job, target: JobStatus, *, kind: str = "moved", detail: str | None = None
    ) -> None:
        before = job.status
        now = self.now()
        job.status = target.value
        job.updated_at = now
        if target is JobStatus.READY:
            job.ready_at = now
        elif target is JobStatus.APPLIED:
            job.applied_at = now
        if before == JobStatus.APPLIED.value and target is JobStatus.DISCOVERED:
            job.stage, job.outcome = None, None  # reopened: no application in flight any more
        building = target is JobStatus.PROCESSING
        job.processing_pid = os.getpid() if building else None
        job.processing_lease = current_lease() if building else None
        assert job.id is not None
        self._event(session, job.id, kind, from_status=before, to_status=target.value, detail=detail)
        for hook in self.move_hooks:
            hook(session, job, before, target.value)

    def _event(
        self,
        session: Session,
        job_id: int,
        kind: str,
        *,
        from_status: str | None = None,
        to_status: str | None = None,
        detail: str | None = None,
    ) -> None:
        request_id = current_context().get("requestId")
        with log_context(job_id=job_id):
            log_event(log, 20, f"job {kind}", fromStatus=from_status, toStatus=to_status, detail=detail)
        session.add(
            JobEvent(
                job_id=job_id,
                at=self.now(),
                kind=kind,
                from_status=from_status,
                to_status=to_status,
                detail=scrub_secrets(detail) if detail else detail,
                request_id=str(request_id) if request_id else None,
            )
        )


def _status_of(job: Job, target: JobStatus) -> JobStatus:
    """The job's status; a value that is none of the six (written by another tool, or by hand) may
    only be repaired by a reopen, which the move table then allows from anywhere."""
    try:
        return JobStatus(job.status)
    except ValueError:
        if target is JobStatus.DISCOVERED:
            return JobStatus.SKIPPED  # any status from which reopening is allowed
        raise BadInput(
            f"job {job.id} has an unknown status {job.status!r} in the store; put it back with "
            f"`jobber jobs reopen {job.id}`"
        ) from None


def _process_alive(pid: int | None) -> bool:
    """Kept for pipeline runs, which store a pid only."""
    return lease_alive(None, pid)
