"""Adding and removing `[[sources]]` and `[[searches]]` in config.toml: one place for the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..infra.config import Config
from ..infra.config_fields import URL
from ..infra.errors import BadInput
from .sources import BOARD_EXAMPLES, KINDS, ROBOTS_DISALLOWED, board_name


@dataclass(frozen=True)
class FilterSettings:
    """The filters a source or search is added with (see sources/filters.py); empty ones are not written."""

    include_keywords: list[str] = field(default_factory=list)
    exclude_keywords: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    remote_only: bool = False
    max_new: int | None = None

    def entry(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, False, [])}


def add_source(
    config: Config,
    kind: str,
    board: str,
    *,
    base_url: str | None = None,
    employer: str | None = None,
    filters: FilterSettings | None = None,
    ignore_robots: bool = False,
) -> bool:
    """Add a board (a surgical edit of config.toml); False when it was already configured."""
    if kind not in KINDS:
        raise BadInput(f"unknown source kind {kind!r}; expected one of: {', '.join(KINDS)}")
    name = board_name(kind, board)
    if name is None:
        want = (
            f"tenant.wdN/site as in {BOARD_EXAMPLES[kind].split(' from ', 1)[-1]}"
            if kind == "workday"
            else f"a name such as 'stripe' (letters, digits, . _ -: {BOARD_EXAMPLES[kind]})"
        )
        raise BadInput(f"board: expected {want}, got {board.strip()!r}")
    if base_url and not URL.fullmatch(base_url):
        raise BadInput(f"base URL: expected an http(s) URL such as https://mirror.example, got {base_url!r}")
    if kind in ROBOTS_DISALLOWED and not ignore_robots:
        raise BadInput(
            f"{kind}'s robots.txt disallows crawling its API, so Jobber does not read it by default. "
            "If you have read its terms and still want this board, add it with --ignore-robots"
        )
    config.reload()  # another process may have added it since this one started
    if any((entry.kind, board_name(entry.kind, entry.board)) == (kind, name) for entry in config.settings.sources):
        return False
    entry: dict[str, Any] = {"kind": kind, "board": name}
    if base_url:
        entry["base_url"] = base_url
    if employer:
        entry["employer"] = employer
    entry.update((filters or FilterSettings()).entry())
    if ignore_robots:
        entry["ignore_robots"] = True
    config.append_entry("sources", entry)  # validated before writing (a bad base_url names the key)
    return True


def remove_source(config: Config, kind: str, board: str) -> None:
    """Remove a board (its jobs stay); BadInput when it is not configured."""
    name = board_name(kind, board) or board.strip()
    if not config.remove_entries("sources", {"kind": kind, "board": name}):
        raise BadInput(f"{kind}/{name} is not configured (see `jobber sources list`)")
