"""Boards in their real response shapes (tests/fixtures/boards): clean structured descriptions, complete
fields, stable identity, and a second discovery of an unchanged board that changes nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from jobber_tui.core.discovery.discover import discover
from jobber_tui.core.workspace import open_workspace

from .board_server import Loopback, Reply, add_sources

BOARDS = Path(__file__).resolve().parent.parent / "fixtures" / "boards"
REAL_BOARDS = (
    ("greenhouse", "nimbusfreight"),
    ("lever", "quillon"),
    ("ashby", "northwind-labs"),
    ("workable", "kestrel-analytics"),
    ("recruitee", "tamarmobility"),
)
ORPHAN = re.compile(r"^ *(?:[-*+]|\d+\.) *$|^#+ *$", re.M)


def serve_real_boards(loopback: Loopback) -> None:
    for path, name in (
        ("/v1/boards/nimbusfreight/jobs", "greenhouse_board.json"),
        ("/v0/postings/quillon", "lever_postings.json"),
        ("/posting-api/job-board/northwind-labs", "ashby_board.json"),
        ("/api/v1/widget/accounts/kestrel-analytics", "workable_account.json"),
        ("/recruitee/tamarmobility/api/offers/", "recruitee_offers.json"),
    ):
        loopback.route(path, Reply(200, (BOARDS / name).read_bytes(), {"Content-Type": "application/json"}))


def _jobs(ws: Any) -> dict[tuple[str, str], dict[str, Any]]:
    return {(job["source"], job["sourceJobId"]): job for job in ws.store.list_dicts()}


@pytest.fixture
def discovered(board_home: Path, loopback: Loopback) -> dict[tuple[str, str], dict[str, Any]]:
    serve_real_boards(loopback)
    add_sources(board_home, *REAL_BOARDS)
    ws = open_workspace(board_home)
    result = discover(ws)
    assert not result.errors
    jobs = _jobs(ws)
    ws.close()
    return jobs


def test_discovering_each_board_twice_changes_nothing_the_second_time(
    board_home: Path, loopback: Loopback, cli: Any
) -> None:
    serve_real_boards(loopback)
    add_sources(board_home, *REAL_BOARDS)
    first = cli("pipeline", "run", "--top", "0", "--json")
    assert first.code == 0, first.err
    ws = open_workspace(board_home)
    before, events = ws.store.list_json(), [len(ws.store.events(j["id"])) for j in ws.store.list_dicts()]
    assert all(j["suitabilityScore"] is not None for j in ws.store.list_dicts())
    ws.close()
    second = cli("pipeline", "run", "--top", "0")
    assert second.code == 0, second.err
    assert "0 new, 0 updated" in second.out and "0 scored" in second.out, second.out  # no rescoring
    ws = open_workspace(board_home)
    assert ws.store.list_json() == before  # no field, no score, no timestamp changed
    assert [len(ws.store.events(j["id"])) for j in ws.store.list_dicts()] == events  # no event either
    ws.close()
    run = json.loads(cli("pipeline", "runs", "--json").out)[0]
    assert {s["source"]: (s["created"], s["updated"], s["unchanged"]) for s in run["sources"]} == {
        "greenhouse/nimbusfreight": (0, 0, 5),
        "lever/quillon": (0, 0, 3),
        "ashby/northwind-labs": (0, 0, 2),
        "workable/kestrel-analytics": (0, 0, 2),
        "recruitee/tamarmobility": (0, 0, 3),
    }


def test_no_description_has_orphan_bullets_or_empty_headings(discovered: dict[Any, dict[str, Any]]) -> None:
    for job in discovered.values():
        text = job["jobDescription"]
        assert not ORPHAN.search(text), (job["title"], text)
        assert "\n\n\n" not in text and "<" not in text.replace("<3", "")


def test_lists_of_paragraphs_read_as_lists(discovered: dict[Any, dict[str, Any]]) -> None:
    ashby = discovered[("ashby", "5b1e7c2d-3f4a-4b6c-9d8e-1a2b3c4d5e6f")]["jobDescription"]
    assert ashby == (
        "**About the role**\n\nNorthwind Labs builds forecasting tools for farms.\n\n**You will**\n\n"
        "- Ship the forecasting API in TypeScript\n- Own observability\n  - Prometheus\n"
        "  - OpenTelemetry\n\n**Bonus points**\n\n1. Rust\n2. Agronomy"
    )
    recruitee = discovered[("recruitee", "2210101")]["jobDescription"]
    assert "- Talk to riders\n  - in Hebrew: שלום\n  - in Arabic: مرحبا" in recruitee
    greenhouse = discovered[("greenhouse", "7104001")]["jobDescription"]
    assert greenhouse.startswith(
        "**About Nimbus Freight**\n\nWe move pallets & parcels for 4,000 shippers.\n\n"
        "### What you will do\n\n- Own the routing service in **Go** and PostgreSQL\n"
    )
    assert "1. 5+ years of backend work\n2. Terraform on AWS\n   - EKS\n   - IAM" in greenhouse
    assert "Benefits:\n401(k) match\nLearning budget" in greenhouse
    assert "Level | Team\nSenior | Data" in discovered[("greenhouse", "7104004")]["jobDescription"]
    lever = discovered[("lever", "3f2b7c1e-9a41-4c8e-b1d2-6a7e5f4c3b21")]["jobDescription"]
    assert "### What you'll do\n\n- Operate **Kubernetes** clusters\n- Write Go tooling\n\n### Nice to have" in lever


def test_pay_is_structured_from_every_board(discovered: dict[Any, dict[str, Any]]) -> None:
    def pay(key: tuple[str, str]) -> tuple[Any, ...]:
        job = discovered[key]
        return job["salary"], job["salaryMin"], job["salaryMax"], job["salaryCurrency"], job["salaryPeriod"]

    # Greenhouse's pay-transparency block in the description ("$108,400—$129,600 USD", titled "Annual ...").
    assert pay(("greenhouse", "7104001")) == ("USD 108,400–129,600 per year", 108_400, 129_600, "USD", "year")
    # `pay_input_ranges` in cents, two zones in Canadian dollars, no period stated.
    assert pay(("greenhouse", "7104003")) == ("CAD 98,000–135,000 (2 ranges)", 98_000, 135_000, "CAD", None)
    assert pay(("greenhouse", "7104005")) == ("USD 28.50–34 per hour", 28.5, 34, "USD", "hour")
    assert pay(("lever", "3f2b7c1e-9a41-4c8e-b1d2-6a7e5f4c3b21")) == (
        "EUR 72,000–88,000 per year",
        72_000,
        88_000,
        "EUR",
        "year",
    )
    assert pay(("lever", "7c9d0e2a-1b3c-4d5e-8f6a-0b1c2d3e4f5a")) == ("EUR 24–31 per hour", 24, 31, "EUR", "hour")
    # Ashby: the salary component's numbers, shown as the board's own summary line.
    assert pay(("ashby", "5b1e7c2d-3f4a-4b6c-9d8e-1a2b3c4d5e6f")) == (
        "€70K – €95K • Offers Equity",
        70_000,
        95_000,
        "EUR",
        "year",
    )
    assert pay(("recruitee", "2210101")) == ("ILS 18,000–24,000 per month", 18_000, 24_000, "ILS", "month")
    assert pay(("workable", "8D1E2F3A4B")) == (None, None, None, None, None)


def test_locations_and_remote_flags(discovered: dict[Any, dict[str, Any]]) -> None:
    def where(key: tuple[str, str]) -> tuple[str, bool]:
        return discovered[key]["location"], discovered[key]["isRemote"]

    # Recruitee's "Remote job" names no place: the structured city and country do.
    assert where(("recruitee", "2210101")) == ("Tel Aviv, Israel", True)
    assert where(("recruitee", "2210102")) == ("Dubai, United Arab Emirates", True)
    # An explicit on-site flag wins over the word "Remote" in the location text.
    assert where(("recruitee", "2210103")) == ("Remote-first company, Lisbon workshop", False)
    assert where(("lever", "3f2b7c1e-9a41-4c8e-b1d2-6a7e5f4c3b21")) == ("Berlin / Remote onboarding", False)
    assert where(("ashby", "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")) == ("Remote-friendly HQ, Utrecht", False)
    assert where(("greenhouse", "7104001")) == ("Denver, CO", False)  # custom field "Workplace Type: On-site"
    # Structured flags where they say remote; the words where the board has no flag.
    assert where(("ashby", "5b1e7c2d-3f4a-4b6c-9d8e-1a2b3c4d5e6f")) == ("Porto, Portugal; Amsterdam", True)
    assert where(("lever", "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d")) == ("Lisbon, Portugal", True)
    assert where(("greenhouse", "7104003")) == ("Remote - Canada", True)
    assert where(("workable", "5C6D7E8F90")) == ("Athens, Attica, Greece", True)


def test_identity_one_job_per_id(discovered: dict[Any, dict[str, Any]]) -> None:
    # Two Greenhouse openings with the same title and city but their own ids: two jobs.
    twins = [j for j in discovered.values() if j["title"] == "Senior Backend Engineer, Routing"]
    assert sorted(j["sourceJobId"] for j in twins) == ["7104001", "7104002"]
    # Workable lists one job once per country under one shortcode: one job with every place.
    ml = [j for j in discovered.values() if j["source"] == "workable" and j["title"] == "Machine Learning Engineer"]
    assert len(ml) == 1
    assert ml[0]["location"] == ("Madrid, Community of Madrid, Spain; Lisbon, Portugal; Kraków, Lesser Poland, Poland")
    assert ml[0]["jobUrl"] == "https://apply.workable.com/j/8D1E2F3A4B"
    assert ("ashby", "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b") not in discovered  # unlisted


def test_employer_names(discovered: dict[Any, dict[str, Any]], board_home: Path, loopback: Loopback) -> None:
    names = {source: job["employer"] for (source, _), job in discovered.items()}
    # From the API where it has one; Lever and Ashby have none: the board name, title-cased.
    assert names == {
        "greenhouse": "Nimbus Freight",
        "workable": "Kestrel Analytics",
        "recruitee": "Tamar Mobility",
        "lever": "Quillon",
        "ashby": "Northwind Labs",
    }
    # The configured `employer` names them instead, and re-discovery renames the stored jobs.
    config = board_home / "config.toml"
    config.write_text(config.read_text().replace('board = "quillon"', 'board = "quillon"\nemployer = "Quillon Health"'))
    ws = open_workspace(board_home)
    result = discover(ws)
    assert {s.source: s.updated for s in result.sources}["lever/quillon"] == 3
    assert {j["employer"] for j in ws.store.list_dicts() if j["source"] == "lever"} == {"Quillon Health"}
    ws.close()


def test_deadlines_from_structured_closing_dates(discovered: dict[Any, dict[str, Any]]) -> None:
    assert discovered[("greenhouse", "7104001")]["deadline"] == "2099-06-30"  # custom field "Application Deadline"
    assert discovered[("greenhouse", "7104004")]["deadline"] == "2099-05-15"  # "Closing Date", a date-time
    assert discovered[("recruitee", "2210101")]["deadline"] == "2099-04-30"  # close_at
    assert discovered[("greenhouse", "7104002")]["deadline"] is None
