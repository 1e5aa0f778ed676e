"""JSON-lines logs with correlation ids and redaction: a log can be shared without leaks.

Loaded by the first module that asks for a logger; log_base.py holds what every process needs
before that (secrets, redaction, correlation ids), so a command that only reads never loads `logging`.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from . import log_base
from .log_base import (  # noqa: F401 - re-exported: most code imports these from here
    MAX_DEPTH,
    MAX_FRAMES,
    MAX_ITEMS,
    MAX_STR,
    _clean_str,
    _lock,
    _safe_str,
    current_context,
    log_context,
    new_request_id,
    redact,
)
from .scrub import add_secret, scrub_secrets

LOG_FILE = "jobber.log"
ROOT = "jobber"
_handler: logging.Handler | None = None
_warned = False


def _error(exc: BaseException) -> dict[str, object]:
    """Type, scrubbed message and the last few frames: enough to locate a bug, not a dump."""
    import traceback

    frames = [
        f"{os.path.basename(frame.f_code.co_filename)}:{lineno} in {frame.f_code.co_name}"
        for frame, lineno in traceback.walk_tb(exc.__traceback__)
    ]
    return {
        "type": type(exc).__name__,
        "message": _clean_str(_safe_str(exc)),
        "stack": [scrub_secrets(f) for f in frames[-MAX_FRAMES:]],
    }


class JsonFormatter(logging.Formatter):
    """One JSON object per line; every string passes through the sanitizer."""

    def format(self, record: logging.LogRecord) -> str:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # bad %-args must not lose the event
            message = _safe_str(record.msg)
        entry: dict[str, object] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
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
        return scrub_secrets(json.dumps(entry, ensure_ascii=False, default=_safe_str))


def _warn_once(reason: str) -> None:
    """Tell the user once on stderr; never raise, never repeat (a TUI must not be flooded)."""
    global _warned
    if _warned:
        return
    _warned = True
    with suppress(OSError, ValueError):  # stderr itself may be closed
        print(f"jobber: file logging disabled: {scrub_secrets(reason)}", file=sys.stderr)


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


def configure_logging(log_dir: Path, secrets: Iterable[str] = (), level: str = "INFO") -> None:
    """Send the "jobber" logger tree to log_dir/jobber.log; calling again replaces the handler."""
    global _handler, _warned
    log_base.wanted = None  # configured here and now: an earlier "when used" wish is replaced
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
    """A logger under the "jobber" tree, so configure_logging covers it. The first one opens the log
    the workspace asked for (log_base.log_here_when_used) and writes the command's first line."""
    global _used
    _used = True
    wanted = log_base.wanted
    if wanted is not None:
        log_base.wanted = None
        configure_logging(wanted.log_dir, level=wanted.level)
        for logger, message, data in wanted.first or []:
            log_event(logging.getLogger(f"{ROOT}.{logger}"), 20, message, **data)
    return logging.getLogger(f"{ROOT}.{name}")


_used = False


def in_use() -> bool:
    """Whether anything in this process asked for a logger (or configured the log) yet."""
    return _used or _handler is not None


def log_event(logger: logging.Logger, level: int, message: str, **data: object) -> None:
    """Log message with structured data under "data" (redacted when formatted)."""
    logger.log(level, message, extra={"data": data} if data else None, stacklevel=2)
