"""`P`: run the pipeline and watch it: per-board and per-job progress, a summary, the last runs.

The run goes in a thread worker. Its progress events land in an inbox and one `Progressed` message
per burst tells the screen to drain it, so the run never waits for the UI and fifty events in a row
are one redraw. `c`/`esc` sets the run's cancel event: the core stops at the next safe point (a job
being built is finished or reverted), so every job stays valid. Leaving the app cancels the same way.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from jobber_tui.ui.screens.jobber_screen import JobberScreen

from ...core.discovery.run_report import RunProgress, summary_lines
from ...core.discovery.searches import specs_from_config as searches_from_config
from ...core.discovery.sources import specs_from_config
from ...core.infra.progress import ProgressEvent
from ...core.workspace import Workspace
from .. import keymap
from ..messages import JobsChanged
from ..widgets.job_progress_view import JobProgressView
from ..widgets.pipeline_options import PipelineOptions
from ..widgets.run_history_table import RunHistoryTable
from ..widgets.source_progress_table import SourceProgressTable

if TYPE_CHECKING:
    from ...core.discovery.pipeline import PipelineResult

RECENT_RUNS = 8
NO_BOARDS = (
    "No job boards configured: press B to add one (or `jobber sources add greenhouse BOARD`), and no "
    'searches (`jobber searches add himalayas "python"`). A run without them still expires, scores and '
    "processes the jobs you already have."
)


class EventInbox:
    """Progress events from the run's thread, drained by the UI thread all at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: list[ProgressEvent] = []

    def put(self, event: ProgressEvent) -> bool:
        """Keep the event; True when the inbox was empty, i.e. the UI must be told."""
        with self._lock:
            self._events.append(event)
            return len(self._events) == 1

    def drain(self) -> list[ProgressEvent]:
        with self._lock:
            events, self._events = self._events, []
        return events


class PipelineScreen(JobberScreen[None]):
    """Options on top, then the boards, the jobs and the summary of the run on show, then the last runs."""

    CSS_PATH = Path(__file__).parent / "pipeline_screen.tcss"
    BINDINGS = [*keymap.PIPELINE_SCREEN]
    HELP_TITLE = "Pipeline"
    AUTO_FOCUS = "#option-run"

    phase: reactive[str] = reactive("idle")
    """idle (no run yet), running, cancelling, done (the last run has returned)."""

    class Progressed(Message):
        """Events are waiting in `inbox`; one message stands for any number of them."""

        def __init__(self, inbox: EventInbox) -> None:
            super().__init__()
            self.inbox = inbox

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, PipelineScreen.Progressed) and message.inbox is self.inbox

    class Finished(Message):
        """The run returned (completed, failed or cancelled) after `seconds`."""

        def __init__(self, inbox: EventInbox, result: PipelineResult, seconds: float) -> None:
            super().__init__()
            self.inbox, self.result, self.seconds = inbox, result, seconds

    class RunsLoaded(Message):
        def __init__(self, runs: list[dict[str, Any]]) -> None:
            super().__init__()
            self.runs = runs

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.progress = RunProgress.for_sources(self._board_labels())
        """The run on show (before the first run: the configured boards, waiting)."""
        self._inbox = EventInbox()
        self._cancel: threading.Event | None = None
        """Set to stop the running run at its next safe point."""

    def compose(self) -> ComposeResult:
        config = self.workspace.config
        yield Static(id="pipeline-state")
        yield PipelineOptions(config.settings.pipeline.top, config.settings.pipeline.min_score, id="pipeline-options")
        with VerticalScroll(id="pipeline-body"):
            yield Static("", id="pipeline-summary", markup=False)  # first: what a user looks for at the end
            yield Static("Boards and searches", classes="section")
            yield Static(NO_BOARDS, id="no-boards", markup=False)
            yield SourceProgressTable(id="pipeline-sources")
            yield Static("Jobs", classes="section")
            yield JobProgressView(id="pipeline-jobs")
            yield Static("Recent runs", classes="section")
            yield Static("No runs yet.", id="no-runs")
            yield RunHistoryTable(id="pipeline-runs")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_progress()
        self._show_state()
        self._load_runs()

    def on_screen_resume(self) -> None:
        if self.phase == "idle":  # boards may have been added or removed meanwhile (B)
            self.progress = RunProgress.for_sources(self._board_labels())
            self._show_progress()

    def on_unmount(self) -> None:
        if self._cancel is not None:  # the app is closing: stop at the next safe point, not mid-job
            self._cancel.set()

    def _board_labels(self) -> list[str]:
        settings = self.workspace.settings
        labels = [spec.label for spec in specs_from_config(settings.sources)]
        return list(dict.fromkeys(labels + [spec.label for spec in searches_from_config(settings.searches)]))

    # -- running -----------------------------------------------------------------------------
    @on(PipelineOptions.RunRequested)
    def _run_requested(self) -> None:
        self.action_run()

    def action_run(self) -> None:
        if self.phase in ("running", "cancelling"):
            return
        top, min_score, dry_run = self.query_one(PipelineOptions).values()
        self.progress = RunProgress.for_sources(self._board_labels())
        self._inbox = EventInbox()  # a fresh one: nothing late from an earlier run can reach this one
        self._cancel = threading.Event()
        self._show_summary("")
        self.phase = "running"
        self._show_progress()
        self._run(_number(top), _number(min_score), dry_run, self._cancel, self._inbox)

    @work(thread=True, exclusive=True, group="pipeline", exit_on_error=False)
    def _run(
        self, top: int | None, min_score: int | None, dry_run: bool, cancel: threading.Event, inbox: EventInbox
    ) -> None:
        from ...core.discovery.pipeline import run_pipeline  # heavy (HTTP, scoring, PDFs): only once a run starts

        def forward(event: ProgressEvent) -> None:  # on this thread; must be quick and never block
            if inbox.put(event):
                self._post(self.Progressed(inbox))

        started = time.monotonic()
        result = run_pipeline(
            self.workspace, top=top, min_score=min_score, dry_run=dry_run, on_progress=forward, cancel=cancel
        )
        self._post(self.Finished(inbox, result, time.monotonic() - started))

    def _post(self, message: Message) -> None:
        try:
            self.post_message(message)
        except RuntimeError:  # the event loop has closed under a run finishing at exit
            pass

    def action_cancel(self) -> None:
        if self.phase == "running" and self._cancel is not None:
            self._cancel.set()
            self.phase = "cancelling"

    def action_back(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        busy = self.phase in ("running", "cancelling")
        if action == "run":
            return None if busy else True  # greyed while a run goes
        if action == "cancel":
            return True if self.phase == "running" else (None if busy else False)
        if action == "back":
            return not busy
        return True

    @on(Progressed)
    def _progressed(self, message: Progressed) -> None:
        self._take_events(message.inbox)

    def _take_events(self, inbox: EventInbox) -> None:
        events = inbox.drain()
        if inbox is not self._inbox:  # late events of an earlier run
            return
        for event in events:
            self.progress.apply(event)
        self._show_progress()
        self._show_state()

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        if message.inbox is not self._inbox:
            return
        self._take_events(message.inbox)
        result = message.result
        self.progress.status = result.status
        self.progress.take_sources(result.sources)
        self._show_summary("\n".join(summary_lines(result, message.seconds)))
        self._ended()

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        self.app.report_worker_error(event.worker)  # it does not bubble there
        if event.worker.group != "pipeline":
            return
        self.progress.status = "failed"
        error = event.worker.error
        self._show_summary(f"The run stopped: {error}")
        self._ended()

    def _ended(self) -> None:
        self._cancel = None
        self.phase = "done"
        self._show_progress()
        self.query_one("#option-run").focus()
        self.app.broadcast_jobs_changed()

    # -- the last runs ---------------------------------------------------------------------------
    @on(JobsChanged)
    def _jobs_changed(self) -> None:
        self._load_runs()  # any write (this run, a CLI run in another pane) may be a run

    @work(thread=True, exclusive=True, group="pipeline-runs", exit_on_error=False)
    def _load_runs(self) -> None:
        from ...core.discovery.store import list_runs

        self._post(self.RunsLoaded(list_runs(self.workspace.store, limit=RECENT_RUNS)))

    @on(RunsLoaded)
    def _runs_loaded(self, message: RunsLoaded) -> None:
        table = self.query_one(RunHistoryTable)
        table.show(message.runs)
        table.display = bool(message.runs)
        self.query_one("#no-runs").display = not message.runs

    # -- display -----------------------------------------------------------------------------
    def watch_phase(self) -> None:
        self.query_one(PipelineOptions).disabled = self.phase in ("running", "cancelling")
        self.refresh_bindings()
        self._show_state()

    def _show_progress(self) -> None:
        progress = self.progress
        sources = self.query_one(SourceProgressTable)
        sources.show(progress.sources.values())
        sources.display = bool(progress.sources)
        self.query_one("#no-boards").display = not progress.sources
        if self.phase != "idle":  # before the first run the jobs part stays empty
            self.query_one(JobProgressView).show(progress)

    def _show_summary(self, text: str) -> None:
        summary = self.query_one("#pipeline-summary", Static)
        summary.update(text)
        summary.set_class(bool(text), "-shown")

    def _show_state(self) -> None:
        progress, phase = self.progress, self.phase
        run = f"Run {progress.run_id}" if progress.run_id else "The run"
        if phase == "idle":
            text = Content("Pipeline: r runs it (discover, score, build the best jobs' PDFs); tab: options")
        elif phase == "running":
            text = Content.styled(f"{run} running: {progress.step or 'starting'}", "bold $text-warning")
        elif phase == "cancelling":
            text = Content.styled(f"{run}: cancelling… (a job being built is finished first)", "bold $text-warning")
        elif progress.status == "cancelled":
            text = Content.styled(f"{run} cancelled: every job is in a valid state. r runs again.", "$text-warning")
        elif progress.status == "completed":
            text = Content.styled(f"{run} completed. r runs again, esc goes back.", "bold $text-success")
        else:
            text = Content.styled(f"{run} {progress.status or 'failed'}: see below. r runs again.", "bold $text-error")
        self.query_one("#pipeline-state", Static).update(text)


def _number(text: str) -> int | None:
    """An option as typed: empty means the config's value; the core checks the range."""
    text = text.strip()
    return int(text) if text.lstrip("-").isdigit() else None
