"""Theme files: TOML whose keys are `textual.theme.Theme`'s arguments, bundled and user-made.

A broken file never stops Jobber: it is reported (file and problem) and left out.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.theme import Theme

DEFAULT_THEME = "jobber-dark"
_FIELDS = {f.name: f for f in dataclasses.fields(Theme)}
_TEXT_FIELDS = {
    "name",
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
}


class ThemeFileError(ValueError):
    """A theme file could not be used; the message names the file and the problem."""


def load_theme_file(path: Path) -> Theme:
    """One theme from a TOML file; the name defaults to the file's stem."""
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeFileError(f"{path}: cannot read theme: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(f"{path}: invalid TOML: {exc}") from None
    data.setdefault("name", path.stem)
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise ThemeFileError(f"{path}: unknown key {unknown[0]!r} (theme keys: {', '.join(sorted(_FIELDS))})")
    if "primary" not in data:
        raise ThemeFileError(f"{path}: missing required key 'primary'")
    for key, value in data.items():
        if key in _TEXT_FIELDS and not isinstance(value, str):
            raise ThemeFileError(f"{path}: key {key!r} must be a string, got {value!r}")
    if not isinstance(data.get("variables", {}), dict):
        raise ThemeFileError(f"{path}: 'variables' must be a table")
    if not isinstance(data.get("dark", True), bool):
        raise ThemeFileError(f"{path}: key 'dark' must be true or false")
    theme = Theme(**data)
    try:
        theme.to_color_system().generate()  # parses every color now, not on first paint
    except Exception as exc:  # Textual raises several kinds for a bad color
        raise ThemeFileError(f"{path}: {exc}") from None
    return theme


def load_themes(folders: Iterable[Path]) -> tuple[list[Theme], list[str]]:
    """Themes from every `*.toml` in these folders (later folders override earlier ones by name),
    plus one message per file that was left out."""
    found: dict[str, Theme] = {}
    problems: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = load_theme_file(path)
            except ThemeFileError as exc:
                problems.append(str(exc))
                continue
            found[theme.name] = theme
    return list(found.values()), problems
