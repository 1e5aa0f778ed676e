"""Models as they really behave, against the loopback server's imitations: reasoning models that refuse
parameters, strict turn alternation, silence before the first token, 429 with Retry-After, cancelling."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import CliResult
from jobber_tui.core.llm.client import LlmClient, LlmError, alternating, forget_quirks, parameter_fix
from jobber_tui.core.llm.settings import LlmSettings

from .chat_server import ChatServer, Reply, completion, running_chat_server, sse_chunks

Cli = Callable[..., CliResult]
HI = [{"role": "user", "content": "hi"}]
SCHEMA = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}


@pytest.fixture(autouse=True)
def _fresh_quirks() -> Iterator[None]:
    forget_quirks()
    yield
    forget_quirks()


def _client(url: str, model: str = "o3-mini", waits: list[float] | None = None, **timeouts: float) -> LlmClient:
    settings = LlmSettings(base_url=url, model=model, api_key=None, models={}, retries=2, backoff=0.01, **timeouts)
    return LlmClient(settings, sleep=(waits.append if waits is not None else lambda s: None))


def _number(data: object) -> int:
    if not isinstance(data, dict) or not isinstance(data.get("n"), int):
        raise ValueError("'n' must be an integer")
    return data["n"]


def test_reasoning_model_check_is_retried_with_max_completion_tokens(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.reasoning_models = {"o3-mini"}
    server.default = lambda body: Reply(content="ok")
    client = _client(url)
    answer = client.check()
    assert "answered 'ok'" in answer and "refuses max_tokens (sending max_completion_tokens)" in answer
    assert [("max_tokens" in r, "max_completion_tokens" in r) for r in server.requests] == [
        (True, False),
        (False, True),
    ]
    assert server.requests[1]["max_completion_tokens"] == 16
    client.check()  # remembered: no second refusal
    assert len(server.requests) == 3 and len(server.refused) == 1
    other = _client(url, model="gpt-4o-mini")  # per model: another model still gets max_tokens
    other.check()
    assert "max_tokens" in server.requests[-1]


def test_reasoning_model_json_call_drops_temperature_once(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.reasoning_models = {"o3-mini"}
    server.default = lambda body: Reply(content='{"n": 4}')
    client = _client(url)
    assert client.chat_json("scoring", HI, SCHEMA, _number) == 4
    assert server.requests[0]["temperature"] == 0.2 and "temperature" not in server.requests[1]
    assert LlmClient(client.settings).chat_json("scoring", HI, SCHEMA, _number) == 4  # a new client knows too
    assert len(server.refused) == 1


def test_a_refusal_that_persists_ends_in_its_error(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.default = lambda body: Reply(
        status=400, body={"error": {"message": "Unsupported parameter: 'temperature'", "param": "temperature"}}
    )
    with pytest.raises(LlmError, match="HTTP 400: Unsupported parameter"):
        _client(url).chat_json("scoring", HI, SCHEMA, _number)
    assert len(server.requests) == 2  # once with, once without; never a loop


@pytest.mark.parametrize(
    ("error", "fix"),
    [
        (
            {
                "error": {
                    "message": "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
                    "'max_completion_tokens' instead.",
                    "param": "max_tokens",
                    "code": "unsupported_parameter",
                }
            },
            ("max_tokens", "max_completion_tokens"),
        ),
        (
            {
                "error": {
                    "message": "Unsupported value: 'temperature' does not support 0.2 with this model. Only the "
                    "default (1) value is supported.",
                    "param": "temperature",
                }
            },
            ("temperature", None),
        ),
        (
            {
                "object": "error",
                "message": "[{'type': 'extra_forbidden', 'loc': ('body', 'max_tokens'), 'msg': 'Extra "
                "inputs are not permitted'}]",
                "code": 400,
            },
            ("max_tokens", "max_completion_tokens"),
        ),
        ({"error": {"message": "Invalid API key"}}, None),
        ({"error": {"message": "model 'gpt-9' not found"}}, None),
    ],
)
def test_parameter_fix_reads_the_shapes_servers_send(
    error: dict[str, object], fix: tuple[str, str | None] | None
) -> None:
    assert parameter_fix(error, {"model": "m", "messages": [], "max_tokens": 5, "temperature": 0.2}) == fix


def test_every_prompt_alternates_for_strict_servers() -> None:
    messy = [
        {"role": "user", "content": "a"},
        {"role": "system", "content": "rules"},
        {"role": "user", "content": "b"},
        {"role": "assistant", "content": ""},
        {"role": "assistant", "content": "c"},
        {"role": "system", "content": "more"},
    ]
    assert alternating(messy) == [
        {"role": "system", "content": "rules\n\nmore"},
        {"role": "user", "content": "a\n\nb"},
        {"role": "assistant", "content": "c"},
    ]


def test_repair_round_keeps_turns_alternating(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.script = [Reply(content='{"n": "x"}'), Reply(content='{"n": 2}')]
    assert _client(url, model="m").chat_json("scoring", [{"role": "system", "content": "s"}, *HI], SCHEMA, _number) == 2
    assert server.refused == []
    assert [m["role"] for m in server.requests[1]["messages"]] == ["system", "user", "assistant", "user"]


def test_silence_before_the_first_token_times_out_and_cancel_stops_it(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.script = [Reply(sse=sse_chunks("late"), first_delay=30)]
    started = time.monotonic()
    with pytest.raises(LlmError, match="wrote nothing within 1 s"):
        list(_client(url, model="m", first_token_timeout=1).stream("ghostwriter", HI))
    assert time.monotonic() - started < 4
    assert len(server.requests) == 1  # a silent server is not asked again (that would double the wait)

    server.script = [Reply(sse=sse_chunks("late"), silence=30)]  # not even headers
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    assert list(_client(url, model="m").stream("ghostwriter", HI, cancel=cancel)) == []
    assert time.monotonic() - started < 1.5


def test_a_stream_that_stalls_mid_answer_is_reported(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.script = [Reply(sse=sse_chunks(*[f"w{i} " for i in range(3)]), delay=0.8)]
    got: list[str] = []
    with pytest.raises(LlmError, match="stream broke off: the model stopped writing for 0.3 s"):
        for chunk in _client(url, model="m", between_tokens_timeout=0.3, first_token_timeout=5).stream(
            "ghostwriter", HI
        ):
            got.append(chunk)
    assert got == ["w0 "]


def test_stream_429_honours_retry_after_and_reasoning_refusals(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.reasoning_models = {"o3-mini"}
    server.script = [
        Reply(status=429, body={"error": {"message": "Rate limit reached"}}, headers={"Retry-After": "7"}),
        Reply(sse=sse_chunks("fine")),
    ]
    waits: list[float] = []
    assert "".join(_client(url, waits=waits).stream("ghostwriter", HI)) == "fine"
    assert waits == [7.0]


def test_cancel_during_a_retry_after_wait_stops_at_once(chat: tuple[ChatServer, str]) -> None:
    server, url = chat
    server.default = lambda body: Reply(status=429, body={"error": "slow down"}, headers={"Retry-After": "20"})
    settings = LlmSettings(base_url=url, model="m", api_key=None, models={}, retries=3)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    assert list(LlmClient(settings).stream("ghostwriter", HI, cancel=cancel)) == []
    assert time.monotonic() - started < 2


@pytest.fixture
def llm_cli_home(home: Path) -> Iterator[Callable[[str], None]]:
    def write(extra: str) -> None:
        home.mkdir(parents=True, exist_ok=True)
        (home / "config.toml").write_text(extra)

    yield write


def test_llm_check_reports_a_silent_server_within_seconds_at_defaults(
    cli: Cli, home: Path, llm_cli_home: Callable[[str], None]
) -> None:
    with running_chat_server() as (server, url):
        server.default = lambda body: Reply(silence=60)
        llm_cli_home(f'[llm]\nbase_url = "{url}"\nmodel = "m"\n')
        started = time.monotonic()
        result = cli("llm", "check")
        elapsed = time.monotonic() - started
    assert result.code == 1 and "cannot reach" in result.err and "no answer within 10 s" in result.err
    assert elapsed < 13
    assert len(server.requests) == 1


def test_llm_check_reports_a_closed_port_at_once(cli: Cli, llm_cli_home: Callable[[str], None]) -> None:
    llm_cli_home('[llm]\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "m"\n')
    started = time.monotonic()
    result = cli("llm", "check")
    assert result.code == 1 and "cannot reach http://127.0.0.1:9/v1: connection refused" in result.err
    assert time.monotonic() - started < 3


def test_llm_check_with_a_reasoning_model(cli: Cli, llm_cli_home: Callable[[str], None]) -> None:
    with running_chat_server() as (server, url):
        server.reasoning_models = {"o3-mini"}
        server.default = lambda body: Reply(body=completion(""))  # all tokens went to reasoning
        llm_cli_home(f'[llm]\nbase_url = "{url}"\nmodel = "o3-mini"\n')
        result = cli("llm", "check")
    assert result.code == 0, result.err
    assert "spent its tokens thinking" in result.out and "refuses max_tokens" in result.out


def test_llm_use_writes_a_preset_and_keeps_the_rest(
    cli: Cli, home: Path, llm_cli_home: Callable[[str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    llm_cli_home(
        'theme = "jobber-nord"\n\n[tracking]\nhost = "imap.example.org"\nusername = "a"\n'
        'password_env = "P"\n\n[llm]\nbase_url = "https://old.example/v1"\nmodel = "old"\nretries = 1\n'
    )
    with running_chat_server() as (server, url):
        server.default = lambda body: Reply(content="ok")
        result = cli("llm", "use", "vllm", "--model", "Qwen/Qwen2.5-7B-Instruct", "--base-url", url)
        assert result.code == 0, result.err
        assert "the API key is read from the env var VLLM_API_KEY" in result.out
        monkeypatch.setenv("VLLM_API_KEY", "sk-vllm-local")
        checked = cli("llm", "check")
        assert checked.code == 0 and "answered 'ok'" in checked.out
        assert server.headers[-1]["Authorization"] == "Bearer sk-vllm-local"  # the preset's key variable
    import tomllib

    config = tomllib.loads((home / "config.toml").read_text())
    assert config["theme"] == "jobber-nord" and config["tracking"]["host"] == "imap.example.org"
    assert config["llm"] == {"preset": "vllm", "model": "Qwen/Qwen2.5-7B-Instruct", "base_url": url, "retries": 1}
    assert cli("llm", "use", "chatgpt").code == 2
    assert "unknown preset 'chatgpt'" in cli("llm", "use", "chatgpt").err
    ollama = cli("llm", "use", "ollama")  # another preset: its own example model, not the old one
    assert ollama.code == 0 and "model llama3.1 at http://localhost:11434/v1" in ollama.out
