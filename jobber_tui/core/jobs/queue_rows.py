"""The queues as the UI lists them: light row tuples straight from SQL, one query per queue.

A queue of 50,000 jobs must load in milliseconds, so rows carry only what a listing shows
(never the job description) and are plain tuples, not ORM objects, read without SQLAlchemy.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from .states import JobStatus


class Readable(Protocol):
    """What the queries here run on: the workspace's `reader` (sqlite3; what the UI passes, so its
    first screen never waits for SQLAlchemy) or a `JobStore`."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


class QueueRow(NamedTuple):
    """One job as a queue listing shows it."""

    id: int
    status: str
    score: int | None
    title: str
    employer: str
    location: str
    deadline: str
    """ISO date, or "" when the job has none."""
    updated_at: str
    job_url: str
    pdf_path: str
    last_error: str
    stage: str
    """The application's stage, "" until a reply or the user sets one (core/tracking/stages.py)."""
    outcome: str
    """How a closed application ended ("rejected", ...), else ""."""
    is_remote: bool
    """The board's remote flag, or "remote" in the location (what `remote:yes` finds)."""
    haystack: str
    """Lowercased title, employer and location: what a filter matches against."""


@dataclass(frozen=True)
class Queue:
    """A tab of the UI: a name and the statuses whose jobs it lists."""

    key: str
    label: str
    short_label: str
    statuses: tuple[JobStatus, ...]


S = JobStatus
QUEUES: tuple[Queue, ...] = (
    # A job being processed stays in sight in Discovered (marked) until it becomes ready.
    Queue("discovered", "Discovered", "Disc", (S.DISCOVERED, S.PROCESSING)),
    Queue("ready", "Ready", "Ready", (S.READY,)),
    Queue("applied", "Applied", "Appl", (S.APPLIED,)),
    Queue("skipped", "Skipped", "Skip", (S.SKIPPED,)),
    Queue("expired", "Expired", "Exp", (S.EXPIRED,)),
    Queue("all", "All", "All", tuple(JobStatus)),
)
"""Every queue in tab order."""

QUEUE_BY_KEY: dict[str, Queue] = {queue.key: queue for queue in QUEUES}

_SELECT = (
    "SELECT id, status, suitability_score, title, employer, COALESCE(location, ''), COALESCE(deadline, ''),"
    " updated_at, COALESCE(job_url, ''), COALESCE(pdf_path, ''), COALESCE(last_error, ''),"
    " COALESCE(stage, ''), COALESCE(outcome, ''),"
    " is_remote = 1 OR instr(lower(COALESCE(location, '')), 'remote') > 0 FROM job"
)


def _rows(raw: Iterable[tuple]) -> list[QueueRow]:
    make = QueueRow
    return [make(*row, f"{row[3]}\n{row[4]}\n{row[5]}".lower()) for row in raw]


def fetch_rows(store: Readable, statuses: Iterable[JobStatus]) -> list[QueueRow]:
    """Every job in these statuses (in no particular order)."""
    wanted = tuple(sorted({status.value for status in statuses}))
    where, params = f" WHERE status IN ({', '.join('?' * len(wanted))})", wanted
    if len(wanted) == len(JobStatus):  # every job: no WHERE, so statuses of a newer Jobber show too
        where, params = "", ()
    # No ORDER BY: the table sorts anyway (ids break ties), and SQLite skips a temp B-tree.
    with _collector_paused():
        return _rows(store.query(f"{_SELECT}{where}", params))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a queue is read: 10,000 rows are ~150,000 new objects, which set
    it off again and again, each pass walking the UI's whole heap (a fifth of the first screen's wait).
    Rows of strings and numbers hold no cycles; the collector runs as usual afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def fetch_rows_by_id(store: Readable, job_ids: Iterable[int]) -> list[QueueRow]:
    """These jobs (the ones that still exist), by id: cheap refresh after a few jobs changed."""
    ids = sorted({int(job_id) for job_id in job_ids})
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return _rows(store.query(f"{_SELECT} WHERE id IN ({marks}) ORDER BY id", tuple(ids)))


def count_by_status(store: Readable) -> dict[JobStatus, int]:
    """Jobs per status in one GROUP BY (every status present, zero when empty)."""
    found = dict.fromkeys(JobStatus, 0)
    for status, count in store.query("SELECT status, COUNT(*) FROM job GROUP BY status"):
        try:
            found[JobStatus(status)] = int(count)
        except ValueError:  # a status from a newer Jobber: not ours to show
            continue
    return found


def count_reviews(store: Readable) -> int:
    """Replies waiting in reply tracking's review inbox: one COUNT on an indexed column, for the status line."""
    return int(store.query("SELECT COUNT(*) FROM tracked_message WHERE status = 'review'")[0][0] or 0)


def queue_count(queue: Queue, counts: dict[JobStatus, int]) -> int:
    return sum(counts.get(status, 0) for status in queue.statuses)
