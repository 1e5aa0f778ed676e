"""The `/` search line: searches as you type (core/jobs/search.py); esc clears it, enter keeps it and goes back
to the list."""

from __future__ import annotations

from textual import on
from textual.widget import Widget
from textual.widgets import Input

from jobber_tui.ui import keymap


class FilterInput(Input):
    """A one-line input; the screen filters its table on every `Input.Changed`."""

    BINDINGS = [*keymap.FILTER_INPUT]
    DEFAULT_CSS = """
    FilterInput {
        display: none;
        &.-shown { display: block; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder="search every queue: words, status:ready, score:>70, remote:yes", compact=True, id=id
        )
        self._return_to: Widget | None = None

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)

    def open(self, return_to: Widget) -> None:
        """Show the line and type into it; closing gives the focus back to `return_to`."""
        self._return_to = return_to
        self.add_class("-shown")
        # Focus now, not after queued messages: keys typed right after "/" must land here.
        self.screen.set_focus(self)

    def action_close(self, clear: bool) -> None:
        # The focus moves now, so the next key goes to the list; the rest waits until the input
        # has handled letters typed before this key (priority bindings run ahead of them).
        if self._return_to is not None:
            self.screen.set_focus(self._return_to)
        self.call_later(self._finish_close, clear)

    def _finish_close(self, clear: bool) -> None:
        if clear:
            self.value = ""
        self.set_class(bool(self.value) or self.has_focus, "-shown")

    @on(Input.Changed)
    def _keep_shown_while_filtering(self, event: Input.Changed) -> None:
        # Shown while it filters, even when the focus is back on the list.
        self.set_class(bool(event.value) or self.has_focus, "-shown")
