"""One way to take an exclusive lock between processes: flock on a small lock file.

Used where several Jobber processes (the UI, a watcher, CLI commands, the webhook sender) share a
file that SQLite does not guard: config.toml writes, the log, the webhook sender's turn. Windows
has no flock; there the lock is a no-op (one process at a time is the usual case there).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def exclusive_lock(lock_file: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold the lock for the block; yields False (without blocking) when `wait` is off and another
    process holds it."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        with held(fd, wait=wait) as got:
            yield got
    finally:
        os.close(fd)


@contextmanager
def held(fd: int, *, wait: bool = True) -> Iterator[bool]:
    """The same on a lock file kept open (a logger takes it for every line)."""
    try:
        import fcntl
    except ImportError:
        yield True
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        yield False
        return
    try:
        yield True
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
