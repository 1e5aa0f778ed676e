"""Tailored skills as plain text, one group a line: `Languages: Go, Python, SQL`.

The editor shows skills in this form because it is quicker to type and read than JSON;
the store keeps the [{name, keywords}] list. These two functions are the only bridge.
"""

from __future__ import annotations

from typing import Any

from ..infra.errors import BadInput

LINE_FORM = "expected 'Group: keyword, keyword'"


def parse_skills_text(text: str) -> list[dict[str, Any]]:
    """Read `Group: kw, kw` lines into [{name, keywords}]; raises BadInput naming the line.

    Blank lines and lines starting with `#` are ignored; empty items between commas are
    dropped and repeated keywords in a group are kept once. A group with no keywords or no
    name, or a group named twice, is refused, because the resume would show it wrongly.
    """
    groups: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, rest = line.partition(":")
        name = name.strip()
        if not colon:
            raise BadInput(f"line {number}: {LINE_FORM}, got {_clip(line)!r}")
        if not name:
            raise BadInput(f"line {number}: the group name before ':' is empty ({LINE_FORM})")
        keywords = list(dict.fromkeys(k.strip() for k in rest.split(",") if k.strip()))
        if not keywords:
            raise BadInput(f"line {number}: group {name!r} has no keywords ({LINE_FORM})")
        key = name.casefold()
        if key in seen:
            raise BadInput(f"line {number}: group {name!r} is already on line {seen[key]}; merge the two lines")
        seen[key] = number
        groups.append({"name": name, "keywords": keywords})
    return groups


def format_skills_text(groups: list[dict[str, Any]] | None) -> str:
    """The text form of stored groups; None (not tailored) is the empty text."""
    lines = []
    for group in groups or []:
        keywords = ", ".join(str(k) for k in group.get("keywords") or [])
        lines.append(f"{group.get('name', '')}: {keywords}".rstrip())
    return "\n".join(lines)


def _clip(line: str, limit: int = 60) -> str:
    return line if len(line) <= limit else line[: limit - 1] + "…"
