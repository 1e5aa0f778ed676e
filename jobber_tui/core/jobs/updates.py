"""System fields of jobs set without SQLAlchemy: what a PDF build records (`JobStore.update_many`'s twin).

`jobber jobs generate-pdf ID` must finish within 1.3x of a bare Typst compile in a fresh process, and
importing SQLAlchemy alone takes longer than the compile. So this one write, a batch of builds'
results, goes through the standard library's sqlite3 with the store's guarantees: one `BEGIN
IMMEDIATE` transaction (a concurrent writer waits its turn, up to the busy timeout), WAL, every
change with its timeline event and the `revision` bump the ORM's before_update hook does.
Column names come from jobs/columns.py, which models.py checks against the sqlmodel tables;
tests/test_fast_reads.py checks that this and `JobStore.update_many` leave the same rows behind.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from ..infra.clock import iso_utc
from ..infra.log_base import current_context, log_context
from ..infra.scrub import scrub_secrets
from ..infra.store_file import HomeReadOnly, store_error
from .columns import BOOL_COLUMNS, JOB_TABLE_COLUMNS, JSON_COLUMNS

if TYPE_CHECKING:
    from ..workspace import Workspace

Update = tuple[int, str, "str | None", dict[str, Any]]
"""(job id, timeline event kind, event detail, {column: new value})."""
_SETTABLE = frozenset(JOB_TABLE_COLUMNS) - {"id", "updated_at", "revision"}


def update_jobs(ws: Workspace, updates: list[Update]) -> None:
    """Set each job's fields, bump its revision and `updated_at`, and add its event: all in one transaction."""
    if not updates:
        return
    reader = ws.reader
    if reader.read_only:
        from ..infra.paths import display_path

        raise HomeReadOnly(f"{display_path(reader.db_file.parent)}: the home is read-only; nothing was changed")
    for _, _, _, changes in updates:
        unknown = set(changes) - _SETTABLE
        if unknown:
            raise ValueError(f"not a settable job column: {sorted(unknown)}")  # a programming error
    now = iso_utc(ws.clock())
    request_id = current_context().get("requestId")
    from ..infra.logs import get_logger, log_event

    log = get_logger("store")
    try:
        conn = sqlite3.connect(reader.db_file, timeout=30, isolation_level=None)
    except sqlite3.DatabaseError as error:
        raise store_error(reader.db_file, error) from None
    try:
        conn.execute("PRAGMA synchronous=NORMAL")  # as the store's own connections: WAL keeps it safe
        conn.execute("BEGIN IMMEDIATE")
        try:
            for job_id, kind, detail, changes in updates:
                names = list(changes)
                sets = "".join(f"{name} = ?, " for name in names)
                found = conn.execute(
                    f"UPDATE job SET {sets}updated_at = ?, revision = COALESCE(revision, 0) + 1 WHERE id = ?",
                    (*(_stored(n, changes[n]) for n in names), now, job_id),
                )
                if found.rowcount != 1:
                    from ..infra.errors import BadInput

                    raise BadInput(f"no job with id {job_id}")
                conn.execute(
                    "INSERT INTO job_event (job_id, at, kind, from_status, to_status, detail, request_id) "
                    "VALUES (?, ?, ?, NULL, NULL, ?, ?)",
                    (
                        job_id,
                        now,
                        kind,
                        scrub_secrets(detail) if detail else detail,
                        str(request_id) if request_id else None,
                    ),
                )
                with log_context(job_id=job_id):
                    log_event(log, 20, f"job {kind}", fromStatus=None, toStatus=None, detail=detail)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError as error:  # a full disk, a lock held for too long, damage
        raise store_error(reader.db_file, error) from None
    finally:
        conn.close()


def _stored(column: str, value: Any) -> Any:
    """A value as SQLAlchemy stores it: JSON text for JSON columns (None stays NULL), 0/1 for booleans."""
    if column in JSON_COLUMNS:
        return None if value is None else json.dumps(value)
    if column in BOOL_COLUMNS:
        return None if value is None else int(bool(value))
    return value
