"""The auto flow: discover, import, expire, score, select, and process the best jobs to ready.

`run_pipeline` is the one entry point for the CLI and the UI. It reports `ProgressEvent`s through
`on_progress` (on the calling thread) and stops at the next safe point when `cancel` is set:
between boards, between steps, or between jobs. A job being processed when cancel arrives is
finished (or reverted to discovered by `process_job` on failure), so every job ends in a valid
state. Every run is stored (`pipeline_run`) and every log line it writes carries its pipelineRunId.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from ..infra.errors import BadInput, Cancelled, JobberError
from ..infra.http import PoliteClient
from ..infra.log_base import log_context
from ..infra.logs import get_logger, log_event
from ..infra.progress import OnProgress, ProgressEvent, ignore
from ..resume.base import load_resume
from ..resume.processing import process_job
from ..workspace import Workspace
from .discover import DiscoveryResult, discover
from .scoring import ScoringProfile, build_profile, score_rows
from .store import finish_run, pipeline_candidates, save_scores, scoring_rows, start_run

log = get_logger("pipeline")


@dataclass(frozen=True)
class Selection:
    """A job the run picked (job_id is None for a posting a dry run has not stored)."""

    job_id: int | None
    score: int
    title: str
    employer: str
    order: int = 0
    """Tie-breaker: the job found first (lower id) wins."""


@dataclass
class PipelineResult:
    run_id: int
    status: str = "running"
    """completed, failed or cancelled"""
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    selected: list[Selection] = field(default_factory=list)
    ready: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def select_jobs(candidates: list[Selection], *, min_score: int, top: int) -> list[Selection]:
    """Score >= min_score, best first, ties to the job found first, at most `top`."""
    eligible = [c for c in candidates if c.score >= min_score]
    eligible.sort(key=lambda c: (-c.score, c.order))
    return eligible[: max(top, 0)]


def pipeline_options(ws: Workspace, top: int | None, min_score: int | None) -> tuple[int, int]:
    top = ws.settings.pipeline.top if top is None else top
    min_score = ws.settings.pipeline.min_score if min_score is None else min_score
    if top < 0:
        raise BadInput(f"--top must be 0 or more, got {top}")
    if not 0 <= min_score <= 100:
        raise BadInput(f"--min-score must be between 0 and 100, got {min_score}")
    return top, min_score


def run_pipeline(
    ws: Workspace,
    *,
    top: int | None = None,
    min_score: int | None = None,
    dry_run: bool = False,
    on_progress: OnProgress = ignore,
    cancel: threading.Event | None = None,
    client: PoliteClient | None = None,
) -> PipelineResult:
    """One run; see the module doc. A dry run fetches, plans and scores in memory but writes no job."""
    top, min_score = pipeline_options(ws, top, min_score)
    profile = build_profile(load_resume(ws.home), ws.settings.scoring)  # no resume: fail before starting
    cancel = cancel or threading.Event()
    result = PipelineResult(run_id=start_run(ws.store, dry_run=dry_run, top=top, min_score=min_score), dry_run=dry_run)
    with log_context(pipeline_run_id=result.run_id):
        log_event(log, 20, "pipeline started", top=top, minScore=min_score, dryRun=dry_run)
        on_progress(ProgressEvent("run.started", result.run_id, message="dry run" if dry_run else ""))
        try:
            _steps(
                ws, result, profile, top=top, min_score=min_score, on_progress=on_progress, cancel=cancel, client=client
            )
        except Cancelled:
            result.status = "cancelled"
        except KeyboardInterrupt:
            result.status = "cancelled"
            _finish(ws, result, on_progress)
            raise
        except JobberError as exc:
            result.status = "failed"
            result.errors.append({"step": "run", "message": str(exc)})
        except Exception as exc:
            result.status = "failed"
            result.errors.append({"step": "run", "message": f"{type(exc).__name__}: {exc}"})
            log.error("pipeline crashed", exc_info=exc)
            _finish(ws, result, on_progress)
            raise
        _finish(ws, result, on_progress)
    return result


def _steps(
    ws: Workspace,
    result: PipelineResult,
    profile: ScoringProfile,
    *,
    top: int,
    min_score: int,
    on_progress: OnProgress,
    cancel: threading.Event,
    client: PoliteClient | None,
) -> None:
    run_id, dry_run, counts = result.run_id, result.dry_run, result.counts
    found = discover(ws, dry_run=dry_run, on_progress=on_progress, cancel=cancel, run_id=run_id, client=client)
    result.sources = [s.as_dict() for s in found.sources]
    result.errors.extend(found.errors)
    totals = found.totals
    counts.update(
        sources=len(found.sources),
        sourcesFailed=len(found.errors),
        fetched=totals["fetched"],
        created=totals["created"],
        updated=totals["updated"],
        duplicates=totals["duplicates"],
        invalid=totals["invalid"],
        leftBoard=totals["expired"],
    )
    counts.update({k: totals[k] for k in ("filtered", "capped") if totals[k]})
    _check(cancel)

    on_progress(ProgressEvent("step.started", run_id, step="expire"))
    counts["expired"] = 0 if dry_run else len(ws.store.expire_due())
    on_progress(ProgressEvent("step.finished", run_id, step="expire", counts={"expired": counts["expired"]}))
    _check(cancel)

    on_progress(ProgressEvent("step.started", run_id, step="score"))
    candidates = _score(ws, profile, found, dry_run=dry_run, min_score=min_score, counts=counts)
    on_progress(ProgressEvent("step.finished", run_id, step="score", counts={"scored": counts["scored"]}))
    _check(cancel)

    result.selected = select_jobs(candidates, min_score=min_score, top=top)
    counts["selected"] = len(result.selected)
    on_progress(
        ProgressEvent(
            "step.finished", run_id, step="select", counts={"selected": counts["selected"]}, total=len(result.selected)
        )
    )
    if dry_run:
        return
    _process(ws, result, on_progress=on_progress, cancel=cancel)
    if found.sources and len(found.errors) == len(found.sources):
        result.status = "failed"  # no board could be read: that is not a successful run


def _score(
    ws: Workspace,
    profile: ScoringProfile,
    found: DiscoveryResult,
    *,
    dry_run: bool,
    min_score: int,
    counts: dict[str, int],
) -> list[Selection]:
    rows = scoring_rows(ws.store)
    if not dry_run:
        scores = score_rows(profile, rows)
        # With a model configured, it re-scores the best candidates; failures keep these scores.
        from .llm_scoring import rescore_with_llm

        scores, warnings = rescore_with_llm(ws, rows, scores)
        for job_id, warning in warnings:
            log_event(log, 30, warning, jobId=job_id)
        if warnings:
            counts["modelScoringFallbacks"] = len(warnings)
        save_scores(ws.store, scores)
        counts["scored"] = len(scores)
        return [
            Selection(job_id, score, title, employer, order=job_id)
            for job_id, score, title, employer in pipeline_candidates(ws.store, min_score)
        ]
    # A dry run scores in memory: the stored jobs not yet scored, and the postings it would create.
    stored = {job_id: (score, title, employer) for job_id, score, title, employer in pipeline_candidates(ws.store, 0)}
    fresh = {row[0]: (row[1], row[2]) for row in rows}
    scored = score_rows(profile, rows)
    for job_id, score, _ in scored:
        stored[job_id] = (score, *fresh[job_id])
    base = max(stored, default=0) + 1
    new_rows = [
        (
            base + i,
            o.posting.title,
            o.posting.employer,
            o.posting.location,
            o.posting.is_remote,
            o.posting.job_description,
        )
        for i, o in enumerate(found.plan.creates)
    ]
    planned = score_rows(profile, new_rows)
    counts["scored"] = len(scored) + len(planned)
    picks = [
        Selection(job_id, score, title, employer, order=job_id) for job_id, (score, title, employer) in stored.items()
    ]
    picks += [
        Selection(None, score, row[1], row[2], order=row[0])
        for (_, score, _), row in zip(planned, new_rows, strict=True)
    ]
    return picks


def _process(ws: Workspace, result: PipelineResult, *, on_progress: OnProgress, cancel: threading.Event) -> None:
    skipped: list[int] = []
    try:
        _process_each(ws, result, skipped, on_progress=on_progress, cancel=cancel)
    finally:  # also when cancelled part-way: the counts say what was done
        result.counts.update(ready=len(result.ready), failed=len(result.failed), skipped=len(skipped))


def _process_each(
    ws: Workspace, result: PipelineResult, skipped: list[int], *, on_progress: OnProgress, cancel: threading.Event
) -> None:
    total = len(result.selected)
    for index, pick in enumerate(result.selected):
        _check(cancel)
        assert pick.job_id is not None
        label = f"{pick.title} at {pick.employer}"
        on_progress(
            ProgressEvent(
                "job.started", result.run_id, step="process", job_id=pick.job_id, title=label, done=index, total=total
            )
        )
        try:
            process_job(ws, pick.job_id)
        except BadInput as exc:  # moved meanwhile (say, skipped in the UI): not this run's failure
            skipped.append(pick.job_id)
            on_progress(
                ProgressEvent(
                    "job.skipped",
                    result.run_id,
                    step="process",
                    job_id=pick.job_id,
                    title=label,
                    done=index + 1,
                    total=total,
                    message=str(exc),
                )
            )
            continue
        except JobberError as exc:
            result.failed.append(pick.job_id)
            result.errors.append({"step": "process", "jobId": pick.job_id, "message": str(exc)})
            on_progress(
                ProgressEvent(
                    "job.failed",
                    result.run_id,
                    step="process",
                    job_id=pick.job_id,
                    title=label,
                    done=index + 1,
                    total=total,
                    message=str(exc),
                )
            )
            continue
        result.ready.append(pick.job_id)
        on_progress(
            ProgressEvent(
                "job.ready", result.run_id, step="process", job_id=pick.job_id, title=label, done=index + 1, total=total
            )
        )


def _check(cancel: threading.Event) -> None:
    if cancel.is_set():
        raise Cancelled("cancelled")


def _finish(ws: Workspace, result: PipelineResult, on_progress: OnProgress) -> None:
    if result.status == "running":
        result.status = "completed"
    finish_run(
        ws.store,
        result.run_id,
        status=result.status,
        counts=result.counts,
        sources=result.sources,
        errors=result.errors,
    )
    log_event(
        log,
        20 if result.status == "completed" else 30,
        "pipeline finished",
        status=result.status,
        counts=result.counts,
        errors=len(result.errors),
    )
    on_progress(ProgressEvent("run.finished", result.run_id, message=result.status, counts=dict(result.counts)))
