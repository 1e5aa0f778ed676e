"""Board failures: retries with backoff and Retry-After, errors counted per source, no job ever changed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from jobber_tui.core.discovery.discover import discover
from jobber_tui.core.discovery.sources import SourceSpec
from jobber_tui.core.infra.http import HttpSettings, PoliteClient, SourceError
from jobber_tui.core.workspace import open_workspace

from .board_server import Loopback, Reply, add_sources

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
GREENHOUSE = (FIXTURES / "greenhouse_jobs.json").read_bytes()


def _client(**settings: float) -> PoliteClient:
    return PoliteClient(HttpSettings(**{"timeout": 0.5, "retries": 2, "backoff": 0.01, **settings}))


def test_429_with_retry_after_then_success(loopback: Loopback) -> None:
    loopback.route("/v1/boards/acme/jobs", Reply(429, b"slow down", {"Retry-After": "1"}), Reply(200, GREENHOUSE))
    start = time.monotonic()
    with _client() as client:
        payload = client.get_json(f"{loopback.url}/v1/boards/acme/jobs")
    assert len(payload["jobs"]) == 3
    assert time.monotonic() - start >= 0.9  # Retry-After: 1 was honoured, not the 0.01 s backoff
    assert len(loopback.hits("/v1/boards/acme/jobs")) == 2


def test_retry_after_longer_than_jobber_waits_fails_at_once(loopback: Loopback) -> None:
    loopback.route("/x", Reply(429, b"", {"Retry-After": "3600"}))
    with _client() as client, pytest.raises(SourceError, match=r"HTTP 429 \(asked to wait 3600 s"):
        client.get_json(f"{loopback.url}/x")
    assert len(loopback.hits("/x")) == 1


def test_500_forever_is_retried_then_reported(loopback: Loopback) -> None:
    loopback.route("/x", Reply(500, b"oops"))
    with _client() as client, pytest.raises(SourceError, match="HTTP 500 after 3 attempts"):
        client.get_json(f"{loopback.url}/x")
    assert len(loopback.hits("/x")) == 3


def test_404_is_not_retried(loopback: Loopback) -> None:
    with _client() as client, pytest.raises(SourceError, match="HTTP 404$"):
        client.get_json(f"{loopback.url}/missing")
    assert len(loopback.hits("/missing")) == 1


def test_malformed_json_names_the_place(loopback: Loopback) -> None:
    loopback.route("/x", Reply(200, b'{"jobs": [1, 2,'))
    with _client() as client, pytest.raises(SourceError, match=r"malformed JSON at line 1, column 16"):
        client.get_json(f"{loopback.url}/x")


def test_slow_board_times_out_quickly(loopback: Loopback) -> None:
    loopback.route("/slow", Reply(200, b"{}", delay=3))
    start = time.monotonic()
    with _client(timeout=0.2, retries=1) as client, pytest.raises(SourceError, match="timed out after 0.2 s after 2"):
        client.get_json(f"{loopback.url}/slow")
    assert time.monotonic() - start < 2


def test_oversized_response_is_refused(loopback: Loopback) -> None:
    loopback.route("/big", Reply(200, b"[" + b"1," * 600_000 + b"1]"))
    with (
        PoliteClient(HttpSettings(timeout=2, max_bytes=1_000_000)) as client,
        pytest.raises(SourceError, match="larger than 1 MB"),
    ):
        client.get_json(f"{loopback.url}/big")


def test_unexpected_shape_is_an_error_not_a_crash(loopback: Loopback) -> None:
    from jobber_tui.core.discovery.sources import greenhouse

    loopback.route("/v1/boards/acme/jobs", Reply(200, b'{"jobs": {"not": "a list"}}'))
    with _client() as client, pytest.raises(SourceError, match='no "jobs" list'):
        greenhouse.fetch_listing(client, SourceSpec("greenhouse", "acme", base_url=loopback.url))


def test_failing_sources_change_no_job_and_never_lose_the_others(
    board_home: Path, loopback: Loopback, cli: object
) -> None:
    loopback.route("/v1/boards/acme/jobs", Reply(200, GREENHOUSE))
    add_sources(board_home, ("greenhouse", "acme"), ("lever", "down"), ("ashby", "broken"), ("workable", "slow"))
    ws = open_workspace(board_home)
    first = discover(ws)
    assert first.sources[0].created == 3
    before = ws.store.list_json()

    # Now every board fails in its own way; the Greenhouse jobs must neither expire nor change.
    loopback.route("/v1/boards/acme/jobs", Reply(503, b"maintenance"))
    loopback.route("/v0/postings/down", Reply(500, b""))
    loopback.route("/posting-api/job-board/broken", Reply(200, b"<html>not json</html>"))
    loopback.route("/api/v1/widget/accounts/slow", Reply(200, b"{}", delay=3))
    second = discover(ws)
    errors = {e["source"]: e["message"] for e in second.errors}
    assert set(errors) == {"greenhouse/acme", "lever/down", "ashby/broken", "workable/slow"}
    assert "HTTP 503 after 3 attempts" in errors["greenhouse/acme"]
    assert "malformed JSON" in errors["ashby/broken"]
    assert "timed out" in errors["workable/slow"]
    assert ws.store.list_json() == before
    ws.close()


def test_one_failing_source_keeps_the_others_results(board_home: Path, loopback: Loopback) -> None:
    loopback.route("/v1/boards/acme/jobs", Reply(200, GREENHOUSE))
    loopback.route("/v0/postings/down", Reply(500, b""))
    loopback.json("/recruitee/hooli/api/offers/", json.loads((FIXTURES / "recruitee_offers.json").read_text()))
    add_sources(board_home, ("greenhouse", "acme"), ("lever", "down"), ("recruitee", "hooli"))
    ws = open_workspace(board_home)
    result = discover(ws)
    counts = {s.source: (s.created, s.error is not None) for s in result.sources}
    assert counts == {"greenhouse/acme": (3, False), "lever/down": (0, True), "recruitee/hooli": (1, False)}
    assert len(ws.store.list_dicts()) == 4
    ws.close()


def test_pipeline_reports_failed_sources_and_exits_1(board_home: Path, loopback: Loopback, cli: object) -> None:
    loopback.route("/v1/boards/acme/jobs", Reply(200, GREENHOUSE))
    loopback.route("/v0/postings/down", Reply(500, b""))
    add_sources(board_home, ("greenhouse", "acme"), ("lever", "down"))
    result = cli("pipeline", "run", "--top", "0")  # type: ignore[operator]
    assert result.code == 1
    assert "2 sources (1 failed)" in result.out and "3 new" in result.out
    assert "lever/down:" in result.out and "HTTP 500 after 3 attempts" in result.out
    assert "FAILED lever/down" in result.err


def test_a_board_answering_408_is_tried_again(loopback: Loopback) -> None:
    """408 Request Timeout says "send it again"; the board client used to give up on it at once."""
    loopback.route("/x", Reply(408, b"request timeout"), Reply(200, b'{"jobs": []}'))
    with _client() as client:
        assert client.get_json(f"{loopback.url}/x") == {"jobs": []}
    assert len(loopback.hits("/x")) == 2
