"""Adding and removing `[[searches]]` in config.toml, for `jobber searches` and the UI."""

from __future__ import annotations

from typing import Any

from ..infra.config import Config
from ..infra.errors import BadInput
from .searches import PROVIDERS, SearchSpec, specs_from_config
from .source_config import FilterSettings


def add_search(
    config: Config,
    provider: str,
    query: str,
    *,
    settings: dict[str, Any] | None = None,
    filters: FilterSettings | None = None,
) -> str | None:
    """Add a search; returns its label ("himalayas/python"), or None when the same search is configured.
    `settings`: the other keys of `[[searches]]` (location, country, remote_only, max_results, name,
    api_key_env, app_id_env, email, base_url); None values are left out. The config model checks them."""
    if provider not in PROVIDERS:
        raise BadInput(f"unknown search provider {provider!r}; expected one of: {', '.join(PROVIDERS)}")
    entry: dict[str, Any] = {"provider": provider, "query": query.strip()}
    entry.update({k: v for k, v in (settings or {}).items() if v not in (None, False, "")})
    entry.update((filters or FilterSettings()).entry())
    missing = [key for key in PROVIDERS[provider].keys if not entry.get(key)]
    if missing:
        raise BadInput(
            f"{provider} needs {' and '.join('--' + k.replace('_', '-') for k in missing)} "
            "(the NAME of the environment variable holding each secret, never the secret itself)"
        )
    label = SearchSpec(
        provider, entry["query"], name=entry.get("name"), location=(entry.get("location") or "").strip() or None
    ).label
    config.reload()
    if label in {spec.label for spec in specs_from_config(config.settings.searches)}:
        return None
    config.append_entry("searches", entry)  # validated before writing: a bad value names its key
    return label


def remove_search(config: Config, label: str) -> None:
    """Remove the search with this label (`jobber searches list` shows them); its jobs stay."""
    config.reload()
    for entry, spec in zip(config.settings.searches, specs_from_config(config.settings.searches), strict=True):
        if spec.label == label:
            config.remove_entries("searches", _identity(entry))
            return
    raise BadInput(f"no search {label!r} (see `jobber searches list`)")


def _identity(entry: Any) -> dict[str, Any]:
    """The keys that tell this `[[searches]]` table from the others, as written in the file."""
    keys = {"provider": entry.provider, "query": entry.query}
    for name in ("name", "location", "country"):
        if getattr(entry, name):
            keys[name] = getattr(entry, name)
    return keys
