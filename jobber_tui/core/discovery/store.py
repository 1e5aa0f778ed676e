"""The SQL behind discovery, scoring and pipeline runs, kept out of store.py (which delegates here).

Bulk paths use the DB-API cursor directly: importing or scoring 10,000 jobs is a few statements
per job, not an ORM object and a log line per job. Timeline events are still written for each job.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..infra.log_base import current_context
from ..jobs.columns import snake_to_camel
from ..jobs.models import PipelineRun
from .dedup import UPDATABLE, ImportPlan, Known, plan_import
from .sources.posting import Listing

if TYPE_CHECKING:
    from ..jobs.store import JobStore

_INSERT_COLUMNS = ("source", "source_board", "source_job_id", *UPDATABLE)
_INSERT = (
    f"INSERT INTO job ({', '.join(_INSERT_COLUMNS)}, status, created_at, updated_at, revision) "
    f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)}, 'discovered', ?, ?, 0)"
)
_EVENT = (
    "INSERT INTO job_event (job_id, at, kind, from_status, to_status, detail, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
ScoringRow = tuple[int, str, str, str | None, bool, str]
"""(id, title, employer, location, isRemote, description)"""


def import_listings(store: JobStore, listings: list[Listing], *, dry_run: bool = False) -> ImportPlan:
    """Dedup board listings against the store and write creates, updates and expiries (`dry_run` only
    plans), inside one BEGIN IMMEDIATE so no other writer races us."""
    engine = store.engine if dry_run else store._writer
    boards: set[tuple[str, str | None]] = {(listing.source, listing.board) for listing in listings}
    with engine.connect() as conn, conn.begin():
        cursor = conn.connection.cursor()
        try:
            plan = plan_import(_known_jobs(cursor, boards), listings)
            if not dry_run:
                _apply(cursor, plan, store.now(), _request_id())
        finally:
            cursor.close()
    return plan


def _known_jobs(cursor: Any, boards: set[tuple[str, str | None]]) -> list[Known]:
    rows = cursor.execute(
        "SELECT id, source, source_board, source_job_id, job_url, title, employer, location, status FROM job"
    ).fetchall()
    known = [Known(*row) for row in rows]
    wanted = {job.id: job for job in known if job.status == "discovered" and (job.source, job.board) in boards}
    if wanted:
        columns = ", ".join(UPDATABLE)
        for row in cursor.execute(f"SELECT id, {columns} FROM job WHERE status = 'discovered'"):
            job = wanted.get(row[0])
            if job is not None:
                job.fields = dict(zip(UPDATABLE, row[1:], strict=True))
                job.fields["is_remote"] = bool(job.fields["is_remote"])
    return known


def _apply(cursor: Any, plan: ImportPlan, now: str, request_id: str | None) -> None:
    events: list[tuple[Any, ...]] = []
    for outcome in plan.creates:
        fields = outcome.posting.job_fields()
        cursor.execute(_INSERT, (*(fields[c] for c in _INSERT_COLUMNS), now, now))
        outcome.job_id = int(cursor.lastrowid)
        events.append(
            (outcome.job_id, now, "created", None, "discovered", f"source: {outcome.posting.label}", request_id)
        )
    for update in plan.updates:
        changes = dict(update.changes)
        if update.rescore:
            changes.update(suitability_score=None, suitability_reason=None)
        sets = ", ".join(f"{name} = ?" for name in changes)
        cursor.execute(
            f"UPDATE job SET {sets}, updated_at = ?, revision = revision + 1 WHERE id = ? AND status = 'discovered'",
            (*changes.values(), now, update.job_id),
        )
        events.append((update.job_id, now, "updated", None, None, update.detail(), request_id))
    for job_id, status, why in plan.expires:
        cursor.execute(
            "UPDATE job SET status = 'expired', processing_pid = NULL, updated_at = ?, "
            "revision = revision + 1 WHERE id = ? AND status = ?",
            (now, job_id, status),
        )
        if cursor.rowcount:
            events.append((job_id, now, "expired", status, "expired", why, request_id))
    cursor.executemany(_EVENT, events)


def known_ids(store: JobStore, boards: list[tuple[str, str]]) -> dict[tuple[str, str], frozenset[str]]:
    found: dict[tuple[str, str], set[str]] = {pair: set() for pair in boards}
    if not boards:
        return {}
    sql = (
        "SELECT source, source_board, source_job_id FROM job WHERE source_job_id IS NOT NULL AND source IN "
        f"({', '.join('?' for _ in {k for k, _ in boards})})"
    )
    with store.engine.connect() as conn:
        for source, board, job_id in conn.exec_driver_sql(sql, tuple({k for k, _ in boards})):
            if (source, board) in found:
                found[(source, board)].add(job_id)
    return {pair: frozenset(ids) for pair, ids in found.items()}


def scoring_rows(store: JobStore, job_ids: list[int] | None = None, *, unscored_only: bool = True) -> list[ScoringRow]:
    """Discovered jobs without a score (or the given jobs, any status), as plain tuples for the scorer."""
    sql = "SELECT id, title, employer, location, is_remote, job_description FROM job"
    params: tuple[Any, ...] = ()
    if job_ids is not None:
        sql += f" WHERE id IN ({', '.join('?' for _ in job_ids)})"
        params = tuple(job_ids)
    else:
        sql += " WHERE status = 'discovered'" + (" AND suitability_score IS NULL" if unscored_only else "")
    with store.engine.connect() as conn:
        return [
            (r[0], r[1] or "", r[2] or "", r[3], bool(r[4]), r[5] or "")
            for r in conn.exec_driver_sql(sql + " ORDER BY id", params)
        ]


def save_scores(store: JobStore, scores: list[tuple[int, int, str]]) -> None:
    if not scores:
        return
    now, request_id = store.now(), _request_id()
    with store._writer.connect() as conn, conn.begin():
        cursor = conn.connection.cursor()
        try:
            cursor.executemany(
                "UPDATE job SET suitability_score = ?, suitability_reason = ?, updated_at = ?, "
                "revision = revision + 1 WHERE id = ?",
                [(score, reason, now, job_id) for job_id, score, reason in scores],
            )
            cursor.executemany(
                _EVENT,
                [
                    (job_id, now, "scored", None, None, f"{score}: {reason}", request_id)
                    for job_id, score, reason in scores
                ],
            )
        finally:
            cursor.close()


def pipeline_candidates(store: JobStore, min_score: int) -> list[tuple[int, int, str, str]]:
    """Discovered jobs scoring at least min_score: best first; ties go to the job found first (lower id)."""
    sql = (
        "SELECT id, suitability_score, title, employer FROM job WHERE status = 'discovered' "
        "AND suitability_score >= ? ORDER BY suitability_score DESC, id ASC"
    )
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.exec_driver_sql(sql, (min_score,))]


# -- pipeline runs ------------------------------------------------------------------------------
def start_run(store: JobStore, *, dry_run: bool, top: int, min_score: int) -> int:
    request_id = _request_id()
    with store.writing() as session:
        run = PipelineRun(
            started_at=store.now(),
            status="running",
            dry_run=dry_run,
            top=top,
            min_score=min_score,
            counts={},
            sources=[],
            errors=[],
            pid=os.getpid(),
            request_id=request_id,
        )
        session.add(run)
        session.flush()
        assert run.id is not None
        return run.id


def finish_run(
    store: JobStore,
    run_id: int,
    *,
    status: str,
    counts: dict[str, int],
    sources: list[dict[str, Any]],
    errors: list[dict[str, Any]],
) -> None:
    with store.writing() as session:
        run = session.get(PipelineRun, run_id)
        if run is None:
            return
        run.status, run.counts, run.sources, run.errors = status, counts, sources, errors
        run.finished_at = store.now()
        session.add(run)
        for hook in store.run_hooks:
            hook(session, run)


def list_runs(store: JobStore, limit: int | None = None, run_id: int | None = None) -> list[dict[str, Any]]:
    """Newest first, camelCase; a run still `running` whose process is gone shows as `interrupted`."""
    from sqlmodel import col, select

    from ..jobs.store import _process_alive

    with store.reading() as session:
        query = select(PipelineRun).order_by(col(PipelineRun.id).desc())
        if run_id is not None:
            query = query.where(PipelineRun.id == run_id)
        if limit:
            query = query.limit(limit)
        runs = list(session.exec(query))
    out = []
    for run in runs:
        data = {snake_to_camel(k): v for k, v in run.model_dump().items() if k not in ("pid",)}
        if run.status == "running" and not _process_alive(run.pid):
            data["status"] = "interrupted"
        out.append(data)
    return out


def _request_id() -> str | None:
    value = current_context().get("requestId")
    return str(value) if value else None
