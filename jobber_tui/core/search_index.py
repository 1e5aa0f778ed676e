"""The full-text index behind search: an SQLite FTS5 table over the job's searchable text.

An external-content table (`content='job'`): the index stores no second copy of 50,000 descriptions,
and triggers keep it in step with every write, whoever makes it (the store, discovery's bulk SQL, a
CLI in another pane). Created like the rest of the schema at start; an existing file is indexed once.
(To become a numbered migration once the store has them.)
"""

from __future__ import annotations

from typing import Any

COLUMNS = ("title", "employer", "location", "job_description", "tailored_skills")
"""What search reads; tailored_skills is the JSON text of the groups (names and keywords)."""

_COLS = ", ".join(COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in COLUMNS)

DDL = (
    f"CREATE VIRTUAL TABLE job_fts USING fts5({_COLS}, content='job', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    f"CREATE TRIGGER IF NOT EXISTS job_fts_insert AFTER INSERT ON job BEGIN "
    f"INSERT INTO job_fts(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
    f"CREATE TRIGGER IF NOT EXISTS job_fts_delete AFTER DELETE ON job BEGIN "
    f"INSERT INTO job_fts(job_fts, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD}); END",
    f"CREATE TRIGGER IF NOT EXISTS job_fts_update AFTER UPDATE OF {_COLS} ON job BEGIN "
    f"INSERT INTO job_fts(job_fts, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD}); "
    f"INSERT INTO job_fts(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
)


def ensure_search_index(conn: Any) -> None:
    """Create the index and its triggers if missing (inside the schema transaction), filling it once."""
    exists = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'job_fts'").first()
    if exists:
        return
    for statement in DDL:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql("INSERT INTO job_fts(job_fts) VALUES ('rebuild')")
