"""Searches across employers: the providers, and how a configured search is named and reached.

A search is never a complete listing of anything (a provider shows what matches today, in its own
order, up to a limit), so nothing is ever expired because a search stopped returning it. Cheap to
import: each provider's module (and httpx, or python-jobspy) loads only when it searches.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...infra.catalog import PROVIDERS, Provider  # noqa: F401 - the provider catalog, re-exported
from ..sources.filters import Filters

if TYPE_CHECKING:
    from ...infra.config_model import SearchEntry
    from ...infra.http import PoliteClient
    from ..sources.posting import Listing


def env_var(provider: str) -> str:
    """The environment variable that overrides a provider's base URL, e.g. JOBBER_HIMALAYAS_BASE_URL."""
    return f"JOBBER_{provider.upper()}_BASE_URL"


def slug(text: str) -> str:
    """ "Data Engineer in São Paulo" -> "data-engineer-in-sao-paulo" (accents dropped, other scripts kept)."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return re.sub(r"[^\w]+|_", "-", plain).strip("-")[:48]


@dataclass(frozen=True)
class SearchSpec:
    """One configured search: `[[searches]] provider = "himalayas", query = "python"`."""

    provider: str
    query: str = ""
    name: str | None = None
    location: str | None = None
    country: str | None = None
    remote_only: bool = False
    max_results: int = 100
    filters: Filters = field(default_factory=Filters)
    api_key_env: str | None = None
    app_id_env: str | None = None
    email: str | None = None
    base_url: str | None = None

    @property
    def board(self) -> str:
        """The search's name: as configured, else made from its query and location ("python-berlin")."""
        made = "-".join(s for s in (slug(self.query), slug(self.location or "")) if s)
        return self.name or made or "all"

    @property
    def label(self) -> str:
        return f"{self.provider}/{self.board}"

    @property
    def info(self) -> Provider:
        return PROVIDERS[self.provider]

    @property
    def blocked(self) -> str | None:
        """Why this search cannot run (a key setting missing or its variable unset), or None."""
        for key in self.info.keys:
            value = getattr(self, key)
            if not value:
                return f"needs {key} (see `jobber searches add --help`)"
            if key.endswith("_env") and not os.environ.get(value):
                return f"the environment variable {value} ({key}) is not set"
        return None

    def secret(self, key: str) -> str:
        """The value of the variable a `*_env` setting names ("" when unset; `blocked` said so first)."""
        name = getattr(self, key)
        return os.environ.get(name, "") if name else ""

    def api_base(self) -> str:
        """Env var, then config, then the public default; no trailing slash."""
        return (os.environ.get(env_var(self.provider)) or self.base_url or self.info.base_url).rstrip("/")

    def fetch(self, client: PoliteClient, known: frozenset[str] = frozenset()) -> Listing:
        """The search's results as a listing that is never complete."""
        module = importlib.import_module(f".{self.info.module}", __name__)
        listing: Listing = module.search(client, self)
        listing.complete = False
        return listing


def specs_from_config(entries: Iterable[SearchEntry]) -> list[SearchSpec]:
    """The `[[searches]]` tables as specs (config loading already checked them)."""
    return [
        SearchSpec(
            provider=e.provider,
            query=e.query.strip(),
            name=e.name,
            location=(e.location or "").strip() or None,
            country=e.country,
            remote_only=e.remote_only,
            max_results=e.max_results,
            filters=Filters.of(e),
            api_key_env=e.api_key_env,
            app_id_env=e.app_id_env,
            email=e.email,
            base_url=e.base_url,
        )
        for e in entries
    ]
