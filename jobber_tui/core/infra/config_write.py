"""Surgical edits of config.toml: the file is re-read under a lock and only the keys being set change.

The UI and the CLI may both write settings while the other runs (`w` in the UI while `jobber sources
add` runs in another pane). Each write therefore takes an exclusive lock on a lock file beside the
config, reads the file as it is now (not the copy loaded at start), edits it with tomlkit, which keeps
comments, ordering and formatting, checks the result against the typed settings, and replaces the
file atomically. A change the settings refuse leaves the file untouched.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config_check import MAX_CONFIG_BYTES, ConfigError, check_config, holds_secret
from .file_lock import exclusive_lock
from .paths import atomic_write, display_path

if TYPE_CHECKING:
    import tomlkit.toml_document

    from .config import Config


def set_value(config: Config, key_path: tuple[str, ...], value: Any) -> None:
    def edit(doc: tomlkit.toml_document.TOMLDocument) -> None:
        import tomlkit

        node: Any = doc
        for part in key_path[:-1]:
            if part not in node:
                # A new section goes at the end as a real [table], as a person would write it.
                _blank_line_after_last_table(doc)
                node[part] = tomlkit.table()
            node = node[part]
            if not isinstance(node, dict):
                raise ConfigError(
                    f"{display_path(config.path)}: cannot set {'.'.join(key_path)}: {part} is not a table"
                )
        node[key_path[-1]] = value

    _edit(config, edit)


def set_values(config: Config, table: str, values: dict[str, Any]) -> None:
    def edit(doc: tomlkit.toml_document.TOMLDocument) -> None:
        import tomlkit

        if table not in doc:
            if all(v is None for v in values.values()):
                return
            _blank_line_after_last_table(doc)
            doc[table] = tomlkit.table()
        node = doc[table]
        if not isinstance(node, dict):
            raise ConfigError(f"{display_path(config.path)}: '{table}' is not a table")
        for key, value in values.items():
            if value is None:
                node.pop(key, None)
            else:
                node[key] = value

    _edit(config, edit)


def append_entry(config: Config, array: str, entry: dict[str, Any]) -> None:
    def edit(doc: tomlkit.toml_document.TOMLDocument) -> None:
        import tomlkit

        table = tomlkit.table()
        for key, value in entry.items():
            table[key] = value
        existing = doc.get(array)
        if existing is None or (isinstance(existing, list) and not existing):
            if existing is not None:
                del doc[array]  # `sources = []` becomes the [[sources]] form the README shows
            _blank_line_after_last_table(doc)
            aot = tomlkit.aot()
            aot.append(table)
            doc.append(array, aot)
        elif isinstance(existing, tomlkit.items.AoT):
            _blank_line_after(existing[-1])
            existing.append(table)
        elif isinstance(existing, list):
            existing.append(dict(entry))
        else:
            raise ConfigError(f"{display_path(config.path)}: '{array}' must be a list of tables")

    _edit(config, edit)


def remove_entries(config: Config, array: str, match: dict[str, Any]) -> int:
    removed = 0

    def edit(doc: tomlkit.toml_document.TOMLDocument) -> None:
        nonlocal removed
        existing = doc.get(array)
        if not isinstance(existing, list):
            return
        for index in range(len(existing) - 1, -1, -1):
            item = existing[index]
            if isinstance(item, dict) and all(item.get(k) == v for k, v in match.items()):
                del existing[index]
                removed += 1
        if not existing:
            del doc[array]

    _edit(config, edit)
    return removed


def _blank_line_after(table: Any) -> None:
    """People separate tables with a blank line; tomlkit appends them without one."""
    import tomlkit

    if not table.as_string().endswith("\n\n"):
        table.add(tomlkit.nl())


def _blank_line_after_last_table(doc: Any) -> None:
    import tomlkit

    body = doc.body
    if body and isinstance(body[-1][1], (tomlkit.items.Table, tomlkit.items.AoT)):
        last = body[-1][1]
        _blank_line_after(last[-1] if isinstance(last, tomlkit.items.AoT) else last)
    elif doc.as_string() and not doc.as_string().endswith("\n\n"):
        doc.add(tomlkit.nl())


def _edit(config: Config, change: Callable[[Any], None]) -> None:
    import tomlkit

    path = config.path
    real = Path(os.path.realpath(path))  # a config.toml symlinked from dotfiles is locked where it lives
    with exclusive_lock(real.with_name(f".{real.name}.lock")):
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_CONFIG_BYTES + 1)
        except FileNotFoundError:
            data = b""
        # The file as it is now must itself be valid: never build on (or overwrite) what we can't read.
        check_config(data, path)
        doc = tomlkit.parse(data.decode("utf-8"))
        change(doc)
        text = tomlkit.dumps(doc)
        settings, raw, text = check_config(text.encode(), path)  # a refused value raises here; nothing was written
        mode = 0o600 if holds_secret(raw) else None
        atomic_write(path, text.encode("utf-8"), mode=mode)
    config.settings, config.raw, config.text = settings, raw, text
