"""The stored things: jobs, their event timeline, and schema metadata.

Python attributes are snake_case; the CLI, JSON files and templates use the camelCase names
in JOB_JSON_FIELDS. `job_to_dict` and `camel_to_snake` are the only bridge between the two.
jobs/columns.py names the columns again for the fast read path (no SQLAlchemy); `_check_columns`
makes sure the two never disagree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Column, Index, event
from sqlmodel import Field, SQLModel

from .columns import (  # noqa: F401 - re-exported: the names older code imports from here
    BOOL_COLUMNS,
    INTERNAL_FIELDS,
    JOB_COLUMNS,
    JOB_EVENT_COLUMNS,
    JOB_JSON_FIELDS,
    JOB_TABLE_COLUMNS,
    JSON_COLUMNS,
    JobRow,
    camel_to_snake,
    job_row_to_dict,
    rows_to_dicts,
    snake_to_camel,
)


class Job(SQLModel, table=True):
    __table_args__ = (Index("ix_job_source_ref", "source", "source_job_id"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str | None = None
    """Where the job came from: "manual", "file", or a job board kind such as "greenhouse"."""
    source_job_id: str | None = None
    source_board: str | None = Field(default=None, index=True)
    """The board a discovered job came from (e.g. "stripe" for greenhouse), so a complete listing of
    that board can expire the jobs that left it."""
    title: str = ""
    employer: str = ""
    location: str | None = None
    is_remote: bool = False
    job_url: str | None = Field(default=None, unique=True)
    application_url: str | None = None
    job_description: str = ""
    salary: str | None = None
    """Pay as shown to the user ("USD 120,000–150,000 per year", or the board's own words)."""
    salary_min: float | None = None
    """Lowest pay the posting names, in `salary_currency` per `salary_period` (None: not given)."""
    salary_max: float | None = None
    salary_currency: str | None = None
    """ISO 4217 code (USD, EUR, ...) when the board says which."""
    salary_period: str | None = None
    """year, month, week, day or hour, when the board says which."""
    date_posted: str | None = None
    """ISO date (YYYY-MM-DD)."""
    deadline: str | None = Field(default=None, index=True)
    """ISO date; the job is still open for the whole of that local day."""
    status: str = Field(default="discovered", index=True)
    suitability_score: int | None = None
    suitability_reason: str | None = None
    tailored_headline: str | None = None
    tailored_summary: str | None = None
    tailored_skills: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    """[{"name": group, "keywords": [...]}]; None means not tailored yet."""
    selected_project_ids: list[str] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    template: str | None = None
    """Template folder name; None means the configured default."""
    pdf_path: str | None = None
    pdf_fingerprint: str | None = None
    """Hash of everything that went into the PDF; a mismatch means the PDF is stale."""
    pdf_generated_at: str | None = None
    last_error: str | None = None
    created_at: str = ""
    updated_at: str = ""
    ready_at: str | None = None
    applied_at: str | None = None
    processing_pid: int | None = None
    """Process that moved the job to processing, so a restart reverts only orphans."""
    processing_lease: str | None = None
    """"boot id:pid:start time" of that process: a reused pid (PID 1 in a container, every restart)
    is not mistaken for the process that owns the build. See core/jobs/lease.py."""
    cover_letter: str | None = None
    """The saved cover letter text (paragraphs separated by blank lines)."""
    cover_letter_path: str | None = None
    cover_letter_fingerprint: str | None = None
    stage: str | None = None
    """Where an applied job's process stands: applied, screening, assessment, interview, offer, closed.
    None on an applied job means "applied" (no reply yet). See core/tracking/stages.py."""
    outcome: str | None = None
    """How a closed application ended: rejected, withdrawn, offer-accepted, offer-declined, ghosted."""
    revision: int = 0
    """Bumped on every write, so watchers see changes that `updatedAt`'s seconds would hide."""


@event.listens_for(Job, "before_update")
def _bump_revision(_mapper: object, _connection: object, job: Job) -> None:
    job.revision = (job.revision or 0) + 1


class JobEvent(SQLModel, table=True):
    """One line of a job's timeline. Events are only ever added."""

    __tablename__ = "job_event"

    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(index=True)
    at: str
    kind: str
    """created, moved, patched, pdf_ok, pdf_failed, recovered, expired, ..."""
    from_status: str | None = None
    to_status: str | None = None
    detail: str | None = None
    request_id: str | None = None


class GhostwriterMessage(SQLModel, table=True):
    """One turn of a job's Ghostwriter chat, kept across restarts."""

    __tablename__ = "ghostwriter_message"

    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(index=True)
    at: str
    role: str
    """"user" or "assistant"."""
    content: str
    action: str | None = None
    """The quick action that produced the prompt (cover-letter, answer, recruiter, talking-points)."""
    status: str = "complete"
    """complete, cancelled (the user stopped it; partial text kept) or failed."""


class WebhookDelivery(SQLModel, table=True):
    """One webhook delivery in the outbox, written in the same transaction as the event it reports.

    A background sender POSTs it; a crash loses nothing (the next Jobber start sends it). The hook's
    URL is not stored (it often carries a token): `target` is its hash, matched against config.toml."""

    __tablename__ = "webhook_delivery"

    id: int | None = Field(default=None, primary_key=True)
    delivery_id: str = Field(unique=True)
    """Sent as X-Jobber-Delivery on every attempt, so a receiver can drop duplicates (at-least-once)."""
    event: str
    target: str = Field(index=True)
    """SHA-256 (hex, 16 chars) of the hook URL."""
    label: str
    """How the hook is named to people: "webhook host"."""
    body: str
    """The exact JSON sent (whitelisted and capped); signed at each attempt."""
    status: str = Field(default="pending", index=True)
    """pending, delivered or failed (gave up; `jobber webhooks retry` sends it again)."""
    attempts: int = 0
    created_at: str = ""
    next_attempt_at: str = ""
    last_error: str | None = None
    delivered_at: str | None = None


class Meta(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class PipelineRun(SQLModel, table=True):
    """One `pipeline run`: when, with what options, what each step did and what went wrong."""

    __tablename__ = "pipeline_run"

    id: int | None = Field(default=None, primary_key=True)
    started_at: str
    finished_at: str | None = None
    status: str = "running"
    """running, completed, failed or cancelled (a running run whose process is gone shows as interrupted)."""
    dry_run: bool = False
    top: int | None = None
    min_score: int | None = None
    counts: dict[str, int] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    """Per step: sources, fetched, created, updated, duplicates, expired, scored, selected, ready, failed."""
    sources: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    """Per source: {source, fetched, created, updated, unchanged, duplicates, invalid, expired, error}."""
    errors: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    """[{step, source or jobId, message}]"""
    pid: int | None = None
    request_id: str | None = None


class TrackedMessage(SQLModel, table=True):
    """One e-mail seen by reply tracking: headers, a short snippet and what was decided; never the body.

    Messages that were ignored (newsletters, unrelated mail) keep only their key and the reason, so a
    rescan skips them without storing who wrote them."""

    __tablename__ = "tracked_message"

    id: int | None = Field(default=None, primary_key=True)
    message_key: str = Field(unique=True)
    """SHA-256 (hex, 32 chars) of the Message-ID: the dedupe key across folders and UIDVALIDITY changes."""
    account: str
    folder: str
    uid: int
    uidvalidity: int
    status: str = Field(index=True)
    """routed, review (waiting for the user), dismissed or ignored."""
    reason: str | None = None
    """Why it was routed, sent to review or ignored, in a few words."""
    category: str | None = None
    """acknowledgement, rejection, interview, assessment, offer, other (None when ignored)."""
    job_id: int | None = Field(default=None, index=True)
    """The job it was routed to or, while in review, the suggested job (None: no job matched)."""
    confidence: float | None = None
    sender: str | None = None
    """"Name <address>" as decoded from the From header."""
    subject: str | None = None
    sent_at: str | None = None
    """The Date header in UTC ISO form."""
    snippet: str | None = None
    """At most 160 characters of the body with links and long numbers removed."""
    target_stage: str | None = None
    """The stage this message points to (screening for a first-call invitation, closed for a rejection)."""
    stage_change: str | None = None
    """"applied -> interview" when routing this message moved the job's stage."""
    seen_at: str = ""
    decided_at: str | None = None


class MailboxState(SQLModel, table=True):
    """Where the last sync of one folder of one account stopped (IMAP UIDs only grow within a UIDVALIDITY)."""

    __tablename__ = "mailbox_state"

    account: str = Field(primary_key=True)
    """"username@host": a different account never reuses another's position."""
    folder: str = Field(primary_key=True)
    uidvalidity: int
    last_uid: int = 0
    synced_at: str = ""


def _check_columns() -> None:
    """jobs/columns.py names the columns for code that must not import SQLAlchemy: it must match."""
    tables = SQLModel.metadata.tables
    for table, names in ((tables["job"], JOB_TABLE_COLUMNS), (tables["job_event"], JOB_EVENT_COLUMNS)):
        actual = tuple(column.name for column in table.columns)
        if actual != names:
            raise RuntimeError(
                f"core/jobs/columns.py is out of date for table {table.name}: "
                f"the model has {actual}, job_columns has {names}"
            )
    if tuple(JobRow.__annotations__) != JOB_TABLE_COLUMNS:
        raise RuntimeError("core/jobs/columns.py: the attributes declared on JobRow differ from its columns")
    columns = tables["job"].columns
    json_columns = {c.name for c in columns if isinstance(c.type, JSON)}
    bool_columns = {c.name for c in columns if isinstance(c.type, Boolean)}
    if json_columns != JSON_COLUMNS or bool_columns != BOOL_COLUMNS:
        raise RuntimeError(
            f"core/jobs/columns.py: JSON columns {sorted(json_columns)} and boolean columns "
            f"{sorted(bool_columns)} of the model differ from its own"
        )


_check_columns()


def job_to_dict(job: Job) -> dict[str, Any]:
    """A job in the camelCase shape of the CLI and JSON files."""
    return job_row_to_dict(job)


def event_to_dict(event: JobEvent) -> dict[str, Any]:
    return {
        "at": event.at,
        "kind": event.kind,
        "fromStatus": event.from_status,
        "toStatus": event.to_status,
        "detail": event.detail,
        "requestId": event.request_id,
    }
