"""The `jobber` command: a thin face on the core. Imports only what the chosen command needs."""

from __future__ import annotations

import sys

from .parser import build_parser


def main(argv: list[str] | None = None) -> int:
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
        from ..core.errors import JobberError

        if debug:
            raise
        if isinstance(exc, JobberError):
            print(f"jobber: error: {exc}", file=sys.stderr)
            return exc.exit_code
        _log_crash(exc)
        print(f"jobber: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
              file=sys.stderr)
        return 1


def _log_crash(exc: BaseException) -> None:
    try:
        from ..core.logs import get_logger

        get_logger("cli").error("command crashed", exc_info=exc)
    except Exception:  # noqa: BLE001 - logging must never hide the real error
        pass


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
