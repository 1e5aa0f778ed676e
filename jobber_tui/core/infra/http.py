"""A polite HTTP client for job boards and webhooks: timeouts, a cap on parallel requests, retries
with backoff on 408/429/5xx and network errors (honouring Retry-After; the policy is core/infra/retry.py), a size
cap, a clear User-Agent.

Every failure becomes one `SourceError` line; callers count it and carry on.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx

from ... import __version__
from .errors import Cancelled, OperationFailed
from .retry import RetryPolicy, retry_after_seconds, retryable

USER_AGENT = f"Jobber/{__version__} (+https://github.com/jobber-tui)"
MISSING = frozenset({404, 410})


class SourceError(OperationFailed):
    """A board or page could not be read: the message says what happened, in one line."""


class BadUrl(SourceError):
    """The URL itself is the problem (malformed, or it redirects in a loop): the user's input, exit 2."""

    exit_code = 2


@dataclass(frozen=True)
class HttpSettings:
    """Politeness knobs; `[discovery]` in config.toml sets timeout, retries and concurrency."""

    timeout: float = 20.0
    """Seconds to connect and between bytes; the whole body must arrive within twice this."""
    retries: int = 3
    """Extra attempts after a 429, a 5xx or a network error."""
    backoff: float = 0.5
    """First wait between attempts; doubles each time (Retry-After wins when the server sends it)."""
    max_wait: float = 30.0
    """A Retry-After longer than this is not waited for: the request fails instead."""
    concurrency: int = 4
    """At most this many requests in flight at once, across all threads."""
    max_bytes: int = 25_000_000


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    url: str
    content_type: str
    retry_after: str | None = None
    location: str | None = None
    """A redirect's target, absolute (only seen when the request did not follow redirects)."""

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class PoliteClient:
    """Thread-safe: one client serves all the board fetches of a run."""

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        cancel: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings or HttpSettings()
        self.cancel = cancel
        self._slots = threading.BoundedSemaphore(max(1, self.settings.concurrency))
        timeout = httpx.Timeout(self.settings.timeout)
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=5,
            transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json, text/html;q=0.9, */*;q=0.5"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the calls --------------------------------------------------------------------------
    def get_json(
        self,
        url: str,
        params: dict[str, Any] | None = None,
        *,
        missing_ok: bool = False,
        headers: dict[str, str] | None = None,
    ) -> Any:
        """GET and parse JSON; malformed JSON is an error naming the line and column.

        `missing_ok`: a 404 or 410 gives None (a single posting that was closed) instead of an error.
        `headers`: extra headers (an API key); they never appear in an error."""
        reply = self.request("GET", url, params=params, headers=headers, missing_ok=missing_ok)
        if reply.status in MISSING:
            return None
        return parse_json(reply.body, url)

    def post_json(self, url: str, data: Any) -> Any:
        """POST a JSON body and parse the JSON answer (Workday's search)."""
        reply = self.request(
            "POST",
            url,
            content=json.dumps(data).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        return parse_json(reply.body, url)

    def get(self, url: str) -> Reply:
        return self.request("GET", url)

    def redirect_target(self, url: str) -> str | None:
        """Where `url` redirects to (its Location, made absolute), without following it; None if it does not."""
        reply = self.request("GET", url, follow=False, missing_ok=True)
        return reply.location if 300 <= reply.status < 400 else None

    def post(self, url: str, body: bytes, headers: dict[str, str], *, label: str | None = None) -> Reply:
        return self.request("POST", url, content=body, headers=headers, label=label)

    def request(
        self,
        method: str,
        url: str,
        *,
        params: dict[str, Any] | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        label: str | None = None,
        follow: bool = True,
        missing_ok: bool = False,
    ) -> Reply:
        """One request with retries. 4xx other than 429 fail at once; the rest are retried.

        `label` names the target in errors instead of the URL (a webhook URL can hold a secret)."""
        settings = self.settings
        # A computed wait is never longer than the longest Retry-After honoured (no cap before: 10 retries
        # at a 60 s backoff asked for an 8-hour wait).
        policy = RetryPolicy(
            retries=settings.retries, first=settings.backoff, cap=settings.max_wait, max_wait=settings.max_wait
        )
        problem = ""
        for attempt in range(settings.retries + 1):
            self._check_cancel()
            wait = policy.backoff(attempt + 1)
            try:
                with self._slots:
                    reply = self._once(method, url, params, content, headers, follow)
            except httpx.TimeoutException:
                problem = f"timed out after {settings.timeout:g} s"
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                raise BadUrl(f"{label or _short(url)}: bad URL: {_first_line(exc)}") from None
            except httpx.TooManyRedirects:
                raise BadUrl(
                    f"{label or _short(url)}: too many redirects (the server sends the request around in a loop)"
                ) from None
            except httpx.TransportError as exc:
                problem = f"network error: {type(exc).__name__}: {_first_line(exc)}"
            except _TooLarge:
                problem = f"response larger than {settings.max_bytes // 1_000_000} MB"
                break
            else:
                if reply.status < 400 or (missing_ok and reply.status in MISSING):
                    return reply
                problem = f"HTTP {reply.status}"
                if not retryable(reply.status):
                    break
                asked = policy.wait(attempt + 1, reply.retry_after)
                if asked is None:
                    seconds = retry_after_seconds(reply.retry_after) or 0
                    problem += f" (asked to wait {seconds:.0f} s; Jobber waits at most {settings.max_wait:g} s)"
                    break
                wait = asked
            if attempt < settings.retries:
                self._sleep(wait)
        tries = attempt + 1
        where = label or _short(url)
        raise SourceError(f"{where}: {problem}" + (f" after {tries} attempts" if tries > 1 else ""))

    # -- internals --------------------------------------------------------------------------
    def _once(
        self,
        method: str,
        url: str,
        params: dict[str, Any] | None,
        content: bytes | None,
        headers: dict[str, str] | None,
        follow: bool = True,
    ) -> Reply:
        limit = self.settings.max_bytes
        deadline = time.monotonic() + 2 * self.settings.timeout
        with self._client.stream(
            method, url, params=params, content=content, headers=headers, follow_redirects=follow
        ) as response:
            chunks: list[bytes] = []
            size = 0
            if response.status_code < 400:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise _TooLarge
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("body too slow", request=response.request)
                    chunks.append(chunk)
            location = response.headers.get("location")
            return Reply(
                response.status_code,
                b"".join(chunks),
                str(response.url),
                response.headers.get("content-type", ""),
                response.headers.get("retry-after"),
                str(response.url.join(location)) if location else None,
            )

    def _sleep(self, seconds: float) -> None:
        if self.cancel is not None:
            if self.cancel.wait(seconds):
                raise Cancelled("cancelled")
        else:
            time.sleep(seconds)

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled("cancelled")


class _TooLarge(Exception):
    pass


def parse_json(body: bytes, url: str) -> Any:
    """A reply's JSON; malformed JSON is a SourceError naming the line and column."""
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f" at line {exc.lineno}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise SourceError(f"{_short(url)}: malformed JSON{where}") from None


def _short(url: str) -> str:
    """The URL without its query string: enough to locate the problem, short enough for one line."""
    return url.split("?", 1)[0][:200]


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [""])[0][:200]
