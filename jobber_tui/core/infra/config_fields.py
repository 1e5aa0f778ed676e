"""How a config.toml section is declared: `setting()` fields carrying what the loader checks and the
help the docs print, and `section`, a frozen dataclass without generated methods (cheap to import).

The sections themselves are in config_model.py; the patterns here are shared by its fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from typing import Any

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
"""A template or theme name: a folder name, never a path."""
URL = re.compile(r"https?://[^\s/]+\S*")
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")


def setting(
    default: Any,
    doc: str,
    *,
    low: float | None = None,
    high: float | None = None,
    choices: tuple[Any, ...] | None = None,
    pattern: re.Pattern[str] | None = None,
    want: str | None = None,
    item: type | None = None,
    check: Callable[[Any], str | None] | None = None,
    secret: bool = False,
) -> Any:
    """A dataclass field with what the loader checks: limits, choices, a pattern for text, the type
    of list items, and `want`, how an error describes a good value."""
    meta = {
        "doc": doc,
        "low": low,
        "high": high,
        "choices": choices,
        "pattern": pattern,
        "want": want,
        "item": item,
        "check": check,
        "secret": secret,
    }
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


def section(cls: type) -> type:
    """`@dataclass(frozen=True)` without its generated code: the fields, defaults and introspection are
    dataclasses' own; __init__, __eq__, __hash__, __repr__ and the frozen __setattr__ are the shared
    functions below. Generating and compiling six methods for each of these classes cost more than
    anything else `jobber jobs list` does at start-up (issue 18)."""
    cls = dataclass(init=False, repr=False, eq=False)(cls)
    names = tuple(f.name for f in fields(cls))
    setattr(cls, "__match_args__", names)  # noqa: B010 - a type checker holds __match_args__ read-only
    for name, function in (
        ("__init__", _init),
        ("__eq__", _eq),
        ("__hash__", _hash),
        ("__repr__", _repr),
        ("__setattr__", _frozen),
        ("__delattr__", _frozen),
    ):
        setattr(cls, name, function)
    return cls


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    known = fields(self)
    if len(args) > len(known):
        raise TypeError(f"{type(self).__name__}() takes {len(known)} positional arguments but {len(args)} were given")
    for f, value in zip(known, args, strict=False):
        if f.name in kwargs:
            raise TypeError(f"{type(self).__name__}() got multiple values for argument {f.name!r}")
        kwargs[f.name] = value
    unexpected = set(kwargs) - {f.name for f in known}
    if unexpected:
        raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {sorted(unexpected)[0]!r}")
    for f in known:
        if f.name in kwargs:
            value = kwargs[f.name]
        elif f.default is not MISSING:
            value = f.default
        elif f.default_factory is not MISSING:
            value = f.default_factory()
        else:
            raise TypeError(f"{type(self).__name__}() missing required argument: {f.name!r}")
        object.__setattr__(self, f.name, value)


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, f.name) for f in fields(self))


def _eq(self: Any, other: Any) -> Any:
    return _values(self) == _values(other) if other.__class__ is self.__class__ else NotImplemented


def _hash(self: Any) -> int:
    return hash(_values(self))


def _repr(self: Any) -> str:
    return f"{type(self).__qualname__}({', '.join(f'{f.name}={getattr(self, f.name)!r}' for f in fields(self))})"


def _frozen(self: Any, name: str, *value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")
