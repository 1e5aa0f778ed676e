"""config.toml: read with tomllib, written back with tomli-w keeping keys Jobber does not know.

Secrets are never required in the file: keys ending in `_env` name environment variables that
hold them. If a secret is stored in the file anyway, the file is written with mode 0600.
"""

from __future__ import annotations

import copy
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from .errors import BadInput
from .paths import atomic_write

DEFAULTS: dict[str, Any] = {
    "default_template": "classic",
    "theme": "jobber-dark",
    "tailoring": {"max_projects": 3, "pinned_projects": []},
    "keys": {},
    # discovery and the pipeline (issue 6)
    "sources": [],
    "pipeline": {"top": 10, "min_score": 50},
    "scoring": {"target_titles": [], "locations": [], "remote_ok": True, "exclude_keywords": [],
                "exclude_companies": []},
    "discovery": {"timeout": 20.0, "retries": 3, "backoff": 0.5, "concurrency": 4},
    "webhooks": [],
    # fonts and page fit of resumes (issue 14)
    "fonts": {"system": True},
    "templates": {},
}
"""Every known setting and its default; a missing key means the default."""

_TYPES: dict[str, type | tuple[type, ...]] = {
    "default_template": str,
    "theme": str,
    "tailoring.max_projects": int,
    "tailoring.pinned_projects": list,
    "keys": dict,
    "sources": list,
    "pipeline": dict,
    "pipeline.top": int,
    "pipeline.min_score": int,
    "scoring": dict,
    "scoring.target_titles": list,
    "scoring.locations": list,
    "scoring.remote_ok": bool,
    "scoring.exclude_keywords": list,
    "scoring.exclude_companies": list,
    "discovery": dict,
    "discovery.timeout": (int, float),
    "discovery.retries": int,
    "discovery.backoff": (int, float),
    "discovery.concurrency": int,
    "webhooks": list,
    "fonts": dict,
    "fonts.system": bool,
    "templates": dict,
}
"""Expected types of known keys; unknown keys are kept as they are."""

PAGE_CHOICES = (1, 2, "auto")
"""`[templates.NAME] pages`: fit the resume on one page, on two, or let it take what it needs."""

SECRET_KEY = re.compile(r"(password|passwd|secret|token|api[_-]?key|credential)s?$", re.I)


class ConfigError(BadInput):
    """config.toml could not be used; the message names the file and the line or key."""


@dataclass
class Config:
    """The settings in effect plus the raw document, so saving keeps what we don't understand."""

    path: Path
    raw: dict[str, Any] = field(default_factory=dict)

    def get(self, dotted: str) -> Any:
        node: Any = self.raw
        default: Any = DEFAULTS
        for part in dotted.split("."):
            default = default.get(part) if isinstance(default, dict) else None
            node = node.get(part) if isinstance(node, dict) else None
        return copy.deepcopy(default) if node is None else node

    def set(self, dotted: str, value: Any) -> None:
        """Change one setting in memory; call save() to persist it. A value refused (ConfigError)
        leaves the settings as they were: a long-lived UI must not carry it into its next save."""
        before = copy.deepcopy(self.raw)
        *parents, last = dotted.split(".")
        node: Any = self.raw
        try:
            for index, part in enumerate(parents):
                node = node.setdefault(part, {})
                if not isinstance(node, dict):
                    where = ".".join(parents[: index + 1])
                    raise ConfigError(f"{self.path}: cannot set '{dotted}': '{where}' is not a table ({node!r})")
            node[last] = value
            _check_types(self.raw, self.path)
        except ConfigError:
            self.raw.clear()
            self.raw.update(before)
            raise

    def reload(self) -> None:
        """Read the file again, in place: another process (`jobber sources add`) may have written it
        since, and a long-lived UI must not save over that."""
        self.raw = load_config(self.path).raw

    def save(self) -> None:
        import tomli_w

        mode = 0o600 if _holds_secret(self.raw) else None
        atomic_write(self.path, tomli_w.dumps(self.raw).encode(), mode=mode)

    def secret_values(self) -> list[str]:
        """Values of the secrets this config points at (env vars named by `*_env` keys, or stored)."""
        found: list[str] = []
        for key, value in _walk(self.raw):
            if key.endswith("_env") and isinstance(value, str) and os.environ.get(value):
                found.append(os.environ[value])
            elif SECRET_KEY.search(key) and isinstance(value, str) and value:
                found.append(value)
        return found

    @property
    def default_template(self) -> str:
        return str(self.get("default_template"))


def load_config(path: Path) -> Config:
    """Read config.toml; a missing file means all defaults. Errors name the file and line or key."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return Config(path=path, raw={})
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    _check_types(raw, path)
    return Config(path=path, raw=raw)


def _check_types(raw: dict[str, Any], path: Path) -> None:
    for dotted, expected in _TYPES.items():
        node: Any = raw
        for part in dotted.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            continue
        # bool is an int in Python; a setting that wants a number must not take true/false.
        if not isinstance(node, expected) or (expected is int and isinstance(node, bool)):
            want = expected.__name__ if isinstance(expected, type) else "/".join(t.__name__ for t in expected)
            raise ConfigError(f"{path}: key '{dotted}' must be a {want}, got {node!r}")
    max_projects = raw.get("tailoring", {}).get("max_projects") if isinstance(raw.get("tailoring"), dict) else None
    if isinstance(max_projects, int) and not 0 <= max_projects <= 20:
        raise ConfigError(f"{path}: key 'tailoring.max_projects' must be between 0 and 20, got {max_projects}")
    _check_discovery(raw, path)
    _check_templates(raw, path)


def _check_templates(raw: dict[str, Any], path: Path) -> None:
    for name, table in (raw.get("templates") or {}).items():
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: key 'templates.{name}' must be a table like {{ pages = 1 }}, got {table!r}")
        pages = table.get("pages", 1)
        if isinstance(pages, bool) or pages not in PAGE_CHOICES:
            raise ConfigError(f"{path}: key 'templates.{name}.pages' must be 1, 2 or \"auto\", got {pages!r}")


def pages_for(config: Config, template: str) -> int | None:
    """How many pages a template's resumes should fit on; None means "auto" (no limit)."""
    table = config.get("templates")
    pages = (table.get(template) or {}).get("pages", 1) if isinstance(table, dict) else 1
    return None if pages == "auto" else int(pages)


def _check_discovery(raw: dict[str, Any], path: Path) -> None:
    """`[[sources]]`, `[pipeline]`, `[scoring]`, `[discovery]` and `[[webhooks]]`: ranges and shapes."""
    def fail(key: str, want: str, got: Any) -> NoReturn:
        raise ConfigError(f"{path}: key '{key}' must be {want}, got {got!r}")

    def section(name: str) -> dict[str, Any]:
        value = raw.get(name)
        return value if isinstance(value, dict) else {}

    for key, low, high in (("pipeline.top", 1, 1000), ("pipeline.min_score", 0, 100), ("discovery.retries", 0, 10),
                           ("discovery.concurrency", 1, 32)):
        value = section(key.split(".")[0]).get(key.split(".")[1])
        if isinstance(value, int) and not low <= value <= high:
            fail(key, f"between {low} and {high}", value)
    backoff = section("discovery").get("backoff")
    if isinstance(backoff, bool) or (isinstance(backoff, (int, float)) and not 0 <= backoff <= 60):
        fail("discovery.backoff", "between 0 and 60 seconds", backoff)
    timeout = section("discovery").get("timeout")
    if isinstance(timeout, bool) or (isinstance(timeout, (int, float)) and not 0 < timeout <= 300):
        fail("discovery.timeout", "more than 0 and at most 300 seconds", timeout)
    for name in ("target_titles", "locations", "exclude_keywords", "exclude_companies"):
        for index, item in enumerate(section("scoring").get(name) or []):
            if not isinstance(item, str):
                fail(f"scoring.{name}[{index}]", "text", item)
    if raw.get("sources"):
        from .sources import BOARD_NAME, KINDS

        for index, entry in enumerate(raw["sources"]):
            where = f"sources[{index}]"
            if not isinstance(entry, dict):
                fail(where, 'a table like { kind = "greenhouse", board = "stripe" }', entry)
            if entry.get("kind") not in KINDS:
                fail(f"{where}.kind", f"one of {', '.join(KINDS)}", entry.get("kind"))
            if not isinstance(entry.get("board"), str) or not BOARD_NAME.fullmatch(entry["board"].strip()):
                fail(f"{where}.board", "a board name such as 'stripe' (letters, digits, . _ -)", entry.get("board"))
            for key in ("base_url", "employer"):
                if key in entry and not isinstance(entry[key], str):
                    fail(f"{where}.{key}", "text", entry[key])
            if entry.get("base_url") and not re.match(r"^https?://[^\s/]+", entry["base_url"]):
                fail(f"{where}.base_url", "an http(s) URL", entry["base_url"])
    if raw.get("webhooks"):
        from .webhooks import EVENTS

        for index, entry in enumerate(raw["webhooks"]):
            where = f"webhooks[{index}]"
            if not isinstance(entry, dict):
                fail(where, 'a table like { url = "https://...", secret_env = "JOBBER_WEBHOOK_SECRET" }', entry)
            if not isinstance(entry.get("url"), str) or not re.match(r"^https?://[^\s/]+", entry["url"]):
                fail(f"{where}.url", "an http(s) URL", entry.get("url"))
            if "secret_env" in entry and not isinstance(entry["secret_env"], str):
                fail(f"{where}.secret_env", "the name of an environment variable", entry["secret_env"])
            events = entry.get("events", list(EVENTS))
            if not isinstance(events, list) or any(e not in EVENTS for e in events):
                fail(f"{where}.events", f"a list of: {', '.join(EVENTS)}", events)
            timeout = entry.get("timeout", 5)
            if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= 60:
                fail(f"{where}.timeout", "seconds between 0 and 60", timeout)


def _walk(node: Any, prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((str(key), value))
            out.extend(_walk(value, f"{prefix}{key}."))
    elif isinstance(node, list):
        for item in node:
            out.extend(_walk(item, prefix))
    return out


def _holds_secret(raw: dict[str, Any]) -> bool:
    return any(SECRET_KEY.search(k) and isinstance(v, str) and v for k, v in _walk(raw))
