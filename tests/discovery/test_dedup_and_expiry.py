"""Dedup across runs and sources, refresh of discovered jobs, expiry by disappearance and by deadline."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from jobber_tui.core.discovery.discover import discover
from jobber_tui.core.discovery.store import save_scores
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.workspace import open_workspace

from .board_server import FIXTURES, Loopback, add_sources

BOARD = json.loads((FIXTURES / "greenhouse_jobs.json").read_text())


def _serve(loopback: Loopback, jobs: list[dict[str, Any]]) -> None:
    loopback.json("/v1/boards/acme/jobs", {"jobs": jobs, "meta": {"total": len(jobs)}})


def _by_ref(ws: Any) -> dict[str, dict[str, Any]]:
    return {j["sourceJobId"]: j for j in ws.store.list_dicts()}


def test_rerunning_discovery_is_idempotent(board_home: Path, loopback: Loopback) -> None:
    _serve(loopback, BOARD["jobs"])
    add_sources(board_home, ("greenhouse", "acme"))
    ws = open_workspace(board_home)
    first = discover(ws)
    snapshot = ws.store.list_json()
    second = discover(ws)
    assert (first.sources[0].created, second.sources[0].created, second.sources[0].unchanged) == (3, 0, 3)
    assert ws.store.list_json() == snapshot
    assert sum(1 for e in ws.store.events(1) if e.kind == "created") == 1
    ws.close()


def test_changed_fields_refresh_discovered_jobs_but_never_tailoring(board_home: Path, loopback: Loopback) -> None:
    _serve(loopback, BOARD["jobs"])
    add_sources(board_home, ("greenhouse", "acme"))
    ws = open_workspace(board_home)
    discover(ws)
    ids = {ref: job["id"] for ref, job in _by_ref(ws).items()}
    ws.store.patch(ids["4001001"], {"tailoredHeadline": "My words", "selectedProjectIds": ["ledger-sync"]})
    ws.store.move(ids["4001002"], JobStatus.SKIPPED)
    save_scores(ws.store, [(ids["4001001"], 77, "old")])

    changed = copy.deepcopy(BOARD["jobs"])
    changed[0]["title"] = "Principal Platform Engineer"
    changed[0]["location"] = {"name": "Remote - Worldwide"}
    changed[0]["metadata"] = None  # a field the board stops sending never clears what we have
    changed[1]["title"] = "Skipped jobs are not refreshed"
    _serve(loopback, changed)
    result = discover(ws)
    assert (result.sources[0].updated, result.sources[0].unchanged) == (1, 2)
    jobs = _by_ref(ws)
    job = jobs["4001001"]
    assert job["title"] == "Principal Platform Engineer" and job["location"] == "Remote - Worldwide"
    assert job["deadline"] == "2099-12-31"
    assert job["tailoredHeadline"] == "My words" and job["selectedProjectIds"] == ["ledger-sync"]
    assert job["suitabilityScore"] is None  # the title changed: scored again on the next run
    assert jobs["4001002"]["title"] == "Backend Engineer, Payments"
    updated = [e for e in ws.store.events(job["id"]) if e.kind == "updated"]
    assert updated[0].detail == "from greenhouse/acme: title, location"
    ws.close()


def test_same_posting_is_never_stored_twice(board_home: Path, loopback: Loopback) -> None:
    jobs = copy.deepcopy(BOARD["jobs"][:2])
    jobs.append({**jobs[0]})  # the same entry listed twice: one job
    # Other ids on the same board are other jobs, even with the same title (and place): boards post a
    # role twice on purpose (two openings, two requisitions).
    jobs.append({**jobs[0], "id": 999, "absolute_url": "https://boards.greenhouse.io/acme/jobs/999"})
    jobs.append(
        {**jobs[1], "id": 1000, "absolute_url": "https://x.example/1000", "title": "backend engineer - payments"}
    )
    jobs.append({**jobs[1], "id": 1001, "absolute_url": "https://x.example/1001", "location": {"name": "Austin, TX"}})
    _serve(loopback, jobs)
    loopback.json(
        "/v0/postings/other",
        [
            {
                "id": "lever-1",
                "text": "Senior Platform Engineer!",
                "categories": {"location": "Anywhere"},
                "hostedUrl": "https://jobs.lever.co/other/lever-1",
            }
        ],
    )
    add_sources(board_home, ("greenhouse", "acme"), ("lever", "other"))
    (board_home / "config.toml").write_text(
        (board_home / "config.toml")
        .read_text()
        .replace('board = "other"', 'board = "other"\nemployer = "Acme Robotics, Inc."')
    )
    ws = open_workspace(board_home)
    ws.store.add_jobs([{"title": "Backend Engineer", "employer": "Manual Co", "jobUrl": "https://x.example/manual"}])
    result = discover(ws)
    gh, lever = result.sources
    assert (gh.created, gh.duplicates) == (5, 0)
    assert (lever.created, lever.duplicates) == (0, 1)  # same title and employer from another board
    stored = sorted((j["sourceJobId"], j["location"]) for j in ws.store.list_dicts() if j["source"] == "greenhouse")
    assert stored == [
        ("1000", "Denver, CO"),
        ("1001", "Austin, TX"),
        ("4001001", "Remote - US"),
        ("4001002", "Denver, CO"),
        ("999", "Remote - US"),
    ]
    again = discover(ws)
    assert sum(s.created + s.updated for s in again.sources) == 0
    ws.close()


def test_two_ids_with_one_url_on_one_board_are_two_stable_jobs(board_home: Path, loopback: Loopback) -> None:
    """A board that points two of its postings at one careers page: the URL stays with the first."""
    page = "https://acme.example/careers"
    jobs = [
        {"id": 1, "title": "Engineer", "absolute_url": page, "location": {"name": "Berlin"}, "content": "Go"},
        {"id": 2, "title": "Engineer", "absolute_url": page, "location": {"name": "Berlin"}, "content": "Rust"},
    ]
    _serve(loopback, jobs)
    add_sources(board_home, ("greenhouse", "acme"))
    ws = open_workspace(board_home)
    first = discover(ws)
    second = discover(ws)
    assert (first.sources[0].created, second.sources[0].updated, second.sources[0].unchanged) == (2, 0, 2)
    assert {j["sourceJobId"]: j["jobUrl"] for j in ws.store.list_dicts()} == {"1": page, "2": None}
    ws.close()


def test_jobs_that_leave_the_board_expire(board_home: Path, loopback: Loopback) -> None:
    _serve(loopback, BOARD["jobs"])
    add_sources(board_home, ("greenhouse", "acme"))
    ws = open_workspace(board_home)
    discover(ws)
    ids = {ref: job["id"] for ref, job in _by_ref(ws).items()}
    ws.store.move(ids["4001002"], JobStatus.APPLIED)  # applied jobs keep their status whatever the board says
    ws.store.update(ids["4001003"], "test", status="ready")

    _serve(loopback, [])  # a complete, successful, empty listing
    result = discover(ws)
    assert result.sources[0].expired == 2
    jobs = _by_ref(ws)
    assert jobs["4001001"]["status"] == "expired" and jobs["4001003"]["status"] == "expired"
    assert jobs["4001002"]["status"] == "applied"
    event = ws.store.events(ids["4001001"])[-1]
    assert (event.kind, event.from_status, event.to_status) == ("expired", "discovered", "expired")
    assert event.detail == "left the greenhouse board acme (not in its complete listing)"
    ws.close()


def test_deadline_expiry_via_the_pipeline(board_home: Path, loopback: Loopback, cli: Any) -> None:
    jobs = copy.deepcopy(BOARD["jobs"][:1])
    jobs[0]["metadata"] = [{"name": "Application Deadline", "value": "2000-01-31"}]
    _serve(loopback, jobs)
    add_sources(board_home, ("greenhouse", "acme"))
    result = cli("pipeline", "run", "--json")
    run = json.loads(result.out)
    assert run["counts"]["created"] == 1 and run["counts"]["expired"] == 1 and run["counts"]["ready"] == 0
    shown = json.loads(cli("jobs", "show", "1", "--json").out)
    assert shown["status"] == "expired" and shown["deadline"] == "2000-01-31"


def test_a_url_moved_to_a_known_job_is_not_given_to_a_new_one_too(board_home: Path, loopback: Loopback) -> None:
    """The board re-points job 1 to a URL that a new posting, listed after it, also carries."""
    first = {
        "id": 1,
        "title": "Platform Engineer",
        "absolute_url": "https://acme.example/jobs/1",
        "location": {"name": "Berlin"},
        "content": "Go",
    }
    _serve(loopback, [first])
    add_sources(board_home, ("greenhouse", "acme"))
    ws = open_workspace(board_home)
    discover(ws)
    shared = "https://acme.example/careers"
    newcomer = {
        "id": 2,
        "title": "Data Engineer",
        "absolute_url": shared,
        "location": {"name": "Paris"},
        "content": "SQL",
    }
    _serve(loopback, [{**first, "absolute_url": shared}, newcomer])
    result = discover(ws)
    assert result.errors == []
    jobs = _by_ref(ws)
    assert jobs["1"]["jobUrl"] == shared
    assert "2" not in jobs or jobs["2"]["jobUrl"] != shared
    ws.close()
