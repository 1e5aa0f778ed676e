"""A dialog to paste a longer text, e.g. an application question for the Ghostwriter to answer."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label, TextArea

from jobber_tui.ui.screens.jobber_screen import JobberModalScreen

from .. import keymap


class AskTextScreen(JobberModalScreen[str | None]):
    """Dismissed with the text (`ctrl+s` or Send), or None (`esc` or Cancel). Empty text is not sent.

    A TextArea, not an Input: pasted questions have line breaks, and `enter` must not send half of one.
    """

    CSS_PATH = Path(__file__).parent / "ask_text_screen.tcss"
    BINDINGS = [*keymap.ASK_TEXT]

    def __init__(self, title: str, hint: str) -> None:
        super().__init__()
        self.dialog_title = title
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-text-dialog") as dialog:
            dialog.border_title = self.dialog_title
            yield Label(Content(self.hint), id="ask-text-hint")
            yield TextArea(id="ask-text", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            with Horizontal(id="ask-text-buttons"):
                yield Button("Send (ctrl+s)", variant="primary", id="ask-text-send", compact=True)
                yield Button("Cancel (esc)", id="ask-text-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_send(self) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            self.notify("Paste the question first", severity="warning")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#ask-text-send")
    def _send_pressed(self) -> None:
        self.action_send()

    @on(Button.Pressed, "#ask-text-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
