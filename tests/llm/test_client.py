"""The chat completions client against a real loopback server: JSON modes, retries, SSE."""

from __future__ import annotations

import json
import threading

import pytest

from jobber_tui.core.llm.client import LlmClient, LlmError
from jobber_tui.core.llm.settings import LlmSettings

from .chat_server import ChatServer, Reply, sse_chunks

SCHEMA = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
KEY = "sk-test-KEY-abcdef123456"
HI = [{"role": "user", "content": "hi"}]


def _validate(data: object) -> int:
    if not isinstance(data, dict) or not isinstance(data.get("n"), int):
        raise ValueError("'n' must be an integer")
    return data["n"]


def _client(url: str, waits: list[float] | None = None, retries: int = 3) -> LlmClient:
    settings = LlmSettings(
        base_url=url,
        model="test-model",
        api_key=KEY,
        models={"scoring": "scorer"},
        retries=retries,
        backoff=0.01,
        first_token_timeout=5,
    )
    return LlmClient(settings, sleep=(waits.append if waits is not None else lambda s: None))


def test_valid_json_with_schema_and_key(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.script = [Reply(content='{"n": 7}')]
    assert _client(url).chat_json("scoring", [{"role": "user", "content": "hi"}], SCHEMA, _validate) == 7
    request = server.requests[0]
    assert request["model"] == "scorer"
    assert request["response_format"]["type"] == "json_schema"
    assert request["response_format"]["json_schema"]["schema"] == SCHEMA
    assert server.headers[0]["Authorization"] == f"Bearer {KEY}"


def test_invalid_then_valid_is_repaired_once(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.script = [Reply(content='{"n": "seven"}'), Reply(content='```json\n{"n": 8}\n```')]
    assert _client(url).chat_json("scoring", [{"role": "user", "content": "hi"}], SCHEMA, _validate) == 8
    repair = server.requests[1]["messages"]
    assert any("'n' must be an integer" in m["content"] for m in repair)


def test_invalid_twice_is_a_clear_failure(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.script = [Reply(content="not json"), Reply(content='{"n": null}')]
    with pytest.raises(LlmError, match="kept answering invalid output"):
        _client(url).chat_json("scoring", [{"role": "user", "content": "hi"}], SCHEMA, _validate)
    assert len(server.requests) == 2


def test_falls_back_when_json_schema_is_unsupported(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    unsupported = {"error": {"message": "response_format json_schema is not supported"}}
    server.script = [
        Reply(status=400, body=unsupported),
        Reply(status=400, body={"error": {"message": "unknown field response_format"}}),
        Reply(content='{"n": 1}'),
        Reply(content='{"n": 2}'),
    ]
    client = _client(url)
    assert client.chat_json("scoring", [{"role": "user", "content": "x"}], SCHEMA, _validate) == 1
    assert [r.get("response_format", {}).get("type") for r in server.requests] == ["json_schema", "json_object", None]
    assert "JSON schema" in server.requests[2]["messages"][0]["content"]
    assert client.chat_json("scoring", [{"role": "user", "content": "x"}], SCHEMA, _validate) == 2
    assert "response_format" not in server.requests[3]  # the working style is remembered


def test_429_then_success_honours_retry_after(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.script = [
        Reply(status=429, body={"error": "slow down"}, headers={"Retry-After": "2"}),
        Reply(status=503, body={"error": "busy"}),
        Reply(content='{"n": 3}'),
    ]
    waits: list[float] = []
    assert _client(url, waits).chat_json("scoring", [{"role": "user", "content": "x"}], SCHEMA, _validate) == 3
    assert waits == [2.0, 0.02]


def test_500_forever_gives_up_after_retries(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.default = lambda body: Reply(status=500, body={"error": {"message": "boom"}})
    with pytest.raises(LlmError, match="HTTP 500: boom") as info:
        _client(url, retries=2).chat_json("scoring", [{"role": "user", "content": "x"}], SCHEMA, _validate)
    assert len(server.requests) == 3
    assert KEY not in str(info.value)


def test_other_4xx_is_never_retried(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.default = lambda body: Reply(status=401, body={"error": {"message": "bad key"}})
    with pytest.raises(LlmError, match="HTTP 401"):
        _client(url).chat_json("scoring", [{"role": "user", "content": "x"}], SCHEMA, _validate)
    assert len(server.requests) == 1


def test_unreachable_server() -> None:
    with pytest.raises(LlmError, match="cannot reach"):
        _client("http://127.0.0.1:9", retries=1).chat_json("scoring", [], SCHEMA, _validate)


def test_stream_ignores_comments_and_joins_chunks(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.script = [Reply(sse=sse_chunks("Dear ", "hiring ", "team"))]
    assert "".join(_client(url).stream("ghostwriter", [{"role": "user", "content": "x"}])) == "Dear hiring team"
    assert server.requests[0]["stream"] is True


def test_stream_error_event_mid_stream(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    lines = sse_chunks("partial ", done=False) + [
        "event: error",
        "data: " + json.dumps({"error": {"message": "overloaded"}}),
        "",
    ]
    server.script = [Reply(sse=lines)]
    received: list[str] = []
    with pytest.raises(LlmError, match="error mid-stream: overloaded"):
        for chunk in _client(url).stream("ghostwriter", HI):
            received.append(chunk)
    assert received == ["partial "]


def test_stream_cut_mid_way_is_reported_not_repeated(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.script = [Reply(sse=sse_chunks("one ", "two ", "three"), cut_after=5)]
    received: list[str] = []
    with pytest.raises(LlmError, match="stream"):
        for chunk in _client(url).stream("ghostwriter", HI):
            received.append(chunk)
    assert received == ["one ", "two "]
    assert len(server.requests) == 1


def test_stream_cancel_stops_cleanly(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.script = [Reply(sse=sse_chunks(*[f"w{i} " for i in range(50)]))]
    cancel = threading.Event()
    received: list[str] = []
    for chunk in _client(url).stream("ghostwriter", HI, cancel=cancel):
        received.append(chunk)
        if len(received) == 3:
            cancel.set()
    assert received == ["w0 ", "w1 ", "w2 "]


def test_a_model_server_sending_retry_after_nan_gets_the_backoff_not_a_crash(chat: tuple[ChatServer, str]) -> None:
    """The LLM client's own parser read "nan" as a number and slept NaN seconds (time.sleep raises)."""
    server, url = chat
    server.script = [
        Reply(status=429, body={"error": "slow down"}, headers={"Retry-After": "nan"}),
        Reply(status=503, body={"error": "busy"}, headers={"Retry-After": "Thu, 01 Jan 1970 00:00:00 GMT"}),
        Reply(content='{"n": 4}'),
    ]
    waits: list[float] = []
    assert _client(url, waits).chat_json("scoring", [{"role": "user", "content": "x"}], SCHEMA, _validate) == 4
    assert waits == [0.01, 0.0]  # the backoff for the unreadable header; a date in the past: at once
