"""Search across all queues (core/jobs/search.py): the words over title, employer, location, description and
tailored skills through SQLite FTS5, the filters, and the index kept in step by triggers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobber_tui.core.jobs.search import fts_expression, parse_query, search_jobs
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.jobs.store import JobStore
from jobber_tui.core.workspace import open_workspace

CORPUS = Path(__file__).parent / "fixtures" / "search"


@pytest.fixture
def store(home: Path) -> JobStore:
    ws = open_workspace(home)
    jobs = json.loads((CORPUS / "jobs.json").read_text(encoding="utf-8"))
    ids = ws.store.add_jobs(jobs).created
    embedded = ids[[job["title"] for job in jobs].index("Embedded Engineer")]
    ws.store.move(embedded, JobStatus.SKIPPED)
    return ws.store


def titles(store: JobStore, query: str) -> set[str]:
    rows, _problems = search_jobs(store, query)
    return {row.title for row in rows}


QUERIES = json.loads((CORPUS / "queries.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", QUERIES, ids=[case["query"] for case in QUERIES])
def test_the_corpus_queries_find_what_they_should(store: JobStore, case: dict[str, object]) -> None:
    everything = titles(store, "")
    expected = everything if case["titles"] is None else set(case["titles"])  # type: ignore[arg-type]
    assert titles(store, str(case["query"])) == expected


def test_filters_that_cannot_be_read_are_reported_not_guessed() -> None:
    query = parse_query("rust score:abc status:hired remote:maybe status:")
    assert query.terms == ("rust",)
    assert query.scores == () and query.statuses == () and query.remote is None
    assert [p.split(":")[0] for p in query.problems] == ["score", "status", "remote"]
    assert "score:>70" in query.problems[0]


def test_what_the_user_types_is_never_fts_syntax() -> None:
    assert fts_expression(("NEAR(a", 'say "hi"', "c++")) == '"NEAR(a"* "say ""hi""" "c++"*'
    assert fts_expression(("site reliability",)) == '"site reliability"'


def test_the_index_follows_every_write(store: JobStore) -> None:
    [job_id] = store.add_jobs([{"title": "Zookeeper Wrangler", "employer": "Quokka"}]).created
    assert titles(store, "wrangler") == {"Zookeeper Wrangler"}
    store.patch(job_id, {"title": "Koala Herder", "jobDescription": "Eucalyptus logistics"})
    assert titles(store, "wrangler") == set()
    assert titles(store, "eucalyptus herder") == {"Koala Herder"}
    store.patch(job_id, {"tailoredSkills": [{"name": "Fauna", "keywords": ["Marsupials"]}]})
    assert titles(store, "marsupial") == {"Koala Herder"}
    with store.writing() as session:  # a delete by another tool (there is no delete command)
        session.connection().exec_driver_sql("DELETE FROM job WHERE id = ?", (job_id,))
    assert titles(store, "koala") == set()


def test_an_existing_database_is_indexed_once_on_open(home: Path) -> None:
    ws = open_workspace(home)
    ws.store.add_jobs([{"title": "Lighthouse Keeper", "employer": "Coastline Co"}])
    with ws.store.writing() as session:  # a file from before search existed
        conn = session.connection()
        for name in ("job_fts_insert", "job_fts_delete", "job_fts_update"):
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        conn.exec_driver_sql("DROP TABLE job_fts")
        conn.exec_driver_sql("PRAGMA user_version = 6")  # the schema before migration 7 (search)
        conn.exec_driver_sql("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    ws.close()
    ws = open_workspace(home)
    assert titles(ws.store, "lighthouse") == {"Lighthouse Keeper"}
    ws.close()
