"""One retry policy for every HTTP call Jobber makes (job boards, the model server, webhooks).

Which answers are worth another try, how long to wait before it (exponential backoff, optionally
with jitter, never above a cap), and what a server's `Retry-After` asks for (RFC 9110 §10.2.3:
delay-seconds or an HTTP-date). Callers keep their own loops (a board fetch sleeps in place, a
webhook delivery is rescheduled in the store); the numbers come from here.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Literal

RETRY_STATUSES = frozenset({408, 409, 425, 429})
"""Answers below 500 that are worth another try: timeout, conflict, too early, too many requests.
Every 5xx is retried too (`retryable`); other 4xx are the request's fault and fail at once."""


def retryable(status: int) -> bool:
    """Whether an HTTP status is worth another try (the rule the OpenAI and Stripe SDKs use, plus 425)."""
    return status in RETRY_STATUSES or status >= 500


def retry_after_seconds(header: str | None, *, now: float | None = None) -> float | None:
    """Seconds a `Retry-After` header asks for: a number (decimals accepted) or an HTTP-date.

    None when absent or unreadable (then the backoff applies); never negative, never NaN or infinite:
    a hostile or broken server cannot make the caller sleep forever or crash on `sleep(nan)`.
    A date without a zone (`-0000`, or none) is UTC, as HTTP-dates always are."""
    if not header:
        return None
    text = header.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


@dataclass(frozen=True)
class RetryPolicy:
    """How often to try again and how long to wait in between."""

    retries: int = 2
    """Attempts after the first."""
    first: float = 0.5
    """Seconds before the first retry; each later wait doubles."""
    cap: float = 60.0
    """The longest backoff wait (before jitter is clamped back under it)."""
    jitter: float = 0.0
    """Each backoff wait is spread by ±this fraction, so many clients do not retry in lockstep."""
    max_wait: float = 60.0
    """The longest `Retry-After` honoured."""
    too_long: Literal["give up", "cap"] = "give up"
    """What a longer `Retry-After` means: stop trying, or wait `max_wait` and try again."""

    def backoff(self, failures: int) -> float:
        """Seconds to wait after `failures` failed attempts (1 after the first), jitter included."""
        base = min(self.first * 2.0 ** min(max(failures - 1, 0), 64), self.cap)  # 2.0 ** 10_000 overflows
        if self.jitter:
            base *= random.uniform(1 - self.jitter, 1 + self.jitter)
        return min(base, self.cap)

    def wait(self, failures: int, retry_after: str | None = None) -> float | None:
        """Seconds before the next attempt: the server's `Retry-After` when it sent a readable one,
        else the backoff. None when the server asks for longer than `max_wait` and the policy gives up."""
        asked = retry_after_seconds(retry_after)
        if asked is None:
            return self.backoff(failures)
        if asked > self.max_wait:
            return None if self.too_long == "give up" else self.max_wait
        return asked
