"""The job store's file on disk: is it a healthy SQLite file, may we write it, who may read it.

Checked before SQLite opens it, so a damaged file is reported (with how to restore it) and never
written to: a folder where the file should be, a file that is not SQLite, a file shorter than its
own header says (truncated). Damage inside the pages shows up later as a DatabaseError, which the
faces turn into the same message (`damaged_message`).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import JobberError, OperationFailed
from .paths import display_path

SQLITE_MAGIC = b"SQLite format 3\x00"
PRIVATE_FILE = 0o600


class StoreDamaged(OperationFailed):
    """The job store cannot be read as it is; the message says how to get it back."""


class HomeReadOnly(OperationFailed):
    """A write was asked of a home Jobber may only read."""


def damaged_message(db_file: Path, problem: str) -> str:
    where = display_path(db_file)
    return (
        f"{where}: the job store is damaged ({problem}); Jobber left it as it is. Restore a backup "
        f"(`jobber backup` makes them), or keep a copy and try `sqlite3 {where} .recover`; if a "
        f"{Path(where).name}-wal file sits beside it, keep it with the copy: it holds the latest changes. "
        "`jobber doctor` checks the store"
    )


def check_store_file(db_file: Path) -> None:
    """Raise StoreDamaged for a file SQLite would misread or that would lose data if written to."""
    if db_file.is_dir():
        raise StoreDamaged(damaged_message(db_file, "a folder is where the database file should be"))
    try:
        with open(db_file, "rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        return
    except PermissionError:
        raise OperationFailed(f"{display_path(db_file)}: no permission to read the job store") from None
    except OSError as exc:
        raise StoreDamaged(damaged_message(db_file, exc.strerror or str(exc))) from None
    if size == 0:
        return  # SQLite writes nothing until the first table; an empty file is a new store
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise StoreDamaged(damaged_message(db_file, "not an SQLite database"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counter, valid_for = header[24:28], header[92:96]
    # The in-header page count is trustworthy when written by a SQLite that also bumped the counter.
    if pages and counter == valid_for and size < pages * page_size:
        raise StoreDamaged(damaged_message(db_file, f"truncated: {size} of {pages * page_size} bytes"))


def can_write(db_file: Path) -> bool:
    """Whether this process may change the store (and create its -wal/-shm files beside it)."""
    folder = db_file.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not db_file.exists() or os.access(db_file, os.W_OK)


def create_private(db_file: Path) -> None:
    """Create the file owner-only before SQLite does: SQLite gives the -wal and -shm files the
    database file's permissions, so all three stay private."""
    try:
        fd = os.open(db_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        os.close(fd)
    except FileExistsError:
        pass


def make_private(*paths: Path) -> None:
    """Owner-only modes for files an older Jobber created readable by all (best effort)."""
    for path in paths:
        try:
            if path.exists() and path.stat().st_mode & 0o077:
                os.chmod(path, PRIVATE_FILE if path.is_file() else 0o700)
        except OSError:
            pass


def explain_os_error(exc: OSError, what: str) -> str:
    """One line for the faces: disk full and read-only homes in plain words."""
    if exc.errno == errno.ENOSPC:
        return f"{what}: the disk is full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{what}: the home is read-only ({exc.strerror})"
    return f"{what}: {exc.strerror or exc}"


def _nearly_full(folder: Path) -> bool:
    """SQLite says "disk I/O error" when it cannot grow its shared-memory file: ask the disk."""
    import shutil

    try:
        return shutil.disk_usage(folder).free < 256 * 1024
    except OSError:
        return False


def store_error(db_file: Path, error: Exception) -> JobberError:
    """A DatabaseError (sqlite3's, or SQLAlchemy's wrapping one) as one line for the user: a full disk,
    a read-only home, a damaged file, a lock."""
    text = str(getattr(error, "orig", error))
    lowered = text.lower()
    if "disk is full" in lowered or ("disk i/o error" in lowered and _nearly_full(db_file.parent)):
        return OperationFailed(f"{display_path(db_file)}: the disk is full; nothing was changed")
    if "readonly" in lowered or "read-only" in lowered or "attempt to write" in lowered:
        return HomeReadOnly(f"{display_path(db_file.parent)}: the home is read-only; nothing was changed")
    if "locked" in lowered or "busy" in lowered:
        return OperationFailed(
            f"{display_path(db_file)}: another Jobber process kept the job store locked for too long; try again"
        )
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return StoreDamaged(damaged_message(db_file, text))
    return OperationFailed(f"{display_path(db_file)}: cannot use the job store: {text}")
