"""The columns of a queue table: what each shows, how wide it is, and how it sorts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from rich.cells import cell_len, set_cell_size

from jobber_tui.core.jobs.queue_rows import QueueRow
from jobber_tui.core.jobs.states import JobStatus

_STATUS_ORDER = {status.value: index for index, status in enumerate(JobStatus)}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    """Cells wide; 0 means it shares the room left over (by `flex`)."""
    sort_key: Callable[[QueueRow], Any] | None = None
    descending_first: bool = False
    """Sorting by this column starts high-to-low (scores, recent changes)."""
    flex: int = 0
    align_right: bool = False
    drop_below: int = 0
    """Left out when the table is narrower than this (so 80 columns stay readable)."""


@cache
def _stage_ranks() -> dict[str, int]:
    from jobber_tui.core.tracking.stages import STAGES  # on the first sort by stage: start-up stays lean

    return {stage: rank for rank, stage in enumerate(STAGES)}


MARK = Column("mark", "", 1)
STATUS = Column("status", "Status", 10, lambda r: (_STATUS_ORDER.get(r.status, 99), r.id))
STAGE = Column("stage", "Stage", 18, lambda r: (_stage_ranks().get(r.stage or "applied", 99), r.outcome, r.id))
"""Where an application stands (the Applied queue): "interview", "closed · rejected"."""
SORTABLE: tuple[Column, ...] = (
    Column(
        "score",
        "Score",
        6,
        lambda r: (-1 if r.score is None else r.score, r.id),
        descending_first=True,
        align_right=True,
    ),
    Column("title", "Title", 0, lambda r: (r.title.casefold(), r.id), flex=3),
    Column("employer", "Employer", 0, lambda r: (r.employer.casefold(), r.id), flex=2),
    Column("location", "Location", 16, lambda r: (r.location.casefold(), r.id), drop_below=70),
    Column("deadline", "Deadline", 10, lambda r: (r.deadline or "9999-12-31", r.id)),
    Column("updated", "Updated", 10, lambda r: (r.updated_at, r.id), descending_first=True, drop_below=90),
)
"""Columns `s` cycles through, in order."""

SORT_BY_KEY: dict[str, Column] = {column.key: column for column in (*SORTABLE, STATUS, STAGE)}


def layout(width: int, *, with_status: bool, with_stage: bool = False) -> list[tuple[Column, int]]:
    """The columns that fit in `width` cells and the width of each (one space between columns).
    The stage takes its room from the optional columns first, so titles stay readable at 80 columns."""
    optional_room = width - (STAGE.width + 1 if with_stage else 0)
    columns = [
        MARK,
        *([STATUS] if with_status else []),
        *([STAGE] if with_stage else []),
        *(c for c in SORTABLE if optional_room >= c.drop_below),
    ]
    fixed = sum(c.width for c in columns) + len(columns) - 1
    room = max(width - fixed, 0)
    flex_total = sum(c.flex for c in columns) or 1
    placed: list[tuple[Column, int]] = []
    given = 0
    flexible = [c for c in columns if c.flex]
    for column in columns:
        if column.flex:
            share = room - given if column is flexible[-1] else room * column.flex // flex_total
            given += share
            placed.append((column, share))
        else:
            placed.append((column, column.width))
    return placed


def fit(text: str, width: int, *, right: bool = False) -> str:
    """Pad or cut `text` to exactly `width` cells, marking a cut with an ellipsis."""
    if width <= 0:
        return ""
    size = len(text) if text.isascii() else cell_len(text)
    if size > width:
        return set_cell_size(text, width - 1) + "…"
    if right:
        return " " * (width - size) + text
    return text + " " * (width - size) if text.isascii() else set_cell_size(text, width)


def cell_text(column: Column, row: QueueRow, now: datetime) -> str:
    """What one cell shows (plain text; the table adds style)."""
    key = column.key
    if key == "score":
        return "–" if row.score is None else str(row.score)
    if key == "deadline":
        return row.deadline or "–"
    if key == "updated":
        return age(row.updated_at, now)
    if key == "status":
        return row.status
    if key == "stage":
        if row.status != "applied":
            return "–"
        return (row.stage or "applied") + (f" · {row.outcome}" if row.outcome else "")
    return str(getattr(row, key))


def age(moment: str, now: datetime) -> str:
    """How long ago an ISO timestamp was, compactly: "now", "5m", "3h", "12d", or the date."""
    try:
        then = datetime.fromisoformat(moment.replace("Z", "+00:00"))
        seconds = (now - then).total_seconds()
    except (ValueError, TypeError):
        return moment[:10]
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)}m ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h ago"
    if seconds < 86400 * 60:
        return f"{int(seconds // 86400)}d ago"
    return then.astimezone(now.tzinfo).date().isoformat()


def due_soon(row: QueueRow, today: date, days: int = 3) -> bool:
    """An active job whose deadline is within `days` days: worth a warning color."""
    if not row.deadline or row.status not in ("discovered", "ready"):
        return False
    try:
        return (date.fromisoformat(row.deadline) - today).days <= days
    except ValueError:
        return False
