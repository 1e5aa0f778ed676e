"""The job store: one SQLite file (WAL, busy timeout) shared by the UI, the watcher and the CLI.

Every write runs in a `BEGIN IMMEDIATE` transaction: a writer waits its turn (busy timeout)
instead of failing with "database is locked" when two processes write at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session, SQLModel, create_engine, select

from ..infra.clock import Clock, iso_utc, local_now  # noqa: F401 - Clock and local_now re-exported
from ..infra.errors import BadInput
from ..infra.logs import current_context, get_logger, log_context, log_event
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
from .columns import list_json_sql
from .fields import CREATABLE, PATCHABLE, validate_fields
from .lease import current_lease, lease_alive
from .models import Job, JobEvent, rows_to_dicts, snake_to_camel
from .states import EXPIRABLE, JobStatus, check_move

if TYPE_CHECKING:
    from ..discovery.dedup import ImportPlan
    from ..discovery.sources.posting import Listing
    from ..discovery.store import ScoringRow

MoveHook = Callable[[Session, Job, str | None, str], None]
"""Called inside the move's transaction with (session, job, from status, to status): what it writes
(a webhook delivery in the outbox) commits or rolls back with the move."""
RunHook = Callable[[Session, Any], None]
"""Called inside the transaction that finishes a pipeline run, with the run."""
log = get_logger("store")


@dataclass
class AddResult:
    """What an add/import did, row by row (1-based row numbers as the user counts them)."""

    created: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


class JobStore:
    """All reads and writes of jobs and their timelines."""

    def __init__(self, db_file: Path, clock: Clock = local_now) -> None:
        self.db_file = db_file
        self.clock = clock
        check_store_file(db_file)  # damage is reported before SQLite touches (or writes) the file
        self.read_only = not can_write(db_file)
        """A read-only home: reads work, every write says so (no "unable to open database file")."""
        if not self.read_only:
            create_private(db_file)
            make_private(db_file, db_file.with_name(db_file.name + "-wal"), db_file.with_name(db_file.name + "-shm"))
        # Read-only: SQLite may not create the -shm file, so it reads the file as it is (immutable).
        url = f"sqlite:///file:{quote(str(db_file))}?mode=ro&immutable=1&uri=true" if self.read_only \
            else f"sqlite:///{db_file}"
        self.engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(self.engine, "connect", _on_connect_read_only if self.read_only else _on_connect)
        event.listen(self.engine, "begin", _on_begin)
        self._writer = self.engine.execution_options(jobber_write=True)
        self.move_hooks: list[MoveHook] = []
        self.run_hooks: list[RunHook] = []
        try:
            self._prepare_schema()
        except DatabaseError as error:  # damage inside the pages, a lock held for too long
            self.engine.dispose()
            raise store_error(db_file, error) from None

    # -- schema -----------------------------------------------------------------------------
    def _prepare_schema(self) -> None:
        """Migrate when the file is older; a current file needs no write transaction (reads never wait)."""
        from .migrations import LATEST, check_not_newer, migrate, stored_version

        with self.engine.connect() as conn:
            version, has_tables = stored_version(conn)
        check_not_newer(version, self.db_file)
        if version == LATEST and has_tables:
            return
        if self.read_only:
            raise HomeReadOnly(f"{display_path(self.db_file)}: the home is read-only and the job store needs "
                               "upgrading; open it once where Jobber may write")
        with self._writer.connect() as conn, conn.begin():
            migrate(conn, self.db_file, SQLModel.metadata.create_all)

    def close(self) -> None:
        self.engine.dispose()

    # -- sessions ---------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction (BEGIN IMMEDIATE), committed on success, rolled back on error."""
        if self.read_only:
            raise HomeReadOnly(f"{display_path(self.db_file.parent)}: the home is read-only; "
                               "nothing was changed")
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
            return _get(session, job_id)

    def get_many(self, job_ids: list[int]) -> dict[int, Job]:
        """Jobs by id in one query; unknown ids are simply absent."""
        with self.reading() as session:
            jobs = session.exec(select(Job).where(Job.id.in_(job_ids)))  # type: ignore[union-attr]
            return {job.id: job for job in jobs if job.id is not None}

    def list_jobs(self, status: JobStatus | None = None) -> list[Job]:
        with self.reading() as session:
            query = select(Job).order_by(Job.id)
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
            return list(session.exec(select(JobEvent).where(JobEvent.job_id == job_id).order_by(JobEvent.id)))

    def warnings_for_request(self, request_id: str) -> list[JobEvent]:
        """Warnings recorded while serving one command or action, for the face to show."""
        with self.reading() as session:
            query = select(JobEvent).where(JobEvent.request_id == request_id, JobEvent.kind == "warning")
            return list(session.exec(query.order_by(JobEvent.id)))

    def data_version(self) -> int:
        """Changes when any other connection commits: cheap polling for live views."""
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())

    # -- writes -----------------------------------------------------------------------------
    def add_jobs(self, items: list[Any], *, source: str = "manual", all_or_nothing: bool = False) -> AddResult:
        """Create jobs in discovered. Bad rows are reported and skipped; good rows are kept, unless
        `all_or_nothing` (`jobs add`: one bad element adds nothing and is named)."""
        result = AddResult()
        valid: list[tuple[int, dict[str, Any]]] = []
        for row_number, item in enumerate(items, start=1):
            try:
                if isinstance(item, BadInput):
                    raise item
                fields = validate_fields(item, CREATABLE)
                if "title" not in fields or "employer" not in fields:
                    missing = "title" if "title" not in fields else "employer"
                    raise BadInput(f"{missing}: required")
                if fields.pop("status", JobStatus.DISCOVERED.value) != JobStatus.DISCOVERED.value:
                    raise BadInput("status: new jobs always start in discovered")
                self._check_template(fields.get("template"))
            except BadInput as exc:
                result.errors.append((row_number, str(exc)))
                continue
            fields.setdefault("source", source)
            valid.append((row_number, fields))
        if all_or_nothing and result.errors:
            row, reason = result.errors[0]
            raise BadInput(f"item {row}: {reason}; nothing was added")
        with self.writing() as session:
            seen_urls: set[str] = set()
            seen_refs: set[tuple[str, str]] = set()
            for row_number, fields in valid:
                url, ref = fields.get("job_url"), (fields.get("source"), fields.get("source_job_id"))
                if url and (url in seen_urls or session.exec(select(Job.id).where(Job.job_url == url)).first()):
                    result.skipped.append((row_number, f"duplicate jobUrl {url}"))
                    continue
                if ref[1] and (
                    ref in seen_refs
                    or session.exec(select(Job.id).where(Job.source == ref[0], Job.source_job_id == ref[1])).first()
                ):
                    result.skipped.append((row_number, f"duplicate {ref[0]} job {ref[1]}"))
                    continue
                if url:
                    seen_urls.add(url)
                if ref[1]:
                    seen_refs.add((str(ref[0]), str(ref[1])))
                now = self.now()
                job = Job(**fields, status=JobStatus.DISCOVERED.value, created_at=now, updated_at=now)
                session.add(job)
                session.flush()
                assert job.id is not None
                self._event(session, job.id, "created", to_status=job.status, detail=f"source: {job.source}")
                result.created.append(job.id)
        return result

    def patch(self, job_id: int, data: Any) -> Job:
        """Validate every key first, then apply all in one transaction (status only along allowed moves)."""
        fields = validate_fields(data, PATCHABLE)
        self._check_template(fields.get("template"))
        target = JobStatus(fields.pop("status")) if "status" in fields else None
        with self.writing() as session:
            job = _get(session, job_id)
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

    def move(self, job_id: int, target: JobStatus, *, by_user: bool = True, detail: str | None = None,
             **changes: Any) -> Job:
        """Move along the table (refused moves raise BadInput and change nothing)."""
        with self.writing() as session:
            job = _get(session, job_id)
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
            job = _get(session, job_id)
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
            job = _get(session, job_id)
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
            jobs = {j.id: j for j in session.exec(select(Job).where(Job.id.in_(ids)))}  # type: ignore[union-attr]
            for job_id, kind, detail, changes in updates:
                job = jobs.get(job_id) or _get(session, job_id)
                for name, value in changes.items():
                    setattr(job, name, value)
                job.updated_at = now
                self._event(session, job_id, kind, detail=detail)
                session.add(job)

    def recover_processing(self) -> list[int]:
        """Put jobs orphaned in processing (their process is gone) back to discovered."""
        with self.reading() as session:
            query = select(Job.id, Job.processing_pid, Job.processing_lease).where(
                Job.status == JobStatus.PROCESSING.value)
            stuck = list(session.exec(query))
        orphans = [job_id for job_id, pid, lease in stuck if not lease_alive(lease, pid)]
        if not orphans or self.read_only:
            return []
        recovered: list[int] = []
        for job_id in orphans:
            with self.writing() as session:
                job = _get(session, job_id)
                if job.status != JobStatus.PROCESSING.value or lease_alive(job.processing_lease, job.processing_pid):
                    continue
                job.last_error = "interrupted while processing (Jobber stopped); back to discovered"
                self._set_status(session, job, JobStatus.DISCOVERED, kind="recovered",
                                 detail="left in processing by a process that is gone")
                session.add(job)
                recovered.append(job_id)
        return recovered

    def processing_owner(self, job_id: int) -> tuple[int | None, bool]:
        """(pid, alive) of the process building a job in processing (pid None: not processing)."""
        job = self.get(job_id)
        if job.status != JobStatus.PROCESSING.value:
            return None, False
        return job.processing_pid, lease_alive(job.processing_lease, job.processing_pid)

    def reset_processing(self, job_id: int) -> Job:
        """The way out of a job stuck in processing: back to discovered, whoever held it. Any build
        still running finds the job moved and its result is refused (the move table forbids it)."""
        with self.writing() as session:
            job = _get(session, job_id)
            if job.status != JobStatus.PROCESSING.value:
                raise BadInput(f"job {job_id} is {job.status}, not processing: nothing to reset")
            job.last_error = "reset by hand while processing; back to discovered"
            self._set_status(session, job, JobStatus.DISCOVERED, kind="reset",
                             detail=f"processing reset by hand (process {job.processing_pid})")
            session.add(job)
            return job

    def expire_due(self, today: date | None = None) -> list[int]:
        """The expiry sweep: discovered/ready jobs whose deadline day has passed become expired."""
        cutoff = (today or self.today()).isoformat()
        active = [s.value for s in EXPIRABLE]
        with self.engine.connect() as conn:  # a read first: most starts have nothing to sweep, and then
            due = conn.exec_driver_sql(       # no write transaction is opened (reads never wait on writers)
                f"SELECT 1 FROM job WHERE deadline IS NOT NULL AND deadline < ? AND status IN "
                f"({', '.join('?' for _ in active)}) LIMIT 1", (cutoff, *active)).first()
        if due is None or self.read_only:
            return []
        with self.writing() as session:
            jobs = list(session.exec(
                select(Job).where(Job.deadline.is_not(None), Job.deadline < cutoff, Job.status.in_(active))  # type: ignore[union-attr,attr-defined]
            ))
            for job in jobs:
                self._set_status(session, job, JobStatus.EXPIRED, kind="expired",
                                 detail=f"deadline {job.deadline} passed")
                session.add(job)
            return [job.id for job in jobs if job.id is not None]

    def record_event(self, job_id: int, kind: str, detail: str | None = None) -> None:
        with self.writing() as session:
            _get(session, job_id)
            self._event(session, job_id, kind, detail=detail)

    # -- internals --------------------------------------------------------------------------
    def _check_template(self, name: str | None) -> None:
        """A job may only name a template that exists (bundled, or under the home's templates/)."""
        if not name:
            return
        from ..infra.paths import BUNDLED_TEMPLATES

        if not any((folder / name / "main.typ").is_file()
                   for folder in (self.db_file.parent / "templates", BUNDLED_TEMPLATES)):
            raise BadInput(f"template: no template named {name!r} (`jobber templates list` shows them)")

    def _check_reopen(self, job: Job, target: JobStatus, deadline: str | None) -> None:
        """Reopening an expired job only makes sense once its deadline is gone or extended;
        otherwise the next start would expire it again behind the user's back."""
        from .reopen import reopen_blocked

        if target is JobStatus.DISCOVERED and reopen_blocked(job.status, deadline, self.today()):
            raise BadInput(
                f"job {job.id}'s deadline {deadline} has passed: extend or clear it while reopening, e.g. "
                f"jobber jobs patch {job.id} --json '{{\"status\": \"discovered\", \"deadline\": null}}'")

    def _set_status(self, session: Session, job: Job, target: JobStatus, *, kind: str = "moved",
                    detail: str | None = None) -> None:
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

    def _event(self, session: Session, job_id: int, kind: str, *, from_status: str | None = None,
               to_status: str | None = None, detail: str | None = None) -> None:
        request_id = current_context().get("requestId")
        with log_context(job_id=job_id):
            log_event(log, 20, f"job {kind}", fromStatus=from_status, toStatus=to_status, detail=detail)
        session.add(JobEvent(job_id=job_id, at=self.now(), kind=kind, from_status=from_status,
                             to_status=to_status, detail=scrub_secrets(detail) if detail else detail,
                             request_id=str(request_id) if request_id else None))

    # == discovery, scoring and pipeline runs (issue 6) ======================================
    # Thin entry points; the bulk SQL lives in discovery/store.py.
    def import_listings(self, listings: list[Listing], *, dry_run: bool = False) -> ImportPlan:
        """Dedup board listings against the store and write creates, updates and expiries in one
        transaction; `dry_run` only plans."""
        from ..discovery import store as discovery_store

        return discovery_store.import_listings(self, listings, dry_run=dry_run)

    def known_ids(self, boards: list[tuple[str, str]]) -> dict[tuple[str, str], frozenset[str]]:
        """The stored board ids of these (kind, board) pairs: boards read one request per posting skip them."""
        from ..discovery import store as discovery_store

        return discovery_store.known_ids(self, boards)

    def scoring_rows(self, job_ids: list[int] | None = None, *, unscored_only: bool = True) -> list[ScoringRow]:
        from ..discovery import store as discovery_store

        return discovery_store.scoring_rows(self, job_ids, unscored_only=unscored_only)

    def save_scores(self, scores: list[tuple[int, int, str]]) -> None:
        """(job id, score, reason) for many jobs in one transaction, each with a "scored" event."""
        from ..discovery import store as discovery_store

        discovery_store.save_scores(self, scores)

    def pipeline_candidates(self, min_score: int) -> list[tuple[int, int, str, str]]:
        from ..discovery import store as discovery_store

        return discovery_store.pipeline_candidates(self, min_score)

    def start_run(self, *, dry_run: bool, top: int, min_score: int) -> int:
        from ..discovery import store as discovery_store

        return discovery_store.start_run(self, dry_run=dry_run, top=top, min_score=min_score)

    def finish_run(self, run_id: int, *, status: str, counts: dict[str, int], sources: list[dict[str, Any]],
                   errors: list[dict[str, Any]]) -> None:
        from ..discovery import store as discovery_store

        discovery_store.finish_run(self, run_id, status=status, counts=counts, sources=sources, errors=errors)

    def list_runs(self, limit: int | None = None, run_id: int | None = None) -> list[dict[str, Any]]:
        """Pipeline runs, newest first, as camelCase dicts (one run with run_id)."""
        from ..discovery import store as discovery_store

        return discovery_store.list_runs(self, limit, run_id)


def _status_of(job: Job, target: JobStatus) -> JobStatus:
    """The job's status; a value that is none of the six (written by another tool, or by hand) may
    only be repaired by a reopen, which the move table then allows from anywhere."""
    try:
        return JobStatus(job.status)
    except ValueError:
        if target is JobStatus.DISCOVERED:
            return JobStatus.SKIPPED  # any status from which reopening is allowed
        raise BadInput(f"job {job.id} has an unknown status {job.status!r} in the store; put it back with "
                       f"`jobber jobs reopen {job.id}`") from None


def _get(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise BadInput(f"no job with id {job_id}")
    return job


def _process_alive(pid: int | None) -> bool:
    """Kept for pipeline runs, which store a pid only."""
    return lease_alive(None, pid)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook decide how transactions start (pysqlite's own is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("jobber_write") else "BEGIN")


def _on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
