"""Each board kind read from the loopback server and normalised into job fields."""

from __future__ import annotations

import json
from pathlib import Path

from jobber_tui.core.discovery.discover import discover
from jobber_tui.core.workspace import open_workspace

from .board_server import ALL_BOARDS, Loopback, Reply, add_sources, serve_all_fixtures


def _jobs_by_title(home: Path) -> dict[str, dict]:
    ws = open_workspace(home, startup=False)
    try:
        return {job["title"]: job for job in ws.store.list_dicts()}
    finally:
        ws.close()


def test_every_kind_is_fetched_and_normalised(board_home: Path, loopback: Loopback) -> None:
    serve_all_fixtures(loopback)
    add_sources(board_home, *ALL_BOARDS)
    ws = open_workspace(board_home)
    result = discover(ws)
    ws.close()
    assert not result.errors
    assert {s.source: s.created for s in result.sources} == {
        "greenhouse/acme": 3,
        "lever/globex": 2,
        "ashby/initech": 1,
        "workable/umbrella": 1,
        "recruitee/hooli": 1,
    }
    jobs = _jobs_by_title(board_home)

    gh = jobs["Senior Platform Engineer"]
    assert (gh["source"], gh["sourceBoard"], gh["sourceJobId"]) == ("greenhouse", "acme", "4001001")
    assert gh["employer"] == "Acme Robotics"
    assert gh["isRemote"] is True and gh["location"] == "Remote - US"
    assert gh["datePosted"] == "2026-01-05" and gh["deadline"] == "2099-12-31"  # from the board's metadata
    # Greenhouse escapes its HTML once more; the description reads as text with headings and bullets.
    assert gh["jobDescription"].startswith("## About the role\n\nRun our **Kubernetes** platform on AWS.")
    assert "- PostgreSQL and Kafka in production" in gh["jobDescription"]
    assert "Salary & benefits" in gh["jobDescription"] and "<" not in gh["jobDescription"]

    lever = jobs["Site Reliability Engineer"]
    assert lever["employer"] == "Globex" and lever["location"] == "San Francisco, CA" and not lever["isRemote"]
    assert lever["salary"] == "USD 150,000–190,000 per year"
    assert lever["datePosted"] == "2026-01-01"
    assert lever["applicationUrl"].endswith("/apply")
    assert "### What you'll do\n\n- Run Kubernetes clusters\n- Write Go tooling" in lever["jobDescription"]
    assert jobs["Data Engineer"]["isRemote"] is True  # workplaceType "remote"

    ashby = jobs["Staff Software Engineer, Infrastructure"]
    assert ashby["salary"] == "$180K – $220K • Offers Equity" and ashby["isRemote"] is True
    assert ashby["location"] == "New York, NY; Remote (US)"
    assert "Internal Transfer Only" not in jobs  # isListed: false is skipped

    workable = jobs["DevOps Engineer"]
    assert workable["employer"] == "Umbrella Corp" and workable["location"] == "Berlin, Germany"
    assert workable["isRemote"] is True and workable["datePosted"] == "2026-01-09"

    recruitee = jobs["Golang Developer"]
    assert recruitee["employer"] == "Hooli" and recruitee["salary"] == "EUR 60,000–80,000 per year"
    assert recruitee["deadline"] == "2026-03-01"  # close_at
    assert recruitee["jobDescription"] == "Write Go services.\n\n- Go\n- PostgreSQL"


def test_requests_are_polite(board_home: Path, loopback: Loopback) -> None:
    serve_all_fixtures(loopback)
    add_sources(board_home, ("greenhouse", "acme"), ("lever", "globex"), ("ashby", "initech"))
    ws = open_workspace(board_home)
    discover(ws)
    ws.close()
    gh = loopback.hits("/v1/boards/acme/jobs")[0]
    agent = gh.headers["user-agent"]
    assert agent.startswith("Jobber/") and "+https://github.com/jobber-tui" in agent
    assert gh.query == {"content": ["true"], "pay_transparency": ["true"]}
    assert loopback.hits("/v0/postings/globex")[0].query == {"mode": ["json"], "skip": ["0"], "limit": ["100"]}
    assert loopback.hits("/posting-api/job-board/initech")[0].query == {"includeCompensation": ["true"]}


def test_lever_pages_with_skip_and_limit(board_home: Path, loopback: Loopback) -> None:
    page = [
        {
            "id": f"id-{i:04d}",
            "text": f"Engineer {i}",
            "categories": {"location": "Remote"},
            "hostedUrl": f"https://jobs.lever.co/big/id-{i:04d}",
        }
        for i in range(150)
    ]
    loopback.route(
        "/v0/postings/big", Reply(200, json.dumps(page[:100]).encode()), Reply(200, json.dumps(page[100:]).encode())
    )
    add_sources(board_home, ("lever", "big"))
    ws = open_workspace(board_home)
    result = discover(ws)
    ws.close()
    assert result.sources[0].created == 150
    assert [h.query["skip"] for h in loopback.hits("/v0/postings/big")] == [["0"], ["100"]]
