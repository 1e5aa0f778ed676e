"""Where a job's PDF is, whether it still matches the job (current, stale or missing), and its first page."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from ...core.infra.paths import display_path
from .pdf_preview import PdfPreview
from .timeline_view import local_time

STATE_STYLE = {"current": "bold $text-success", "stale": "bold $text-warning", "missing": "bold $text-error"}
STATE_HINT = {
    "current": "matches the job and the resume",
    "stale": "job, resume or template changed since; r rebuilds it",
    "missing": "not built yet; f (Finalize) builds it",
}


class PdfPanel(Vertical):
    """Shows a `pdf_status` dict beside a preview of the first page; the buttons run the screen's
    open/regenerate actions. The screen re-reads the status on every rebuild; the preview follows."""

    DEFAULT_CSS = """
    PdfPanel > #pdf-body { height: 1fr; }
    PdfPanel #pdf-info { width: 1fr; height: auto; margin-right: 2; }
    PdfPanel #pdf-preview { width: 1fr; }
    PdfPanel #pdf-keys { margin-top: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._status: dict[str, Any] | None = None
        self._problem: str | None = None
        self._enabled = (False, False)
        """Whether opening and regenerating apply to the job now (the buttons are greyed otherwise)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="pdf-body"):
            with Vertical(id="pdf-info"):
                yield Static(id="pdf-facts")
                with Horizontal(id="pdf-buttons"):
                    yield Button(
                        "Open PDF (p)",
                        id="pdf-open",
                        action="screen.job('open-pdf')",
                        compact=True,
                        disabled=not self._enabled[0],
                    )
                    yield Button(
                        "Regenerate (r)",
                        id="pdf-regenerate",
                        action="screen.job('generate-pdf')",
                        compact=True,
                        disabled=not self._enabled[1],
                    )
                yield Static(
                    Content.styled("v renders the preview again · w turns the watcher on/off", "dim"), id="pdf-keys"
                )
            yield PdfPreview(id="pdf-preview")

    def on_mount(self) -> None:
        self._render_facts()
        self.query_one(PdfPreview).show(self._status)

    def show(self, status: dict[str, Any] | None, problem: str | None = None) -> None:
        """Show this status; `problem` is why the status itself could not be read."""
        self._status, self._problem = status, problem
        if self.is_mounted:
            self._render_facts()
            self.query_one(PdfPreview).show(status)

    def enable(self, *, open_pdf: bool, regenerate: bool) -> None:
        """Grey out the buttons whose verb does not apply to the job now (as its keys are hidden)."""
        self._enabled = (open_pdf, regenerate)
        if self.is_mounted:
            self.query_one("#pdf-open", Button).disabled = not open_pdf
            self.query_one("#pdf-regenerate", Button).disabled = not regenerate

    def _render_facts(self) -> None:
        status = self._status
        if status is None:
            facts = Content.styled(self._problem or "Loading…", "$text-error" if self._problem else "dim")
        else:
            state = str(
                status.get("state")
                or ("current" if status.get("current") else "stale" if status.get("exists") else "missing")
            )
            pages = status.get("pages")
            rows = [
                (
                    "State",
                    Content.styled(state, STATE_STYLE.get(state, "bold"))
                    + Content.styled(f"  {STATE_HINT.get(state, '')}", "dim"),
                ),
                (
                    "File",
                    Content(_shown(status.get("path")))
                    if status.get("exists")
                    else Content.styled(f"{_shown(status.get('path'))} (not there)", "dim"),
                ),
                ("Pages", _pages(pages, status.get("pagesWanted"))),
                ("Generated", Content(local_time(status.get("generatedAt")) or "–")),
            ]
            if isinstance(status.get("ats"), dict):
                rows.append(("ATS check", _ats(status["ats"], state)))
            if status.get("lastError"):
                rows.append(("Last error", Content.styled(str(status["lastError"]), "$text-error")))
            facts = Content("\n").join(Content.styled(f"{label:<11}", "bold") + value for label, value in rows)
        self.query_one("#pdf-facts", Static).update(facts)


def _pages(pages: object, wanted: object) -> Content:
    if pages is None:
        return Content("–")
    if isinstance(wanted, int) and isinstance(pages, int) and pages > wanted:
        return Content.styled(
            f"{pages} (the template is set to {wanted}; see the timeline for what spilled over)", "$text-warning"
        )
    return Content(str(pages))


def _ats(ats: dict[str, Any], state: str) -> Content:
    """The ATS check's verdict; when something is missing, the first few strings and where they belong."""
    stale = Content.styled("  (PDF is stale: r rebuilds it)", "dim") if state == "stale" else Content("")
    if ats.get("ok"):
        return Content.styled(f"all {ats.get('checked')} strings found in order", "$text-success") + stale
    summary = str(ats.get("summary") or "").removeprefix("ATS check: ")
    lines = [Content.styled(summary, "$text-warning") + stale]
    for item in (ats.get("missing") or [])[:4]:
        text = " ".join(str(item.get("text", "")).split())
        lines.append(
            Content.styled(f"{'':11}missing {item.get('path')}: ", "dim")
            + Content(text[:60] + ("…" if len(text) > 60 else ""))
        )
    return Content("\n").join(lines)


def _shown(path: object) -> str:
    """A path under the user's home as ~/…: shorter, and the same in every screenshot."""
    return display_path(str(path)) if path else ""
