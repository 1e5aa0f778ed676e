"""The verbs a user can apply to one job, and when each applies: shared by keys and the palette."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from jobber_tui.core.bulk import verb_applies
from jobber_tui.core.infra.errors import OperationFailed
from jobber_tui.core.jobs.states import ACTIONS, JobStatus
from jobber_tui.core.jobs.undo import Move, move_job
from jobber_tui.core.workspace import Workspace


@dataclass(frozen=True)
class JobVerb:
    """One thing to do to a job: the app action it runs and how the palette names it."""

    action: str
    """Name passed to `JobberApp.run_job_action`, or an `open-*` verb handled by the app."""
    label: str
    help: str


VERBS: tuple[JobVerb, ...] = (
    JobVerb("process", "Finalize", "Tailor the resume and build the PDF (discovered jobs)"),
    JobVerb("generate-pdf", "Regenerate PDF", "Rebuild the PDF from the saved tailoring (ready jobs)"),
    JobVerb("skip", "Skip", "Take the job out of the active queue"),
    JobVerb("apply", "Mark applied", "Record that you applied"),
    JobVerb("reopen", "Reopen", "Put the job back in Discovered"),
    JobVerb("open-posting", "Open posting URL", "Open the job posting in the browser"),
    JobVerb("open-pdf", "Open PDF", "Open the tailored resume PDF"),
    JobVerb("edit", "Edit fields…", "Title, employer, location, salary, deadline, URLs, template"),
    JobVerb("retailor", "Re-tailor", "Recompute headline, summary, skills and projects from the resume (--force)"),
    JobVerb("rescore", "Rescore", "Score the job again against your resume and [scoring]"),
)
"""Every verb, in the order menus list them."""

RUN_ACTIONS = frozenset({"process", "generate-pdf", "retailor", "rescore", *ACTIONS})
"""Verbs `JobberApp.run_job_action` carries out in a worker."""


@dataclass(frozen=True)
class Done:
    """What a verb did: one line for the user, and the move an undo can take back (None for other verbs)."""

    message: str
    move: Move | None = None
    warnings: tuple[str, ...] = ()
    """Warnings the verb left on the job (a model that failed during Finalize): shown as warnings too,
    not only on the timeline."""


def verb_allowed(action: str, status: str, *, busy: bool = False, has_url: bool = True, has_pdf: bool = True) -> bool:
    """Whether `action` can run now on a job in `status` (refused moves come from states.py)."""
    if action in ("open-posting", "open-pdf"):
        return verb_fits(action, status, has_url=has_url, has_pdf=has_pdf)
    if busy or status == JobStatus.PROCESSING.value:
        return False
    return verb_fits(action, status)


def verb_fits(action: str, status: str, *, has_url: bool = True, has_pdf: bool = True) -> bool:
    """Whether `action` belongs to a job in `status` at all, busy or not (a job in processing
    counts as discovered: that is where it returns, or it becomes ready)."""
    if action == "open-posting":
        return has_url
    if action == "open-pdf":
        return has_pdf
    # A job in processing counts as discovered here: that is where it returns, or it becomes ready.
    return verb_applies(action, JobStatus.DISCOVERED.value if status == JobStatus.PROCESSING.value else status)


def carry_out(ws: Workspace, action: str, job_id: int) -> Done:
    """Do one verb (blocking: call it from a worker) and say what happened in one line.

    Errors are the core's `JobberError`s, whose messages are written for the user.
    """
    from jobber_tui.core.infra.log_base import log_context, new_request_id

    request_id = new_request_id()  # its own id: only this action's warnings are shown
    with log_context(request_id=request_id):
        done = _carry_out(ws, action, job_id)
        warnings = tuple(str(e.detail) for e in ws.store.warnings_for_request(str(request_id)))
    return replace(done, warnings=warnings)


def _carry_out(ws: Workspace, action: str, job_id: int) -> Done:
    if action in ACTIONS:
        move = move_job(ws.store, job_id, ACTIONS[action], detail=f"{action} (ui)")
        return Done(f"Job {job_id}: {_DONE[action]}", move)
    if action == "retailor":
        from jobber_tui.core.resume.processing import summarize_job

        tailored = summarize_job(ws, job_id, force=True)
        return Done(f"Job {job_id}: re-tailored (headline {tailored.tailored_headline!r})")
    if action == "rescore":
        from jobber_tui.core.discovery.scoring import score_jobs

        [(_, score, reason)] = score_jobs(ws, [job_id])
        return Done(f"Job {job_id}: score {score} ({reason})")
    if action not in ("process", "generate-pdf"):
        raise ValueError(f"unknown job action {action!r}")
    try:
        from jobber_tui.core.resume import processing
    except ImportError as exc:
        if exc.name != "jobber_tui.core.resume.processing":
            raise
        raise OperationFailed("building PDFs is not part of this build of Jobber yet") from None
    if action == "process":
        ready = processing.process_job(ws, job_id)
        return Done(f"Job {job_id} is ready: {_shown_path(ws, ready.pdf_path)}")
    rebuilt = processing.generate_pdf(ws, job_id)
    return Done(f"Job {job_id}: PDF rebuilt: {_shown_path(ws, rebuilt.pdf_path)}")


_DONE = {
    "skip": "skipped",
    "apply": "marked applied",
    "reopen": "reopened (back in Discovered)",
    "expire": "marked expired",
}


def pdf_file(ws: Workspace, pdf_path: str | None) -> Path | None:
    """Where a job's PDF is on disk (stored paths may be relative to the data folder)."""
    return ws.home.resolve_stored(pdf_path)


def _shown_path(ws: Workspace, pdf_path: str | None) -> str:
    path = pdf_file(ws, pdf_path)
    if path is None:
        return "(no PDF)"
    try:
        return str(path.relative_to(ws.home.data_dir))
    except ValueError:
        return str(path)
