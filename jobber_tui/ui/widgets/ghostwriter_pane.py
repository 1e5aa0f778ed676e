"""The Ghostwriter tab: a job's chat with the model, its quick actions, and the cover letter.

Keys (in keymap.GHOSTWRITER; letters never fire while typing: the prompt Input takes printable keys
first; `esc` leaves it): `enter` goes to the prompt (`enter` in the prompt sends; not `w`, the
watcher's key everywhere), `c` cover letter, `n` answer an application question (pasted in a
dialog), `m` recruiter message, `i` interview talking points, `esc` or `ctrl+x` stop the answer
being written (`ctrl+c` is copy in Textual 8 and would be too easy to hit), `y` copy the last
answer, `L` save the last answer as the cover letter and build its PDF, `D` draft a cover letter
from the resume alone (works without a model), `X` clear the chat (asks first).

Without a model the writing keys still answer: each says what is missing and the `jobber llm use ...`
line that sets it. The job's saved cover letter (drafted or saved) is shown after the chat. Copying and
the cover letter (`y`, `L`, `D`) are in ghostwriter_letter.py, the base class.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Button, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ...core.infra.errors import BadInput
from ...core.jobs.models import GhostwriterMessage, Job
from ...core.llm.prompts import QUICK_ACTIONS
from ...core.llm.settings import llm_settings, missing_model_hint
from ...core.resume.ghostwriter import ask, history, quick_prompt
from ...core.workspace import Workspace
from .. import keymap
from .ghostwriter_letter import LETTER_BUTTONS, LetterPane
from .ghostwriter_log import GhostwriterLog, Turn

if TYPE_CHECKING:
    from textual import getters

    from ..app import JobberApp

WRITABLE = ("discovered", "ready")
"""Statuses the Ghostwriter writes for: jobs still being applied to."""
FLUSH_SECONDS = 0.05
"""Streamed text is drawn at most 20 times a second, so long answers stay smooth."""
DOCS_PAGE = "Language models (docs/llm.md)"
QUICK_KEYS = {
    name: (binding.key, binding.action)
    for name in QUICK_ACTIONS
    for binding in keymap.GHOSTWRITER
    if binding.id == f"ghostwriter-{name}"
}
"""Quick action -> (its key, its pane action), for the buttons."""
BUTTON_ACTIONS = {
    **{f"gw-{name}": action for name, (_, action) in QUICK_KEYS.items()},
    **{f"gw-{action.replace('_', '-')}": action for _, action in LETTER_BUTTONS},
}
"""Button id -> the pane action it runs (the same as its key)."""


class GhostwriterPane(LetterPane):
    """Offered for discovered and ready jobs. For other statuses the tab stays (so `5` always means
    the same) and shows the history read-only with a note; copying still works there."""

    BINDINGS = [*keymap.GHOSTWRITER]
    if TYPE_CHECKING:
        app = getters.app(JobberApp)

    status: reactive[str | None] = reactive(None, init=False)
    """The job's status; None until the screen has loaded the job."""
    streaming: reactive[bool] = reactive(False, init=False)

    class HistoryLoaded(Message):
        def __init__(self, turns: list[Turn]) -> None:
            super().__init__()
            self.turns = turns

    def __init__(self, workspace: Workspace, job_id: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.workspace = workspace
        self.job_id = job_id
        self.chat = GhostwriterLog(id="ghostwriter-log")
        # Compact (one row): at 80x24 every row is worth giving to the answer.
        self.prompt = Input(placeholder="Ask the Ghostwriter… (enter sends)", id="ghostwriter-prompt", compact=True)
        self.model: str | None = None
        """The configured model's name; None means chatting is off (the note says why)."""
        self.model_problem: str | None = None
        try:
            settings = llm_settings(workspace.config)
            self.model = settings.model_for("ghostwriter") if settings else None
        except BadInput as exc:
            self.model_problem = str(exc)
        self._cancel: threading.Event | None = None
        self._pending: list[str] = []
        self._pending_lock = threading.Lock()
        self._flush_timer: Timer | None = None
        self._ask_worker: Worker[GhostwriterMessage] | None = None
        self._letter_worker: Worker[str] | None = None
        self._clear_worker: Worker[int] | None = None
        self._sent_from_prompt = False

    def compose(self) -> ComposeResult:
        yield Static(id="ghostwriter-note")
        yield self.chat
        yield self.prompt
        with Grid(id="ghostwriter-quick"):
            for name, (key, _) in QUICK_KEYS.items():
                yield Button(f"{QUICK_ACTIONS[name][0]} ({key})", id=f"gw-{name}", compact=True)
        with Horizontal(id="ghostwriter-letter"):
            for label, action in LETTER_BUTTONS:
                yield Button(label, id=f"gw-{action.replace('_', '-')}", compact=True)

    def on_mount(self) -> None:
        self._sync()
        self.load_history()

    def on_unmount(self) -> None:
        if self._cancel is not None:
            self._cancel.set()  # leaving the job stops the answer; the core keeps it as cancelled

    def show_job(self, job: Job) -> None:
        """The screen read the job again: follow its status, its cover letter, and turns written elsewhere."""
        self.status = job.status
        self.chat.show_letter(job.cover_letter, job.cover_letter_path)
        if self.is_mounted and not self.streaming:
            self.load_history()

    # -- what applies -----------------------------------------------------------------------
    def writable(self) -> bool:
        return self.status in WRITABLE

    def can_chat(self) -> bool:
        return self.writable() and self.model is not None and not self.streaming

    def explains_missing_model(self) -> bool:
        """No model: the writing keys stay live and say what is missing instead of doing nothing."""
        return self.writable() and self.model is None and not self.streaming

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.streaming  # False, not greyed: `esc` then goes on to the screen ("back")
        chat = self.can_chat() or self.explains_missing_model()
        applies = {
            "write": chat,
            "quick": chat,
            "answer_question": chat,
            "clear_chat": bool(self.chat.turns) and not self.streaming,
            "copy": self.chat.last_answer() is not None,
            "save_letter": self.writable()
            and not self.saving
            and not self.streaming
            and self.chat.last_answer() is not None,
            "draft_letter": self.writable() and not self.saving,
        }.get(action, True)
        return True if applies else None

    def watch_status(self) -> None:
        self._sync()

    def watch_streaming(self) -> None:
        self._sync()

    def watch_saving(self) -> None:
        self._sync()

    def _sync(self) -> None:
        """Note, prompt and buttons follow the job's status, the model and what is running."""
        if not self.is_mounted:
            return
        self.query_one("#ghostwriter-note", Static).update(self._note())
        self.prompt.disabled = not self.can_chat()
        self.prompt.placeholder = (
            "Ask the Ghostwriter… (enter sends)" if self.model else "No model configured: see above (jobber llm use …)"
        )
        for button in self.query(Button):
            action = BUTTON_ACTIONS.get(str(button.id), "")
            button.disabled = self.check_action(action.split("(")[0], ()) is not True
        self.screen.refresh_bindings()

    def _note(self) -> Content:
        if self.status is None:
            return Content.styled("Loading…", "dim")
        if not self.writable():
            return Content.styled(
                f"This job is {self.status}: the Ghostwriter writes for discovered and ready "
                "jobs. Its history is shown read-only.",
                "$text-warning",
            )
        if self.streaming:
            return Content.styled("Writing… esc or ctrl+x stops (the partial answer is kept).", "$text-accent")
        if self.model is None:
            why = self.model_problem or self._missing_model()
            return Content.styled(why, "$text-warning") + Content.styled(
                f" (docs, \u201c{DOCS_PAGE}\u201d). Without one, D drafts a cover letter from your resume.", "dim"
            )
        return Content.styled(
            f"Model {self.model} · enter: write a prompt, enter again sends · ? lists the keys", "dim"
        )

    def _missing_model(self) -> str:
        hint = missing_model_hint(self.workspace.config)
        return hint[:1].upper() + hint[1:]

    def _explain(self) -> bool:
        """Say what is missing (a notification) when a writing key is pressed without a model."""
        if self.model is not None:
            return False
        self.notify(
            self.model_problem or self._missing_model(), title="No model", severity="warning", timeout=12, markup=False
        )
        return True

    # -- history ----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="ghostwriter-history", exit_on_error=False)
    def load_history(self) -> None:
        turns = [Turn.of(message) for message in history(self.workspace, self.job_id)]
        if not get_current_worker().is_cancelled:
            self.post_message(self.HistoryLoaded(turns))

    @on(HistoryLoaded)
    def _history_loaded(self, message: HistoryLoaded) -> None:
        message.stop()
        if self.streaming:
            return  # the turn being written is newer than this read
        if [(t.role, t.content, t.status) for t in message.turns] != self.chat.signature():
            self.chat.show(message.turns)
        self._sync()

    # -- chatting ---------------------------------------------------------------------------
    def action_write(self) -> None:
        if not self._explain():
            self.prompt.focus()

    def action_quick(self, name: str) -> None:
        if not self._explain():
            self.send(quick_prompt(name), name)

    def action_answer_question(self) -> None:
        from ..screens.ask_text_screen import AskTextScreen

        if self._explain():
            return

        def answer(text: str | None) -> None:
            if text:
                self.send(quick_prompt("answer", text), "answer")

        self.app.push_screen(
            AskTextScreen(
                QUICK_ACTIONS["answer"][0], "Paste the question from the application form. ctrl+s sends, esc cancels."
            ),
            answer,
        )

    @on(Input.Submitted, "#ghostwriter-prompt")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip() and self.can_chat():
            self.prompt.clear()
            self.send(event.value.strip())

    def send(self, prompt: str, action: str | None = None) -> None:
        """Show the prompt, then stream the answer into the log from a worker."""
        if not self.can_chat():
            return
        focused = self.screen.focused
        self._sent_from_prompt = focused is self.prompt
        if focused is None or (self in focused.ancestors and focused is not self.chat):
            self.chat.focus()  # the prompt and buttons are disabled while the answer streams
        self.chat.add(Turn("user", prompt, action))
        self.chat.add(Turn("assistant", "", action, "writing"))
        self._cancel = threading.Event()
        self.streaming = True
        self._flush_timer = self.set_interval(FLUSH_SECONDS, self._flush)
        self._ask_worker = self._ask(prompt, action, self._cancel)

    @work(thread=True, exclusive=True, group="ghostwriter", exit_on_error=False)
    def _ask(self, prompt: str, action: str | None, cancel: threading.Event) -> GhostwriterMessage:
        return ask(self.workspace, self.job_id, prompt, action=action, cancel=cancel, on_chunk=self._collect)

    def _collect(self, chunk: str) -> None:
        # Worker thread: only buffer. The UI timer draws; the stream never waits on the UI.
        with self._pending_lock:
            self._pending.append(chunk)

    def _flush(self) -> None:
        with self._pending_lock:
            text = "".join(self._pending)
            self._pending.clear()
        if text:
            self.chat.extend_last(text)

    def action_cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _stream_ended(self, worker: Worker[GhostwriterMessage]) -> None:
        if self._flush_timer is not None:
            self._flush_timer.stop()
        self._flush()
        answer = worker.result if worker.state is WorkerState.SUCCESS else None
        # A failure keeps its partial text, marked; the notice comes from `_report`.
        if answer is None:
            self.chat.finish_last("failed")
        else:
            self.chat.finish_last(answer.status, answer.content)
        self._cancel = None
        self.streaming = False
        if self._sent_from_prompt and self.screen.focused is self.chat:
            self.prompt.focus()

    def action_clear_chat(self) -> None:
        from ..screens.confirm_screen import Choice, ConfirmScreen

        def answered(answer: str | None) -> None:
            if answer == "clear":
                self._clear_worker = self._clear()

        choices = (Choice("clear", "Clear", "c", "error"), Choice("keep", "Keep", "k"))
        self.app.push_screen(
            ConfirmScreen(
                f"Forget the Ghostwriter chat of job {self.job_id} ({len(self.chat.turns)} "
                "messages)? The cover letter stays.",
                choices,
                title="Clear the chat",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="ghostwriter-history", exit_on_error=False)
    def _clear(self) -> int:
        from ...core.resume.ghostwriter import clear_history

        return clear_history(self.workspace, self.job_id)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if not worker.is_finished:
            return
        if worker.state is WorkerState.ERROR:  # state changes do not bubble up: hand it to the app's one place
            self.app.report_worker_error(worker)
        if worker is self._ask_worker:
            self._ask_worker = None
            self._stream_ended(worker)
        elif worker is self._letter_worker:
            self._letter_worker = None
            self._letter_ended(worker)
        elif worker is self._clear_worker:
            self._clear_worker = None
            if worker.state is WorkerState.SUCCESS:
                self.notify(f"Chat cleared ({worker.result} messages)", timeout=4)
            self.load_history()

    @on(Button.Pressed)
    async def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = BUTTON_ACTIONS.get(str(event.button.id))
        if action:
            await self.run_action(action)
