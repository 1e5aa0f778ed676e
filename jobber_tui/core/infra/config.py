"""config.toml: read with tomllib into the typed `Settings`, checked strictly, changed surgically.

Reading is strict: an unknown key or section, a wrong type or a value out of range is one error
naming the file, the line and, for a misspelling, the closest known name. Nothing is silently
treated as a default. Writing (config_write.py) re-reads the file under a lock and edits only the
keys being set, so the user's comments, ordering and another process's changes survive.

Secrets are never required in the file: keys ending in `_env` name environment variables that
hold them. A file that holds a secret anyway is kept readable by its owner only (0600).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config_check import MAX_CONFIG_BYTES, Checker, ConfigError, check_config, default_of, holds_secret, walk  # noqa: F401 - ConfigError, MAX_CONFIG_BYTES, default_of re-exported
from .config_model import Settings
from .paths import display_path
from .scrub import sensitive_key, url_secrets  # noqa: F401 - url_secrets re-exported


@dataclass
class Config:
    """The settings in effect, the file they came from, and the plain document (for secrets)."""

    path: Path
    settings: Settings
    raw: dict[str, Any]
    text: str = ""
    """The file as read, for line numbers in later errors."""

    def error(self, where: tuple[Any, ...], message: str) -> ConfigError:
        """An error about one setting, naming the file and its line: `config.toml:3: 'x' must be ...`."""
        try:
            Checker(self.path, self.text).fail(where, message)
        except ConfigError as error:
            return error
        raise AssertionError("unreachable")

    def secret_values(self) -> list[str]:
        """Values of the secrets this config points at (env vars named by `*_env` keys, or stored)."""
        found: list[str] = []
        for key, value in walk(self.raw):
            if key.endswith("_env"):  # names a variable; its value is the secret, its name is not
                if isinstance(value, str) and os.environ.get(value):
                    found.append(os.environ[value])
            elif sensitive_key(key) and isinstance(value, str) and value:
                found.append(value)
            elif isinstance(value, str) and value.startswith(("http://", "https://")):
                found.extend(url_secrets(value))
        return found

    def holds_secret(self) -> bool:
        return holds_secret(self.raw)

    def reload(self) -> None:
        """Read the file again, in place (another process may have changed it)."""
        fresh = load_config(self.path)
        self.settings, self.raw, self.text = fresh.settings, fresh.raw, fresh.text

    # Surgical writes; config_write.py does the work (tomlkit is only imported when writing).
    def set_value(self, key_path: tuple[str, ...], value: Any) -> None:
        """Set one setting, e.g. `("ui", "watch")`, keeping everything else in the file as it is."""
        from .config_write import set_value

        set_value(self, key_path, value)

    def set_values(self, table: str, values: dict[str, Any]) -> None:
        """Set several keys of one table at once (None removes a key), in one locked write."""
        from .config_write import set_values

        set_values(self, table, values)

    def append_entry(self, array: str, entry: dict[str, Any]) -> None:
        """Add a `[[array]]` table (a board, a webhook) at the end of the file's entries."""
        from .config_write import append_entry

        append_entry(self, array, entry)

    def remove_entries(self, array: str, match: dict[str, Any]) -> int:
        """Remove the `[[array]]` tables whose keys equal `match`; returns how many went."""
        from .config_write import remove_entries

        return remove_entries(self, array, match)


def load_config(path: Path) -> Config:
    """Read config.toml; a missing file means all defaults. Errors name the file and line or key."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return Config(path=path, settings=Settings(), raw={})
    except IsADirectoryError:
        raise ConfigError(f"{display_path(path)}: is a folder, expected the config file") from None
    except OSError as exc:
        raise ConfigError(f"{display_path(path)}: cannot read config: {exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{display_path(path)}: larger than {MAX_CONFIG_BYTES // 1000} KB; not a config file")
    config = parse_config(data, path)
    _keep_private(path, config.raw)
    return config


def parse_config(data: bytes, path: Path) -> Config:
    """Check a TOML document against `Settings`; the error names the line."""
    settings, raw, text = check_config(data, path)
    return Config(path=path, settings=settings, raw=raw, text=text)


def _keep_private(path: Path, raw: dict[str, Any]) -> None:
    """A file holding a secret is made owner-only even when the user created it readable by all."""
    if not holds_secret(raw):
        return
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError:  # a read-only home: reading still works; `jobber doctor` reports the mode
        pass


def pages_for(config: Config, template: str) -> int | None:
    """How many pages a template's resumes should fit on (`[templates.NAME] pages`); None means "auto"."""
    chosen = config.settings.templates.get(template)
    pages = chosen.pages if chosen else 1
    return None if pages == "auto" else int(pages)
