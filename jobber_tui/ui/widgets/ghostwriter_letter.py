"""The cover-letter side of the Ghostwriter tab: copy the last answer (`y`), save it as the job's cover
letter (`L`) or draft one from the resume alone (`D`), and build its PDF in a worker."""

from __future__ import annotations

from textual import work
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from ...core.workspace import Workspace
from .ghostwriter_log import GhostwriterLog

LETTER_BUTTONS = (
    ("Copy (y)", "copy"),
    ("Save as cover letter (L)", "save_letter"),
    ("Draft from resume (D)", "draft_letter"),
    ("Stop (esc)", "cancel"),
)


class LetterPane(Vertical):
    """The Ghostwriter pane's copy and cover-letter actions; GhostwriterPane builds on it, sets the
    attributes below, and hands `_letter_worker`'s end to `_letter_ended`."""

    saving: reactive[bool] = reactive(False, init=False)
    """A cover letter is being saved and compiled."""

    workspace: Workspace
    job_id: int
    chat: GhostwriterLog
    _letter_worker: Worker[str] | None

    # Keeps the handler name it had as GhostwriterPane's (`on_ghostwriter_pane_letter_saved`).
    class LetterSaved(Message, namespace="ghostwriter_pane"):
        """A cover letter was saved on the job and its PDF built (the job changed)."""

        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    def action_copy(self) -> None:
        answer = self.chat.last_answer()
        if answer is not None:
            self.app.copy_to_clipboard(answer.content)
            self.notify(f"Copied the last answer ({len(answer.content)} characters)", timeout=3)

    def action_save_letter(self) -> None:
        answer = self.chat.last_answer()
        if answer is not None:
            self._start_letter(answer.content)

    def action_draft_letter(self) -> None:
        self._start_letter(None)

    def _start_letter(self, text: str | None) -> None:
        self.saving = True
        self._letter_worker = self._save_letter(text)

    @work(thread=True, exclusive=True, group="ghostwriter-letter", exit_on_error=False)
    def _save_letter(self, text: str | None) -> str:
        """Save `text` (None: a draft from the resume's facts) as the job's letter and build its PDF."""
        from ...core.resume.base import load_resume
        from ...core.resume.cover_letter import deterministic_letter, save_cover_letter

        ws = self.workspace
        if text is None:
            text = deterministic_letter(load_resume(ws.home), ws.store.get(self.job_id))
        from ...core.infra.paths import display_path

        return display_path(ws.home.resolve_stored(save_cover_letter(ws, self.job_id, text).cover_letter_path) or "")

    def _letter_ended(self, worker: Worker[str]) -> None:
        self.saving = False
        if worker.state is WorkerState.SUCCESS and worker.result:
            self.notify(f"Cover letter saved: {worker.result}", timeout=6, markup=False)
            self.post_message(self.LetterSaved(worker.result))
