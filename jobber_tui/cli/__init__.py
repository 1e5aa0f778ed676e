"""The `jobber` command: a thin face on the core. Imports only what the chosen command needs."""

from __future__ import annotations

import io
import sys
from contextlib import contextmanager

from .parser import build_parser

TYPE_CHECKING = False  # not typing's: `jobber --version` answers before `typing` would even load
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import BinaryIO, TextIO

    from ..core.infra.errors import JobberError


def main(argv: list[str] | None = None) -> int:
    with _safe_stdout():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors end here
        return exc.code if isinstance(exc.code, int) else 0
    debug = bool(getattr(args, "debug", False))
    try:
        return int(args.run(args) or 0)
    except BrokenPipeError:  # `jobber jobs list | head`: the reader left; not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("jobber: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place errors become exit codes
        if debug:
            raise
        known = _as_jobber_error(exc)
        if known is not None:
            print(f"jobber: error: {_for_people(str(known))}", file=sys.stderr)
            return known.exit_code
        _log_crash(exc)
        print(
            f"jobber: internal error: {type(exc).__name__}: {_for_people(str(exc))} (run with --debug for the "
            "traceback)",
            file=sys.stderr,
        )
        return 1


def _as_jobber_error(exc: Exception) -> JobberError | None:
    """Errors the user can act on, also when they come from below the core: a full disk, a read-only
    home, a store damaged in a way only a query notices."""
    from ..core.infra.errors import JobberError, OperationFailed

    if isinstance(exc, JobberError):
        return exc
    if isinstance(exc, OSError):
        from ..core.infra.paths import display_path
        from ..core.infra.store_file import explain_os_error

        return OperationFailed(explain_os_error(exc, display_path(exc.filename) if exc.filename else "a file"))
    orig = getattr(exc, "orig", exc)
    sqlite3 = sys.modules.get("sqlite3")  # loaded by then if a database was touched at all
    if sqlite3 is not None and isinstance(orig, sqlite3.DatabaseError):
        from ..core.infra.paths import resolve_home
        from ..core.infra.store_file import store_error

        return store_error(resolve_home().db_file, exc)
    return None


def _for_people(text: str) -> str:
    """An error line: no secret, nothing that acts on the terminal."""
    from ..core.infra.safe_text import for_terminal
    from ..core.infra.scrub import scrub_secrets

    return for_terminal(scrub_secrets(text))


class _TerminalSafe(io.TextIOBase):
    """stdout for every command: text that could act on a terminal (ESC sequences, C1 controls,
    bidi overrides) is written as visible \\uXXXX escapes; inside JSON strings that is the same text."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        # Printable text (the usual case) needs no look from safe_text, nor its import.
        if not (text.isprintable() or text.replace("\n", " ").isprintable()):
            from ..core.infra.safe_text import for_terminal

            self.stream.write(for_terminal(text))
        else:
            self.stream.write(text)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def buffer(self) -> BinaryIO:  # raw bytes (the JSON of `jobs list --json`) pass as they are
        return self.stream.buffer

    @property
    def encoding(self) -> str:  # type: ignore[override]  # typeshed: a settable attribute; ours is the stream's
        return self.stream.encoding


@contextmanager
def _safe_stdout() -> Iterator[None]:
    original = sys.stdout
    if isinstance(original, _TerminalSafe):
        yield
        return
    sys.stdout = _TerminalSafe(original)
    try:
        yield
    finally:
        if isinstance(sys.stdout, _TerminalSafe):
            sys.stdout = original


def _log_crash(exc: BaseException) -> None:
    try:
        from ..core.infra.logs import get_logger

        get_logger("cli").error("command crashed", exc_info=exc)
    except Exception:  # noqa: BLE001 - logging must never hide the real error
        pass


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
