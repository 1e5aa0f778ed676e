"""One verb on many jobs: skip, apply, finalize (process) or rescore the marked jobs together.

Each job is handled on its own: a job the verb does not apply to is skipped with the reason, a job
that fails keeps its valid state (the core's rules as for one job) and the rest go on. Progress is
reported after every job, on the calling thread; `cancel` stops before the next job.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from .infra.errors import JobberError
from .jobs.states import ACTIONS, JobStatus, allowed_targets
from .jobs.undo import Move, move_job
from .workspace import Workspace

BULK_VERBS: dict[str, str] = {"skip": "Skip", "apply": "Mark applied", "process": "Finalize", "rescore": "Rescore"}
"""Verbs that run on several jobs, and their labels."""
RESCORE_BATCH = 200
"""Jobs scored per step: scoring is fast, so progress moves in steps rather than per job."""


def verb_applies(verb: str, status: str) -> bool:
    """Whether a verb that changes a job can run on a job in `status` (processing counts as busy: no)."""
    try:
        current = JobStatus(status)
    except ValueError:
        return False
    if current is JobStatus.PROCESSING:
        return False
    if verb == "process":
        return current is JobStatus.DISCOVERED
    if verb == "generate-pdf":
        return current is JobStatus.READY
    if verb == "retailor":
        return current in (JobStatus.DISCOVERED, JobStatus.READY)
    if verb in ("rescore", "edit"):
        return True
    target = ACTIONS.get(verb)
    return target is not None and target in allowed_targets(current)


@dataclass
class BulkSummary:
    verb: str
    total: int
    done: list[int] = field(default_factory=list)
    not_applicable: list[tuple[int, str]] = field(default_factory=list)
    """(job id, why the verb does not apply), e.g. a ready job asked to finalize."""
    failed: list[tuple[int, str]] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    """What an undo takes back (skip and apply)."""
    cancelled: bool = False

    @property
    def handled(self) -> int:
        return len(self.done) + len(self.not_applicable) + len(self.failed)

    def lines(self) -> list[str]:
        """The summary as the user reads it, most important first."""
        label = BULK_VERBS.get(self.verb, self.verb)
        head = f"{label}: {len(self.done)} of {self.total} done"
        if self.cancelled:
            head += f", stopped after {self.handled}"
        out = [head]
        out += [f"job {job_id}: failed: {why}" for job_id, why in self.failed]
        out += [f"job {job_id}: not done: {why}" for job_id, why in self.not_applicable]
        return out


Progress = Callable[[BulkSummary, str], None]
"""Called after each step with the summary so far and a line on the last job."""


def run_bulk(
    ws: Workspace,
    verb: str,
    job_ids: list[int],
    *,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> BulkSummary:
    """Run `verb` on every job (in the order given)."""
    if verb not in BULK_VERBS:
        raise ValueError(f"unknown bulk verb {verb!r}")
    summary = BulkSummary(verb, len(job_ids))
    report = on_progress or (lambda _summary, _line: None)
    jobs = ws.store.get_many(job_ids)
    todo: list[int] = []
    for job_id in job_ids:
        job = jobs.get(job_id)
        if job is None:
            summary.failed.append((job_id, "no such job"))
        elif not verb_applies(verb, job.status):
            summary.not_applicable.append((job_id, f"{verb} does not apply to a {job.status} job"))
        else:
            todo.append(job_id)
    if verb == "rescore":
        _rescore(ws, todo, summary, report, cancel)
        return summary
    for job_id in todo:
        if cancel is not None and cancel.is_set():
            summary.cancelled = True
            break
        try:
            line = _one(ws, verb, job_id, summary)
        except JobberError as exc:
            summary.failed.append((job_id, str(exc)))
            line = f"job {job_id}: {exc}"
        else:
            summary.done.append(job_id)
        report(summary, line)
    return summary


def _one(ws: Workspace, verb: str, job_id: int, summary: BulkSummary) -> str:
    if verb == "process":
        from .resume.processing import process_job

        job = process_job(ws, job_id)
        return f"job {job_id}: ready ({job.title})"
    move = move_job(ws.store, job_id, ACTIONS[verb], detail=f"{verb} (bulk)")
    if move is not None:
        summary.moves.append(move)
    return f"job {job_id}: {ACTIONS[verb].value}"


def _rescore(
    ws: Workspace, todo: list[int], summary: BulkSummary, report: Progress, cancel: threading.Event | None
) -> None:
    from .discovery.scoring import score_jobs

    for start in range(0, len(todo), RESCORE_BATCH):
        if cancel is not None and cancel.is_set():
            summary.cancelled = True
            return
        batch = todo[start : start + RESCORE_BATCH]
        try:
            scores = score_jobs(ws, batch)
        except JobberError as exc:  # no resume, say: every job of the batch says why
            summary.failed += [(job_id, str(exc)) for job_id in batch]
            report(summary, str(exc))
            continue
        summary.done += [job_id for job_id, _, _ in scores]
        last = scores[-1] if scores else None
        report(summary, f"job {last[0]}: score {last[1]}" if last else "")
