"""Reading a streamed answer on a background thread, so the caller can give up at any moment."""

from __future__ import annotations

import queue
import socket
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from .client import LlmClient

POLL_SECONDS = 0.05
"""How often a waiting stream looks at its cancel flag: `esc` stops it within this."""


class Transport(Exception):
    """A stream attempt failed before or while reading; `silent`: the server said nothing in time."""

    def __init__(self, message: str, *, silent: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.silent = silent


class StreamReader:
    """One streamed request read by a background thread, so the caller can give up at any moment.

    httpx's read timeout is per socket read and cannot change mid-answer; the first-token and
    between-token limits, and cancelling, are kept here instead. A reader that is abandoned (cancel,
    timeout) shuts its socket down; one still waiting for response headers ends at its own timeout."""

    def __init__(self, client: LlmClient, body: dict[str, Any]) -> None:
        self.client = client
        self.body = body
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.stopped = threading.Event()
        self.sock: socket.socket | None = None
        settings = client.settings
        self.first_deadline = time.monotonic() + settings.first_token_timeout
        """The first token must arrive by then; a failed connect is reported by httpx before it."""
        self.thread = threading.Thread(target=self._run, name="llm-stream", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        settings = self.client.settings
        try:
            with (
                httpx.Client(
                    base_url=settings.base_url,
                    headers=self.client._headers,
                    timeout=self.client._timeout(streaming=True),
                ) as http,
                http.stream("POST", "/chat/completions", json=self.body) as response,
            ):
                stream = response.extensions.get("network_stream")
                self.sock = stream.get_extra_info("socket") if stream is not None else None
                if response.status_code >= 400:
                    response.read()
                    self.events.put(("status", (response.status_code, dict(response.headers), error_body(response))))
                    return
                self.events.put(("status", (response.status_code, dict(response.headers), None)))
                for line in response.iter_lines():
                    if self.stopped.is_set():
                        return
                    self.events.put(("line", line))
                self.events.put(("end", None))
        except httpx.TransportError as exc:
            if not self.stopped.is_set():
                self.events.put(("error", exc))
        except Exception as exc:  # noqa: BLE001 - handed to the reading thread, which reports it
            if not self.stopped.is_set():
                self.events.put(("error", exc))

    def _next(self, cancel: threading.Event | None, limit: float, what: str) -> tuple[str, Any] | None:
        """The next event, None when cancelled; raises _Transport after `limit` seconds of silence."""
        deadline = time.monotonic() + limit
        while True:
            if cancel is not None and cancel.is_set():
                return None
            left = deadline - time.monotonic()
            if left <= 0:
                raise Transport(what, silent=True)
            try:
                kind, value = self.events.get(timeout=min(POLL_SECONDS, left))
            except queue.Empty:
                continue
            if kind == "error":
                reached = isinstance(value, httpx.ReadError | httpx.RemoteProtocolError)
                raise Transport(type(value).__name__ if reached else self.client._unreachable(value))
            return kind, value

    def open(self, cancel: threading.Event | None) -> tuple[int | None, dict[str, str], Any]:
        settings = self.client.settings
        event = self._next(
            cancel,
            max(self.first_deadline - time.monotonic(), 0.0),
            f"cannot reach {settings.base_url}: no answer within {settings.first_token_timeout:g} s",
        )
        if event is None:
            return None, {}, None
        if event[0] != "status":
            raise Transport("the server answered without a status")
        opened: tuple[int | None, dict[str, str], Any] = event[1]
        return opened

    def lines(self, cancel: threading.Event | None) -> Iterator[str]:
        """Lines of the body. The first data line must come within the first-token limit (keep-alive
        comments do not count), later ones within the between-tokens limit."""
        settings = self.client.settings
        first = True
        while True:
            if first:
                limit = max(self.first_deadline - time.monotonic(), 0.0)
                what = f"the model wrote nothing within {settings.first_token_timeout:g} s"
            else:
                limit = settings.between_tokens_timeout
                what = f"the model stopped writing for {settings.between_tokens_timeout:g} s"
            event = self._next(cancel, limit, what)
            if event is None:
                return
            kind, value = event
            if kind == "end":
                return
            line = str(value)
            if first and line.startswith("data:"):
                first = False
            yield line

    def abandon(self) -> None:
        """Stop reading; a blocked read ends at once when the socket is known."""
        self.stopped.set()
        if self.sock is not None and self.thread.is_alive():
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def error_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return {"error": {"message": response.text[:300]}} if response.text.strip() else None
