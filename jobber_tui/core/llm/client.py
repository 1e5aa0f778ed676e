"""An OpenAI-compatible chat completions client: JSON answers and SSE streaming.

JSON answers ask for `response_format` with a JSON schema; a server that refuses it is asked for
plain JSON mode, and one that refuses that gets the schema in the prompt only. The answer is
validated; one repair round sends the validation error back; then a clear failure.
Retries follow the one policy in core/infra/retry.py (408/409/425/429/5xx and connection errors, backoff,
Retry-After); never other 4xx.

Models differ in what they accept: OpenAI's reasoning models refuse `max_tokens` (they take
`max_completion_tokens`) and any `temperature` but the default. A 400 that names a parameter the
request carried is retried once without it, or with the replacement the error names, and that is
remembered per server and model for the rest of the process (see `parameter_fix`).

Strict servers and chat templates (Mistral's, Llama 2's) refuse anything but one optional system
message followed by alternating user/assistant turns: every request goes through `alternating`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import httpx

from ... import __version__
from ..infra.errors import OperationFailed
from ..infra.logs import get_logger, log_event
from ..infra.retry import RetryPolicy, retryable
from ..infra.scrub import hide
from .prompts import CHECK_PROMPT, json_instruction, repair_request
from .quirks import alternating, forget_quirks, parameter_fix, quirks_for, remember_quirk  # noqa: F401 - re-exported
from .settings import CHECK_TIMEOUT, LlmSettings
from .stream import StreamReader, Transport, error_body

T = TypeVar("T")
log = get_logger("llm")
JSON_MODES = ("json_schema", "json_object", "prompt")


class LlmError(OperationFailed):
    """The model could not give a usable answer; the message says why (never the key)."""


class LlmClient:
    def __init__(self, settings: LlmSettings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self._sleep = sleep
        self._json_mode: str | None = None
        """The response_format style this server accepted, remembered after the first call."""
        self._headers = {"User-Agent": f"Jobber/{__version__}", "Accept": "application/json"}
        if settings.api_key:
            self._headers["Authorization"] = f"Bearer {settings.api_key}"
        self._http = httpx.Client(base_url=settings.base_url, headers=self._headers, timeout=self._timeout())

    def close(self) -> None:
        self._http.close()

    def _timeout(self, first_token: float | None = None, *, streaming: bool = False) -> httpx.Timeout:
        """A whole JSON answer arrives after the model's thinking: its read wait is the first-token limit.
        A stream's reader thread gets the longer of both as a backstop; the exact limits are kept above it."""
        s = self.settings
        wait = first_token or s.first_token_timeout
        return httpx.Timeout(
            wait, connect=s.connect_timeout, read=max(wait, s.between_tokens_timeout) if streaming else wait
        )

    # -- plumbing -------------------------------------------------------------------------------
    def _post(
        self, body: dict[str, Any], *, retries: int | None = None, first_token: float | None = None
    ) -> httpx.Response:
        """POST /chat/completions with retries and parameter fixes; returns the final response (maybe an
        error status)."""
        retries = self.settings.retries if retries is None else retries
        attempt = 0
        fixed: set[str] = set()
        while True:
            sent = self._adapted(body)
            try:
                response = self._http.post("/chat/completions", json=sent, timeout=self._timeout(first_token))
            except httpx.TransportError as exc:
                if attempt >= retries:
                    raise LlmError(self._unreachable(exc, first_token)) from None
                self._wait(attempt, None, f"{type(exc).__name__}")
                attempt += 1
                continue
            if response.status_code == 400 and self._learn(error_body(response), sent, fixed):
                continue
            if retryable(response.status_code) and attempt < retries:
                self._wait(attempt, response.headers.get("retry-after"), f"HTTP {response.status_code}")
                attempt += 1
                continue
            return response

    def _unreachable(self, exc: BaseException, first_token: float | None = None) -> str:
        where = self.settings.base_url
        if isinstance(exc, httpx.ConnectTimeout):
            return f"cannot reach {where}: no connection within {self.settings.connect_timeout:g} s"
        if isinstance(exc, httpx.TimeoutException):
            wait = first_token or self.settings.first_token_timeout
            return f"cannot reach {where}: no answer within {wait:g} s"
        if isinstance(exc, httpx.ConnectError):
            return f"cannot reach {where}: {_connect_problem(exc)}"
        return f"cannot reach {where}: {type(exc).__name__}"

    def _adapted(self, body: dict[str, Any]) -> dict[str, Any]:
        """The body as this model accepts it: remembered refusals applied, turns alternating."""
        quirks = quirks_for(self.settings.base_url, str(body.get("model")))
        sent = {}
        for key, value in body.items():
            if key in quirks:
                if quirks[key] is not None:
                    sent[str(quirks[key])] = value
                continue
            sent[key] = value
        if "messages" in sent:
            sent["messages"] = alternating(sent["messages"])
        return sent

    def _learn(self, error: Any, sent: dict[str, Any], fixed: set[str]) -> bool:
        """On a 400 naming a parameter this request carried: remember the fix and say "send again"
        (once per parameter and call, so a server that keeps refusing ends in its error)."""
        fix = parameter_fix(error, sent)
        if fix is None or fix[0] in fixed:
            return False
        param, replacement = fix
        fixed.add(param)
        remember_quirk(self.settings.base_url, str(sent.get("model")), param, replacement)
        log_event(
            log,
            30,
            "model refused a parameter; sending again " + (f"with {replacement}" if replacement else "without it"),
            model=sent.get("model"),
            parameter=param,
        )
        return True

    def _wait(self, attempt: int, retry_after: str | None, why: str, cancel: threading.Event | None = None) -> None:
        # A longer Retry-After is cut to max_wait: the call is the user's, waiting on the screen.
        policy = RetryPolicy(
            first=self.settings.backoff, cap=self.settings.max_wait, max_wait=self.settings.max_wait, too_long="cap"
        )
        delay = policy.wait(attempt + 1, retry_after)
        assert delay is not None  # "cap" never gives up
        log_event(log, 30, "model call retried", reason=why, attempt=attempt + 1, waitSeconds=round(delay, 2))
        if cancel is not None and self._sleep is time.sleep:
            cancel.wait(delay)  # `esc` during a Retry-After wait stops at once
        else:
            self._sleep(delay)

    def _error_text(self, response: httpx.Response) -> str:
        return self._error_of(response.status_code, error_body(response))

    def _error_of(self, status: int, data: Any) -> str:
        message = None
        if isinstance(data, dict):
            error = data.get("error")
            message = error.get("message") if isinstance(error, dict) else error or data.get("message")
        return f"HTTP {status}" + (f": {self._hide_key(str(message))[:200]}" if message else "")

    def _hide_key(self, text: str) -> str:
        """Servers echo a rejected key ("Incorrect API key provided: sk-..."); errors reach stderr and timelines."""
        return hide(text, self.settings.api_key)

    # -- JSON answers ---------------------------------------------------------------------------
    def chat_json(
        self,
        purpose: str,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        validate: Callable[[Any], T],
        *,
        name: str = "answer",
    ) -> T:
        """Ask for JSON matching `schema`; `validate` raises ValueError with a readable reason."""
        modes = [self._json_mode] if self._json_mode else list(JSON_MODES)
        conversation = list(messages)
        for mode in modes:
            body = self._json_body(purpose, conversation, schema, name, mode)
            response = self._post(body)
            if response.status_code == 400 and mode != "prompt" and _mentions_format(response):
                continue  # this server lacks that response_format; try the next style
            if response.status_code >= 400:
                raise LlmError(f"model call failed: {self._error_text(response)}")
            self._json_mode = mode
            content = _content(response)
            try:
                return validate(_parse_json(content))
            except ValueError as first:
                log_event(log, 30, "model answer invalid; asking once to repair", error=str(first))
                conversation += [
                    {"role": "assistant", "content": content[:4000] or "(no answer)"},
                    {"role": "user", "content": repair_request(first)},
                ]
                repaired = self._post(self._json_body(purpose, conversation, schema, name, mode))
                if repaired.status_code >= 400:
                    raise LlmError(f"model call failed: {self._error_text(repaired)}") from None
                try:
                    return validate(_parse_json(_content(repaired)))
                except ValueError as second:
                    raise LlmError(f"the model kept answering invalid output: {second}") from None
        raise LlmError("the model server accepts no JSON answer style")

    def _json_body(
        self, purpose: str, messages: list[dict[str, str]], schema: dict[str, Any], name: str, mode: str
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.settings.model_for(purpose), "temperature": 0.2}
        instruction = json_instruction(schema)
        if mode == "json_schema":
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": name, "schema": schema, "strict": True},
            }
        elif mode == "json_object":
            body["response_format"] = {"type": "json_object"}
        # Instructions belong in the one system message at the start: a system message after the user's
        # is refused by strict servers ("After the optional system message, conversation roles must alternate").
        body["messages"] = [{"role": "system", "content": instruction}, *messages]
        return body

    # -- streaming ------------------------------------------------------------------------------
    def stream(
        self, purpose: str, messages: list[dict[str, str]], *, cancel: threading.Event | None = None
    ) -> Iterator[str]:
        """Yield text chunks as the model writes them (SSE). Stops quietly when `cancel` is set, at any
        moment: while connecting, before the first token, mid-answer, or during a retry wait."""
        body: dict[str, Any] = {"model": self.settings.model_for(purpose), "messages": messages, "stream": True}
        attempt = 0
        fixed: set[str] = set()
        while True:
            sent = self._adapted(body)
            reader = StreamReader(self, sent)
            started = False
            try:
                status, headers, error = reader.open(cancel)
                if status is None:
                    return  # cancelled while waiting for the server
                if status == 400 and self._learn(error, sent, fixed):
                    continue
                if retryable(status) and attempt < self.settings.retries:
                    self._wait(attempt, headers.get("retry-after"), f"HTTP {status}", cancel)
                    attempt += 1
                    if cancel is not None and cancel.is_set():
                        return
                    continue
                if status >= 400:
                    raise LlmError(f"model call failed: {self._error_of(status, error)}")
                for chunk in _sse_text(reader.lines(cancel), cancel, self._hide_key):
                    started = True
                    yield chunk
                return
            except Transport as exc:
                # Once text has reached the user a retry would repeat it: report the cut instead.
                if started:
                    raise LlmError(f"the model's stream broke off: {exc}") from None
                if attempt >= self.settings.retries or exc.silent:
                    raise LlmError(exc.message) from None
                self._wait(attempt, None, exc.message, cancel)
                attempt += 1
                if cancel is not None and cancel.is_set():
                    return
            finally:
                reader.abandon()

    def check(self) -> str:
        """A tiny request that proves the endpoint, the model and the key work; a silent or missing server
        is reported within seconds (no retries, a short first-token wait)."""
        started = time.perf_counter()
        wait = min(self.settings.first_token_timeout, CHECK_TIMEOUT)
        response = self._post(
            {"model": self.settings.model, "max_tokens": 16, "messages": [{"role": "user", "content": CHECK_PROMPT}]},
            retries=0,
            first_token=wait,
        )
        if response.status_code >= 400:
            raise LlmError(f"{self.settings.base_url}: {self._error_text(response)}")
        answer = _content(response).strip()[:40]
        shown = repr(answer) if answer else "(no text: the model spent its tokens thinking)"
        learned = quirks_for(self.settings.base_url, self.settings.model)
        note = "".join(f"; it refuses {param}" + (f" (sending {new})" if new else "") for param, new in learned.items())
        return (
            f"{self.settings.model} at {self.settings.base_url} answered {shown} in "
            f"{(time.perf_counter() - started) * 1000:.0f} ms{note}"
        )


def _sse_text(lines: Iterator[str], cancel: threading.Event | None, hide: Callable[[str], str]) -> Iterator[str]:
    event_name = "message"
    finished = False
    for line in lines:
        if cancel is not None and cancel.is_set():
            return
        if not line:
            event_name = "message"
            continue
        if line.startswith(":"):
            continue  # SSE comment (keep-alive)
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "event":
            event_name = value.strip()
            continue
        if field != "data":
            continue
        if value.strip() == "[DONE]":
            finished = True
            break
        try:
            data = json.loads(value)
        except json.JSONDecodeError:
            raise LlmError("the model's stream sent malformed data") from None
        if event_name == "error" or (isinstance(data, dict) and data.get("error")):
            error = data.get("error") if isinstance(data, dict) else data
            message = error.get("message") if isinstance(error, dict) else error
            raise LlmError(f"the model reported an error mid-stream: {hide(str(message))[:200]}")
        for choice in data.get("choices") or []:
            text = (choice.get("delta") or {}).get("content")
            if text:
                yield text
            if choice.get("finish_reason"):
                finished = True
    if not finished and not (cancel is not None and cancel.is_set()):
        raise LlmError("the model's stream ended before the answer was complete")


def _connect_problem(exc: httpx.ConnectError) -> str:
    text = str(exc).lower()
    if "refused" in text:
        return "connection refused (is the server running?)"
    if "name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "host name not found"
    return f"{type(exc).__name__}"


def _mentions_format(response: httpx.Response) -> bool:
    text = response.text.lower()
    return "response_format" in text or "json_schema" in text or "json_object" in text


def _content(response: httpx.Response) -> str:
    try:
        data = response.json()
        return str(data["choices"][0]["message"]["content"] or "")
    except (ValueError, KeyError, IndexError, TypeError):
        raise LlmError("the model server answered something that is not a chat completion") from None


def _parse_json(content: str) -> Any:
    text = content.strip()
    if text.startswith("```"):  # models like fenced blocks even when told not to
        text = text.strip("`")
        text = text[text.find("\n") + 1 :] if "\n" in text else text
    start, end = text.find("{"), text.rfind("}")
    if start == -1 or end < start:
        raise ValueError("no JSON object in the answer")
    try:
        return json.loads(text[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg})") from None
