"""Moves that can be taken back: a verb such as skip or apply records what it changed, and an undo
restores it while nothing else has touched the job since. The state table (states.UNDOABLE) decides
which moves qualify; the store checks the job's revision so an undo never overwrites a later change."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..infra.errors import JobberError
from .states import JobStatus, can_undo

if TYPE_CHECKING:
    from .store import JobStore  # the ORM loads at the first write, not with the UI (issue 18)

RESTORED = ("applied_at", "ready_at", "stage", "outcome")
"""Fields a move may set or clear, put back as they were by an undo."""


@dataclass(frozen=True)
class Move:
    """One committed move, with what an undo needs."""

    job_id: int
    before: str
    after: str
    revision: int
    """The job's revision right after the move: any later write makes the move not undoable."""
    restore: dict[str, Any] = field(default_factory=dict)


def move_job(store: JobStore, job_id: int, target: JobStatus, *, detail: str | None = None) -> Move | None:
    """Move the job (refused moves raise BadInput) and return the record an undo takes, or None when
    the move cannot be undone or another write slipped in between."""
    before = store.get(job_id)
    job = store.move(job_id, target, detail=detail)
    if not can_undo(JobStatus(before.status), target) or job.revision != before.revision + 1:
        return None
    return Move(job_id, before.status, job.status, job.revision, {name: getattr(before, name) for name in RESTORED})


def undo_moves(store: JobStore, moves: list[Move]) -> tuple[list[int], list[str]]:
    """Take back several moves (one bulk action); (ids undone, one problem line per move refused)."""
    done: list[int] = []
    problems: list[str] = []
    for move in moves:
        try:
            store.undo_move(
                move.job_id, moved_to=move.after, revision=move.revision, back_to=move.before, restore=move.restore
            )
        except JobberError as exc:  # names the job and why
            problems.append(str(exc))
        else:
            done.append(move.job_id)
    return done, problems
