"""Reading JSON that others wrote (job boards' APIs, resume files): a key holds the shape it should, or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def object_at(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    """`data[key]` when it is a JSON object; `{}` when the key is missing, null or holds anything else."""
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def list_at(data: Mapping[str, Any], key: str) -> list[Any]:
    """`data[key]` when it is a JSON array; `[]` when the key is missing, null or holds anything else."""
    value = data.get(key)
    return value if isinstance(value, list) else []


def text_at(data: Mapping[str, Any], key: str) -> str:
    """`data[key]` when it is a JSON string, else `""`."""
    value = data.get(key)
    return value if isinstance(value, str) else ""
