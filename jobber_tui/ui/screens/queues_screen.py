"""The main screen: the queues as tabs over one virtual table, a filter line and a status line.

Rows are loaded per queue when it is first shown; counts come from one GROUP BY. After an action
only the changed jobs are re-read; after an outside change the open queue is reloaded in a worker,
and any other queue in a worker when it is next shown.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from jobber_tui.core.jobs.queue_rows import (
    QUEUE_BY_KEY,
    QUEUES,
    QueueRow,
    count_by_status,
    count_reviews,
    fetch_rows,
    fetch_rows_by_id,
    queue_count,
)
from jobber_tui.core.jobs.search import SearchQuery, filter_rows, searcher
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.workspace import Workspace
from jobber_tui.ui import keymap
from jobber_tui.ui.job_actions import verb_allowed, verb_fits
from jobber_tui.ui.messages import JobsChanged
from jobber_tui.ui.screens.jobber_screen import JobberScreen
from jobber_tui.ui.widgets.filter_input import FilterInput
from jobber_tui.ui.widgets.queue_status import QueueStatus
from jobber_tui.ui.widgets.queue_table import QueueTable
from jobber_tui.ui.widgets.queue_tabs import QueueTabs

_EMPTY = {
    "discovered": "No jobs to look at. Press n to add one (a link, a pasted description or a file).",
    "ready": "No job is ready yet. Select a discovered job and press f to finalize it.",
    "applied": "You have not marked any job applied yet.",
    "skipped": "No skipped jobs.",
    "expired": "No expired jobs.",
    "all": "No jobs yet.",
}


class QueuesScreen(JobberScreen[None]):
    """Jobs by status; verbs on the selected job; switch queues with 1-6 and [ ]."""

    CSS_PATH = Path(__file__).parent / "queues_screen.tcss"
    BINDINGS = [*keymap.QUEUES_SCREEN]
    HELP_TITLE = "Queues"

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.queue: str = QUEUES[0].key
        """Key of the queue on show (see core.queue_rows.QUEUES)."""
        self.counts: dict[JobStatus, int] = {}
        self.to_review: int = 0
        """Replies waiting in the review inbox, for the status line."""
        self._rows: dict[str, list[QueueRow]] = {}
        """Loaded queues; a queue is read from the store the first time it is shown."""
        self._stale: set[str] = set()
        self._selected: dict[str, int] = {}
        """Per queue, the job selected when the user left it."""
        self._binding_state: tuple[object, ...] | None = None
        self._searcher = searcher(workspace.reader)
        self._search: tuple[str, SearchQuery, frozenset[int] | None] = ("", SearchQuery(), None)
        """The last search run (text, query, ids), for the tab counts and the status line."""

    def compose(self) -> ComposeResult:
        yield QueueTabs(id="tabs")
        yield FilterInput(id="filter")
        yield QueueTable(
            clock=self.workspace.clock, busy=getattr(self.app, "busy_jobs", None), search=self.search, id="table"
        )
        yield QueueStatus(id="status")
        yield Footer(compact=True)

    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    @property
    def selected_job_id(self) -> int | None:
        """The job the palette's job commands act on."""
        row = self.table.current_row
        return row.id if row else None

    def on_mount(self) -> None:
        # The workspace's reader (sqlite3): the first screen never waits for SQLAlchemy.
        self.counts = count_by_status(self.workspace.reader)
        self.to_review = count_reviews(self.workspace.reader)
        self.show_queue(self.queue)
        self.table.focus()
        first_paint = getattr(self.app, "first_screen_painted", None)
        if first_paint is not None:
            self.call_after_refresh(first_paint)

    # -- queues -----------------------------------------------------------------------------
    def show_queue(self, key: str) -> None:
        table = self.table
        if table.current_row is not None:
            self._selected[self.queue] = table.current_row.id
        self.queue = key
        if key not in self._rows:  # read once; 50,000 jobs take ~150 ms, so never again on this thread
            self._rows[key] = fetch_rows(self.workspace.reader, QUEUE_BY_KEY[key].statuses)
        elif key in self._stale:  # shown as last read, and brought up to date by a worker
            self._reload_in_background(key)
        table.with_status = key == "all"
        table.with_stage = key == "applied"
        table.empty_message = _EMPTY[key]
        table.set_rows(self._rows[key], keep_job=self._selected.get(key))
        if key not in self._selected:
            table.cursor = 0
        self._show_counts()

    def select_job(self, job_id: int, status: str) -> None:
        """Show the job's queue with the job selected (filter cleared if it hid the job)."""
        key = next((q.key for q in QUEUES if status in q.statuses), "all")
        self._selected[key] = job_id
        if key in self._stale:  # the job may be new: read the queue now rather than after a reload
            self._rows.pop(key, None)
            self._stale.discard(key)
        self.show_queue(key)
        if not self.table.select_job(job_id):
            self.query_one(FilterInput).action_close(True)
            self.table.set_filter("")
            self.table.select_job(job_id)
        self.table.focus()

    def action_show_queue(self, key: str) -> None:
        self.show_queue(key)

    def action_step_queue(self, step: int) -> None:
        keys = [queue.key for queue in QUEUES]
        self.show_queue(keys[(keys.index(self.queue) + step) % len(keys)])

    def action_undo(self) -> None:
        self.app.undo_last()

    def action_refresh(self) -> None:
        self.post_message(JobsChanged())
        self.notify("Reloaded from the database", timeout=2)

    @on(QueueTabs.Selected)
    def _tab_clicked(self, event: QueueTabs.Selected) -> None:
        self.show_queue(event.queue)

    # -- search -----------------------------------------------------------------------------
    def search(self, text: str) -> tuple[SearchQuery, frozenset[int] | None]:
        """The query and the ids its words match (core/jobs/search.py), asked of the store once per text."""
        query, ids = self._searcher(text)
        self._search = (text, query, ids)
        return query, ids

    def action_filter(self) -> None:
        self.query_one(FilterInput).open(return_to=self.table)
        if "all" not in self._rows:  # the tabs count matches in every queue: read them all once, off this thread
            self._stale.add("all")
            self._rows["all"] = []
            self._reload_in_background("all")

    def action_clear_filter(self) -> None:
        self.query_one(FilterInput).action_close(True)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.table.set_filter(event.value)
        self._show_counts()

    # -- marks and verbs on several jobs ----------------------------------------------------
    def action_toggle_mark(self) -> None:
        row = self.table.current_row
        if row is not None:
            self.table.toggle_mark(row.id)
            self.table.cursor += 1
            self._marks_changed()

    def action_mark_step(self, step: int) -> None:
        row = self.table.current_row
        if row is not None:
            self.table.mark([row.id])
            self.table.cursor += step
            self._marks_changed()

    def action_mark_all(self) -> None:
        self.table.mark([row.id for row in self.table.shown])
        self._marks_changed()

    def action_clear_marks(self) -> None:
        self.table.clear_marks()
        self._marks_changed()

    def action_add_job(self) -> None:
        self.app.action_add_job()

    def _marks_changed(self) -> None:
        self.refresh_bindings()
        self._show_status()

    def _run_bulk(self, verb: str) -> None:
        from jobber_tui.ui.screens.bulk_screen import BulkScreen

        marked = [row.id for row in self.table.shown if row.id in self.table.marked]
        marked += sorted(self.table.marked - set(marked))  # marked, then hidden by the search since
        self.app.push_screen(BulkScreen(self.workspace, verb, marked), lambda _done: self.action_clear_marks())

    # -- verbs on the selected job ----------------------------------------------------------
    def action_job(self, verb: str) -> None:
        from jobber_tui.core.bulk import BULK_VERBS

        if self.table.marked and verb in BULK_VERBS:
            self._run_bulk(verb)
            return
        row = self.table.current_row
        if row is not None and self._allowed(verb, row):
            self.app.run_job_verb(verb, row.id)

    def _allowed(self, verb: str, row: QueueRow) -> bool:
        busy = row.id in getattr(self.app, "busy_jobs", ())
        return verb_allowed(verb, row.status, busy=busy, has_url=bool(row.job_url), has_pdf=bool(row.pdf_path))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Verbs the selected job's status refuses are hidden; all are greyed while it is busy."""
        if action == "filter":  # "/" is typed as itself while the filter has the focus
            return not isinstance(self.focused, FilterInput)
        if action == "clear_filter":  # esc means something only while a filter is on (and no marks)
            return bool(self.table.filter_text) and not self.table.marked
        if action == "clear_marks":
            return bool(self.table.marked)
        if action != "job":
            return True
        verb = str(parameters[0])
        if self.table.marked:  # with marks, the bulk verbs act on them and the others wait
            from jobber_tui.core.bulk import BULK_VERBS

            return verb in BULK_VERBS
        row = self.table.current_row
        if row is None:
            return False
        if not verb_fits(verb, row.status, has_url=bool(row.job_url), has_pdf=bool(row.pdf_path)):
            return False
        return True if self._allowed(verb, row) else None

    @on(QueueTable.JobSelected)
    def _open_job(self, event: QueueTable.JobSelected) -> None:
        try:
            from jobber_tui.ui.screens.job_screen import JobScreen
        except ImportError as exc:
            if exc.name != "jobber_tui.ui.screens.job_screen":
                raise
            self.notify("The job view is not part of this build yet.", severity="warning")
            return
        self.app.push_screen(JobScreen(self.workspace, event.job_id))

    @on(QueueTable.CursorMoved)
    def _cursor_moved(self) -> None:
        # The footer is rebuilt on every refresh_bindings: only when the keys that apply change.
        row = self.table.current_row
        state = (
            (row.status, row.id in getattr(self.app, "busy_jobs", ()), bool(row.job_url), bool(row.pdf_path))
            if row
            else None
        )
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()
        self._show_status()

    # -- changes from elsewhere -------------------------------------------------------------
    @on(JobsChanged)
    def _jobs_changed(self, event: JobsChanged) -> None:
        self._searcher.forget()  # a job's words may have changed
        if self.table.filter_text:
            self.table.set_filter(self.table.filter_text)
        store = self.workspace.reader
        self.counts = count_by_status(store)
        self.to_review = count_reviews(store)
        if event.job_ids:
            self._patch_rows(event.job_ids, fetch_rows_by_id(store, event.job_ids))
        else:
            self._stale = set(self._rows)
            self._reload_in_background(self.queue)
            if self.table.filter_text and self.queue != "all" and "all" in self._rows:
                self._reload_in_background("all")  # the tabs count the search's matches in every queue
        self._show_counts()
        self.refresh_bindings()

    def _patch_rows(self, job_ids: frozenset[int], fresh: list[QueueRow]) -> None:
        current = self.table.current_row
        for key, rows in self._rows.items():
            statuses = QUEUE_BY_KEY[key].statuses
            rows[:] = [row for row in rows if row.id not in job_ids]
            rows.extend(row for row in fresh if row.status in statuses)
        self.table.set_rows(self._rows[self.queue], keep_job=current.id if current else None)

    def _reload_in_background(self, key: str) -> None:
        statuses = QUEUE_BY_KEY[key].statuses
        store = self.workspace.reader

        def load() -> None:
            rows = fetch_rows(store, statuses)
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._reloaded, key, rows)

        # An app worker, so a failure is reported by the app's one error handler.
        self.app.run_worker(load, thread=True, group=f"queue-reload-{key}", exclusive=True, exit_on_error=False)

    def _reloaded(self, key: str, rows: list[QueueRow]) -> None:
        self._rows[key] = rows
        self._stale.discard(key)
        if key == self.queue:
            current = self.table.current_row
            self.table.set_rows(rows, keep_job=current.id if current else None)
        if self.table.filter_text:
            self._show_counts()

    # -- display ----------------------------------------------------------------------------
    def _show_counts(self) -> None:
        counts = {queue.key: queue_count(queue, self.counts) for queue in QUEUES}
        _, query, ids = self._search
        if self.table.filter_text and not query.empty and "all" not in self._stale and "all" in self._rows:
            matched: dict[JobStatus, int] = dict.fromkeys(JobStatus, 0)
            for row in filter_rows(self._rows["all"], query, ids):
                if row.status in matched:
                    matched[JobStatus(row.status)] += 1
            counts = {queue.key: queue_count(queue, matched) for queue in QUEUES}
        self.query_one(QueueTabs).show(self.queue, counts)
        self._show_status()

    def _show_status(self) -> None:
        table = self.table
        queue = QUEUE_BY_KEY[self.queue]
        shown, total = len(table.shown), len(table.rows)
        position = f"{table.cursor + 1}/{shown}" if shown else "0"
        arrow = "▼" if table.sort_reverse else "▲"
        where = f"{queue.label} {position} · sort {table.sort_column.header.lower()}{arrow}"
        if table.filter_text:
            where += f" · search “{table.filter_text}” {shown} of {total}"
            problems = self._search[1].problems
            if problems:
                where += f" · {problems[0]}"
        if table.marked:
            where += f" · {len(table.marked)} marked (x a f # act on them, esc clears)"
        processing = self.counts.get(JobStatus.PROCESSING, 0)
        busy = len(getattr(self.app, "busy_jobs", ()))
        working = f"⟳ {processing} processing" if processing else (f"⟳ {busy} working" if busy else "")
        self.query_one(QueueStatus).show(where, working, self.to_review)
