"""The base resume (`M`): what every tailoring starts from. View it, import a file (JSON Resume, Reactive
Resume v4/v5) with the import's report, or edit resume.json in $EDITOR. A file that does not import,
or an edit that is not a valid resume, leaves resume.json untouched; a refused edit is kept beside it."""

from __future__ import annotations

import json
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Static

from jobber_tui.core.infra.errors import JobberError
from jobber_tui.core.infra.paths import atomic_write, display_path
from jobber_tui.core.workspace import Workspace
from jobber_tui.ui import keymap
from jobber_tui.ui.screens.jobber_screen import JobberScreen


class ResumeScreen(JobberScreen[None]):
    """Reads in a worker; imports in a worker; $EDITOR suspends the app (as in the job view)."""

    CSS_PATH = Path(__file__).parent / "resume_screen.tcss"
    BINDINGS = [*keymap.RESUME_SCREEN]
    HELP_TITLE = "Base resume"
    AUTO_FOCUS = "#resume-scroll"

    class Loaded(Message):
        def __init__(self, lines: list[str] | None, problem: str | None, raw: str | None) -> None:
            super().__init__()
            self.lines, self.problem, self.raw = lines, problem, raw

    class Reported(Message):
        def __init__(self, text: str, ok: bool) -> None:
            super().__init__()
            self.text, self.ok = text, ok

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.raw: str | None = None
        """resume.json as last read (what $EDITOR starts from)."""

    def compose(self) -> ComposeResult:
        path = display_path(self.workspace.home.resume_file)
        yield Static(Content.styled("Base resume", "bold") + Content(f"  {path}"), id="resume-title")
        yield Static("", id="resume-report")
        with VerticalScroll(id="resume-scroll", can_focus=True):
            yield Static("Loading…", id="resume-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        ws = self.workspace

        def read() -> None:
            from jobber_tui.core.resume.base import load_resume
            from jobber_tui.core.resume.text import resume_lines

            try:
                resume = load_resume(ws.home)
            except JobberError as exc:
                self.post_message(self.Loaded(None, str(exc), None))
                return
            raw = ws.home.resume_file.read_text(encoding="utf-8-sig")
            self.post_message(self.Loaded(resume_lines(resume), None, raw))

        self.app.run_worker(read, thread=True, group="resume-load", exclusive=True, exit_on_error=False)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.raw = message.raw
        body = self.query_one("#resume-body", Static)
        if message.lines is None:
            body.update(Content.styled(f"{message.problem}\n\nPress i to import your resume file.", "$text-warning"))
        else:
            body.update(Text("\n".join(message.lines)))  # Text: the resume is data, never markup

    @on(Reported)
    def _reported(self, message: Reported) -> None:
        style = "$text-success" if message.ok else "$text-error"
        self.query_one("#resume-report", Static).update(Content.styled(message.text, style))
        if message.ok:
            self.load()
            self.app.broadcast_jobs_changed()  # PDFs may be stale now

    def action_import_file(self) -> None:
        from jobber_tui.ui.screens.ask_text_screen import AskTextScreen

        def picked(text: str | None) -> None:
            if text:
                self._import(Path(text.strip().splitlines()[0]).expanduser())

        self.app.push_screen(
            AskTextScreen(
                "Import a resume",
                "The path of a JSON Resume or Reactive Resume v4/v5 "
                "export (ctrl+s imports it; resume.json changes only if it imports).",
            ),
            picked,
        )

    def _import(self, path: Path) -> None:
        ws = self.workspace

        def run() -> None:
            from jobber_tui.core.resume.base import import_resume
            from jobber_tui.core.resume.report import import_report

            try:
                resume, kind = import_resume(ws.home, path)
            except JobberError as exc:
                self.post_message(self.Reported(f"not imported: {exc}", False))
                return
            self.post_message(self.Reported("\n".join(import_report(ws, resume, kind)), True))

        self.app.run_worker(run, thread=True, group="resume-import", exit_on_error=False)

    def action_edit(self) -> None:
        from jobber_tui.core.resume.importer import parse_resume_bytes
        from jobber_tui.ui.external_editor import EditorUnavailable, edit_in_external_editor

        before = self.raw if self.raw is not None else "{}\n"
        try:
            edited = edit_in_external_editor(self.app, before, suffix=".json")
        except EditorUnavailable as exc:
            self.notify(str(exc), title="Editor", severity="warning", markup=False)
            return
        if edited.note:
            self.notify(edited.note, title="Editor", markup=False)
        if edited.text == before:
            return
        target = self.workspace.home.resume_file
        try:
            resume, _kind = parse_resume_bytes(edited.text.encode("utf-8"), target.name)
        except JobberError as exc:
            kept = target.with_name("resume.rejected.json")
            atomic_write(kept, edited.text.encode("utf-8"))
            self.post_message(self.Reported(f"not saved: {exc} (your text is kept in {display_path(kept)})", False))
            return
        # The user's own text when it is already what Jobber reads (their layout kept), else the normalised
        # resume (e.g. a new project given its id), as an import writes it.
        text = edited.text if json.loads(edited.text) == resume else json.dumps(resume, ensure_ascii=False, indent=2)
        atomic_write(target, text.encode("utf-8"))
        self.post_message(self.Reported(f"saved {display_path(target)}", True))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#resume-scroll").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#resume-scroll").scroll_up()

    def action_scroll_home(self) -> None:
        self.query_one("#resume-scroll").scroll_home()

    def action_scroll_end(self) -> None:
        self.query_one("#resume-scroll").scroll_end()
