"""Job-board sources: the registry of kinds and how a configured board is named and reached.

Cheap to import (config validation uses it): each kind's module, and httpx with it, is loaded only
when that kind is fetched.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

from ...infra.catalog import BOARD_EXAMPLES, BOARD_NAME, KINDS, WORKDAY_BOARD, board_name  # noqa: F401 - the board catalog, re-exported
from .filters import Filters

if TYPE_CHECKING:
    from ...infra.config_model import SourceEntry
    from ...infra.http import PoliteClient
    from .posting import Listing

DEFAULT_BASE_URLS: dict[str, str] = {
    "greenhouse": "https://boards-api.greenhouse.io",
    "lever": "https://api.lever.co",
    "ashby": "https://api.ashbyhq.com",
    "workable": "https://apply.workable.com",
    "recruitee": "https://{board}.recruitee.com",
    "personio": "https://{board}.jobs.personio.de",
    "workday": "https://{tenant}.{pod}.myworkdayjobs.com",
    "bamboohr": "https://{board}.bamboohr.com",
    "teamtailor": "https://{board}.teamtailor.com",
    "smartrecruiters": "https://api.smartrecruiters.com",
}
"""Public, key-less APIs. `{board}` is replaced by the board name (boards that are subdomains); a
Workday board fills `{tenant}` and `{pod}` from its name."""

ROBOTS_DISALLOWED = frozenset({"smartrecruiters"})
"""Kinds whose robots.txt disallows crawling the API: read only with `ignore_robots = true`."""


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
    filters: Filters = field(default_factory=Filters)
    ignore_robots: bool = False
    """The user read the board's robots.txt and chose to read it anyway (SmartRecruiters)."""

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.board}"

    @property
    def blocked(self) -> str | None:
        """Why this board is not read, or None: a kind whose robots.txt disallows crawling needs the opt-in."""
        if self.kind in ROBOTS_DISALLOWED and not self.ignore_robots:
            return (
                f"not read: {self.kind}'s robots.txt disallows crawling its API; set ignore_robots = true "
                "on this source to read it knowingly"
            )
        return None

    def parts(self) -> dict[str, str]:
        """The pieces of the board name a base URL may use: `{board}`, and Workday's tenant, pod and site."""
        found = WORKDAY_BOARD.fullmatch(self.board) if self.kind == "workday" else None
        return {"board": self.board, **(found.groupdict() if found else {})}

    def api_base(self) -> str:
        """Env var, then config, then the public default; placeholders filled in, no trailing slash."""
        chosen = os.environ.get(env_var(self.kind)) or self.base_url or DEFAULT_BASE_URLS[self.kind]
        for name, value in self.parts().items():
            chosen = chosen.replace("{" + name + "}", value)
        return chosen.rstrip("/")

    def employer_name(self, from_api: str | None = None) -> str:
        """The name the board's API gives, else the configured `employer`, else the title-cased board name."""
        return from_api or self.employer or humanize_board(self.parts().get("tenant") or self.board)

    def fetch(self, client: PoliteClient, known: frozenset[str] = frozenset()) -> Listing:
        """The board's listing. `known`: ids already stored, whose per-posting detail a kind that reads
        one request per posting (Workday, BambooHR, SmartRecruiters) does not fetch again."""
        module = source_module(self.kind)
        listing: Listing = (
            module.fetch_listing(client, self, known=known)
            if getattr(module, "DETAIL_PER_POSTING", False)
            else module.fetch_listing(client, self)
        )
        return listing


def humanize_board(board: str) -> str:
    """ "acme-robotics" -> "Acme Robotics": the best employer name when a board API gives none."""
    words = re.split(r"[-_.\s]+", board.strip())
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or board


def source_module(kind: str) -> ModuleType:
    if kind not in KINDS:
        raise KeyError(kind)
    return importlib.import_module(f".{kind}", __name__)


def specs_from_config(entries: Iterable[SourceEntry]) -> list[SourceSpec]:
    """The `[[sources]]` tables as specs (config loading already checked them)."""
    return [
        SourceSpec(
            kind=entry.kind,
            board=board_name(entry.kind, entry.board) or entry.board.strip(),
            base_url=entry.base_url or None,
            employer=entry.employer or None,
            filters=Filters.of(entry),
            ignore_robots=entry.ignore_robots,
        )
        for entry in entries
    ]
