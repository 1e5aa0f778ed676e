"""An OpenAI-compatible chat completions client: JSON answers and SSE streaming.

JSON answers ask for `response_format` with a JSON schema; a server that refuses it is asked for
plain JSON mode, and one that refuses that gets the schema in the prompt only. The answer is
validated; one repair round sends the validation error back; then a clear failure.
Retries: 408/409/429/5xx and connection errors, with backoff and Retry-After; never other 4xx.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import httpx

from ... import __version__
from ..errors import OperationFailed
from ..logs import get_logger, log_event
from .settings import LlmSettings

T = TypeVar("T")
log = get_logger("llm")
RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
JSON_MODES = ("json_schema", "json_object", "prompt")


class LlmError(OperationFailed):
    """The model could not give a usable answer; the message says why (never the key)."""


class LlmClient:
    def __init__(self, settings: LlmSettings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self._sleep = sleep
        self._json_mode: str | None = None
        """The response_format style this server accepted, remembered after the first call."""
        headers = {"User-Agent": f"Jobber/{__version__}", "Accept": "application/json"}
        if settings.api_key:
            headers["Authorization"] = f"Bearer {settings.api_key}"
        self._http = httpx.Client(
            base_url=settings.base_url, headers=headers,
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
        )

    def close(self) -> None:
        self._http.close()

    # -- plumbing -------------------------------------------------------------------------------
    def _post(self, body: dict[str, Any]) -> httpx.Response:
        """POST /chat/completions with retries; returns the final response (maybe an error status)."""
        attempt = 0
        while True:
            try:
                response = self._http.post("/chat/completions", json=body)
            except httpx.TransportError as exc:
                if attempt >= self.settings.retries:
                    raise LlmError(f"cannot reach {self.settings.base_url}: {type(exc).__name__}") from None
                self._wait(attempt, None, f"{type(exc).__name__}")
                attempt += 1
                continue
            if response.status_code in RETRY_STATUS and attempt < self.settings.retries:
                self._wait(attempt, response.headers.get("retry-after"), f"HTTP {response.status_code}")
                attempt += 1
                continue
            return response

    def _wait(self, attempt: int, retry_after: str | None, why: str) -> None:
        delay = self.settings.backoff * (2**attempt)
        server = _retry_after_seconds(retry_after)
        if server is not None:
            delay = server
        delay = min(delay, self.settings.max_wait)
        log_event(log, 30, "model call retried", reason=why, attempt=attempt + 1, waitSeconds=round(delay, 2))
        self._sleep(delay)

    def _error_text(self, response: httpx.Response) -> str:
        try:
            data = response.json()
            message = data.get("error", {}).get("message") if isinstance(data.get("error"), dict) else data.get("error")
        except (ValueError, AttributeError):
            message = None
        return f"HTTP {response.status_code}" + (f": {self._hide_key(str(message))[:200]}" if message else "")

    def _hide_key(self, text: str) -> str:
        """Servers echo a rejected key ("Incorrect API key provided: sk-..."); errors reach stderr and timelines."""
        key = self.settings.api_key
        return text.replace(key, "[REDACTED]") if key else text

    # -- JSON answers ---------------------------------------------------------------------------
    def chat_json(self, purpose: str, messages: list[dict[str, str]], schema: dict[str, Any],
                  validate: Callable[[Any], T], *, name: str = "answer") -> T:
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
                conversation += [{"role": "assistant", "content": content[:4000]},
                                 {"role": "user", "content": f"That answer was invalid: {first}. Reply again with "
                                                             "corrected JSON only, following the schema."}]
                repaired = self._post(self._json_body(purpose, conversation, schema, name, mode))
                if repaired.status_code >= 400:
                    raise LlmError(f"model call failed: {self._error_text(repaired)}") from None
                try:
                    return validate(_parse_json(_content(repaired)))
                except ValueError as second:
                    raise LlmError(f"the model kept answering invalid output: {second}") from None
        raise LlmError("the model server accepts no JSON answer style")

    def _json_body(self, purpose: str, messages: list[dict[str, str]], schema: dict[str, Any], name: str,
                   mode: str) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.settings.model_for(purpose), "temperature": 0.2}
        instruction = ("Answer with one JSON object only, no prose, matching this JSON schema:\n"
                       + json.dumps(schema, separators=(",", ":")))
        if mode == "json_schema":
            body["response_format"] = {"type": "json_schema",
                                       "json_schema": {"name": name, "schema": schema, "strict": True}}
        elif mode == "json_object":
            body["response_format"] = {"type": "json_object"}
        body["messages"] = [*messages, {"role": "system", "content": instruction}]
        return body

    # -- streaming ------------------------------------------------------------------------------
    def stream(self, purpose: str, messages: list[dict[str, str]], *,
               cancel: threading.Event | None = None) -> Iterator[str]:
        """Yield text chunks as the model writes them (SSE). Stops quietly when `cancel` is set."""
        body = {"model": self.settings.model_for(purpose), "messages": messages, "stream": True}
        for attempt in range(self.settings.retries + 1):
            started = False
            try:
                with self._http.stream("POST", "/chat/completions", json=body) as response:
                    if response.status_code in RETRY_STATUS and attempt < self.settings.retries:
                        self._wait(attempt, response.headers.get("retry-after"), f"HTTP {response.status_code}")
                        continue
                    if response.status_code >= 400:
                        response.read()
                        raise LlmError(f"model call failed: {self._error_text(response)}")
                    for chunk in _sse_text(response.iter_lines(), cancel, self._hide_key):
                        started = True
                        yield chunk
                    return
            except httpx.TransportError as exc:
                # Once text has reached the user a retry would repeat it: report the cut instead.
                if started or attempt >= self.settings.retries:
                    raise LlmError(f"the model's stream broke off: {type(exc).__name__}") from None
                self._wait(attempt, None, type(exc).__name__)

    def check(self) -> str:
        """A tiny request that proves the endpoint, the model and the key work."""
        started = time.perf_counter()
        response = self._post({"model": self.settings.model, "max_tokens": 5,
                               "messages": [{"role": "user", "content": "Reply with the word ok."}]})
        if response.status_code >= 400:
            raise LlmError(f"{self.settings.base_url}: {self._error_text(response)}")
        answer = _content(response).strip()[:40]
        return f"{self.settings.model} at {self.settings.base_url} answered {answer!r} in " \
               f"{(time.perf_counter() - started) * 1000:.0f} ms"


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


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


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
        text = text[text.find("\n") + 1:] if "\n" in text else text
    start, end = text.find("{"), text.rfind("}")
    if start == -1 or end < start:
        raise ValueError("no JSON object in the answer")
    try:
        return json.loads(text[start:end + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg})") from None
