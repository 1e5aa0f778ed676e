"""`?`: the keys of where you are, read from the active bindings (so remapped keys show as remapped),
each with the id that remaps it in config.toml's `[keys]`."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from jobber_tui.ui import keymap
from jobber_tui.ui.screens.jobber_screen import JobberModalScreen


@dataclass(frozen=True)
class KeyHelp:
    keys: str
    description: str
    enabled: bool
    """False when the key does nothing right now (e.g. the selected job's status does not allow it)."""
    binding_id: str = ""
    """What `[keys]` in config.toml calls it."""


def keys_of(screen: Screen[object]) -> list[KeyHelp]:
    """The active bindings of `screen` with an id (Jobber's own, all remappable), one line per action:
    the screen's verbs first, then its widgets' keys, then the app's."""
    app = screen.app
    merged: dict[tuple[str, str], tuple[int, list[str], bool, str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.id or not binding.description:
            continue
        rank = 0 if active.node is screen else 2 if active.node is app else 1
        found = merged.setdefault((binding.action, binding.description), (rank, [], False, binding.id))
        keys = found[1]
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
        merged[(binding.action, binding.description)] = (
            min(rank, found[0]),
            keys,
            found[2] or active.enabled,
            found[3],
        )
    if app.ENABLE_COMMAND_PALETTE:
        merged[("command_palette", "Command palette: every action, jump to a job")] = (
            3,
            [app.COMMAND_PALETTE_BINDING],
            True,
            "",
        )
    ordered = sorted(merged.items(), key=lambda item: item[1][0])
    return [
        KeyHelp(", ".join(keys), description, enabled, binding_id)
        for (_, description), (_, keys, enabled, binding_id) in ordered
    ]


class HelpScreen(JobberModalScreen[None]):
    """A list of keys over the screen it describes; esc, q or ? closes it."""

    BINDINGS = [*keymap.HELP_SCREEN]
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 84;
            max-width: 100%;
            height: auto;
            max-height: 90%;
            border: round $primary;
            border-title-color: $text;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    def __init__(self, title: str, keys: list[KeyHelp]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_column(style="dim", no_wrap=True)
        for item in self.keys:
            note = "" if item.enabled else "  (not now)"
            style = "" if item.enabled else "dim"
            table.add_row(
                Text(item.keys, style=style), Text(item.description + note, style=style), Text(item.binding_id)
            )
        with VerticalScroll() as scroll:
            scroll.border_title = f"Keys: {self.title_text}"
            scroll.border_subtitle = "remap by id: \\[keys] in config.toml · esc closes"
            yield Static(table, id="keys")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up()
