"""`jobber backup`: a consistent copy of the job store, taken while other processes use it.

SQLite's online backup API copies the pages under a read lock, restarting if a writer changes them,
so the copy is a snapshot of one moment (WAL included). The copy is written to a temp file beside
the target, checked (`integrity_check`), made owner-only, and renamed into place.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from .errors import BadInput, OperationFailed
from .paths import Home, display_path
from .store_file import check_store_file


def default_backup_path(home: Home, now: datetime) -> Path:
    return home.data_dir / "backups" / f"jobber-{now.strftime('%Y%m%d-%H%M%S')}.db"


def backup_store(home: Home, target: Path) -> int:
    """Copy the store to `target`; returns the number of jobs in the copy."""
    source = home.db_file
    check_store_file(source)
    if not source.exists():
        raise BadInput(f"{display_path(source)}: no job store yet; nothing to back up")
    target = target.expanduser()
    if target.exists() and target.resolve() == source.resolve():
        raise BadInput(f"{display_path(target)} is the job store itself; give another file")
    if target.is_dir():
        raise BadInput(f"{display_path(target)} is a folder; give a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst, pages=256)  # in steps, so writers are not kept waiting for the whole copy
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise OperationFailed(f"{display_path(target)}: the copy failed its integrity check")
            jobs = int(dst.execute("SELECT count(*) FROM job").fetchone()[0])
        finally:
            dst.close()
            src.close()
        os.replace(tmp, target)
        return jobs
    except sqlite3.DatabaseError as exc:
        raise OperationFailed(f"{display_path(source)}: cannot back up: {exc}") from None
    except OSError as exc:
        from .store_file import explain_os_error

        raise OperationFailed(explain_os_error(exc, display_path(target))) from None
    finally:
        if tmp.exists():
            tmp.unlink()
