"""Verbs that ask something first: editing a job's fields, reopening an expired job whose deadline passed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jobber_tui.core.infra.errors import JobberError
from jobber_tui.core.jobs.reopen import EXTEND_DAYS, reopen_blocked, reopen_patch

if TYPE_CHECKING:
    from jobber_tui.ui.app import JobberApp


def edit_fields(app: JobberApp, job_id: int) -> None:
    """The dialog for title, employer, location, remote, salary, deadline, URLs and template."""
    from jobber_tui.ui.screens.job_fields_screen import JobFieldsScreen

    app.push_screen(JobFieldsScreen(app.workspace, job_id))


def reopen_needs_deadline(app: JobberApp, job_id: int) -> bool:
    """If reopening needs the deadline changed, ask (extend / clear / cancel) and reopen with the answer.
    Returns whether the question was asked (the caller then does nothing more)."""
    from jobber_tui.ui.screens.confirm_screen import Choice, ConfirmScreen

    ws = app.workspace
    try:
        job = ws.store.get(job_id)
    except JobberError:
        return False
    today = ws.store.today()
    if not reopen_blocked(job.status, job.deadline, today):
        return False
    extended = reopen_patch("extend", today)["deadline"]
    choices = (
        Choice("extend", f"Extend to {extended}", "e", "primary"),
        Choice("clear", "Clear deadline", "c"),
        Choice("cancel", "Cancel", "n"),
    )
    question = (
        f"Job {job_id}'s deadline {job.deadline} has passed, so reopening it alone would expire it again "
        f"at the next start. Extend it by {EXTEND_DAYS} days, or clear it?"
    )

    def answered(choice: str | None) -> None:
        if choice in ("extend", "clear"):
            _patch_in_worker(app, job_id, reopen_patch(choice, ws.store.today()), f"Job {job_id}: reopened")

    app.push_screen(ConfirmScreen(question, choices, title="Reopen an expired job"), answered)
    return True


def _patch_in_worker(app: JobberApp, job_id: int, changes: dict[str, Any], done: str) -> None:
    def run() -> None:
        app.workspace.store.patch(job_id, changes)
        app.call_from_thread(app.notify, done, timeout=4)
        app.call_from_thread(app.broadcast_jobs_changed, frozenset({job_id}))

    app.run_worker(run, thread=True, group="job-patch", exit_on_error=False)
