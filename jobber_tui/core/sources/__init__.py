"""Job-board sources: the registry of kinds and how a configured board is named and reached.

Cheap to import (config validation uses it): each kind's module, and httpx with it, is loaded only
when that kind is fetched.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config_model import SourceEntry

KINDS: tuple[str, ...] = ("greenhouse", "lever", "ashby", "workable", "recruitee")
"""Every supported board kind; each is a module of this package with `fetch_listing` and `fetch_posting`."""

DEFAULT_BASE_URLS: dict[str, str] = {
    "greenhouse": "https://boards-api.greenhouse.io",
    "lever": "https://api.lever.co",
    "ashby": "https://api.ashbyhq.com",
    "workable": "https://apply.workable.com",
    "recruitee": "https://{board}.recruitee.com",
}
"""Public, key-less APIs. `{board}` is replaced by the board name (Recruitee boards are subdomains)."""

BOARD_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
"""What a board token looks like on every supported kind (no slashes, spaces or query characters)."""


def env_var(kind: str) -> str:
    """The environment variable that overrides a kind's base URL, e.g. JOBBER_GREENHOUSE_BASE_URL."""
    return f"JOBBER_{kind.upper()}_BASE_URL"


@dataclass(frozen=True)
class SourceSpec:
    """One configured board: `[[sources]] kind = "greenhouse", board = "stripe"`."""

    kind: str
    board: str
    base_url: str | None = None
    """Per-source override from config; the env var of the kind still wins (for tests and mirrors)."""
    employer: str | None = None
    """Employer name to use when the board's API does not say (Lever, Ashby); else the board name, title-cased."""

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.board}"

    def api_base(self) -> str:
        """Env var, then config, then the public default; `{board}` filled in, no trailing slash."""
        chosen = os.environ.get(env_var(self.kind)) or self.base_url or DEFAULT_BASE_URLS[self.kind]
        return chosen.replace("{board}", self.board).rstrip("/")

    def employer_name(self, from_api: str | None = None) -> str:
        """The name the board's API gives, else the configured `employer`, else the title-cased board name."""
        return from_api or self.employer or humanize_board(self.board)


def humanize_board(board: str) -> str:
    """"acme-robotics" -> "Acme Robotics": the best employer name when a board API gives none."""
    words = re.split(r"[-_.\s]+", board.strip())
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or board


def source_module(kind: str) -> ModuleType:
    if kind not in KINDS:
        raise KeyError(kind)
    return importlib.import_module(f".{kind}", __name__)


def specs_from_config(entries: Iterable[SourceEntry]) -> list[SourceSpec]:
    """The `[[sources]]` tables as specs (config loading already checked them)."""
    return [SourceSpec(kind=entry.kind, board=entry.board.strip(), base_url=entry.base_url or None,
                       employer=entry.employer or None) for entry in entries]
