"""Reading jobs from files the user has: a JSON object, a JSON array, or a CSV with a header row."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..infra.errors import BadInput


def parse_json_jobs(text: str, where: str = "--json") -> list[Any]:
    """One object or an array of objects; malformed JSON names the line and column."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{where}: malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise BadInput(f"{where}: JSON nested too deeply to be jobs") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise BadInput(f"{where}: unreadable JSON: {exc}") from None
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list):
        return data
    raise BadInput(f"{where}: expected a JSON object or array of objects, got {type(data).__name__}")


def parse_csv_jobs(text: str, where: str) -> list[Any]:
    """Rows keyed by the header; empty cells mean "not given". A broken row becomes a BadInput
    in its place, so the store reports it with its row number and keeps the good rows."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise BadInput(f"{where}: empty CSV (expected a header row of job field names)")
    rows: list[Any] = []
    try:
        for row in reader:
            if row.pop(None, None):  # type: ignore[call-overload]
                rows.append(BadInput(f"line {reader.line_num}: more cells than header columns"))
                continue
            rows.append({k.strip(): v for k, v in row.items() if k and v not in (None, "")})
    except csv.Error as exc:
        raise BadInput(f"{where}: malformed CSV at line {reader.line_num}: {exc}") from None
    return rows


def read_jobs_file(path: Path) -> list[Any]:
    from ..infra.input_files import MAX_JOBS_FILE, decode_utf8, read_user_file

    text = decode_utf8(read_user_file(path, limit=MAX_JOBS_FILE, what="a JSON or CSV file of jobs"), str(path))
    stripped = text.lstrip()
    if path.suffix.lower() == ".csv" or (stripped and stripped[0] not in "[{"):
        return parse_csv_jobs(text, str(path))
    return parse_json_jobs(text, str(path))
