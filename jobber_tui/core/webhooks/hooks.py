"""Webhooks: `pipeline.completed`, `pipeline.failed`, `job.ready` and `job.applied` POSTed as JSON.

Payloads are built from a whitelist (ids, title, employer, status, score, counts, pipelineRunId;
never the resume, contact details, descriptions or secrets), then capped in depth, items and
length. They are queued in the store's outbox in the same transaction as the event, so the action
returns at once and a crash loses nothing; webhooks/sender.py delivers them with retries. With
`secret_env` set, the body is signed: `X-Jobber-Signature: sha256=<hex HMAC-SHA256 of the raw body
under the secret>`. A failure is logged and never fails the pipeline or the move that triggered it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..infra.log_base import current_context
from ..infra.logs import get_logger, log_event
from ..infra.scrub import add_secret, scrub_secrets

if TYPE_CHECKING:
    from datetime import datetime

    from sqlmodel import Session

    from ..infra.config import Config
    from ..jobs.models import Job
    from ..workspace import Workspace

EVENTS: tuple[str, ...] = ("pipeline.completed", "pipeline.failed", "job.ready", "job.applied")
SIGNATURE_HEADER = "X-Jobber-Signature"
JOB_FIELDS = {
    "id": "id",
    "source_job_id": "sourceJobId",
    "title": "title",
    "employer": "employer",
    "status": "status",
    "suitability_score": "suitabilityScore",
}
"""Job attributes a payload may carry (attribute -> JSON name). Nothing else of a job is ever sent."""
RUN_FIELDS = ("status", "dryRun", "startedAt", "finishedAt", "counts", "failedSources", "errorCount")
MAX_DEPTH, MAX_ITEMS, MAX_STR = 4, 50, 300
log = get_logger("webhooks")


@dataclass(frozen=True)
class Webhook:
    url: str
    secret_env: str | None = None
    events: tuple[str, ...] = EVENTS
    timeout: float = 5.0

    @property
    def label(self) -> str:
        """How logs and errors name the hook: its host only (the path can be a secret)."""
        return f"webhook {urlsplit(self.url).hostname or '?'}"

    def secret(self) -> str | None:
        return os.environ.get(self.secret_env) or None if self.secret_env else None


def configured_webhooks(config: Config) -> list[Webhook]:
    hooks = []
    for entry in config.settings.webhooks:
        add_secret(entry.url)  # a webhook URL often carries a token in its path
        hooks.append(
            Webhook(url=entry.url, secret_env=entry.secret_env, events=tuple(entry.events), timeout=entry.timeout)
        )
    return hooks


def sign(body: bytes, secret: str) -> str:
    """The X-Jobber-Signature value for a body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(body: bytes, signature: str, secret: str) -> bool:
    """What a receiver does: recompute and compare in constant time."""
    return hmac.compare_digest(sign(body, secret), signature or "")


def sanitize(value: Any, depth: int = 0) -> Any:
    """JSON scalars, lists and string-keyed objects only, with depth, item and length caps; registered
    secrets scrubbed from every string (a job's error line can quote a URL with a token in it)."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else None
    if isinstance(value, str):
        value = scrub_secrets(value)
        return value if len(value) <= MAX_STR else value[: MAX_STR - 1] + "…"
    if depth >= MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return {scrub_secrets(str(k))[:64]: sanitize(v, depth + 1) for k, v in list(value.items())[:MAX_ITEMS]}
    if isinstance(value, (list, tuple)):
        return [sanitize(v, depth + 1) for v in list(value)[:MAX_ITEMS]]
    return sanitize(str(value), depth)


def job_payload(event: str, job: Job) -> dict[str, Any]:
    context = current_context()
    return _envelope(
        event, context.get("pipelineRunId"), job={name: getattr(job, attr) for attr, name in JOB_FIELDS.items()}
    )


def run_payload(event: str, run: dict[str, Any]) -> dict[str, Any]:
    return _envelope(event, run.get("id"), run={k: run[k] for k in RUN_FIELDS if k in run})


def _envelope(event: str, run_id: object, **body: Any) -> dict[str, Any]:
    from datetime import UTC, datetime

    sent = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    envelope: dict[str, Any] = sanitize({"event": event, "sentAt": sent, "pipelineRunId": run_id, **body})
    return envelope


def hook_target(url: str) -> str:
    """How the outbox names a hook without storing its URL."""
    return hashlib.sha256(url.encode()).hexdigest()[:16]


class Outbox:
    """Writes deliveries into the store's outbox inside the transaction of the event they report,
    and after the commit makes sure a background sender will POST them (webhooks/sender.py)."""

    def __init__(self, ws: Workspace, hooks: list[Webhook]) -> None:
        self.ws = ws
        self.hooks = hooks
        self.queued = 0
        """Deliveries this process added; a face starts the sender when there are any."""

    def on_move(self, session: Session, job: Job, before: str | None, after: str) -> None:
        event = {"ready": "job.ready", "applied": "job.applied"}.get(after)
        if event is not None and before != after:
            self.enqueue(session, event, job_payload(event, job))

    def on_run_finished(self, session: Session, run: Any) -> None:
        if run.dry_run:
            return
        event = "pipeline.completed" if run.status == "completed" else "pipeline.failed"
        data = {
            "id": run.id,
            "status": run.status,
            "dryRun": run.dry_run,
            "startedAt": run.started_at,
            "finishedAt": run.finished_at,
            "counts": run.counts,
            "failedSources": [s["source"] for s in run.sources or [] if s.get("error")],
            "errorCount": len(run.errors or []),
        }
        self.enqueue(session, event, run_payload(event, data))

    def enqueue(self, session: Session, event: str, payload: dict[str, Any]) -> None:
        from ..jobs.models import WebhookDelivery

        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        now = iso_ms(utc_now())  # the sender's clock, not the store's (tests fix that one)
        for hook in self.hooks:
            if event in hook.events:
                session.add(
                    WebhookDelivery(
                        delivery_id=uuid.uuid4().hex,
                        event=event,
                        target=hook_target(hook.url),
                        label=hook.label,
                        body=body,
                        created_at=now,
                        next_attempt_at=now,
                    )
                )
                self.queued += 1
                log_event(log, 20, "webhook queued", event=event, target=hook.label)


def register(ws: Workspace) -> Outbox | None:
    """Queue job.ready / job.applied and pipeline events for the configured hooks (None without hooks)."""
    hooks = configured_webhooks(ws.config)
    if not hooks:
        return None
    outbox = Outbox(ws, hooks)
    ws.outbox = outbox
    if ws.store_is_open:  # else the workspace adds the hooks when a write opens the store
        ws.store.move_hooks.append(outbox.on_move)
        ws.store.run_hooks.append(outbox.on_run_finished)
    return outbox


def utc_now() -> datetime:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def iso_ms(moment: datetime) -> str:
    """One fixed-width form (milliseconds, Z) so the outbox's times compare as text."""
    from datetime import UTC

    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
