"""Webhooks: `pipeline.completed`, `pipeline.failed`, `job.ready` and `job.applied` POSTed as JSON.

Payloads are built from a whitelist (ids, title, employer, status, score, counts, pipelineRunId;
never the resume, contact details, descriptions or secrets), then capped in depth, items and
length. With `secret_env` set, the body is signed: `X-Jobber-Signature: sha256=<hex HMAC-SHA256 of
the raw body under the secret>`. Delivery has a timeout and a few retries; a failure is logged and
never fails the pipeline or the move that triggered it.
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

from .logs import add_secret, current_context, get_logger, log_event

if TYPE_CHECKING:
    from .config import Config
    from .models import Job
    from .workspace import Workspace

EVENTS: tuple[str, ...] = ("pipeline.completed", "pipeline.failed", "job.ready", "job.applied")
SIGNATURE_HEADER = "X-Jobber-Signature"
JOB_FIELDS = {"id": "id", "source_job_id": "sourceJobId", "title": "title", "employer": "employer",
              "status": "status", "suitability_score": "suitabilityScore"}
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
    for entry in config.get("webhooks") or []:
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            add_secret(entry["url"])  # a webhook URL often carries a token in its path
            hooks.append(Webhook(url=entry["url"], secret_env=entry.get("secret_env"),
                                 events=tuple(entry.get("events") or EVENTS),
                                 timeout=float(entry.get("timeout", 5))))
    return hooks


def sign(body: bytes, secret: str) -> str:
    """The X-Jobber-Signature value for a body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(body: bytes, signature: str, secret: str) -> bool:
    """What a receiver does: recompute and compare in constant time."""
    return hmac.compare_digest(sign(body, secret), signature or "")


def sanitize(value: Any, depth: int = 0) -> Any:
    """JSON scalars, lists and string-keyed objects only, with depth, item and length caps."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else None
    if isinstance(value, str):
        return value if len(value) <= MAX_STR else value[: MAX_STR - 1] + "…"
    if depth >= MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return {str(k)[:64]: sanitize(v, depth + 1) for k, v in list(value.items())[:MAX_ITEMS]}
    if isinstance(value, (list, tuple)):
        return [sanitize(v, depth + 1) for v in list(value)[:MAX_ITEMS]]
    return sanitize(str(value), depth)


def job_payload(event: str, job: Job) -> dict[str, Any]:
    context = current_context()
    return _envelope(event, context.get("pipelineRunId"),
                     job={name: getattr(job, attr) for attr, name in JOB_FIELDS.items()})


def run_payload(event: str, run: dict[str, Any]) -> dict[str, Any]:
    return _envelope(event, run.get("id"), run={k: run[k] for k in RUN_FIELDS if k in run})


def _envelope(event: str, run_id: object, **body: Any) -> dict[str, Any]:
    from datetime import UTC, datetime

    sent = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return sanitize({"event": event, "sentAt": sent, "pipelineRunId": run_id, **body})


def deliver(hooks: list[Webhook], event: str, payload: dict[str, Any]) -> list[str]:
    """POST to every hook that wants this event; returns the failures (also logged), never raises."""
    wanted = [hook for hook in hooks if event in hook.events]
    if not wanted:
        return []
    from .sources.http import HttpSettings, PoliteClient, SourceError

    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    failures: list[str] = []
    for hook in wanted:
        headers = {"Content-Type": "application/json", "X-Jobber-Event": event,
                   "X-Jobber-Delivery": uuid.uuid4().hex}
        secret = hook.secret()
        if secret:
            headers[SIGNATURE_HEADER] = sign(body, secret)
        settings = HttpSettings(timeout=hook.timeout, retries=2, backoff=0.5, max_wait=10, concurrency=1)
        try:
            with PoliteClient(settings) as client:
                client.post(hook.url, body, headers, label=hook.label)
        except SourceError as exc:
            failures.append(str(exc))
            log_event(log, 30, "webhook failed", event=event, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - a webhook never fails what triggered it
            failures.append(f"{hook.label}: {type(exc).__name__}")
            log_event(log, 30, "webhook failed", event=event, error=f"{type(exc).__name__}: {exc}")
        else:
            log_event(log, 20, "webhook delivered", event=event, target=hook.label, signed=bool(secret))
    return failures


class JobMoveNotifier:
    """A store move listener: a job reaching ready or applied sends job.ready / job.applied."""

    def __init__(self, ws: Workspace, hooks: list[Webhook]) -> None:
        self.ws = ws
        self.hooks = hooks

    def __call__(self, job_id: int, before: str | None, after: str) -> None:
        event = {"ready": "job.ready", "applied": "job.applied"}.get(after)
        if event is None or before == after or not any(event in h.events for h in self.hooks):
            return
        deliver(self.hooks, event, job_payload(event, self.ws.store.get(job_id)))


def register(ws: Workspace) -> None:
    """Hook job.ready / job.applied onto the workspace's store (no-op without webhooks)."""
    hooks = configured_webhooks(ws.config)
    if hooks:
        ws.store.add_move_listener(JobMoveNotifier(ws, hooks))
