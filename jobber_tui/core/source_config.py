"""Adding and removing `[[sources]]` in config.toml: one place for the CLI and the UI."""

from __future__ import annotations

from typing import Any

from .config import Config
from .config_model import URL
from .errors import BadInput
from .sources import BOARD_NAME, KINDS


def add_source(config: Config, kind: str, board: str, *, base_url: str | None = None,
               employer: str | None = None) -> bool:
    """Add a board (a surgical edit of config.toml); False when it was already configured."""
    board = board.strip()
    if kind not in KINDS:
        raise BadInput(f"unknown source kind {kind!r}; expected one of: {', '.join(KINDS)}")
    if not BOARD_NAME.fullmatch(board):
        raise BadInput(f"board: expected a name such as 'stripe' (letters, digits, . _ -), got {board!r}")
    if base_url and not URL.fullmatch(base_url):
        raise BadInput(f"base URL: expected an http(s) URL such as https://mirror.example, got {base_url!r}")
    config.reload()  # another process may have added it since this one started
    if any((entry.kind, entry.board.strip()) == (kind, board) for entry in config.settings.sources):
        return False
    entry: dict[str, Any] = {"kind": kind, "board": board}
    if base_url:
        entry["base_url"] = base_url
    if employer:
        entry["employer"] = employer
    config.append_entry("sources", entry)  # validated before writing (a bad base_url names the key)
    return True


def remove_source(config: Config, kind: str, board: str) -> None:
    """Remove a board (its jobs stay); BadInput when it is not configured."""
    if not config.remove_entries("sources", {"kind": kind, "board": board.strip()}):
        raise BadInput(f"{kind}/{board} is not configured (see `jobber sources list`)")
