"""What every process needs of logging before it knows whether it will log anything: correlation ids,
redaction (the secrets and how they are scrubbed live in scrub.py), and where the log goes. Standard
library only, and not the `logging` module: a command that only reads never loads it. logs.py is the
rest (the JSON-lines file), loaded by the first module that asks for a logger.

Correlation ids live in a contextvar so deep code logs them without passing extra arguments.
"""

from __future__ import annotations

import contextvars
import math
import os
from _thread import allocate_lock  # threading's Lock, without importing threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from types import MappingProxyType

from .scrub import REDACTED, scrub_secrets, sensitive_key

MAX_STR = 800
MAX_DEPTH = 6
MAX_ITEMS = 50
MAX_FRAMES = 5
LOG_FILE = "jobber.log"
ROOT = "jobber"

_FIELDS = {
    "requestId": "requestId",
    "request_id": "requestId",
    "pipelineRunId": "pipelineRunId",
    "pipeline_run_id": "pipelineRunId",
    "jobId": "jobId",
    "job_id": "jobId",
}

_context: contextvars.ContextVar[Mapping[str, str | int]] = contextvars.ContextVar(
    "jobber_log_context", default=MappingProxyType({})
)
_lock = allocate_lock()


def _clean_str(text: str) -> str:
    text = scrub_secrets(text)
    if len(text) > MAX_STR:
        text = f"{text[:MAX_STR]}…[truncated {len(text) - MAX_STR} chars]"
    return text


def _safe_str(obj: object) -> str:
    """str() that cannot raise: a broken __str__ must not break logging."""
    try:
        return str(obj)
    except Exception:  # noqa: BLE001 - any __str__ failure is absorbed
        return f"<unprintable {type(obj).__name__}>"


def redact(obj: object) -> object:
    """Return a JSON-safe copy with secrets scrubbed, sensitive keys hidden and sizes capped."""
    return _redact(obj, 0)


def _redact(obj: object, depth: int) -> object:
    if obj is None or isinstance(obj, (bool, int)):
        return obj
    if isinstance(obj, float):
        # NaN and Infinity are not valid JSON.
        return obj if math.isfinite(obj) else str(obj)
    if isinstance(obj, str):
        return _clean_str(obj)
    if isinstance(obj, (bytes, bytearray)):
        return _clean_str(bytes(obj).decode("utf-8", "replace"))
    if isinstance(obj, BaseException):
        return {"type": type(obj).__name__, "message": _clean_str(_safe_str(obj))}
    if isinstance(obj, Mapping):
        if depth >= MAX_DEPTH:
            return "[depth]"
        out: dict[str, object] = {}
        for key, value in islice(obj.items(), MAX_ITEMS):
            name = _safe_str(key)
            out[_clean_str(name)] = REDACTED if sensitive_key(name) else _redact(value, depth + 1)
        if len(obj) > MAX_ITEMS:
            out["[truncated]"] = f"{len(obj) - MAX_ITEMS} more keys"
        return out
    if isinstance(obj, (list, tuple, set, frozenset)):
        if depth >= MAX_DEPTH:
            return "[depth]"
        items = [_redact(value, depth + 1) for value in islice(obj, MAX_ITEMS)]
        if len(obj) > MAX_ITEMS:
            items.append(f"[{len(obj) - MAX_ITEMS} more items]")
        return items
    return _clean_str(_safe_str(obj))


def new_request_id() -> str:
    """Short random id for one CLI command or UI action (12 hex chars, like uuid4().hex[:12])."""
    return os.urandom(6).hex()


@contextmanager
def log_context(**fields: str | int | None) -> Iterator[None]:
    """Set requestId/pipelineRunId/jobId for the block (None clears one); restored on exit."""
    ctx = dict(_context.get())
    for name, value in fields.items():
        key = _FIELDS.get(name)
        if key is None:
            raise TypeError(f"unknown log context field: {name!r}")
        if value is None:
            ctx.pop(key, None)
        else:
            keep_int = isinstance(value, int) and not isinstance(value, bool)
            ctx[key] = value if keep_int else str(value)
    token = _context.set(ctx)
    try:
        yield
    finally:
        _context.reset(token)


def current_context() -> dict[str, object]:
    """The correlation fields set right now (a copy)."""
    return dict(_context.get())


@dataclass
class WantedLog:
    """Where this process's log goes, recorded at start-up and opened at the first line logged."""

    log_dir: Path
    level: str = "INFO"
    first: list[tuple[str, str, dict[str, object]]] | None = None
    """(logger, message, data) written before anything else, only if the process logs at all (the command line)."""


wanted: WantedLog | None = None


def log_here_when_used(log_dir: Path, *, level: str = "INFO") -> None:
    """Send this process's log to `log_dir`/jobber.log once something logs (logs.get_logger opens it);
    right away when logging is already in use."""
    global wanted
    import sys

    logs = sys.modules.get("jobber_tui.core.infra.logs")
    if logs is not None and logs.in_use():
        logs.configure_logging(log_dir, level=level)
        return
    wanted = WantedLog(log_dir, level)


def first_line(logger: str, message: str, **data: object) -> None:
    """A line that opens the log of this command (its command line), written only if it logs anything."""
    import sys

    logs = sys.modules.get("jobber_tui.core.infra.logs")
    if logs is not None and logs.in_use():
        logs.log_event(logs.get_logger(logger), 20, message, **data)
    elif wanted is not None:
        wanted.first = [*(wanted.first or []), (logger, message, data)]
