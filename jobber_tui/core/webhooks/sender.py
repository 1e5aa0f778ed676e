"""The background sender: POSTs the outbox's webhook deliveries, with retries, never blocking the user.

At-least-once: a delivery is marked delivered only after a 2xx reply, so a crash mid-send sends it
again (with the same X-Jobber-Delivery id, for the receiver to drop the duplicate). Retries back off
exponentially with jitter (2 s, 4 s, 8 s, ... at most an hour; Retry-After wins), up to MAX_ATTEMPTS,
then the delivery is `failed` until `jobber webhooks retry`. Redirects are never followed: a hook
that answers 3xx fails (a redirect could carry the signed body to another host).

One sender per home at a time (a lock file); `spawn_sender` starts it as a detached process, so a
CLI command returns at once and the UI never waits on a slow receiver.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..infra.file_lock import exclusive_lock
from ..infra.logs import get_logger, log_event
from ..infra.retry import RetryPolicy, retryable
from .hooks import SIGNATURE_HEADER, configured_webhooks, hook_target, iso_ms, sign, utc_now

if TYPE_CHECKING:
    from ..jobs.models import WebhookDelivery
    from ..workspace import Workspace

MAX_ATTEMPTS = 8
FIRST_RETRY = 2.0
LONGEST_WAIT = 3600.0
LINGER = 60.0
"""A sender process waits this long for a retry that is due soon; later ones wait for the next start."""
log = get_logger("webhooks")


@dataclass
class SendReport:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    busy: bool = False
    """Another sender holds the lock (it will send what is due)."""
    errors: list[str] = field(default_factory=list)


def send_pending(ws: Workspace, *, linger: float = LINGER, stop: threading.Event | None = None) -> SendReport:
    """Send every due delivery; wait for retries due within `linger` seconds; return what happened."""
    report = SendReport()
    while True:
        with exclusive_lock(ws.home.data_dir / ".webhook-sender.lock", wait=False) as got:
            if not got:
                report.busy = True
                return report
            _drain(ws, report, linger, stop)
        # A delivery committed while we held the lock had its own sender turned away: look once more.
        if stop is not None and stop.is_set() or not _due_ids(ws, utc_now()):
            return report


def _drain(ws: Workspace, report: SendReport, linger: float, stop: threading.Event | None) -> None:
    import httpx

    hooks = {hook_target(h.url): h for h in configured_webhooks(ws.config)}
    with httpx.Client(follow_redirects=False, headers={"User-Agent": _user_agent()}) as client:
        while stop is None or not stop.is_set():
            now = utc_now()
            due = _due_ids(ws, now)
            if not due:
                upcoming = _next_due(ws)
                if upcoming is None:
                    return
                wait = (upcoming - now).total_seconds()
                if wait > linger:
                    return
                if stop is not None:
                    stop.wait(max(0.0, wait))
                else:
                    time.sleep(max(0.0, wait))
                continue
            for delivery_id in due:
                _attempt(ws, client, hooks, delivery_id, report)


def _attempt(ws: Workspace, client: Any, hooks: dict[str, Any], row_id: int, report: SendReport) -> None:
    import httpx

    from ..jobs.models import WebhookDelivery

    with ws.store.reading() as session:
        row = session.get(WebhookDelivery, row_id)
    if row is None or row.status != "pending":
        return
    hook = hooks.get(row.target)
    retry_after: str | None = None
    if hook is None:
        outcome, problem = "failed", "the hook is no longer in config.toml"
    else:
        body = row.body.encode()
        headers = {
            "Content-Type": "application/json",
            "X-Jobber-Event": row.event,
            "X-Jobber-Delivery": row.delivery_id,
            "X-Jobber-Attempt": str(row.attempts + 1),
        }
        secret = hook.secret()
        if secret:
            headers[SIGNATURE_HEADER] = sign(body, secret)
        try:
            with client.stream(
                "POST", hook.url, content=body, headers=headers, timeout=httpx.Timeout(hook.timeout)
            ) as response:
                status = response.status_code
                retry_after = response.headers.get("retry-after")
        except httpx.TimeoutException:
            outcome, problem = "retry", f"no answer within {hook.timeout:g} s"
        except httpx.TransportError as exc:
            outcome, problem = "retry", f"network error: {type(exc).__name__}"
        else:
            if 200 <= status < 300:
                outcome, problem = "delivered", ""
            elif 300 <= status < 400:
                outcome, problem = "failed", f"HTTP {status}: redirects are not followed (fix the hook's URL)"
            elif retryable(status):
                outcome, problem = "retry", f"HTTP {status}"
            else:
                outcome, problem = "failed", f"HTTP {status}"
    _record(ws, row, outcome, problem, retry_after, report)


def _record(
    ws: Workspace, row: WebhookDelivery, outcome: str, problem: str, retry_after: str | None, report: SendReport
) -> None:
    from ..jobs.models import WebhookDelivery

    attempts = row.attempts + (0 if problem.startswith("the hook is no longer") else 1)
    with ws.store.writing() as session:
        fresh = session.get(WebhookDelivery, row.id)
        if fresh is None or fresh.status != "pending":
            return
        fresh.attempts = attempts
        if outcome == "delivered":
            fresh.status, fresh.delivered_at, fresh.last_error = "delivered", ws.store.now(), None
            report.delivered += 1
            log_event(log, 20, "webhook delivered", event=row.event, target=row.label, attempts=attempts)
        elif outcome == "retry" and attempts < MAX_ATTEMPTS:
            wait = retry_policy().wait(attempts, retry_after) or 0.0  # "cap" never gives up
            fresh.next_attempt_at = iso_ms(utc_now() + timedelta(seconds=wait))
            fresh.last_error = problem
            report.retrying += 1
            log_event(
                log,
                30,
                "webhook failed, will retry",
                event=row.event,
                target=row.label,
                error=problem,
                attempts=attempts,
                nextAttemptAt=fresh.next_attempt_at,
            )
        else:
            fresh.status, fresh.last_error = "failed", problem
            report.failed += 1
            report.errors.append(f"{row.label}: {row.event}: {problem}")
            log_event(log, 30, "webhook failed", event=row.event, target=row.label, error=problem, attempts=attempts)
        session.add(fresh)


def retry_policy() -> RetryPolicy:
    """Jitter (±25%) so many Jobber installs do not retry a shared receiver in lockstep; a Retry-After
    longer than LONGEST_WAIT waits that long and tries again."""
    return RetryPolicy(
        retries=MAX_ATTEMPTS - 1,
        first=FIRST_RETRY,
        cap=LONGEST_WAIT,
        jitter=0.25,
        max_wait=LONGEST_WAIT,
        too_long="cap",
    )


def _due_ids(ws: Workspace, now: datetime) -> list[int]:
    return ws.reader.due_deliveries(iso_ms(now))


def _next_due(ws: Workspace) -> datetime | None:
    value = ws.reader.scalar("SELECT min(next_attempt_at) FROM webhook_delivery WHERE status = 'pending'")
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def has_due(ws: Workspace) -> bool:
    """Whether a delivery waits to be sent now (start-up uses this to start a sender)."""
    return bool(_due_ids(ws, utc_now()))


def spawn_sender(ws: Workspace) -> subprocess.Popen[bytes] | None:
    """Start `jobber webhooks send --background` detached from this process and its terminal."""
    # One --home folder holds everything; the platform's split folders are found again without it.
    home = ["--home", str(ws.home.data_dir)] if ws.home.config_dir == ws.home.data_dir else []
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "jobber_tui", *home, "webhooks", "send", "--background"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError as exc:  # the deliveries stay queued; the next start sends them
        log_event(log, 30, "cannot start the webhook sender", error=str(exc))
        return None


def _user_agent() -> str:
    from ..infra.http import USER_AGENT

    return USER_AGENT
