"""The base resume: `resume.json` under the home, in the JSON Resume schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import BadInput
from .paths import Home, atomic_write, display_path
from .resume_import import parse_resume_bytes


def load_resume(home: Home) -> dict[str, Any]:
    """Read resume.json; a missing or broken file is a clear error naming it."""
    path = home.resume_file
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"no base resume at {display_path(path)}: run `jobber resume import FILE`") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise BadInput(f"{path}: broken JSON{where}: {getattr(exc, 'msg', exc)}") from None
    if not isinstance(data, dict):
        raise BadInput(f"{path}: expected a JSON Resume object")
    return data


def import_resume(home: Home, source: Path) -> tuple[dict[str, Any], str]:
    """Convert a JSON Resume or Reactive Resume v4/v5 export and store it as resume.json.

    The file is written to a temp file and renamed only after conversion succeeded, so a bad
    import never touches the existing resume.
    """
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise BadInput(f"{source}: cannot read: {exc.strerror or exc}") from None
    resume, kind = parse_resume_bytes(raw, source.name)
    text = json.dumps(resume, ensure_ascii=False, indent=2) + "\n"
    atomic_write(home.resume_file, text.encode("utf-8"))
    return resume, kind


def project_ids(resume: dict[str, Any]) -> list[str]:
    return [str(p.get("id")) for p in resume.get("projects") or [] if isinstance(p, dict) and p.get("id")]
