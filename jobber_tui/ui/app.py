"""The Jobber app: global concerns only. Themes, keymap, palette, job actions in workers and the one
place their errors are shown, noticing writes by other processes, and the PDF watcher (app_watcher.py).
Screens do the rest."""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.app import App, SystemCommand
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from jobber_tui.core.infra.errors import JobberError
from jobber_tui.core.infra.logs import get_logger
from jobber_tui.core.infra.paths import BUNDLED_THEMES
from jobber_tui.core.jobs.queue_rows import fetch_rows_by_id
from jobber_tui.core.jobs.undo import Move
from jobber_tui.core.workspace import Workspace
from jobber_tui.ui import keymap
from jobber_tui.ui.app_watcher import WatchingApp
from jobber_tui.ui.job_actions import RUN_ACTIONS, Done, carry_out, pdf_file
from jobber_tui.ui.mail_sync import MailSync
from jobber_tui.ui.messages import JobsChanged
from jobber_tui.ui.palette import JobCommands
from jobber_tui.ui.screens.jobber_screen import JobberScreen
from jobber_tui.ui.screens.queues_screen import QueuesScreen
from jobber_tui.ui.themes import DEFAULT_THEME, load_themes
from jobber_tui.ui.undo_history import UndoHistory

log = get_logger("ui")
_OPENS = {
    "open_pipeline": "PipelineScreen",
    "open_sources": "SourcesScreen",
    "open_review": "ReviewScreen",
    "open_overview": "OverviewScreen",
    "open_resume": "ResumeScreen",
}
"""Actions that open a screen, and that screen's class (by name: the screens are imported when first opened)."""
POLL_SECONDS = 1.0
"""How often the store is checked for writes by other processes (a CLI in another pane)."""


class JobberApp(WatchingApp):
    """Jobs in queues by status, each turned into a tailored resume PDF."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "Jobber"
    BINDINGS = [*keymap.APP]
    COMMANDS = App.COMMANDS | {JobCommands}

    cursor_blink: bool = True
    """Whether text cursors blink; snapshot tests turn it off so screenshots are stable."""

    def __init__(self, workspace: Workspace, *, watch: bool | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        """Home, config and store of this run."""
        self.watch_on_start = watch
        """Run the PDF watcher from the start: None reads `ui.watch` in config.toml (on unless set
        false), except in headless runs (tests, benches), which start it only when asked."""
        self._watch_stop = None
        self._watch_worker = None
        self.busy_jobs: set[int] = set()
        """Jobs with an action running: their keys are greyed out until it ends."""
        self._action_jobs: dict[Worker[str], int] = {}
        self._notes: list[str] = []
        """Problems found before the screen existed (theme files, [keys]); shown on mount."""
        self._watch: sqlite3.Connection | None = None
        self._data_version: int | None = None
        self.mail_sync = MailSync(self)
        """Reply sync (`Y`, and every `[tracking] interval_minutes`), one at a time."""
        self.undo_history = UndoHistory(self)
        """Moves made here that `ctrl+z` (on the queues) can take back."""
        self._install_themes()

    # -- start-up ---------------------------------------------------------------------------
    def _install_themes(self) -> None:
        themes, problems = load_themes([BUNDLED_THEMES, self.workspace.home.themes_dir])
        self._notes += problems
        for theme in themes:
            self.register_theme(theme)
        wanted = self.workspace.settings.theme
        if wanted not in self.available_themes:
            fallback = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
            self._notes.append(f"theme {wanted!r} (config.toml) is not available; using {fallback}")
            wanted = fallback
        self.theme = wanted

    def on_mount(self) -> None:
        self.set_timer(5.0, gc.enable)  # in case no first paint is ever reported (see `launch`)
        configured = self.workspace.settings.keys
        keys, problems = keymap.read_keymap(configured)
        problems += keymap.clashes(keys)
        self.set_keymap(keys)
        for note in [*self._notes, *problems]:
            self.notify(note, title="Configuration", severity="warning", timeout=12)
        self._tell_startup_sweeps()
        self.theme_changed_signal.subscribe(self, self._save_theme)
        # Read the version before the screen reads any rows: a write in between is then seen.
        self._watch = sqlite3.connect(self.workspace.reader.db_file, check_same_thread=False, isolation_level=None)
        self._poll_store()
        self.push_screen(QueuesScreen(self.workspace))
        self.set_interval(POLL_SECONDS, self._poll_store)
        self.mail_sync.schedule()

    def _tell_startup_sweeps(self) -> None:
        ws = self.workspace
        if ws.recovered:
            ids = ", ".join(map(str, ws.recovered))
            self.notify(f"Back in Discovered after an interrupted run: job {ids}", severity="warning")
        if ws.expired:
            self.notify(f"{len(ws.expired)} job(s) expired (deadline passed) and moved to Expired")

    def first_screen_painted(self) -> None:
        """Called once the first screen is on the terminal; the start-up bench hooks in here."""
        gc.enable()  # `launch` paused the cycle collector for the start-up
        fd = os.environ.get("JOBBER_BENCH_FIRST_PAINT_FD")
        if fd:
            os.write(int(fd), b"painted\n")
        if os.environ.get("JOBBER_BENCH_EXIT_AFTER_FIRST_PAINT"):
            self.exit(0)
            return
        # SQLAlchemy (the store's write side) loads now, in a thread, so the first edit or move does not
        # wait for it; the first screen read its rows without it (the workspace's reader).
        self.workspace.open_store_in_background()
        # After the first paint, so the watcher's imports (watchfiles, Typst) never delay it.
        wanted = self.watch_on_start
        if wanted is None:
            wanted = not self.is_headless and self.workspace.settings.ui.watch
        self._set_watching(wanted)

    def on_unmount(self) -> None:
        self.mail_sync.stop()
        if self._watch_stop is not None:  # its thread ends within ~0.3 s; Python waits for it at exit
            self._watch_stop.set()
        if self._watch is not None:
            self._watch.close()

    # -- themes -----------------------------------------------------------------------------
    def _save_theme(self, theme: Theme) -> None:
        config = self.workspace.config
        if config.settings.theme != theme.name:
            try:
                config.set_value(("theme",), theme.name)
            except (OSError, JobberError) as exc:
                self.notify(f"cannot save the theme: {exc}", severity="error")

    # -- job actions ------------------------------------------------------------------------
    def run_job_action(self, action: str, job_id: int) -> None:
        """Run process / generate-pdf / skip / apply / reopen on a job in a worker."""
        if action not in RUN_ACTIONS:
            raise ValueError(f"unknown job action {action!r}")
        if job_id in self.busy_jobs:
            self.notify(f"Job {job_id} is still busy with an earlier action", severity="warning")
            return
        self.busy_jobs.add(job_id)
        self._action_jobs[self._job_action(action, job_id)] = job_id
        self.broadcast_jobs_changed(frozenset({job_id}))

    @work(thread=True, group="job-actions", exit_on_error=False)
    def _job_action(self, action: str, job_id: int) -> Done:
        return carry_out(self.workspace, action, job_id)

    def run_job_verb(self, verb: str, job_id: int) -> None:
        """Any verb of `job_actions.VERBS` (opening the posting or the PDF, editing the fields included)."""
        from jobber_tui.ui import job_dialogs

        if verb == "edit":
            job_dialogs.edit_fields(self, job_id)
            return
        if verb == "reopen" and job_dialogs.reopen_needs_deadline(self, job_id):
            return  # the dialog offers to extend or clear the deadline, then reopens
        if verb in RUN_ACTIONS:
            self.run_job_action(verb, job_id)
            return
        from jobber_tui.ui.open_external import open_pdf, open_posting

        rows = fetch_rows_by_id(self.workspace.reader, [job_id])
        if not rows:
            self.notify(f"no job with id {job_id}", severity="error")
        elif verb == "open-posting":
            if rows[0].job_url:
                open_posting(self, rows[0].job_url)
            else:
                self.notify(f"Job {job_id} has no posting URL", severity="warning")
        elif verb == "open-pdf":
            path = pdf_file(self.workspace, rows[0].pdf_path)
            if path is None:
                self.notify(f"Job {job_id} has no PDF yet", severity="warning")
            else:
                open_pdf(self, path)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        screen = self.screen
        if action == "refresh_preview":  # only where a preview is
            return bool(screen.query("PdfPreview"))
        if action in _OPENS:  # not over a dialog, nor on the screen the key opens (it would do nothing)
            return not isinstance(screen, ModalScreen) and type(screen).__name__ != _OPENS[action]
        return True

    @on(Worker.StateChanged)
    def _worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker is self._watch_worker and event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            self._watch_worker = None
            self._set_watching(False)  # a watcher that died is off, and says so
        if event.state is WorkerState.ERROR:
            self.report_worker_error(worker)
        if worker in self._action_jobs and event.state in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            job_id = self._action_jobs.pop(worker)
            self.busy_jobs.discard(job_id)
            if event.state is WorkerState.SUCCESS and worker.result:
                done = worker.result
                if isinstance(done, Done) and done.move is not None:
                    self.offer_undo([done.move], done.message)
                else:
                    self.notify(str(getattr(done, "message", done)), timeout=4, markup=False)
                for warning in getattr(done, "warnings", ()):
                    self.notify(warning, title=f"Job {job_id}", severity="warning", timeout=12, markup=False)
            self.broadcast_jobs_changed(frozenset({job_id}))

    # -- undo -------------------------------------------------------------------------------
    def offer_undo(self, moves: list[Move], message: str) -> None:
        """Remember moves for `ctrl+z` (on the queues) and say so in a toast naming the key."""
        self.undo_history.offer(moves, message)

    def undo_last(self) -> None:
        """Take back the newest group of moves (the store refuses when a job changed since)."""
        self.undo_history.undo_last()

    def report_worker_error(self, worker: Worker[object]) -> None:
        """The one place worker failures reach the user. Worker.StateChanged does not bubble, so screens and
        widgets that run their own workers hand failures here."""
        error = worker.error
        if isinstance(error, JobberError):
            self.notify(str(error), severity="error", timeout=10, markup=False)
        else:
            log.error("worker failed", exc_info=error, extra={"data": {"worker": worker.name}})
            self.notify(
                f"{type(error).__name__}: {error}", title="Unexpected error", severity="error", timeout=15, markup=False
            )

    def broadcast_jobs_changed(self, job_ids: frozenset[int] = frozenset()) -> None:
        """Tell every screen (not only the top one) that these jobs (or any, if empty) changed."""
        for screen in self.screen_stack:
            screen.post_message(JobsChanged(job_ids))

    def _poll_store(self) -> None:
        # A connection of our own: PRAGMA data_version only compares within one connection, and
        # pooled connections would take turns (spurious changes).
        if self._watch is None:
            return
        self.workspace.send_webhooks()  # deliveries queued by this process's moves (no-op without hooks)
        version = int(self._watch.execute("PRAGMA data_version").fetchone()[0])
        if self._data_version is not None and version != self._data_version:
            self.broadcast_jobs_changed()
        self._data_version = version

    # -- mail replies (reply tracking) -----------------------------------------------------
    def action_mail_sync(self) -> None:
        """Read new replies now and route them (`Y`, the palette's "Sync mail replies")."""
        self.mail_sync.start()

    @on(Worker.StateChanged)
    def _mail_sync_ended(self, event: Worker.StateChanged) -> None:
        self.mail_sync.finished(event.worker)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Keys":  # Textual's key panel: ours lists the keys with their ids
                yield SystemCommand("Keys", "Show the keys of this screen (? or F1)", self.action_help)
            elif command.title == "Screenshot":  # ours says where it saved, or why it could not
                yield SystemCommand(
                    "Screenshot",
                    "Save an SVG of this screen under the data folder's screenshots/",
                    lambda: self.set_timer(0.1, self.action_screenshot),
                )
            else:
                yield command
        yield SystemCommand(
            "Sync mail replies", "Read new replies and route them to your jobs (Y)", self.action_mail_sync
        )
        yield SystemCommand(
            "Review inbox", "Replies waiting for your decision: approve, relink, dismiss (I)", self.action_open_review
        )
        yield SystemCommand(
            "Run pipeline…",
            "Discover, score and build PDFs for the best jobs, with progress (P)",
            self.action_open_pipeline,
        )
        yield SystemCommand(
            "Boards…", "The job boards discovery reads: add, remove, discover now (B)", self.action_open_sources
        )
        yield SystemCommand(
            "Overview",
            "How the search is going: funnel, applications per week, replies, scores (O)",
            self.action_open_overview,
        )
        yield SystemCommand("Add job…", "By link, a pasted description, or a JSON/CSV file (n)", self.action_add_job)
        yield SystemCommand("Base resume…", "View it, import a file, edit it in $EDITOR (M)", self.action_open_resume)

    async def action_quit(self) -> None:
        """`q`, ctrl+q and the palette's Quit: first ask about unsaved edits of an open job."""
        for screen in self.screen_stack:
            if isinstance(screen, JobberScreen) and screen.has_unsaved_edits():
                if not isinstance(self.screen, ModalScreen):  # over a dialog (that question?), answer it first
                    screen.ask_before_leaving("quit")
                return
        self.exit()
