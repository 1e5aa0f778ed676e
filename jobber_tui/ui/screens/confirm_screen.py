"""A small question with a few answers, e.g. "Save your edits before leaving?"."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label

from jobber_tui.ui.screens.jobber_screen import JobberModalScreen

from .. import keymap

if TYPE_CHECKING:
    from textual.widgets.button import ButtonVariant


@dataclass(frozen=True)
class Choice:
    """One answer: `value` is what the screen is dismissed with; `key` answers it from the keyboard."""

    value: str
    label: str
    key: str
    variant: ButtonVariant = "default"


UNSAVED_CHOICES = (
    Choice("save", "Save", "s", "primary"),
    Choice("discard", "Discard", "d", "error"),
    Choice("cancel", "Cancel", "c"),
)


class ConfirmScreen(JobberModalScreen[str]):
    """Dismissed with the chosen `Choice.value`; `esc` always means the last (safest) choice."""

    CSS_PATH = Path(__file__).parent / "confirm_screen.tcss"
    BINDINGS = [*keymap.CONFIRM]

    def __init__(self, question: str, choices: tuple[Choice, ...] = UNSAVED_CHOICES, *, title: str = "") -> None:
        super().__init__()
        self.question = question
        self.choices = choices
        self.dialog_title = title

    @classmethod
    def unsaved_changes(cls, what: str = "this job") -> ConfirmScreen:
        """The three-way question asked before unsaved edits would be left behind."""
        return cls(f"You have unsaved edits to {what}.", UNSAVED_CHOICES, title="Unsaved changes")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog") as dialog:
            dialog.border_title = self.dialog_title
            yield Label(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                for choice in self.choices:
                    yield Button(_labelled(choice), variant=choice.variant, id=f"choice-{choice.value}")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_key(self, event: events.Key) -> None:
        # Answer keys are data (they come with the choices), so they are matched here, not bound.
        for choice in self.choices:
            if event.key == choice.key:
                event.stop()
                self.dismiss(choice.value)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(str(event.button.id).removeprefix("choice-"))

    def action_choose_last(self) -> None:
        self.dismiss(self.choices[-1].value)


def _labelled(choice: Choice) -> Content:
    """The label with its key letter underlined, as menus do (or the key after it)."""
    at = choice.label.lower().find(choice.key)
    if at < 0:
        return Content.assemble(choice.label, " (", (choice.key, "bold"), ")")
    return Content.assemble(choice.label[:at], (choice.label[at], "underline"), choice.label[at + 1 :])
