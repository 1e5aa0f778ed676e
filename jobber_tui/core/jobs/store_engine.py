"""Opening the store's SQLite file: WAL, a busy timeout, `BEGIN IMMEDIATE` for writes, read-only homes,
and the schema migrated when the file is older than this version of Jobber."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, event
from sqlmodel import SQLModel, create_engine

from ..infra.paths import display_path
from ..infra.store_file import HomeReadOnly, can_write, check_store_file, create_private, make_private


def open_engine(db_file: Path) -> tuple[Engine, Engine, bool]:
    """(engine for reads, engine for writes, read_only). A read-only home: reads work, every write says
    so (no "unable to open database file")."""
    check_store_file(db_file)  # damage is reported before SQLite touches (or writes) the file
    read_only = not can_write(db_file)
    if not read_only:
        create_private(db_file)
        make_private(db_file, db_file.with_name(db_file.name + "-wal"), db_file.with_name(db_file.name + "-shm"))
    # Read-only: SQLite may not create the -shm file, so it reads the file as it is (immutable).
    url = f"sqlite:///file:{quote(str(db_file))}?mode=ro&immutable=1&uri=true" if read_only else f"sqlite:///{db_file}"
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
    event.listen(engine, "connect", _on_connect_read_only if read_only else _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine, engine.execution_options(jobber_write=True), read_only


def prepare_schema(engine: Engine, writer: Engine, db_file: Path, *, read_only: bool) -> None:
    """Migrate when the file is older; a current file needs no write transaction (reads never wait)."""
    from .migrations import LATEST, check_not_newer, migrate, stored_version

    with engine.connect() as conn:
        version, has_tables = stored_version(conn)
    check_not_newer(version, db_file)
    if version == LATEST and has_tables:
        return
    if read_only:
        raise HomeReadOnly(
            f"{display_path(db_file)}: the home is read-only and the job store needs "
            "upgrading; open it once where Jobber may write"
        )
    with writer.connect() as conn, conn.begin():
        migrate(conn, db_file, SQLModel.metadata.create_all)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook decide how transactions start (pysqlite's own is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("jobber_write") else "BEGIN")


def _on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
