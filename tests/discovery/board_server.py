"""A real HTTP server on 127.0.0.1 serving scripted routes (fixture files in each API's shape, and
behaviours: 429 then success, 500 forever, malformed JSON, slow replies), plus helpers for tests."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
DEMO_RESUME = Path(__file__).resolve().parents[2] / "jobber_tui" / "demo" / "resume.json"


@dataclass
class Reply:
    """One scripted response."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.monotonic)
    """When the request arrived (monotonic seconds)."""


class Loopback:
    """Routes by path; each route plays its replies in order and then repeats the last one."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        self.server = _QuietServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    def route(self, path: str, *replies: Reply) -> None:
        with self._lock:
            self.routes[path] = list(replies)

    def json(self, path: str, data: Any, status: int = 200, **headers: str) -> None:
        self.route(path, Reply(status, json.dumps(data).encode(), {"Content-Type": "application/json", **headers}))

    def fixture(self, path: str, name: str) -> None:
        kind = "text/html" if name.endswith(".html") else "application/json"
        self.route(path, Reply(200, (FIXTURES / name).read_bytes(), {"Content-Type": kind}))

    def hits(self, path: str) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def next_reply(self, seen: Seen) -> Reply:
        with self._lock:
            self.requests.append(seen)
            replies = self.routes.get(seen.path)
            if not replies:
                return Reply(404, b'{"error": "not found"}', {"Content-Type": "application/json"})
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and hung up is what some tests do on purpose


def _handler(loopback: Loopback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._serve()

        def do_POST(self) -> None:  # noqa: N802
            self._serve()

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            seen = Seen(self.command, parts.path, parse_qs(parts.query), headers, body)
            reply = loopback.next_reply(seen)
            if reply.delay:
                time.sleep(reply.delay)  # sleep-must-stay: a board that stalls on purpose (timeouts, progress)
            try:
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except OSError:
                pass  # the client gave up (a timeout test)

        def log_message(self, *_args: Any) -> None:
            pass

    return Handler


def add_sources(home: Path, *entries: tuple[str, str]) -> None:
    """Append `[[sources]]` tables to the home's config."""
    with (home / "config.toml").open("a") as handle:
        for kind, board in entries:
            handle.write(f'\n[[sources]]\nkind = "{kind}"\nboard = "{board}"\n')


def serve_all_fixtures(loopback: Loopback) -> None:
    """One board of every kind, each answered from its fixture file."""
    loopback.fixture("/v1/boards/acme/jobs", "greenhouse_jobs.json")
    loopback.fixture("/v0/postings/globex", "lever_postings.json")
    loopback.fixture("/posting-api/job-board/initech", "ashby_job_board.json")
    loopback.fixture("/api/v1/widget/accounts/umbrella", "workable_account.json")
    loopback.fixture("/recruitee/hooli/api/offers/", "recruitee_offers.json")


ALL_BOARDS = (
    ("greenhouse", "acme"),
    ("lever", "globex"),
    ("ashby", "initech"),
    ("workable", "umbrella"),
    ("recruitee", "hooli"),
)
