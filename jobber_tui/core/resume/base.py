"""The base resume: `resume.json` under the home, in the JSON Resume schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..infra.errors import BadInput
from ..infra.paths import Home, atomic_write, display_path


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


def import_resume(home: Home, source: Path, *, force: bool = False) -> tuple[dict[str, Any], str]:
    """Convert a JSON Resume or Reactive Resume v4/v5 export and store it as resume.json.

    The file is written to a temp file and renamed only after conversion succeeded, so a bad
    import never touches the existing resume. A Reactive Resume export whose `basics` or a section
    has the wrong shape (a corrupted or hand-edited file) would come out emptier than it is: it is
    refused naming what would be lost, unless `force`.
    """
    from ..infra.input_files import MAX_RESUME_FILE, read_user_file

    raw = read_user_file(source, limit=MAX_RESUME_FILE, what="a resume (JSON)")
    from .importer import parse_resume_bytes  # HTML parsing: loaded only to import, not for every PDF

    resume, kind = parse_resume_bytes(raw, source.name)
    if not force and kind.startswith("rxresume"):
        damaged = _misshapen_rxresume(json.loads(raw.decode("utf-8-sig")))
        if damaged:
            raise BadInput(
                f"{display_path(source)}: {'; '.join(damaged)}: importing it would lose that content, so "
                "your resume.json was left as it was (fix the export, or add --force to import the rest)"
            )
    text = json.dumps(resume, ensure_ascii=False, indent=2) + "\n"
    atomic_write(home.resume_file, text.encode("utf-8"), mode=0o600)
    return resume, kind


def _misshapen_rxresume(data: dict[str, Any]) -> list[str]:
    """Parts of a Reactive Resume export the converter would skip because of their type."""
    problems = []
    if "basics" in data and not isinstance(data["basics"], dict):
        problems.append(f"'basics' is {_kind(data['basics'])}, not an object")
    for key, section in (data.get("sections") or {}).items():
        if not isinstance(section, dict):
            problems.append(f"section '{key}' is {_kind(section)}, not an object")
        elif "items" in section and not isinstance(section["items"], list):
            problems.append(f"section '{key}' has items that are {_kind(section['items'])}, not a list")
    return problems


def _kind(value: Any) -> str:
    return {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list", dict: "an object"}.get(
        type(value), "null"
    )


def project_ids(resume: dict[str, Any]) -> list[str]:
    return [str(p.get("id")) for p in resume.get("projects") or [] if isinstance(p, dict) and p.get("id")]
