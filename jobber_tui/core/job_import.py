"""Reading jobs from files the user has: a JSON object, a JSON array, or a CSV with a header row."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .errors import BadInput


def parse_json_jobs(text: str, where: str = "--json") -> list[Any]:
    """One object or an array of objects; malformed JSON names the line and column."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{where}: malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
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
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: not UTF-8 text (byte {exc.start})") from None
    stripped = text.lstrip()
    if path.suffix.lower() == ".csv" or (stripped and stripped[0] not in "[{"):
        return parse_csv_jobs(text, str(path))
    return parse_json_jobs(text, str(path))
