"""Reading what users point Jobber at: a file or stdin, of a sane size, that is really a file.

`import file /dev/zero` or a FIFO would otherwise read forever; a 2 GB "resume" would fill memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import BadInput
from .paths import display_path

MAX_JOBS_FILE = 50_000_000
MAX_RESUME_FILE = 5_000_000


def read_user_file(path: Path, *, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is one clear BadInput."""
    shown = display_path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise BadInput(f"{shown}: no such file") from None
    except OSError as exc:
        raise BadInput(f"{shown}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise BadInput(f"{shown}: is a folder, expected {what}")
    if not stat.S_ISREG(mode):
        raise BadInput(f"{shown}: not a regular file (a device or a pipe), expected {what}")
    try:
        with open(path, "rb") as handle:
            return _read_capped(handle, limit, shown, what)
    except OSError as exc:
        raise BadInput(f"{shown}: cannot read: {exc.strerror or exc}") from None


def read_stdin(stream: BinaryIO, *, limit: int, what: str) -> bytes:
    return _read_capped(stream, limit, "standard input", what)


def decode_utf8(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{where}: not UTF-8 text (byte {exc.start})") from None


def _read_capped(handle: BinaryIO, limit: int, shown: str, what: str) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise BadInput(f"{shown}: larger than {limit // 1_000_000} MB; too large for {what}")
    return data
