"""The six job states and the one table of moves between them, used by the CLI and the UI."""

from __future__ import annotations

from enum import StrEnum

from ..infra.errors import BadInput


class JobStatus(StrEnum):
    DISCOVERED = "discovered"
    """Found by import or discovery, not tailored yet."""
    PROCESSING = "processing"
    """Tailoring and/or PDF generation in progress; always transient."""
    READY = "ready"
    """Tailored PDF generated, ready to apply."""
    APPLIED = "applied"
    SKIPPED = "skipped"
    """Explicitly taken out of the active queue."""
    EXPIRED = "expired"
    """Deadline passed (or the posting left its board)."""


S = JobStatus

MOVES: dict[JobStatus, frozenset[JobStatus]] = {
    S.DISCOVERED: frozenset({S.PROCESSING, S.SKIPPED, S.APPLIED, S.EXPIRED}),
    S.PROCESSING: frozenset({S.READY, S.DISCOVERED}),
    S.READY: frozenset({S.APPLIED, S.SKIPPED, S.EXPIRED, S.DISCOVERED}),
    S.APPLIED: frozenset({S.DISCOVERED}),
    S.SKIPPED: frozenset({S.DISCOVERED}),
    S.EXPIRED: frozenset({S.DISCOVERED}),
}
"""Every allowed move. Anything not listed is refused."""

SYSTEM_ONLY: frozenset[JobStatus] = frozenset({S.PROCESSING})
"""Targets only Jobber itself may set (processing is entered by `process`, never by hand)."""

SYSTEM_ONLY_MOVES: frozenset[tuple[JobStatus, JobStatus]] = frozenset(
    {(S.PROCESSING, S.READY), (S.PROCESSING, S.DISCOVERED)}
)
"""Leaving processing happens only when the work ends, never by hand."""

ACTIONS: dict[str, JobStatus] = {"skip": S.SKIPPED, "apply": S.APPLIED, "reopen": S.DISCOVERED, "expire": S.EXPIRED}
"""User verbs and where they lead; the UI and CLI both name moves this way."""

EXPIRABLE: frozenset[JobStatus] = frozenset({S.DISCOVERED, S.READY})
"""Only active jobs expire: applied and skipped jobs keep their status whatever the deadline."""


def parse_status(value: object) -> JobStatus:
    try:
        return JobStatus(str(value).strip().lower())
    except ValueError:
        names = ", ".join(s.value for s in JobStatus)
        raise BadInput(f"unknown status {value!r}; expected one of: {names}") from None


def allowed_targets(current: JobStatus, *, by_user: bool = True) -> list[JobStatus]:
    targets = MOVES[current]
    if by_user:
        targets = frozenset(t for t in targets if t not in SYSTEM_ONLY and (current, t) not in SYSTEM_ONLY_MOVES)
    return sorted(targets, key=list(JobStatus).index)


def check_move(current: JobStatus, target: JobStatus, *, by_user: bool = True, job_id: int | None = None) -> None:
    """Raise BadInput naming the current status and the allowed targets if the move is refused."""
    if target in allowed_targets(current, by_user=by_user):
        return
    who = f"job {job_id}" if job_id is not None else "the job"
    allowed = allowed_targets(current, by_user=by_user)
    allowed_text = ", ".join(t.value for t in allowed) or "none (it is being processed)"
    why = " (processing is set only by `jobs process`)" if target in SYSTEM_ONLY and by_user else ""
    raise BadInput(
        f"cannot move {who} from {current.value} to {target.value}{why}; allowed from {current.value}: {allowed_text}"
    )


UNDOABLE: frozenset[tuple[JobStatus, JobStatus]] = frozenset(
    (current, target) for current in JobStatus for target in allowed_targets(current)
)
"""Moves an undo may take back: every move a user can make (never Jobber's own, in or out of processing).
The way back need not be a user move itself: undoing ready -> skipped returns to ready, which the
table above would not let a user do by hand (the PDF is still there and current)."""


def can_undo(before: JobStatus, after: JobStatus) -> bool:
    """Whether a move from `before` to `after` may be taken back."""
    return (before, after) in UNDOABLE
