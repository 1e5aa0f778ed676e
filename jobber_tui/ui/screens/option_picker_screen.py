"""Pick one of a few named options (a reply's category, ...): arrows or the first letter, enter picks."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from jobber_tui.ui import keymap
from jobber_tui.ui.screens.jobber_screen import JobberModalScreen


class OptionPickerScreen(JobberModalScreen[str | None]):
    """Dismissed with the chosen option's id, or None (`esc`)."""

    BINDINGS = [*keymap.OPTION_PICKER]
    DEFAULT_CSS = """
    OptionPickerScreen {
        align: center middle;
        background: $background 60%;
        & > Vertical { width: auto; min-width: 40; max-width: 80; height: auto; border: thick $primary;
                       background: $surface; padding: 0 1; }
        & OptionList { height: auto; max-height: 16; border: none; }
    }
    """

    def __init__(self, title: str, options: list[tuple[str, str]], *, current: str | None = None) -> None:
        """`options` are (id, label); `current` is highlighted first."""
        super().__init__()
        self.dialog_title = title
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical() as dialog:
            dialog.border_title = self.dialog_title
            dialog.border_subtitle = "enter picks · esc cancels"
            yield OptionList(*(Option(label, id=key) for key, label in self.options))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [key for key, _ in self.options]
        if self.current in ids:
            options.highlighted = ids.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
