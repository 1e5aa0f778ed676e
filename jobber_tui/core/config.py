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
from typing import Any

from .errors import BadInput
from .paths import atomic_write

DEFAULTS: dict[str, Any] = {
    "default_template": "classic",
    "theme": "jobber-dark",
    "tailoring": {"max_projects": 3, "pinned_projects": []},
    "keys": {},
}
"""Every known setting and its default; a missing key means the default."""

_TYPES: dict[str, type | tuple[type, ...]] = {
    "default_template": str,
    "theme": str,
    "tailoring.max_projects": int,
    "tailoring.pinned_projects": list,
    "keys": dict,
}
"""Expected types of known keys; unknown keys are kept as they are."""

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
        """Change one setting in memory; call save() to persist it."""
        *parents, last = dotted.split(".")
        node = self.raw
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
        _check_types(self.raw, self.path)

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
