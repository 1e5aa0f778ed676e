"""Set an applied job's stage by hand (replies move it on their own; this corrects them, in any direction),
or undo the stage change of the last reply that made one (`u`): the replies after it are looked at again."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from jobber_tui.core.jobs.models import Job
from jobber_tui.core.tracking.stages import OUTCOMES, STAGES
from jobber_tui.core.workspace import Workspace
from jobber_tui.ui import keymap
from jobber_tui.ui.screens.jobber_screen import JobberModalScreen

CHOICES: tuple[tuple[str, str | None], ...] = (
    *((stage, None) for stage in STAGES),
    *(("closed", outcome) for outcome in OUTCOMES),
)
"""Every (stage, outcome) offered: the open stages, closed without an outcome, and closed with each."""


def choice_label(stage: str, outcome: str | None) -> str:
    return f"{stage} · {outcome}" if outcome else stage


class StageScreen(JobberModalScreen[None]):
    """`enter` writes the highlighted stage (in a worker) and closes; `esc` closes without a change."""

    CSS_PATH = Path(__file__).parent / "stage_screen.tcss"
    BINDINGS = [*keymap.STAGE_PICKER]
    HELP_TITLE = "Stage"

    class Written(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, workspace: Workspace, job: Job) -> None:
        super().__init__()
        self.workspace = workspace
        self.job_id = job.id or 0
        self.current = (job.stage or "applied", job.outcome)
        self.job_name = f"{job.title} at {job.employer}"
        from jobber_tui.core.tracking.undo import stage_changing_replies

        replies = stage_changing_replies(workspace, self.job_id)
        self.last_reply = replies[-1] if replies else None
        """The newest reply that moved this job's stage: what `u` undoes."""

    def compose(self) -> ComposeResult:
        options = []
        for stage, outcome in CHOICES:
            label = Content(choice_label(stage, outcome))
            if (stage, outcome) == self.current:
                label = Content.styled(f"{choice_label(stage, outcome)}  (now)", "bold $accent")
            options.append(Option(label, id=f"{stage}:{outcome or ''}"))
        with Vertical(id="stage-dialog") as dialog:
            dialog.border_title = f"Stage of job {self.job_id}"
            dialog.border_subtitle = (
                "enter set · u undo reply · esc cancel" if self.last_reply else "enter set · esc cancel"
            )
            yield OptionList(*options, id="stage-options")
            if self.last_reply is not None:
                reply = self.last_reply
                yield Static(
                    Content.styled(
                        f"Last reply: {reply.category} \u00b7 {reply.subject or '(no subject)'} "
                        f"\u00b7 {reply.stage_change}. u undoes it; later replies are looked "
                        "at again.",
                        "dim",
                    ),
                    id="stage-last-reply",
                )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = CHOICES.index(self.current) if self.current in CHOICES else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        stage, _, outcome = str(event.option.id).partition(":")
        if (stage, outcome or None) == self.current:
            self.dismiss(None)
            return
        ws, job_id, name = self.workspace, self.job_id, self.job_name

        def write() -> None:  # a failure (the job is no longer applied) reaches the app's error handler
            from jobber_tui.core.tracking.store import set_stage

            set_stage(ws, job_id, stage, outcome or None)
            self.post_message(self.Written(f"{name}: {choice_label(stage, outcome or None)}"))

        self.app.run_worker(write, thread=True, group="set-stage", exclusive=True, exit_on_error=False)

    @on(Written)
    def _written(self, message: Written) -> None:
        self.notify(message.text, title="Stage set", timeout=4, markup=False)
        self.app.broadcast_jobs_changed(frozenset({self.job_id}))
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_reply":
            return self.last_reply is not None
        return True

    def action_undo_reply(self) -> None:
        ws, job_id, name = self.workspace, self.job_id, self.job_name
        message_id = self.last_reply.id if self.last_reply else None

        def undo() -> None:  # a refusal (a stage set by hand since) reaches the app's error handler
            from jobber_tui.core.tracking.undo import undo_stage_change

            result = undo_stage_change(ws, job_id, message_id)
            lines = [
                f"{name}: back to {result.stage}" + (f" ({result.outcome})" if result.outcome else ""),
                *result.replayed,
            ]
            self.post_message(self.Written("\n".join(lines)))

        self.app.run_worker(undo, thread=True, group="set-stage", exclusive=True, exit_on_error=False)

    def action_cancel(self) -> None:
        self.dismiss(None)
