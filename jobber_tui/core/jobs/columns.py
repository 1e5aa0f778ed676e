"""The job table's columns as plain data, for code that must not import SQLAlchemy (fast reads).

The sqlmodel classes in models.py are the schema; this module only names their columns. models.py
checks at import that both agree (names, order, JSON and boolean columns), so the schema keeps one
source: a column added to `Job` without being added here fails every process that loads the models,
and tests/test_fast_reads.py says which one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

JOB_TABLE_COLUMNS: tuple[str, ...] = (
    "id",
    "source",
    "source_job_id",
    "source_board",
    "title",
    "employer",
    "location",
    "is_remote",
    "job_url",
    "application_url",
    "job_description",
    "salary",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "date_posted",
    "deadline",
    "status",
    "suitability_score",
    "suitability_reason",
    "tailored_headline",
    "tailored_summary",
    "tailored_skills",
    "selected_project_ids",
    "template",
    "pdf_path",
    "pdf_fingerprint",
    "pdf_generated_at",
    "last_error",
    "created_at",
    "updated_at",
    "ready_at",
    "applied_at",
    "processing_pid",
    "processing_lease",
    "cover_letter",
    "cover_letter_path",
    "cover_letter_fingerprint",
    "stage",
    "outcome",
    "revision",
)
"""Every column of `job`, in the order of the `Job` model."""
JOB_EVENT_COLUMNS: tuple[str, ...] = ("id", "job_id", "at", "kind", "from_status", "to_status", "detail", "request_id")
JSON_COLUMNS = frozenset({"tailored_skills", "selected_project_ids"})
"""Stored as JSON text (SQLAlchemy's JSON type): decoded on read, encoded on write."""
BOOL_COLUMNS = frozenset({"is_remote"})
INTERNAL_FIELDS = frozenset({"processing_pid", "processing_lease", "revision"})
"""Columns that never leave Jobber (CLI output, JSON files, templates)."""
JOB_COLUMNS: list[str] = [name for name in JOB_TABLE_COLUMNS if name not in INTERNAL_FIELDS]


def snake_to_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def camel_to_snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


JOB_JSON_FIELDS: list[str] = [snake_to_camel(name) for name in JOB_COLUMNS]
SELECT_JOB = f"SELECT {', '.join(JOB_TABLE_COLUMNS)} FROM job"
"""Columns by name, never `*`: a migrated file has them in another order (ALTER TABLE appends)."""
SELECT_EVENT = f"SELECT {', '.join(JOB_EVENT_COLUMNS)} FROM job_event"


class JobRow:
    """A job read without the ORM: the same snake_case attributes as `models.Job`, JSON columns
    decoded, `is_remote` a bool. Code that only reads a job (rendering, the PDF status) takes either."""

    __slots__ = JOB_TABLE_COLUMNS

    # The attributes `__init__` sets, typed as in `models.Job` (models.py checks that both name the same columns,
    # in order); a row read back from the table always has its id.
    id: int
    source: str | None
    source_job_id: str | None
    source_board: str | None
    title: str
    employer: str
    location: str | None
    is_remote: bool
    job_url: str | None
    application_url: str | None
    job_description: str
    salary: str | None
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None
    salary_period: str | None
    date_posted: str | None
    deadline: str | None
    status: str
    suitability_score: int | None
    suitability_reason: str | None
    tailored_headline: str | None
    tailored_summary: str | None
    tailored_skills: list[dict[str, Any]] | None
    selected_project_ids: list[str] | None
    template: str | None
    pdf_path: str | None
    pdf_fingerprint: str | None
    pdf_generated_at: str | None
    last_error: str | None
    created_at: str
    updated_at: str
    ready_at: str | None
    applied_at: str | None
    processing_pid: int | None
    processing_lease: str | None
    cover_letter: str | None
    cover_letter_path: str | None
    cover_letter_fingerprint: str | None
    stage: str | None
    outcome: str | None
    revision: int

    def __init__(self, values: Iterable[Any]) -> None:
        for name, value in zip(JOB_TABLE_COLUMNS, values, strict=True):
            if name in JSON_COLUMNS and isinstance(value, str):
                import json  # here: most commands read no JSON column and never load the module

                value = json.loads(value)
            elif name in BOOL_COLUMNS:
                value = bool(value)
            object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        return f"JobRow(id={self.id!r}, status={self.status!r}, title={self.title!r})"


def job_row_to_dict(job: Any) -> dict[str, Any]:
    """A job (JobRow or models.Job) in the camelCase shape of the CLI and JSON files."""
    return {snake_to_camel(name): getattr(job, name) for name in JOB_COLUMNS}


def rows_to_dicts(columns: list[str], rows: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Raw SELECT rows to the camelCase shape without ORM objects: the fast path for listings."""
    keys = [snake_to_camel(name) for name in columns]
    keep = [i for i, name in enumerate(columns) if name not in INTERNAL_FIELDS]
    decode = [i for i, name in enumerate(columns) if name in JSON_COLUMNS]
    flags = [i for i, name in enumerate(columns) if name in BOOL_COLUMNS]
    out: list[dict[str, Any]] = []
    import json

    loads = json.loads
    for row in rows:
        values = list(row)
        for i in decode:
            if isinstance(values[i], str):
                values[i] = loads(values[i])
        for i in flags:
            values[i] = bool(values[i])
        out.append({keys[i]: values[i] for i in keep})
    return out


def event_row_to_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    """A `SELECT_EVENT` row as the CLI shows a timeline line."""
    _id, _job, at, kind, from_status, to_status, detail, request_id = row
    return {
        "at": at,
        "kind": kind,
        "fromStatus": from_status,
        "toStatus": to_status,
        "detail": detail,
        "requestId": request_id,
    }


def _json_value(column: str) -> str:
    if column in JSON_COLUMNS:
        return f"json({column})"
    if column in BOOL_COLUMNS:
        return f"json(CASE WHEN {column} THEN 'true' ELSE 'false' END)"
    if column in ("pdf_path", "cover_letter_path"):  # stored relative to the home, shown as full paths
        return f"CASE WHEN {column} IS NULL OR {column} LIKE '/%' THEN {column} ELSE :data_dir || '/' || {column} END"
    return column


JSON_OBJECT_ARGS = ", ".join(f"'{snake_to_camel(c)}', {_json_value(c)}" for c in JOB_COLUMNS)
"""`json_object(...)` arguments giving a job's camelCase JSON; `:data_dir` is the home's data folder."""


def list_json_sql(data_dir: str, status: str | None) -> tuple[str, tuple[Any, ...]]:
    """The query that makes SQLite itself build `jobs list --json`'s array (in C, not in Python dicts)."""
    where, params = ("WHERE status = ?", (status,)) if status is not None else ("", ())
    sql = f"SELECT json_group_array(json_object({JSON_OBJECT_ARGS})) FROM (SELECT * FROM job {where} ORDER BY id)"
    count = sql.count(":data_dir")
    return sql.replace(":data_dir", "?"), (*([data_dir] * count), *params)
