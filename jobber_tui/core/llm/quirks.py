"""What each model refuses, learned once per server and model, and the turn order strict servers want.

OpenAI's reasoning models refuse `max_tokens` (they take `max_completion_tokens`) and any `temperature`
but the default; a 400 that names a parameter is read by `parameter_fix`, and the fix is remembered for
the rest of the process. Mistral's and Llama 2's chat templates refuse anything but one system message
and alternating turns: `alternating`.
"""

from __future__ import annotations

import re
import threading
from typing import Any

REPLACEMENTS = {"max_tokens": "max_completion_tokens"}
"""A refused parameter and the one that says the same to newer models, when the error names none."""
_QUIRKS: dict[tuple[str, str], dict[str, str | None]] = {}
"""(base_url, model) -> {refused parameter: its replacement, or None to leave it out}; shared by every
client of this process, so a refusal costs one extra request once per model."""
_QUIRKS_LOCK = threading.Lock()


def alternating(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """One system message first (all system text joined), then user/assistant turns that alternate and
    start with the user: neighbours of one role are joined, an empty turn is dropped."""
    system = [m["content"] for m in messages if m.get("role") == "system" and m.get("content")]
    turns: list[dict[str, str]] = []
    for message in messages:
        role, content = message.get("role"), message.get("content") or ""
        if role == "system" or not content.strip():
            continue
        if turns and turns[-1]["role"] == role:
            turns[-1] = {"role": role, "content": turns[-1]["content"] + "\n\n" + content}
        else:
            turns.append({"role": str(role), "content": content})
    if turns and turns[0]["role"] == "assistant":
        turns.insert(0, {"role": "user", "content": "(continued)"})
    return ([{"role": "system", "content": "\n\n".join(system)}] if system else []) + turns


def parameter_fix(error: Any, sent: dict[str, Any]) -> tuple[str, str | None] | None:
    """(parameter, replacement or None) when a 400 says a parameter of `sent` is not accepted.

    OpenAI names it in `error.param` with code unsupported_parameter/unsupported_value ("Use
    'max_completion_tokens' instead."); other servers only in the message ("Unknown parameter",
    "Extra inputs are not permitted ... 'max_tokens'")."""
    if not isinstance(error, dict):
        return None
    inner = error.get("error")
    detail = inner if isinstance(inner, dict) else error
    message = str(detail.get("message") or error.get("message") or "")
    param = detail.get("param")
    optional = [k for k in sent if k not in ("model", "messages", "stream", "response_format")]
    if not (isinstance(param, str) and param in optional):
        refusal = re.search(
            r"unsupported|not supported|unknown|unrecognized|not permitted|extra|invalid|"
            r"does not support|not allowed",
            message,
            re.I,
        )
        named = [k for k in optional if re.search(rf"['\"`]?\b{re.escape(k)}\b['\"`]?", message)]
        if not refusal or not named:
            return None
        param = named[0]
    if param not in optional:
        return None
    instead = re.search(r"use ['\"`]?(\w+)['\"`]? instead", message, re.I)
    replacement = instead.group(1) if instead else REPLACEMENTS.get(param)
    if replacement == param or (replacement is not None and replacement in sent):
        replacement = None
    if param == "temperature":
        replacement = None  # "only the default (1) is supported": leaving it out is the default
    return param, replacement


def forget_quirks() -> None:
    """Forget every learned refusal (tests; a changed server)."""
    with _QUIRKS_LOCK:
        _QUIRKS.clear()


def quirks_for(base_url: str, model: str) -> dict[str, str | None]:
    with _QUIRKS_LOCK:
        return dict(_QUIRKS.get((base_url, model), {}))


def remember_quirk(base_url: str, model: str, param: str, replacement: str | None) -> None:
    """Send `replacement` (None: nothing) instead of `param` to this model from now on."""
    with _QUIRKS_LOCK:
        _QUIRKS.setdefault((base_url, model), {})[param] = replacement
