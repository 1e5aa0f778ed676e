"""A real HTTP server on 127.0.0.1 speaking the chat completions API, with scripted answers."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer: a status with a JSON body, or an SSE stream of raw lines."""

    status: int = 200
    content: str | None = None
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    sse: list[str] | None = None
    cut_after: int | None = None
    """For streams: drop the connection after this many lines (a stream cut mid-way)."""
    delay: float = 0.0
    """For streams: seconds to wait before each line (a model that writes slowly)."""


def completion(content: str) -> dict[str, Any]:
    return {"id": "chatcmpl-1", "object": "chat.completion", "model": "test-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop"}]}


def sse_chunks(*parts: str, done: bool = True) -> list[str]:
    lines = [": keep-alive comment", ""]
    for part in parts:
        lines += ["data: " + json.dumps({"choices": [{"index": 0, "delta": {"content": part}}]}), ""]
    if done:
        lines += ["data: " + json.dumps({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}), "",
                  "data: [DONE]", ""]
    return lines


class ChatServer:
    def __init__(self) -> None:
        self.script: list[Reply] = []
        self.default: Callable[[dict[str, Any]], Reply] | None = None
        self.requests: list[dict[str, Any]] = []
        self.raw_bodies: list[bytes] = []
        self.headers: list[dict[str, str]] = []
        self.lock = threading.Lock()

    def next_reply(self, body: dict[str, Any]) -> Reply:
        with self.lock:
            if self.script:
                return self.script.pop(0)
        if self.default:
            return self.default(body)
        return Reply(status=500, body={"error": {"message": "no scripted reply"}})


def _handler(server: ChatServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            raw = self.rfile.read(int(self.headers.get("content-length", 0)))
            body = json.loads(raw or b"{}")
            with server.lock:
                server.raw_bodies.append(raw)
                server.requests.append(body)
                server.headers.append(dict(self.headers))
            reply = server.next_reply(body)
            if reply.sse is not None:
                self.send_response(reply.status)
                self.send_header("content-type", "text/event-stream")
                self.send_header("connection", "close")
                self.end_headers()
                for index, line in enumerate(reply.sse):
                    if reply.cut_after is not None and index >= reply.cut_after:
                        self.wfile.flush()
                        self.connection.shutdown(2)
                        return
                    if reply.delay:
                        time.sleep(reply.delay)
                    self.wfile.write((line + "\n").encode())
                    self.wfile.flush()
                self.close_connection = True
                return
            payload = reply.body if reply.body is not None else completion(reply.content or "")
            data = json.dumps(payload).encode()
            self.send_response(reply.status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the "stream cut mid-way" script breaks connections on purpose


@contextmanager
def running_chat_server() -> Iterator[tuple[ChatServer, str]]:
    state = ChatServer()
    httpd = _QuietServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
