"""Numbered schema migrations on `PRAGMA user_version`.

A new file gets the current schema at once (`create_all`) and the latest number. An older file runs
each missing step in order, all in one write transaction: a failure leaves the file as it was. A
step is plain SQL frozen at the time it was written (not the current models), so an old file ends
with exactly the schema a new one has; tests/test_migrations.py upgrades a file made by release
0.1.0 and compares.

Version 1 is release 0.1.0, which kept its version in the `meta` table instead. `meta` still gets
the number too: 0.1.0 refuses files whose `meta` version is newer than its own, so a downgrade
cannot damage an upgraded file.

To change the schema: change the model, add a step here with the next number and its SQL, and the
schema test tells whether the two agree.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..infra.errors import BadInput
from ..infra.paths import display_path


def _webhook_outbox(conn: Any, _data_dir: Path) -> None:
    conn.exec_driver_sql("""
        CREATE TABLE webhook_delivery (
            id INTEGER NOT NULL,
            delivery_id VARCHAR NOT NULL,
            event VARCHAR NOT NULL,
            target VARCHAR NOT NULL,
            label VARCHAR NOT NULL,
            body VARCHAR NOT NULL,
            status VARCHAR NOT NULL,
            attempts INTEGER NOT NULL,
            created_at VARCHAR NOT NULL,
            next_attempt_at VARCHAR NOT NULL,
            last_error VARCHAR,
            delivered_at VARCHAR,
            PRIMARY KEY (id),
            UNIQUE (delivery_id)
        )""")
    conn.exec_driver_sql("CREATE INDEX ix_webhook_delivery_status ON webhook_delivery (status)")
    conn.exec_driver_sql("CREATE INDEX ix_webhook_delivery_target ON webhook_delivery (target)")


def _relative_pdf_paths(conn: Any, data_dir: Path) -> None:
    """PDF paths become relative to the home, so a copied or moved home keeps its PDFs current.
    An absolute path under this home, or naming a file this home's pdfs/ folder holds (a home
    copied from elsewhere), is rewritten; anything else is kept as it was."""
    for column in ("pdf_path", "cover_letter_path"):
        rows = conn.exec_driver_sql(f"SELECT id, {column} FROM job WHERE {column} LIKE '/%'").fetchall()
        for job_id, value in rows:
            path = Path(value)
            if path.is_relative_to(data_dir):
                relative = path.relative_to(data_dir).as_posix()
            elif path.parent.name == "pdfs" and (data_dir / "pdfs" / path.name).is_file():
                relative = f"pdfs/{path.name}"
            else:
                continue
            conn.exec_driver_sql(f"UPDATE job SET {column} = ? WHERE id = ?", (relative, job_id))


def _processing_lease(conn: Any, _data_dir: Path) -> None:
    conn.exec_driver_sql("ALTER TABLE job ADD COLUMN processing_lease VARCHAR")


_LINE_COLUMNS = ("title", "employer", "location", "salary", "tailored_headline")
_TEXT_COLUMNS = ("job_description", "tailored_summary", "suitability_reason", "cover_letter")


def _clean_stored_text(conn: Any, _data_dir: Path) -> None:
    """Text stored before every way in was cleaned may hold terminal escapes or bidi overrides
    (`jobs add` took them raw): clean it once, as today's inputs are."""
    from ..infra.safe_text import clean_line, clean_text

    columns = (*_LINE_COLUMNS, *_TEXT_COLUMNS)
    for row in conn.exec_driver_sql(f"SELECT id, {', '.join(columns)} FROM job").fetchall():
        job_id, values = row[0], row[1:]
        cleaned = [
            (clean_line if name in _LINE_COLUMNS else clean_text)(v) if isinstance(v, str) else v
            for name, v in zip(columns, values, strict=True)
        ]
        if cleaned != list(values):
            sets = ", ".join(f"{name} = ?" for name in columns)
            conn.exec_driver_sql(f"UPDATE job SET {sets} WHERE id = ?", (*cleaned, job_id))
    for table, column in (("ghostwriter_message", "content"), ("job_event", "detail")):
        for row_id, value in conn.exec_driver_sql(f"SELECT id, {column} FROM {table}").fetchall():
            if isinstance(value, str) and clean_text(value) != value:
                conn.exec_driver_sql(f"UPDATE {table} SET {column} = ? WHERE id = ?", (clean_text(value), row_id))


def _structured_pay(conn: Any, _data_dir: Path) -> None:
    """Pay as numbers beside the display string (issue 15): boards give ranges, currency and period."""
    for column, kind in (
        ("salary_min", "FLOAT"),
        ("salary_max", "FLOAT"),
        ("salary_currency", "VARCHAR"),
        ("salary_period", "VARCHAR"),
    ):
        conn.exec_driver_sql(f"ALTER TABLE job ADD COLUMN {column} {kind}")


def _search_index(conn: Any, _data_dir: Path) -> None:
    """Full-text search (issue 17): an FTS5 index over the job's searchable text, kept in step by
    triggers whoever writes (external content: no second copy of the descriptions), filled once."""
    columns = "title, employer, location, job_description, tailored_skills"
    new = ", ".join(f"new.{c.strip()}" for c in columns.split(","))
    old = ", ".join(f"old.{c.strip()}" for c in columns.split(","))
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE job_fts USING fts5({columns}, content='job', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER job_fts_insert AFTER INSERT ON job BEGIN "
        f"INSERT INTO job_fts(rowid, {columns}) VALUES (new.id, {new}); END"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER job_fts_delete AFTER DELETE ON job BEGIN "
        f"INSERT INTO job_fts(job_fts, rowid, {columns}) VALUES ('delete', old.id, {old}); END"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER job_fts_update AFTER UPDATE OF {columns} ON job BEGIN "
        f"INSERT INTO job_fts(job_fts, rowid, {columns}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO job_fts(rowid, {columns}) VALUES (new.id, {new}); END"
    )
    conn.exec_driver_sql("INSERT INTO job_fts(job_fts) VALUES ('rebuild')")


MIGRATIONS: dict[int, Callable[[Any, Path], None]] = {
    2: _webhook_outbox,
    3: _relative_pdf_paths,
    4: _processing_lease,
    5: _clean_stored_text,
    6: _structured_pay,
    7: _search_index,
}
BEYOND_MODELS: tuple[Callable[[Any, Path], None], ...] = (_search_index,)
"""Steps that make what the SQLModel tables cannot describe (virtual tables, triggers): a new file
gets them right after `create_all`."""
LATEST = max(MIGRATIONS)


def stored_version(conn: Any) -> tuple[int, bool]:
    """(schema version, whether the file has any tables yet), on a SQLAlchemy connection."""
    return read_version(lambda sql: conn.exec_driver_sql(sql).fetchall())


def read_version(query: Callable[[str], list[Any]]) -> tuple[int, bool]:
    """The same from any `query(sql) -> rows` (the fast read path uses sqlite3 directly)."""
    version = int(query("PRAGMA user_version")[0][0])
    tables = {row[0] for row in query("SELECT name FROM sqlite_master WHERE type='table'")}
    if "meta" in tables:  # 0.1.0 kept its number here; newer releases keep it in both places
        rows = query("SELECT value FROM meta WHERE key='schema_version'")
        version = max(version, int(rows[0][0]) if rows else 1)
    return version, bool(tables)


def check_not_newer(version: int, db_file: Path) -> None:
    if version > LATEST:
        raise BadInput(
            f"{display_path(db_file)} was written by a newer Jobber (schema {version}; this version "
            f"knows {LATEST}). Upgrade Jobber; the database was left unchanged."
        )


def migrate(conn: Any, db_file: Path, create_all: Callable[[Any], None]) -> int:
    """Bring the file to LATEST inside the caller's write transaction; returns the version found."""
    version, has_tables = stored_version(conn)
    check_not_newer(version, db_file)
    if not has_tables:
        create_all(conn)
        for step in BEYOND_MODELS:
            step(conn, db_file.parent)
    else:
        for number in range(version + 1, LATEST + 1):
            MIGRATIONS[number](conn, db_file.parent)
    conn.exec_driver_sql(f"PRAGMA user_version = {LATEST}")
    conn.exec_driver_sql("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(LATEST),))
    return version
