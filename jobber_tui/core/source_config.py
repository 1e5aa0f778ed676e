"""Adding and removing `[[sources]]` in config.toml: one place for the CLI and the UI."""

from __future__ import annotations

from typing import Any

from .config import Config
from .errors import BadInput
from .sources import BOARD_NAME, KINDS


def add_source(config: Config, kind: str, board: str, *, base_url: str | None = None,
               employer: str | None = None) -> bool:
    """Add a board and save; False when it was already configured. Bad input raises BadInput."""
    board = board.strip()
    if kind not in KINDS:
        raise BadInput(f"unknown source kind {kind!r}; expected one of: {', '.join(KINDS)}")
    if not BOARD_NAME.fullmatch(board):
        raise BadInput(f"board: expected a name such as 'stripe' (letters, digits, . _ -), got {board!r}")
    entries = _entries(config)
    if any(_is(entry, kind, board) for entry in entries):
        return False
    entry: dict[str, Any] = {"kind": kind, "board": board}
    if base_url:
        entry["base_url"] = base_url
    if employer:
        entry["employer"] = employer
    config.set("sources", [*entries, entry])  # validates (a bad base_url names the key)
    config.save()
    return True


def remove_source(config: Config, kind: str, board: str) -> None:
    """Remove a board and save (its jobs stay); BadInput when it is not configured."""
    entries = _entries(config)
    kept = [entry for entry in entries if not _is(entry, kind, board)]
    if len(kept) == len(entries):
        raise BadInput(f"{kind}/{board} is not configured (see `jobber sources list`)")
    config.set("sources", kept)
    config.save()


def _entries(config: Config) -> list[Any]:
    return list(config.get("sources") or [])


def _is(entry: Any, kind: str, board: str) -> bool:
    return isinstance(entry, dict) and (entry.get("kind"), entry.get("board")) == (kind, board)
