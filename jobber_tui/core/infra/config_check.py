"""Checking config.toml: TOML parsed with tomllib, built into the typed `Settings`, every mistake one
error naming the file and the line. The low half of config.py, which config_write.py uses too.
"""

from __future__ import annotations

import re
import tomllib
import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from pathlib import Path
from typing import Any

from .config_model import Settings
from .errors import BadInput
from .paths import display_path
from .scrub import sensitive_key, url_secrets  # noqa: F401 - url_secrets re-exported

MAX_CONFIG_BYTES = 1_000_000
"""A config file is a few KB; anything this large is a mistake (or an attack), not settings."""
MAX_DEPTH = 8


class ConfigError(BadInput):
    """config.toml could not be used; the message names the file and the line or key."""


def check_config(data: bytes, path: Path) -> tuple[Settings, dict[str, Any], str]:
    """Check a TOML document against `Settings`: (settings, the plain document, the text). The error
    names the line (see `_locate`)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{display_path(path)}: not UTF-8 text (byte {exc.start})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display_path(path)}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{display_path(path)}: nested too deeply to be settings") from None
    return Checker(path, text).build(Settings, raw, ()), raw, text


def holds_secret(raw: dict[str, Any]) -> bool:
    return any(sensitive_key(k) and not k.endswith("_env") and isinstance(v, str) and v for k, v in walk(raw))


class Checker:
    """Builds the dataclasses from plain TOML values, raising one ConfigError at the first problem."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self._lines: dict[tuple[Any, ...], int] | None = None

    def build(self, cls: type, raw: Any, where: tuple[Any, ...]) -> Any:
        if len(where) > MAX_DEPTH:
            self.fail(where, "nested too deeply")
        if not isinstance(raw, dict):
            self.fail(where, f"must be a table, got {_show(raw)}")
        hints = typing.get_type_hints(cls)
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key not in known:
                self.unknown(where, key, value, list(known))
            values[key] = self.value(hints[key], known[key].metadata, value, (*where, key))
        for name in getattr(cls, "REQUIRED", ()):
            if name not in values:
                self.fail(where, f"needs '{name}'")
        built = cls(**values)
        problem = built.problem() if hasattr(built, "problem") else None  # a rule between keys (a board's kind)
        if problem:
            self.fail((*where, problem[0]), problem[1])
        return built

    def value(self, hint: Any, meta: Any, value: Any, where: tuple[Any, ...]) -> Any:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):  # `X | None`: TOML has no null, so X
            options = [a for a in args if a is not type(None)]
            # `int | str` (pages = 1 or "auto"): the option the value's own type names
            matching = [a for a in options if type(value) is a]
            if len(options) > 1 and not matching and meta.get("check"):
                self.fail(where, meta["check"](value) or f"has the wrong type: {_show(value)}")
            hint = matching[0] if matching else options[0]
            origin, args = typing.get_origin(hint), typing.get_args(hint)
        if isinstance(hint, type) and is_dataclass(hint):
            return self.build(hint, value, where)
        out: Any
        if origin is list:
            if not isinstance(value, list):
                self.fail(where, f"must be a list, got {_show(value)}")
            (item,) = args
            out = [self.value(item, {}, v, (*where, i)) for i, v in enumerate(value)]
        elif origin is dict:
            if not isinstance(value, dict):
                self.fail(where, f"must be a table, got {_show(value)}")
            out = {str(k): self.value(args[1], {}, v, (*where, k)) for k, v in value.items()}
        else:
            out = self.scalar(hint, meta, value, where)
        check = meta.get("check")
        problem = check(out) if check else None
        if problem:
            self.fail(where, f"must be {meta.get('want') or problem}" if meta.get("want") else problem)
        return out

    def scalar(self, hint: Any, meta: Any, value: Any, where: tuple[Any, ...]) -> Any:
        want = meta.get("want")
        if hint is bool:
            if not isinstance(value, bool):
                self.fail(where, f"must be true or false, got {_show(value)}")
            return value
        if hint in (int, float):
            # bool is an int in Python; a setting that wants a number must not take true/false.
            ok = isinstance(value, int) if hint is int else isinstance(value, (int, float))
            if not ok or isinstance(value, bool):
                noun = "a whole number" if hint is int else "a number"
                self.fail(where, f"must be {noun}{_range(meta)}, got {_show(value)}")
            low, high = meta.get("low"), meta.get("high")
            if (low is not None and value < low) or (high is not None and value > high) or value != value:
                self.fail(where, f"must be{_range(meta)}, got {value!r}")
            return float(value) if hint is float else value
        if hint is str:
            if not isinstance(value, str):
                self.fail(where, f"must be {want or 'text'}, got {_show(value)}")
            choices, pattern = meta.get("choices"), meta.get("pattern")
            if choices and value not in choices:
                self.fail(where, f"must be one of {', '.join(map(repr, choices))}, got {value!r}")
            if pattern is not None and not pattern.fullmatch(value):
                self.fail(where, f"must be {want or 'valid'}, got {value!r}")
            return value
        raise TypeError(f"config_model: unsupported type {hint!r}")  # a programming error, caught by tests

    def unknown(self, where: tuple[Any, ...], key: str, value: Any, known: list[str]) -> None:
        import difflib  # only for a mistake: not loaded on every start

        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        section = (
            isinstance(value, (dict, list))
            and value
            and all(isinstance(v, dict) for v in (value if isinstance(value, list) else [value]))
        )
        if section and not where:
            label = f"[[{key}]]" if isinstance(value, list) else f"[{key}]"
            hint = f", did you mean [{close[0]}]?" if close else f"; known sections: {', '.join(_sections())}"
            self.fail((key,), f"unknown section {label}{hint}")
        hint = f", did you mean '{close[0]}'?" if close else ""
        place = f"in {_label(where)}" if where else "at the top of the file"
        self.fail((*where, key), f"unknown key '{key}' {place}{hint}")

    def fail(self, where: tuple[Any, ...], message: str) -> typing.NoReturn:
        line = self.line_of(where)
        prefix = f"{display_path(self.path)}:{line}" if line else display_path(self.path)
        if message.startswith(("unknown section", "unknown key", "nested")):
            raise ConfigError(f"{prefix}: {message}")
        raise ConfigError(f"{prefix}: {_label(where)} {message}")

    def line_of(self, where: tuple[Any, ...]) -> int | None:
        if self._lines is None:
            self._lines = _locate(self.text)
        for end in range(len(where), 0, -1):
            found = self._lines.get(tuple(where[:end]))
            if found:
                return found
        return None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _locate(text: str) -> dict[tuple[Any, ...], int]:
    """Line numbers of tables and keys, by path: ("sources", 1, "board") is the board of the second
    [[sources]]. Only what error messages need; values spanning lines are skipped, not parsed."""
    lines: dict[tuple[Any, ...], int] = {}
    counts: dict[tuple[str, ...], int] = {}
    current: tuple[Any, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            parts = tuple(_parts(header.group(2)))
            if header.group(1) == "[[":
                index = counts.get(parts, -1) + 1
                counts[parts] = index
                current = (*parts, index)
            else:
                current = parts
            lines.setdefault(current, number)
            lines.setdefault(parts, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault((*current, *_parts(key.group(1))), number)
    return lines


def _parts(dotted: str) -> list[str]:
    return [p.strip().strip("\"'") for p in re.findall(r'"[^"]*"|\'[^\']*\'|[^.]+', dotted)]


def _label(where: tuple[Any, ...]) -> str:
    """("sources", 1, "board") -> "[[sources]] #2 board"; ("ui", "watch") -> "[ui] watch"."""
    if not where:
        return "the top level"
    names = [w for w in where if isinstance(w, str)]
    if len(where) > 1 and isinstance(where[1], int) and where[0] in _arrays():
        head = f"[[{where[0]}]] #{where[1] + 1}"
        return f"{head} {_rest(where[2:])}".strip()
    if len(names) == 1 and len(where) == 1:
        return f"'{names[0]}'" if names[0] not in _sections() else f"[{names[0]}]"
    section, *rest = where
    if section in _tables_by_name() and len(rest) >= 2:  # [templates.classic] pages
        return f"[{section}.{rest[0]}] " + _rest(tuple(rest[1:]))
    if section in _sections():
        return f"[{section}] " + _rest(tuple(rest))
    return _rest(where)


def _rest(parts: tuple[Any, ...]) -> str:
    """Keys joined with dots; list positions as people count them ("target_titles item 2")."""
    out = ""
    for part in parts:
        out += f" item {part + 1}" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _sections() -> list[str]:
    """Names that are tables or arrays of tables at the top of the file."""
    hints = typing.get_type_hints(Settings)
    return [name for name, hint in hints.items() if is_dataclass(hint) or typing.get_origin(hint) in (list, dict)]


def _tables_by_name() -> list[str]:
    """Sections holding one table per name, like [templates.classic]."""
    hints = typing.get_type_hints(Settings)
    return [
        name
        for name, hint in hints.items()
        if typing.get_origin(hint) is dict and is_dataclass(typing.get_args(hint)[1])
    ]


def _arrays() -> list[str]:
    hints = typing.get_type_hints(Settings)
    return [name for name, hint in hints.items() if typing.get_origin(hint) is list]


def _range(meta: Any) -> str:
    low, high = meta.get("low"), meta.get("high")
    if low is not None and high is not None:
        return f" between {low:g} and {high:g}"
    if low is not None:
        return f" of at least {low:g}"
    return ""


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def walk(node: Any) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((str(key), value))
            out.extend(walk(value))
    elif isinstance(node, list):
        for item in node:
            out.extend(walk(item))
    return out


def default_of(cls: type, name: str) -> Any:
    """A setting's default (for docs and the UI)."""
    for f in fields(cls):
        if f.name == name:
            return f.default_factory() if f.default_factory is not MISSING else f.default
    raise KeyError(name)
