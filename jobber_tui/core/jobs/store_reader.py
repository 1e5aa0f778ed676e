"""Reads of the job store through the standard library's sqlite3: no SQLAlchemy, no ORM objects.

A command that only reads (`jobs list`, `jobs show`, the UI's first screen) would otherwise spend
most of its time importing SQLAlchemy. The schema stays the sqlmodel classes in models.py; the SQL
here names columns from jobs/columns.py, which models.py checks against them. Writes go through
`JobStore`, which the workspace opens at the first write (see workspace.py).

Opening a reader does the store's start-up checks cheaply: the file is a healthy SQLite file
(store_file.py), owner-only modes, and the schema version. A file that needs creating or migrating
says so (`needs_upgrade`) and the workspace lets `JobStore` do it.
"""

from __future__ import annotations

import sqlite3
from _thread import allocate_lock  # threading's Lock, without importing threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..infra.errors import BadInput
from ..infra.store_file import can_write, check_store_file, create_private, make_private, store_error
from .columns import JOB_COLUMNS, SELECT_EVENT, SELECT_JOB, JobRow, event_row_to_dict, list_json_sql, rows_to_dicts
from .migrations import LATEST, check_not_newer, read_version

BUSY_TIMEOUT = 30.0
"""Seconds to wait for a lock; reads in WAL mode practically never wait (only while a crashed
writer's WAL index is rebuilt)."""
TABLE_COLUMNS = ("id", "status", "suitability_score", "title", "employer", "deadline", "updated_at")
"""What `jobs list` shows as a table (its JSON has every column)."""


class StoreReader:
    """The read side of the job store; safe to share between threads (each query borrows a connection)."""

    def __init__(self, db_file: Path) -> None:
        self.db_file = db_file
        check_store_file(db_file)  # damage is reported before SQLite touches (or writes) the file
        self.read_only = not can_write(db_file)
        """A read-only home: reads work, every write says so."""
        if not self.read_only:
            create_private(db_file)
            make_private(db_file, db_file.with_name(db_file.name + "-wal"), db_file.with_name(db_file.name + "-shm"))
        self._idle: list[sqlite3.Connection] = []
        self._all: list[sqlite3.Connection] = []
        self._lock = allocate_lock()
        self.needs_upgrade = True
        """The file is new or older than this Jobber: JobStore must create or migrate it before reads."""
        if self.read_only and not db_file.exists():
            return  # nothing to read; JobStore says the home is read-only
        version, has_tables = read_version(self.query)
        check_not_newer(version, db_file)
        self.needs_upgrade = version != LATEST or not has_tables

    # -- connections ------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self.read_only:  # SQLite may not create the -shm file: read the file as it is
            from urllib.parse import quote

            uri = f"file:{quote(str(self.db_file))}?mode=ro&immutable=1"
            return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        # Autocommit: every SELECT is its own read transaction and sees the latest commit.
        return sqlite3.connect(self.db_file, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection for this thread's query; returned to the pool afterwards (UI workers come and go)."""
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            try:
                conn = self._connect()
            except sqlite3.DatabaseError as error:
                raise store_error(self.db_file, error) from None
            with self._lock:
                self._all.append(conn)
        try:
            yield conn
        except sqlite3.DatabaseError as error:  # damage inside the pages, a lock held for too long
            raise store_error(self.db_file, error) from None
        finally:
            with self._lock:
                self._idle.append(conn)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Every row of one statement (fetched whole: no read transaction stays open)."""
        with self.connection() as conn:
            return conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def close(self) -> None:
        with self._lock:
            connections, self._all, self._idle = self._all, [], []
        for conn in connections:
            conn.close()

    # -- jobs -------------------------------------------------------------------------------
    def job(self, job_id: int) -> JobRow:
        rows = self.query(f"{SELECT_JOB} WHERE id = ?", (job_id,))
        if not rows:
            raise BadInput(f"no job with id {job_id}")
        return JobRow(rows[0])

    def jobs(self, job_ids: Sequence[int]) -> dict[int, JobRow]:
        """Jobs by id in one query; unknown ids are simply absent."""
        ids = sorted({int(i) for i in job_ids})
        if not ids:
            return {}
        rows = self.query(f"{SELECT_JOB} WHERE id IN ({', '.join('?' * len(ids))})", ids)
        return {row[0]: JobRow(row) for row in rows}

    def job_ids(self, status: str) -> list[int]:
        return [row[0] for row in self.query("SELECT id FROM job WHERE status = ? ORDER BY id", (status,))]

    def list_json(self, status: str | None = None) -> str:
        """`jobs list --json`: the camelCase array, built by SQLite (json_group_array)."""
        sql, params = list_json_sql(str(self.db_file.parent), status)
        return str(self.scalar(sql, params))

    def list_dicts(self, status: str | None = None, columns: Sequence[str] = JOB_COLUMNS) -> list[dict[str, Any]]:
        """Jobs as camelCase dicts (only `columns`), ordered by id."""
        where, params = (" WHERE status = ?", (status,)) if status is not None else ("", ())
        rows = self.query(f"SELECT {', '.join(columns)} FROM job{where} ORDER BY id", params)
        return rows_to_dicts(list(columns), rows)

    def events(self, job_id: int) -> list[dict[str, Any]]:
        """A job's timeline, oldest first, as the CLI shows it."""
        return [event_row_to_dict(row) for row in self.query(f"{SELECT_EVENT} WHERE job_id = ? ORDER BY id", (job_id,))]

    def warnings_for_request(self, request_id: str) -> list[tuple[int, str | None]]:
        """(job id, detail) of the warnings recorded while serving one command, for the face to show."""
        return self.query(
            "SELECT job_id, detail FROM job_event WHERE request_id = ? AND kind = 'warning' ORDER BY id", (request_id,)
        )

    # -- what the start-up chores look for (reads only; JobStore does the writes) ----------------
    def processing_jobs(self) -> list[tuple[int, int | None, str | None]]:
        """(id, pid, lease) of every job in processing."""
        return self.query("SELECT id, processing_pid, processing_lease FROM job WHERE status = 'processing'")

    def expiry_due(self, cutoff: str, statuses: Sequence[str]) -> bool:
        """Whether any job in `statuses` has a deadline before `cutoff` (an ISO date)."""
        marks = ", ".join("?" * len(statuses))
        # `+status`: search by the deadline index (few jobs are past their deadline), not by status
        # (almost every job is discovered), which would read all 10,000 rows on every start.
        return bool(
            self.query(
                f"SELECT 1 FROM job WHERE deadline IS NOT NULL AND deadline < ? AND +status IN ({marks}) LIMIT 1",
                (cutoff, *statuses),
            )
        )

    def due_deliveries(self, now: str, limit: int = 100) -> list[int]:
        """Ids of webhook deliveries waiting to be sent at `now` (webhook_sender.iso_ms form)."""
        rows = self.query(
            "SELECT id FROM webhook_delivery WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
            (now, limit),
        )
        return [int(row[0]) for row in rows]
