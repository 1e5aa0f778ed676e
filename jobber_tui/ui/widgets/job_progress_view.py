"""The jobs a pipeline run processes: a bar (job i of N, the job being built) over one row per job."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import ProgressBar, Static

from ...core.discovery.run_report import JobProgress, RunProgress
from .live_table import LiveTable, clip

_STATE = {
    "processing": ("⟳ processing", "bold yellow"),
    "ready": ("✓ ready", "green"),
    "failed": ("✗ failed", "bold red"),
    "skipped": ("– skipped", "dim"),
}
COLUMNS = (("id", "Job"), ("title", "Title"), ("state", "Result"), ("message", "Note"))
NOTE_WIDTH = 24
"""The whole message of a failed job is in the run's summary."""


class JobProgressView(Vertical):
    """A caption until the first run; the bar is indeterminate until the run has selected its jobs."""

    DEFAULT_CSS = """
    JobProgressView {
        height: auto;
        & > Horizontal { height: 1; }
        & #job-count { width: 1fr; padding-left: 2; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: RunProgress | None = None
        self._width = 0

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield ProgressBar(total=1, show_eta=False, id="job-bar")
            yield Static("No run yet.", id="job-count", markup=False)
        yield LiveTable(COLUMNS, id="job-table")

    def on_mount(self) -> None:
        self.query_one(LiveTable).display = False

    def on_resize(self) -> None:
        if self._shown is not None and self.size.width != self._width:  # titles are cut to the width
            self._width = self.size.width
            self.query_one(LiveTable).reset()
            self.show(self._shown)

    def show(self, progress: RunProgress) -> None:
        self._shown = progress
        bar = self.query_one(ProgressBar)
        count = self.query_one("#job-count", Static)
        if progress.dry_run and progress.selected is not None:
            bar.update(total=1, progress=1)
            count.update(f"dry run: {progress.selected} job(s) would be processed (see the summary)")
        elif progress.total:
            bar.update(total=progress.total, progress=progress.done)
            current = next((job for job in reversed(progress.jobs.values()) if job.state == "processing"), None)
            building = f" · building {current.title}" if current and not progress.status else ""
            count.update(f"job {progress.done} of {progress.total}{building}")
        elif progress.selected == 0:
            bar.update(total=1, progress=1)
            count.update("no job to process: none in Discovered scores the minimum")
        elif progress.status:  # ended (cancelled, failed) before selecting
            bar.update(total=1, progress=0)
            count.update(f"{progress.status} before selecting jobs")
        else:
            bar.update(total=None)  # indeterminate: discovering and scoring
            count.update("selected after discovery and scoring")
        table = self.query_one(LiveTable)
        notes = max((min(len(job.message), NOTE_WIDTH) for job in progress.jobs.values()), default=4)
        title_width = max(self.size.width - notes - 26, 16)  # id, result and the cells' padding take ~26
        table.show_rows((str(job.job_id), _cells(job, title_width)) for job in progress.jobs.values())
        table.display = bool(progress.jobs)


def _cells(job: JobProgress, title_width: int) -> list[str | Text]:
    label, style = _STATE.get(job.state, (job.state, ""))
    return [str(job.job_id), clip(job.title, title_width), Text(label, style), clip(job.message, NOTE_WIDTH)]
