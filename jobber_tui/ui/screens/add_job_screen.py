"""Add jobs from the UI, three ways: a link (the same import as `jobber import url`), a pasted
description with its title, employer and link, or a JSON/CSV file (as `jobber import file`).
Duplicates and bad rows are reported in the CLI's words; the dialog stays open for the next one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Footer, Input, Label, Static, TabbedContent, TabPane, TextArea

from jobber_tui.core.infra.errors import JobberError
from jobber_tui.core.workspace import Workspace
from jobber_tui.ui import keymap
from jobber_tui.ui.screens.jobber_screen import JobberModalScreen

MODES = ("link", "paste", "file")


class AddJobScreen(JobberModalScreen[None]):
    """`ctrl+s` adds from the open tab; a refusal leaves the focus (and every typed character) where it was."""

    CSS_PATH = Path(__file__).parent / "add_job_screen.tcss"
    BINDINGS = [*keymap.ADD_JOB]
    HELP_TITLE = "Add a job"

    class Added(Message):
        def __init__(self, lines: list[str], created: list[int], ok: bool) -> None:
            super().__init__()
            self.lines, self.created, self.ok = lines, created, ok

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.busy = False
        """An add is running (one at a time)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="add-dialog") as dialog:
            dialog.border_title = "Add a job"
            dialog.border_subtitle = "ctrl+s adds · esc closes"
            with TabbedContent(id="add-modes"):
                with TabPane("Link", id="link"):
                    yield Label("A posting's address: Greenhouse, Lever, Ashby, Workable, Recruitee or any job page")
                    yield Input(placeholder="https://boards.greenhouse.io/acme/jobs/4012345", id="add-url")
                with TabPane("Paste", id="paste"):
                    with Horizontal(classes="add-row"):
                        yield Input(placeholder="Title (required)", id="add-title")
                        yield Input(placeholder="Employer (required)", id="add-employer")
                    yield Input(placeholder="Link to the posting (optional)", id="add-link")
                    yield TextArea(
                        id="add-description",
                        soft_wrap=True,
                        show_line_numbers=False,
                        tab_behavior="focus",
                        placeholder="Paste the job description here (Markdown or plain text)",
                    )
                with TabPane("File", id="file"):
                    yield Label("A JSON file (an object or an array) or a CSV with a header row of field names")
                    yield Input(placeholder="~/Downloads/jobs.csv", id="add-file")
            with Horizontal(id="add-buttons"):
                yield Button("Add (ctrl+s)", variant="primary", id="add-go", compact=True)
                yield Button("Close (esc)", id="add-close", compact=True)
            yield Static("", id="add-result")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#add-url", Input).focus()

    @on(TabbedContent.TabActivated)
    def _mode_changed(self, event: TabbedContent.TabActivated) -> None:
        first = {"link": "#add-url", "paste": "#add-title", "file": "#add-file"}[str(event.pane.id)]
        self.query_one(first).focus()

    @on(Input.Submitted, "#add-url, #add-file")
    @on(Button.Pressed, "#add-go")
    def _submit(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#add-close")
    def _close(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_add(self) -> None:
        if self.busy:
            return
        mode = self.query_one(TabbedContent).active
        try:
            job = self._read(mode)
        except ValueError as exc:
            self._show([str(exc)], ok=False)
            return
        self.busy = True
        self._show(["adding…"], ok=True)
        ws = self.workspace

        def run() -> None:
            try:
                lines, created = _add(ws, mode, job)
                self.post_message(self.Added(lines, created, bool(created)))
            except JobberError as exc:
                self.post_message(self.Added([str(exc)], [], False))
            except Exception:
                self.post_message(self.Added(["could not add: see the error shown"], [], False))
                raise  # the app's one error handler shows and logs it

        self.app.run_worker(run, thread=True, group="add-job", exit_on_error=False)

    def _read(self, mode: str) -> Any:
        """What the form says, checked for what is plainly missing (the core checks the rest)."""
        if mode == "link":
            url = self.query_one("#add-url", Input).value.strip()
            if not url:
                raise ValueError("Paste a link first")
            return url
        if mode == "file":
            path = self.query_one("#add-file", Input).value.strip()
            if not path:
                raise ValueError("Type the path of a JSON or CSV file")
            return Path(path).expanduser()
        fields = {
            "title": self.query_one("#add-title", Input).value.strip(),
            "employer": self.query_one("#add-employer", Input).value.strip(),
            "jobUrl": self.query_one("#add-link", Input).value.strip() or None,
            "jobDescription": self.query_one("#add-description", TextArea).text,
        }
        return {key: value for key, value in fields.items() if value is not None}

    @on(Added)
    def _added(self, message: Added) -> None:
        self.busy = False
        self._show(message.lines, ok=message.ok)
        if message.created:
            self.app.broadcast_jobs_changed(frozenset(message.created))
            self.notify(message.lines[0], timeout=4, markup=False)

    def _show(self, lines: list[str], *, ok: bool) -> None:
        style = "$text-success" if ok else "$text-error"
        result = Content.styled(lines[0], f"bold {style}")
        if len(lines) > 1:
            result += Content("\n" + "\n".join(lines[1:10]) + ("\n…" if len(lines) > 10 else ""))
        self.query_one("#add-result", Static).update(result)


def _add(ws: Workspace, mode: str, what: Any) -> tuple[list[str], list[int]]:
    """Blocking (a worker): add the jobs; (lines to show, ids created)."""
    from jobber_tui.core.jobs.add_report import add_problems, add_summary, url_outcome

    if mode == "link":
        from jobber_tui.core.discovery.discover import import_url

        outcome = import_url(ws, what)
        return [url_outcome(outcome)], [outcome.job_id] if outcome.kind == "created" and outcome.job_id else []
    if mode == "file":
        from jobber_tui.core.jobs.job_import import read_jobs_file

        result = ws.store.add_jobs(read_jobs_file(what), source="file")
        return [add_summary(result), *add_problems(result, "row")], result.created
    result = ws.store.add_jobs([what], source="manual")
    return [add_summary(result), *add_problems(result, "item")], result.created
