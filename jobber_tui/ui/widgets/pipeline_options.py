"""The options of the next pipeline run: top N, minimum score, dry run, and its Run button."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label


class PipelineOptions(Horizontal):
    """Starts with the config's `pipeline.top`/`pipeline.min_score`; `enter` in a field or the button asks to run."""

    DEFAULT_CSS = """
    PipelineOptions {
        height: 1;
        & Label { padding: 0 1 0 1; }
        & Input { width: 7; }
        & Checkbox { margin: 0 2; }
    }
    """

    class RunRequested(Message):
        """The user asked to run with these options (the screen checks them)."""

    def __init__(self, top: int, min_score: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._defaults = (top, min_score)

    def compose(self) -> ComposeResult:
        top, min_score = self._defaults
        yield Label("Top")
        yield Input(str(top), type="integer", compact=True, id="option-top", tooltip="process at most N jobs")
        yield Label("Min score")
        yield Input(
            str(min_score),
            type="integer",
            compact=True,
            id="option-min-score",
            tooltip="only jobs scoring this or more (0-100)",
        )
        yield Checkbox(
            "Dry run", compact=True, id="option-dry-run", tooltip="fetch, plan and score in memory; write no job"
        )
        yield Button("Run (r)", compact=True, variant="primary", id="option-run")

    def values(self) -> tuple[str, str, bool]:
        """Top and min score as typed (maybe empty), and the dry-run switch."""
        return (
            self.query_one("#option-top", Input).value,
            self.query_one("#option-min-score", Input).value,
            self.query_one(Checkbox).value,
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#option-run")
    def _run(self, event: Message) -> None:
        event.stop()
        self.post_message(self.RunRequested())
