"""Adding jobs by hand or from a file: every row checked, duplicates skipped, the rest written at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import select

from ..infra.errors import BadInput
from .fields import CREATABLE, validate_fields
from .models import Job
from .states import JobStatus

if TYPE_CHECKING:
    from collections.abc import Callable

    from .store import JobStore


@dataclass
class AddResult:
    """What an add/import did, row by row (1-based row numbers as the user counts them)."""

    created: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def add_jobs(
    store: JobStore,
    items: list[Any],
    *,
    source: str = "manual",
    all_or_nothing: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> AddResult:
    """Create jobs in discovered. Bad rows are reported and skipped; good rows are kept, unless
    `all_or_nothing` (`jobs add`: one bad element adds nothing and is named). `on_progress(done, total)`
    follows the writes (rows looked at of the valid rows), for a progress bar."""
    result = AddResult()
    valid: list[tuple[int, dict[str, Any]]] = []
    for row_number, item in enumerate(items, start=1):
        try:
            if isinstance(item, BadInput):
                raise item
            fields = validate_fields(item, CREATABLE)
            if "title" not in fields or "employer" not in fields:
                missing = "title" if "title" not in fields else "employer"
                raise BadInput(f"{missing}: required")
            if fields.pop("status", JobStatus.DISCOVERED.value) != JobStatus.DISCOVERED.value:
                raise BadInput("status: new jobs always start in discovered")
            store._check_template(fields.get("template"))
        except BadInput as exc:
            result.errors.append((row_number, str(exc)))
            continue
        fields.setdefault("source", source)
        valid.append((row_number, fields))
    if all_or_nothing and result.errors:
        row, reason = result.errors[0]
        raise BadInput(f"item {row}: {reason}; nothing was added")
    with store.writing() as session:
        seen_urls: set[str] = set()
        seen_refs: set[tuple[str, str]] = set()
        for done, (row_number, fields) in enumerate(valid):
            if on_progress is not None:
                on_progress(done, len(valid))
            url, ref = fields.get("job_url"), (fields.get("source"), fields.get("source_job_id"))
            if url and (url in seen_urls or session.exec(select(Job.id).where(Job.job_url == url)).first()):
                result.skipped.append((row_number, f"duplicate jobUrl {url}"))
                continue
            if ref[1] and (
                ref in seen_refs
                or session.exec(select(Job.id).where(Job.source == ref[0], Job.source_job_id == ref[1])).first()
            ):
                result.skipped.append((row_number, f"duplicate {ref[0]} job {ref[1]}"))
                continue
            if url:
                seen_urls.add(url)
            if ref[1]:
                seen_refs.add((str(ref[0]), str(ref[1])))
            now = store.now()
            job = Job(**fields, status=JobStatus.DISCOVERED.value, created_at=now, updated_at=now)
            session.add(job)
            session.flush()
            assert job.id is not None
            store._event(session, job.id, "created", to_status=job.status, detail=f"source: {job.source}")
            result.created.append(job.id)
    if on_progress is not None:
        on_progress(len(valid), len(valid))
    return result
