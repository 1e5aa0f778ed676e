"""One job: its description, the tailoring editor, its PDF, its timeline and the Ghostwriter, with its verbs.

Keys: letters are verbs (`f` finalize, `r` regenerate, `x` skip, `a` applied, `u` reopen,
`o` posting, `p` PDF, `e` $EDITOR) and never fire while typing, because text fields take
printable keys first. So the external editor has two keys: `ctrl+e` inside a field (works
while typing) and `e` on the Description/Tailor tabs when focus is not in a text field
(it edits the field last used, the description at first). `esc` in a text field only
leaves the field, so the letter verbs are one key away; `esc` elsewhere leaves the screen,
asking first (Save / Discard / Cancel) when there are unsaved edits. The Ghostwriter tab's own keys
are listed in `widgets/ghostwriter_pane.py` (while an answer streams, `esc` stops it instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.lazy import Lazy
from textual.message import Message
from textual.widgets import Footer, Input, Static, TabbedContent, TabPane, Tabs, TextArea
from textual.worker import Worker, WorkerState, get_current_worker

from jobber_tui.ui.screens.jobber_screen import JobberScreen

from ...core.infra.errors import BadInput, JobberError
from ...core.jobs.models import Job, JobEvent
from ...core.jobs.states import JobStatus
from ...core.workspace import Workspace
from .. import keymap
from ..job_actions import verb_allowed, verb_fits
from ..messages import JobsChanged
from ..widgets.description_view import DescriptionView
from ..widgets.ghostwriter_pane import GhostwriterPane
from ..widgets.job_header import JobHeader, facts_line
from ..widgets.pdf_panel import PdfPanel
from ..widgets.project_picker import Project, projects_of
from ..widgets.tailor_editor import TailorEditor
from ..widgets.timeline_view import TimelineView
from ..widgets.watch_indicator import WatchIndicator
from .confirm_screen import ConfirmScreen

TABS = ("description", "tailor", "pdf", "timeline", "ghostwriter")
STATUS_STYLE = {
    "discovered": "$text-primary",
    "processing": "$text-warning",
    "ready": "$text-success",
    "applied": "$text-accent",
    "skipped": "$text-muted",
    "expired": "$text-error",
}


@dataclass(frozen=True)
class JobSnapshot:
    """Everything the screen shows, read together off the UI thread."""

    job: Job
    events: list[JobEvent]
    pdf: dict[str, Any] | None
    pdf_problem: str | None
    projects: list[Project]
    projects_note: str | None


class JobScreen(JobberScreen[None]):
    """Edits are kept in the editor until saved; a reload never overwrites them."""

    CSS_PATH = Path(__file__).parent / "job_screen.tcss"
    HELP_TITLE = "Job"
    AUTO_FOCUS = "#description-view"
    BINDINGS = [*keymap.JOB_SCREEN]

    class Loaded(Message):
        def __init__(self, snapshot: JobSnapshot) -> None:
            super().__init__()
            self.snapshot = snapshot

    class JobRead(Message):
        """The job itself, read first: its description and header show before the slower facts."""

        def __init__(self, job: Job) -> None:
            super().__init__()
            self.job = job

    class Saved(Message):
        def __init__(self, job: Job, then: str | None) -> None:
            super().__init__()
            self.job = job
            self.then = then

    def __init__(self, workspace: Workspace, job_id: int) -> None:
        super().__init__()
        self.workspace = workspace
        self.job_id = job_id
        self.snapshot: JobSnapshot | None = None
        """What was last read from the store; None until the first load finishes."""
        self.description_view = DescriptionView(id="description-view")
        self.editor = TailorEditor(id="tailor-editor")
        self.pdf_panel = PdfPanel(id="pdf-panel")
        self.timeline = TimelineView(id="timeline-view")
        self.ghostwriter = GhostwriterPane(workspace, job_id, id="ghostwriter-pane")
        self._first: Job | None = None
        """The job as read when the screen was made: one row by key (~1 ms even with a 50,000-character
        description), read here so the first paint already shows the description and the header."""
        try:
            self._first = workspace.store.get(job_id)
        except JobberError:
            pass  # the load worker reports it
        else:
            self.description_view.show(self._first.job_description)

    def compose(self) -> ComposeResult:
        with Vertical(id="job-top"):
            yield JobHeader(self.job_id, id="job-header")
            with Horizontal(id="job-status-row"):
                yield Static("", id="job-state")
                yield WatchIndicator(id="job-watch")  # the PDF watcher: on/off and its last event
        with TabbedContent(id="job-tabs"):
            with TabPane("1 Description", id="description"):
                yield self.description_view  # shown first, so not lazy
            with TabPane("2 Tailor", id="tailor"):
                yield Lazy(self.editor)
            with TabPane("3 PDF", id="pdf"):
                yield self.pdf_panel
            with TabPane("4 Timeline", id="timeline"):
                yield Lazy(self.timeline)
            with TabPane("5 Ghostwriter", id="ghostwriter"):
                yield Lazy(self.ghostwriter)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self._first is not None:
            self.query_one(JobHeader).show(self._first, self.workspace.store.today())
            # The rest (PDF status, timeline, resume) after the first paint: its thread would hold the GIL.
            self.call_after_refresh(self.load)
        else:
            self.load()

    # -- loading ----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="job-load", exit_on_error=False)
    def load(self) -> None:
        """Read the job, its timeline, PDF status and the resume's projects; post `Loaded`."""
        ws, job_id = self.workspace, self.job_id
        try:
            job = ws.store.get(job_id)
            if self.snapshot is None:  # the first load: the description need not wait for the PDF's status
                self.post_message(self.JobRead(job))
            events = ws.store.events(job_id)
        except JobberError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        pdf, problem = None, None
        try:
            from ...core.resume.pdf_status import pdf_status

            pdf = pdf_status(ws, job_id)
        except Exception as exc:  # noqa: BLE001 - a broken PDF must not take the whole screen down
            problem = f"cannot read the PDF status: {exc}"
        projects, note = [], None
        try:
            from ...core.resume.base import load_resume

            projects = projects_of(load_resume(ws.home))
        except JobberError as exc:
            note = str(exc)
        if note is None and job.selected_project_ids is None:
            most = ws.settings.tailoring.max_projects
            note = f"None chosen yet: Finalize picks up to {most} by relevance. Tick some to choose yourself."
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(JobSnapshot(job, events, pdf, problem, projects, note)))

    @on(JobRead)
    def _show_job(self, message: JobRead) -> None:
        if self.snapshot is None:
            self.description_view.show(message.job.job_description)
            self.query_one(JobHeader).show(message.job, self.workspace.store.today())

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        snap = self.snapshot = message.snapshot
        self.description_view.show(snap.job.job_description)
        self.pdf_panel.show(snap.pdf, snap.pdf_problem)
        self.timeline.show(snap.events)
        self.ghostwriter.show_job(snap.job)
        if self.editor.refresh_from(snap.job, snap.projects, snap.projects_note):
            self.notify("Job changed on disk; your edits are kept", severity="warning")
        self._show_state()

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:  # state changes do not bubble: hand it to the app's one place
            self.app.report_worker_error(event.worker)

    @on(JobsChanged)
    def _jobs_changed(self, message: JobsChanged) -> None:
        if not message.job_ids or self.job_id in message.job_ids:
            self.load()
        self.refresh_bindings()

    @on(GhostwriterPane.LetterSaved)
    def _letter_saved(self) -> None:
        self.load()  # the job now has a cover letter (timeline, fields)

    @on(TailorEditor.DirtyChanged)
    def _dirty_changed(self) -> None:
        self._show_state()

    def _show_state(self) -> None:
        """The header, the keys and the PDF tab's buttons follow the job's status, busy and dirty state."""
        self._show_header()
        self.refresh_bindings()
        self.pdf_panel.enable(
            open_pdf=self.check_action("job", ("open-pdf",)) is True,
            regenerate=self.check_action("job", ("generate-pdf",)) is True,
        )

    def _show_header(self) -> None:
        if self.snapshot is None:
            return
        from ...core.jobs.facts import pdf_fact, stage_fact

        job, pdf = self.snapshot.job, self.snapshot.pdf
        self.query_one(JobHeader).show(job, self.workspace.store.today())
        state = [Content.styled(job.status, f"bold {STATUS_STYLE.get(job.status, '')}")]
        facts = [
            fact
            for fact in (stage_fact(job), pdf_fact(pdf.get("state") if pdf else None, job.last_error))
            if fact is not None
        ]
        if facts:
            state.append(facts_line(facts))
        if self._busy():
            state.append(Content.styled("working…", "bold $text-warning"))
        if self.editor.dirty:
            state.append(Content.styled("● unsaved", "bold $text-warning"))
        self.query_one("#job-state", Static).update(Content("  ").join(state))

    # -- which keys apply -------------------------------------------------------------------
    def _busy(self) -> bool:
        processing = self.snapshot is not None and self.snapshot.job.status == "processing"
        return self.job_id in self.app.busy_jobs or processing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """As in the queues: keys that do not apply to this job are hidden, its verbs greyed while it is busy."""
        job = self.snapshot.job if self.snapshot else None
        if action == "job":
            if job is None or not parameters:
                return False
            verb, has_url, has_pdf = str(parameters[0]), bool(job.job_url), self._has_pdf()
            if not verb_fits(verb, job.status, has_url=has_url, has_pdf=has_pdf):
                return False
            return True if verb_allowed(verb, job.status, busy=self._busy(), has_url=has_url, has_pdf=has_pdf) else None
        if action == "save":
            return self.editor.dirty
        if action == "edit_in_editor":
            return self._active_tab() in ("description", "tailor")
        if action == "set_stage":
            return job is not None and job.status == JobStatus.APPLIED.value
        return True

    def _has_pdf(self) -> bool:
        return bool(self.snapshot and self.snapshot.pdf and self.snapshot.pdf.get("exists"))

    # -- actions ----------------------------------------------------------------------------
    def action_back(self) -> None:
        if isinstance(self.focused, TextArea | Input):
            # First esc leaves the field, so letter keys work again (on the Ghostwriter tab, its own).
            (self.ghostwriter.chat if self._active_tab() == "ghostwriter" else self.query_one(Tabs)).focus()
        elif self.editor.dirty:
            self.ask_before_leaving("back")
        else:
            self.dismiss()

    def has_unsaved_edits(self) -> bool:
        return self.editor.dirty

    def ask_before_leaving(self, then: str) -> None:
        """Save / Discard / Cancel, then go `then`: "back" to the queues, or "quit" the app (`q`)."""

        def answered(answer: str | None) -> None:
            if answer == "save":
                self._save(then=then)
            elif answer == "discard":
                self._leave(then)

        self.app.push_screen(ConfirmScreen.unsaved_changes(f"job {self.job_id}"), answered)

    def _leave(self, then: str) -> None:
        if then == "quit":
            self.app.exit()
        else:
            self.dismiss()

    def action_save(self) -> None:
        self._save(then=None)

    def action_job(self, verb: str) -> None:
        """A verb of `job_actions.VERBS` on this job (its keys, and the palette's job commands).
        Finalize and regenerate save the edits first, so the PDF is built from what is on screen."""
        if verb in ("process", "generate-pdf", "retailor"):
            self._save(then=verb)
            return
        self.app.run_job_verb(verb, self.job_id)
        self._show_state()

    def action_edit_in_editor(self) -> None:
        if not self.editor.is_mounted:
            return
        self.action_show_tab("tailor")
        self.editor.edit_current_field()

    def action_set_stage(self) -> None:
        """Correct an applied job's stage by hand (replies move it on their own)."""
        from .stage_screen import StageScreen

        if self.snapshot is not None and self.snapshot.job.status == JobStatus.APPLIED.value:
            self.app.push_screen(StageScreen(self.workspace, self.snapshot.job))

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        # Focus left in a hidden pane would swallow the next keys. Read-only panes take focus
        # (j/k scroll them, letters stay verbs); on the others the tab bar does.
        pane = {
            "description": self.description_view,
            "timeline": self.timeline,
            "ghostwriter": self.ghostwriter.chat,
        }.get(tab)
        (pane if pane is not None and pane.is_mounted else self.query_one(Tabs)).focus()
        self.refresh_bindings()

    def action_cycle_tab(self, step: int) -> None:
        current = self._active_tab()
        index = TABS.index(current) if current in TABS else 0
        self.action_show_tab(TABS[(index + step) % len(TABS)])

    def _active_tab(self) -> str:
        return self.query_one(TabbedContent).active

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    # -- saving -----------------------------------------------------------------------------
    def _save(self, then: str | None) -> None:
        """Write the changed fields, then do `then` ("back", or an app job action)."""
        try:
            changes = self.editor.changes()
        except BadInput as exc:
            # The focus stays in the field the user is typing in: moving it would let the next letter
            # run a verb (`x` skipping the job) with the edits unsaved. Only from another tab does it
            # go to the field with the problem.
            if self._active_tab() != "tailor":
                self.query_one(TabbedContent).active = "tailor"
                self.editor.skills.text_area.focus()
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return
        if changes:
            self._write(changes, then)
        else:
            self._after_save(then)

    @work(thread=True, exclusive=True, group="job-save", exit_on_error=False)
    def _write(self, changes: dict[str, Any], then: str | None) -> None:
        try:
            job = self.workspace.store.patch(self.job_id, changes)
        except JobberError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Not saved", severity="error", markup=False)
            return
        self.post_message(self.Saved(job, then))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.editor.refresh_from(
            message.job,
            self.snapshot.projects if self.snapshot else [],
            self.snapshot.projects_note if self.snapshot else None,
        )
        self.notify("Saved", timeout=2)
        if message.then not in ("back", "quit"):
            self.load()
        self._after_save(message.then)

    def _after_save(self, then: str | None) -> None:
        if then in ("back", "quit"):
            self._leave(then)
        elif then is not None:
            self.app.run_job_verb(then, self.job_id)
            self._show_state()
