"""A real HTTP server on 127.0.0.1 speaking the chat completions API, with scripted answers.

Besides scripted replies it imitates what real servers do to a careless client:
- reasoning models (`reasoning_models`) refuse `max_tokens` and a non-default `temperature` with the
  400 bodies OpenAI sends (code unsupported_parameter / unsupported_value, `param` named);
- strict turn alternation (`strict_turns`, on by default, as vLLM with a Mistral template): one optional
  system message first, then user/assistant alternating, starting and ending with the user;
- silence before the first token (`Reply.silence`: nothing at all, not even headers; `Reply.first_delay`:
  headers at once, then nothing), and a 429 with Retry-After (`Reply(status=429, headers=...)`).
"""

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
    silence: float = 0.0
    """Seconds to say nothing at all before answering (a server that accepted the request and hangs)."""
    first_delay: float = 0.0
    """For streams: seconds between the headers and the first line (a model thinking before its first token)."""


def completion(content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "model": "test-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
    }


def sse_chunks(*parts: str, done: bool = True) -> list[str]:
    lines = [": keep-alive comment", ""]
    for part in parts:
        lines += ["data: " + json.dumps({"choices": [{"index": 0, "delta": {"content": part}}]}), ""]
    if done:
        lines += [
            "data: " + json.dumps({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}),
            "",
            "data: [DONE]",
            "",
        ]
    return lines


def refusal(message: str, param: str | None, code: str) -> Reply:
    """A 400 in OpenAI's error shape."""
    return Reply(
        status=400, body={"error": {"message": message, "type": "invalid_request_error", "param": param, "code": code}}
    )


ALTERNATION_ERROR = (
    "After the optional system message, conversation roles must alternate user/assistant/user/assistant/..."
)


def turn_problem(messages: object) -> str | None:
    """Why a strict server refuses these messages, or None."""
    if not isinstance(messages, list) or not messages:
        return "messages must be a non-empty list"
    roles = [m.get("role") if isinstance(m, dict) else None for m in messages]
    if "system" in roles[1:]:
        return ALTERNATION_ERROR
    turns = roles[1:] if roles[0] == "system" else roles
    expected = ["user" if i % 2 == 0 else "assistant" for i in range(len(turns))]
    if turns != expected or not turns or turns[-1] != "user":
        return ALTERNATION_ERROR
    if any(not (isinstance(m.get("content"), str) and m["content"].strip()) for m in messages):
        return "every message needs non-empty content"
    return None


class ChatServer:
    def __init__(self) -> None:
        self.reasoning_models: set[str] = set()
        """Models that answer like OpenAI's reasoning models: max_completion_tokens only, default temperature."""
        self.strict_turns = True
        self.refused: list[dict[str, Any]] = []
        """Requests refused by the imitations above (not by the script), in order."""
        self.closing = threading.Event()
        self.script: list[Reply] = []
        self.default: Callable[[dict[str, Any]], Reply] | None = None
        self.requests: list[dict[str, Any]] = []
        self.raw_bodies: list[bytes] = []
        self.headers: list[dict[str, str]] = []
        self.lock = threading.Lock()

    def imitation(self, body: dict[str, Any]) -> Reply | None:
        """The refusal a real server would give this request, if any."""
        if body.get("model") in self.reasoning_models:
            if "max_tokens" in body:
                return refusal(
                    "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
                    "'max_completion_tokens' instead.",
                    "max_tokens",
                    "unsupported_parameter",
                )
            if body.get("temperature", 1) != 1:
                return refusal(
                    f"Unsupported value: 'temperature' does not support {body['temperature']} with this "
                    "model. Only the default (1) value is supported.",
                    "temperature",
                    "unsupported_value",
                )
        if self.strict_turns:
            problem = turn_problem(body.get("messages"))
            if problem:
                return Reply(
                    status=400,
                    body={"object": "error", "message": problem, "type": "BadRequestError", "param": None, "code": 400},
                )
        return None

    def next_reply(self, body: dict[str, Any]) -> Reply:
        refused = self.imitation(body)
        if refused is not None:
            with self.lock:
                self.refused.append(body)
            return refused
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
            if reply.silence and server.closing.wait(reply.silence):
                return
            if reply.sse is not None:
                self.send_response(reply.status)
                self.send_header("content-type", "text/event-stream")
                self.send_header("connection", "close")
                self.end_headers()
                self.wfile.flush()
                if reply.first_delay and server.closing.wait(reply.first_delay):
                    return
                for index, line in enumerate(reply.sse):
                    if reply.cut_after is not None and index >= reply.cut_after:
                        self.wfile.flush()
                        self.connection.shutdown(2)
                        return
                    if reply.delay:
                        time.sleep(reply.delay)  # sleep-must-stay: a model that streams slowly on purpose
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
        state.closing.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
