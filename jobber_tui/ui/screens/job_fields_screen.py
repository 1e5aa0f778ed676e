"""Edit a job's own fields, everything `jobber jobs patch` can change outside the Tailor tab: title,
employer, location, remote, salary, deadline, the links, and the resume template (picked from the
bundled and your own templates, each with its description)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from jobber_tui.core.infra.errors import JobberError
from jobber_tui.core.jobs.models import Job
from jobber_tui.core.resume.templates import Template, list_templates
from jobber_tui.core.workspace import Workspace
from jobber_tui.ui import keymap
from jobber_tui.ui.screens.jobber_screen import JobberModalScreen

TEXT_FIELDS = (
    ("title", "Title"),
    ("employer", "Employer"),
    ("location", "Location"),
    ("salary", "Salary"),
    ("deadline", "Deadline"),
    ("jobUrl", "Posting link"),
    ("applicationUrl", "Application link"),
)
"""camelCase field, label."""
PLACEHOLDERS = {
    "deadline": "YYYY-MM-DD (empty: none)",
    "salary": "as the posting says it",
    "jobUrl": "https://…",
    "applicationUrl": "https://… (where you apply, if not the posting)",
}


def template_options(templates: list[Template], default: str) -> list[tuple[Content, str]]:
    """Select options: "modern — Inter, A4 (bundled)"; the default template is marked."""
    options = []
    for template in templates:
        label = Content.styled(template.name, "bold")
        if template.description:
            label += Content(f" — {template.description}")
        label += Content.styled(f" ({template.origin}{', default' if template.name == default else ''})", "dim")
        options.append((label, template.name))
    return options


class JobFieldsScreen(JobberModalScreen[bool]):
    """Dismissed with True when something was saved. A refused save says why and keeps the focus."""

    CSS_PATH = Path(__file__).parent / "job_fields_screen.tcss"
    BINDINGS = [*keymap.JOB_FIELDS]
    HELP_TITLE = "Job fields"

    class Saved(Message):
        def __init__(self, job: Job | None, error: str | None) -> None:
            super().__init__()
            self.job, self.error = job, error

    def __init__(self, workspace: Workspace, job_id: int) -> None:
        super().__init__()
        self.workspace = workspace
        self.job_id = job_id
        self.job: Job = workspace.store.get(job_id)  # one row by key: read here, the dialog opens filled in
        self.templates = list_templates(workspace.home)

    def compose(self) -> ComposeResult:
        job, values = self.job, _values(self.job)
        default = self.workspace.settings.default_template
        with Vertical(id="fields-dialog") as dialog:
            dialog.border_title = f"Job {job.id}: {job.title}"
            dialog.border_subtitle = "ctrl+s saves · esc cancels"
            with VerticalScroll(id="fields-form"):
                for key, label in TEXT_FIELDS:
                    with Horizontal(classes="field-row"):
                        yield Label(label, classes="field-name")
                        yield Input(
                            values[key] or "",
                            placeholder=PLACEHOLDERS.get(key, ""),
                            id=f"field-{key}",
                            select_on_focus=False,
                            compact=True,
                        )
                with Horizontal(classes="field-row"):
                    yield Label("Remote", classes="field-name")
                    yield Checkbox(
                        "the job can be done remotely", bool(job.is_remote), id="field-isRemote", compact=True
                    )
                with Horizontal(classes="field-row"):
                    yield Label("Template", classes="field-name")
                    options = template_options(self.templates, default)
                    if job.template and job.template not in {t.name for t in self.templates}:
                        options.append((Content(f"{job.template} (not installed)"), job.template))
                    yield Select(
                        options,
                        value=job.template or Select.NULL,
                        prompt=f"default ({default})",
                        id="field-template",
                        compact=True,
                    )
                yield Static("", id="fields-template-note")
            with Horizontal(id="fields-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="fields-save", compact=True)
                yield Button("Cancel (esc)", id="fields-cancel", compact=True)
            yield Static("", id="fields-error")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#field-title", Input).focus()
        self._describe_template()

    @on(Select.Changed, "#field-template")
    def _describe_template(self) -> None:
        chosen = self.query_one("#field-template", Select).value
        found = next((t for t in self.templates if t.name == chosen), None)
        note = self.query_one("#fields-template-note", Static)
        if found is None and self.job.template and chosen == self.job.template:
            note.update(Content.styled(f"template {self.job.template!r} is not installed any more", "$text-warning"))
        else:
            note.update(Content(f"{found.folder}" if found else "the configured default_template"))

    def changes(self) -> dict[str, Any]:
        """camelCase fields that differ from the job (blank text means none)."""
        before = _values(self.job)
        now: dict[str, Any] = {
            key: self.query_one(f"#field-{key}", Input).value.strip() or None for key, _ in TEXT_FIELDS
        }
        now["isRemote"] = self.query_one("#field-isRemote", Checkbox).value
        chosen = self.query_one("#field-template", Select).value
        now["template"] = None if chosen is Select.NULL else str(chosen)
        return {key: value for key, value in now.items() if value != before[key]}

    @on(Button.Pressed, "#fields-save")
    def action_save(self) -> None:
        changes = self.changes()
        if not changes:
            self.dismiss(False)
            return
        ws, job_id = self.workspace, self.job_id

        def run() -> None:
            try:
                self.post_message(self.Saved(ws.store.patch(job_id, changes), None))
            except JobberError as exc:
                self.post_message(self.Saved(None, str(exc)))

        self.app.run_worker(run, thread=True, group="job-fields", exit_on_error=False)

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        if message.error is not None:  # the focus stays in the field being edited
            self.query_one("#fields-error", Static).update(Content.styled(f"Not saved: {message.error}", "$text-error"))
            return
        self.notify(f"Job {self.job_id}: saved", timeout=3)
        self.app.broadcast_jobs_changed(frozenset({self.job_id}))
        self.dismiss(True)

    @on(Button.Pressed, "#fields-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


def _values(job: Job) -> dict[str, Any]:
    return {
        "title": job.title,
        "employer": job.employer,
        "location": job.location,
        "salary": job.salary,
        "deadline": job.deadline,
        "jobUrl": job.job_url,
        "applicationUrl": job.application_url,
        "isRemote": bool(job.is_remote),
        "template": job.template,
    }
