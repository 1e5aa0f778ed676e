"""A verb on the marked jobs: a progress bar while it runs, then a summary (done, not done and why, failed)."""

from __future__ import annotations

import threading
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Label, ProgressBar, Static

from jobber_tui.core.bulk import BULK_VERBS, BulkSummary, run_bulk
from jobber_tui.core.workspace import Workspace
from jobber_tui.ui import keymap
from jobber_tui.ui.screens.jobber_screen import JobberModalScreen


class BulkScreen(JobberModalScreen[BulkSummary | None]):
    """Dismissed with the summary once the user closes it; `esc` first stops a run (after the current job)."""

    CSS_PATH = Path(__file__).parent / "bulk_screen.tcss"
    BINDINGS = [*keymap.BULK_SCREEN]
    HELP_TITLE = "Several jobs"

    class Progressed(Message):
        def __init__(self, summary: BulkSummary, line: str, finished: bool) -> None:
            super().__init__()
            self.summary, self.line, self.finished = summary, line, finished

    def __init__(self, workspace: Workspace, verb: str, job_ids: list[int]) -> None:
        super().__init__()
        self.workspace = workspace
        self.verb = verb
        self.job_ids = job_ids
        self.summary: BulkSummary | None = None
        """The last progress (the final summary once `finished`)."""
        self.finished = False
        self._cancel = threading.Event()

    def compose(self) -> ComposeResult:
        label = BULK_VERBS[self.verb]
        with Vertical(id="bulk-dialog") as dialog:
            dialog.border_title = f"{label}: {len(self.job_ids)} marked job{'s' * (len(self.job_ids) != 1)}"
            yield ProgressBar(total=len(self.job_ids), show_eta=False, id="bulk-progress")
            yield Label("starting…", id="bulk-last")
            yield Static("", id="bulk-summary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        ws, verb, ids, cancel = self.workspace, self.verb, self.job_ids, self._cancel

        def progressed(summary: BulkSummary, line: str) -> None:
            self.post_message(self.Progressed(summary, line, False))

        def run() -> None:
            summary = run_bulk(ws, verb, ids, cancel=cancel, on_progress=progressed)
            self.post_message(self.Progressed(summary, "", True))

        self.app.run_worker(run, thread=True, group="bulk", exit_on_error=False)

    @on(Progressed)
    def _progressed(self, message: Progressed) -> None:
        summary = self.summary = message.summary
        self.query_one(ProgressBar).update(progress=summary.handled)
        if message.line:
            self.query_one("#bulk-last", Label).update(Content(message.line))
        if message.finished:
            self._finish(summary)

    def _finish(self, summary: BulkSummary) -> None:
        self.finished = True
        self.query_one(ProgressBar).update(progress=summary.total if not summary.cancelled else summary.handled)
        lines = summary.lines()
        shown = lines[:12] + ([f"… and {len(lines) - 12} more"] if len(lines) > 12 else [])
        text = Content.styled(shown[0], "bold")
        if len(shown) > 1:
            text += Content("\n" + "\n".join(shown[1:]))
        self.query_one("#bulk-summary", Static).update(text)
        self.query_one("#bulk-last", Label).update(Content.styled("enter or esc closes", "dim"))
        changed = frozenset(self.job_ids)
        if summary.moves:
            label = {"skip": "skipped", "apply": "marked applied"}.get(self.verb, self.verb)
            self.app.offer_undo(summary.moves, f"{len(summary.moves)} job(s) {label}")
        self.app.broadcast_jobs_changed(changed)
        self.refresh_bindings()

    def action_stop(self) -> None:
        if self.finished:
            self.dismiss(self.summary)
        else:
            self._cancel.set()
            self.query_one("#bulk-last", Label).update("stopping after the current job…")

    def action_close(self) -> None:
        if self.finished:
            self.dismiss(self.summary)
