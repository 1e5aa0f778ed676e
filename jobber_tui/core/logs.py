"""JSON-lines logs with correlation ids and redaction: a log can be shared without leaks.

Stdlib only and cheap to import: every CLI start imports it.
Correlation ids live in a contextvar so deep code logs them without passing extra arguments.
"""

from __future__ import annotations

import contextvars
import json
import logging
import math
import os
import re
import sys
import threading
import time
import traceback
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from itertools import islice
from pathlib import Path
from types import MappingProxyType

REDACTED = "[REDACTED]"
MAX_STR = 800
MAX_DEPTH = 6
MAX_ITEMS = 50
MAX_FRAMES = 5
LOG_FILE = "jobber.log"
ROOT = "jobber"

_SENSITIVE_KEY = re.compile(
    r"authori[sz]ation|cookie|passw(?:or)?d|secret|token|api[-_ ]?key|credential|private[-_ ]?key",
    re.IGNORECASE,
)
# LLM usage fields (max_tokens, prompt_tokens, token_count) are numbers, not credentials.
_COUNT_KEY = re.compile(r"(?i)tokens\b|tokens?[-_ ]?(?:count|usage|used|limit)")
# Bearer tokens are scrubbed even when nobody registered them as secrets.
_BEARER = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}")
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
_lock = threading.Lock()
_secrets: set[str] = set()
_secret_re: re.Pattern[str] | None = None
_handler: logging.Handler | None = None
_warned = False


def add_secret(value: str) -> None:
    """Register a secret value so it is scrubbed from every string that reaches the log."""
    global _secret_re
    if not isinstance(value, str) or len(value.strip()) < 4:
        return  # too short to scrub without mangling ordinary text
    with _lock:
        _secrets.add(value.strip())
        # Longest first, so a secret containing another leaves no partial leftovers.
        ordered = sorted(_secrets, key=len, reverse=True)
        _secret_re = re.compile("|".join(re.escape(s) for s in ordered))


def _scrub(text: str) -> str:
    """Replace registered secrets and bearer tokens; done before truncation so no half leaks."""
    pattern = _secret_re
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    return _BEARER.sub(r"\1" + REDACTED, text)


def scrub(text: str) -> str:
    """Registered secrets and bearer tokens replaced: for anything stored or shown, not only logs
    (a job's timeline, an error line)."""
    return _scrub(text)


def _clean_str(text: str) -> str:
    text = _scrub(text)
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
            hidden = _SENSITIVE_KEY.search(_COUNT_KEY.sub("", name))
            out[_clean_str(name)] = REDACTED if hidden else _redact(value, depth + 1)
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


def _error(exc: BaseException) -> dict[str, object]:
    """Type, scrubbed message and the last few frames: enough to locate a bug, not a dump."""
    frames = [
        f"{os.path.basename(frame.f_code.co_filename)}:{lineno} in {frame.f_code.co_name}"
        for frame, lineno in traceback.walk_tb(exc.__traceback__)
    ]
    return {
        "type": type(exc).__name__,
        "message": _clean_str(_safe_str(exc)),
        "stack": [_scrub(f) for f in frames[-MAX_FRAMES:]],
    }


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


class JsonFormatter(logging.Formatter):
    """One JSON object per line; every string passes through the sanitizer."""

    def format(self, record: logging.LogRecord) -> str:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # bad %-args must not lose the event
            message = _safe_str(record.msg)
        entry: dict[str, object] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": _clean_str(message),
        }
        entry.update(current_context())
        data = getattr(record, "data", None)
        if data is not None:
            entry["data"] = redact(data)
        if record.exc_info and record.exc_info[1] is not None:
            entry["error"] = _error(record.exc_info[1])
        # Final pass over the serialized line: belt and braces against a secret we missed.
        return _scrub(json.dumps(entry, ensure_ascii=False, default=_safe_str))


def _warn_once(reason: str) -> None:
    """Tell the user once on stderr; never raise, never repeat (a TUI must not be flooded)."""
    global _warned
    if _warned:
        return
    _warned = True
    with suppress(OSError, ValueError):  # stderr itself may be closed
        print(f"jobber: file logging disabled: {_scrub(reason)}", file=sys.stderr)


class SharedLogFile(logging.Handler):
    """One log file written by several processes at once (the UI, a watcher, CLI commands).

    Each line is one `write()` to a file opened with O_APPEND, under an exclusive lock on a sibling
    lock file: lines never interleave. Rotation happens under the same lock, and a process whose
    file was rotated away by another notices (inode changed) and reopens, so no line is lost or
    written to a file that was already rotated out. Files are created 0600: logs hold personal data.
    """

    def __init__(self, path: Path, max_bytes: int = 5 * 1024 * 1024, backups: int = 3) -> None:
        super().__init__()
        self.path = path
        self.max_bytes = max_bytes
        self.backups = backups
        self._fd = -1
        self._lock_fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        self._open()

    def _open(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = (self.format(record) + "\n").encode("utf-8", "replace")
            from .file_lock import held

            with held(self._lock_fd):
                try:
                    on_disk = os.stat(self.path)
                    if on_disk.st_ino != os.fstat(self._fd).st_ino:
                        self._open()  # another process rotated the file
                except FileNotFoundError:
                    self._open()
                    on_disk = os.fstat(self._fd)
                if on_disk.st_size and on_disk.st_size + len(line) > self.max_bytes:
                    self._rotate()
                view = memoryview(line)
                while view:
                    written = os.write(self._fd, view)
                    view = view[written:]
        except Exception:  # noqa: BLE001 - logging never breaks the app
            self.handleError(record)

    def _rotate(self) -> None:
        for number in range(self.backups - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{number}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{self.path.name}.{number + 1}"))
        os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))
        self._open()

    def handleError(self, record: logging.LogRecord) -> None:
        _warn_once(f"write to {self.path} failed ({_safe_str(sys.exc_info()[1])})")

    def close(self) -> None:
        for fd in (self._fd, self._lock_fd):
            with suppress(OSError):
                os.close(fd)
        self._fd = self._lock_fd = -1
        super().close()


def _open_handler(log_dir: Path) -> logging.Handler:
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / LOG_FILE
    handler = SharedLogFile(path)
    with suppress(OSError):
        os.chmod(path, 0o600)  # a file an older version created readable by all
    return handler


def configure_logging(
    log_dir: Path, secrets: Iterable[str] = (), level: str = "INFO"
) -> None:
    """Send the "jobber" logger tree to log_dir/jobber.log; calling again replaces the handler."""
    global _handler, _warned
    for secret in secrets:
        add_secret(secret)
    root = logging.getLogger(ROOT)
    with _lock:
        if _handler is not None:
            root.removeHandler(_handler)
            # Its file may already be gone or closed.
            with suppress(OSError, ValueError):
                _handler.close()
            _handler = None
        _warned = False
        number = logging.getLevelName(str(level).upper())
        root.setLevel(number if isinstance(number, int) else logging.INFO)
        # A stray StreamHandler on the root logger would scribble over the TUI.
        root.propagate = False
        try:
            handler: logging.Handler = _open_handler(Path(log_dir))
        except OSError as exc:
            _warn_once(f"cannot open log in {log_dir} ({type(exc).__name__}: {exc})")
            # NullHandler also keeps logging's lastResort handler off stderr.
            handler = logging.NullHandler()
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
        _handler = handler


def get_logger(name: str) -> logging.Logger:
    """A logger under the "jobber" tree, so configure_logging covers it."""
    return logging.getLogger(f"{ROOT}.{name}")


def log_event(logger: logging.Logger, level: int, message: str, **data: object) -> None:
    """Log message with structured data under "data" (redacted when formatted)."""
    logger.log(level, message, extra={"data": data} if data else None, stacklevel=2)
