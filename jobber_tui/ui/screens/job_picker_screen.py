"""Pick a job from all of them, filtering as you type: where a reply in review really belongs (relink)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label

from jobber_tui.core.jobs.queue_rows import QueueRow, fetch_rows
from jobber_tui.core.jobs.search import searcher
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.workspace import Workspace
from jobber_tui.ui import keymap
from jobber_tui.ui.screens.jobber_screen import JobberModalScreen
from jobber_tui.ui.widgets.queue_table import QueueTable


class JobPickerScreen(JobberModalScreen[int | None]):
    """Dismissed with the chosen job's id (`enter`), or None (`esc`). The queues' own table, so 50,000 jobs
    filter as fast here as there; `down` goes from the filter to the list."""

    CSS_PATH = Path(__file__).parent / "job_picker_screen.tcss"
    BINDINGS = [*keymap.JOB_PICKER]
    HELP_TITLE = "Pick a job"

    class Loaded(Message):
        def __init__(self, rows: list[QueueRow]) -> None:
            super().__init__()
            self.rows = rows

    def __init__(self, workspace: Workspace, title: str, *, suggested: int | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.dialog_title = title
        self.suggested = suggested
        """Selected first (the job tracking suggested), so a look and `esc` changes nothing."""

    def compose(self) -> ComposeResult:
        with Vertical(id="job-picker-dialog") as dialog:
            dialog.border_title = self.dialog_title
            dialog.border_subtitle = "type to filter · ↓ list · enter pick · esc cancel"
            yield Input(
                placeholder="search title, employer, location, description…", compact=True, id="job-picker-filter"
            )
            yield QueueTable(clock=self.workspace.clock, search=searcher(self.workspace.reader), id="job-picker-table")
            yield Label("", id="job-picker-count")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = getattr(self.app, "cursor_blink", True)
        table = self.query_one(QueueTable)
        table.with_status = True
        table.empty_message = "Loading jobs…"
        table.sort_by("updated")
        store = self.workspace.reader
        self.app.run_worker(
            lambda: self.post_message(self.Loaded(fetch_rows(store, tuple(JobStatus)))),
            thread=True,
            group="job-picker",
            exclusive=True,
            exit_on_error=False,
        )

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        table = self.query_one(QueueTable)
        table.empty_message = "No jobs yet."
        table.set_rows(message.rows, keep_job=self.suggested)
        self._count()

    @on(Input.Changed, "#job-picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.query_one(QueueTable).set_filter(event.value)
        self._count()

    @on(Input.Submitted, "#job-picker-filter")
    def _pick_from_filter(self) -> None:
        row = self.query_one(QueueTable).current_row
        if row is not None:
            self.dismiss(row.id)

    @on(QueueTable.JobSelected)
    def _picked(self, event: QueueTable.JobSelected) -> None:
        event.stop()
        self.dismiss(event.job_id)

    def action_focus_list(self) -> None:
        self.query_one(QueueTable).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _count(self) -> None:
        table = self.query_one(QueueTable)
        self.query_one("#job-picker-count", Label).update(f"{len(table.shown)} of {len(table.rows)} jobs")
