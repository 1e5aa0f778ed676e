"""Personio, Workday, BambooHR, Teamtailor and SmartRecruiters in their real response shapes
(tests/fixtures/boards), served from 127.0.0.1: fields, identity, politeness (a stored posting's
detail is not read again), expiry only from complete listings, and robots.txt honoured."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jobber_tui.core.discovery.discover import discover
from jobber_tui.core.workspace import open_workspace

from .board_server import Loopback, Reply, add_sources

BOARDS = Path(__file__).resolve().parent.parent / "fixtures" / "boards"
WORKDAY_ROOT = "/wday/cxs/tallgrass/Tallgrass_Careers"


def _file(loopback: Loopback, path: str, name: str, kind: str = "application/json") -> None:
    loopback.route(path, Reply(200, (BOARDS / name).read_bytes(), {"Content-Type": kind}))


def serve_company_boards(loopback: Loopback) -> None:
    _file(loopback, "/personio/lindqvist/xml", "personio_feed.xml", "text/xml; charset=utf-8")
    loopback.route(
        f"{WORKDAY_ROOT}/jobs",
        Reply(200, (BOARDS / "workday_jobs_page1.json").read_bytes()),
        Reply(200, (BOARDS / "workday_jobs_page2.json").read_bytes()),
    )
    for path, req in (
        ("/job/Denver-CO/Senior-Site-Reliability-Engineer_R-24017", "R-24017"),
        ("/job/Remote-USA/Staff-Data-Engineer_JR100442-1", "JR100442-1"),
        ("/job/Frankfurt-am-Main/Werkstudent--w-m-d--Controlling_R-24102", "R-24102"),
    ):
        _file(loopback, WORKDAY_ROOT + path, f"workday_job_{req}.json")
    _file(loopback, "/bamboohr/sawtoothsupply/careers/list", "bamboohr_list.json")
    for job in ("41", "57", "63"):
        _file(loopback, f"/bamboohr/sawtoothsupply/careers/{job}/detail", f"bamboohr_detail_{job}.json")
    _file(loopback, "/teamtailor/fjordvik/jobs.rss", "teamtailor_jobs.rss", "application/rss+xml")
    _file(loopback, "/v1/companies/OrsolaMedical/postings", "smartrecruiters_postings.json")
    for job in ("744000041234567", "744000041299999"):
        _file(loopback, f"/v1/companies/OrsolaMedical/postings/{job}", f"smartrecruiters_posting_{job}.json")


BOARDS_CONFIG = (
    ("personio", "lindqvist"),
    ("workday", "tallgrass.wd1/Tallgrass_Careers"),
    ("bamboohr", "sawtoothsupply"),
    ("teamtailor", "fjordvik"),
)


@pytest.fixture
def found(board_home: Path, loopback: Loopback) -> dict[tuple[str, str], dict[str, Any]]:
    serve_company_boards(loopback)
    _workday_page_size(2)
    add_sources(board_home, *BOARDS_CONFIG)
    ws = open_workspace(board_home)
    result = discover(ws)
    assert not result.errors, result.errors
    jobs = {(j["source"], j["sourceJobId"]): j for j in ws.store.list_dicts()}
    ws.close()
    return jobs


@pytest.fixture(autouse=True)
def _restore_page_size() -> Any:
    from jobber_tui.core.discovery.sources import workday

    page = workday.PAGE
    yield
    workday.PAGE = page


def _workday_page_size(size: int) -> None:
    """Workday pages are 20 postings; the fixture's site has three, so the test pages by two."""
    from jobber_tui.core.discovery.sources import workday

    workday.PAGE = size


def test_personio_sections_offices_and_subcompany(found: dict[Any, dict[str, Any]]) -> None:
    job = found[("personio", "1480213")]
    assert job["employer"] == "Lindqvist Logistik GmbH"  # subcompany, not the board name
    assert job["title"] == "Senior Backend Engineer (m/w/d) – Go & PostgreSQL"
    assert job["location"] == "Hamburg; Leipzig"  # "Remote" names no place: the offices that do
    assert job["isRemote"] is True
    assert job["jobUrl"] == "https://lindqvist.jobs.personio.de/job/1480213"
    text = job["jobDescription"]
    assert text.index("Deine Aufgaben") < text.index("Go") < text.index("Dein Profil")
    assert "- Du baust Dienste in" in text and "<" not in text
    assert job["datePosted"] == "2026-01-12"
    other = found[("personio", "1480377")]
    assert other["employer"] == "Lindqvist" and other["isRemote"] is False  # no subcompany: the board's name
    rtl = found[("personio", "1480401")]
    assert "بناء خطوط البيانات" in rtl["jobDescription"] and "alert" not in rtl["jobDescription"]


def test_workday_pages_details_and_requisition_ids(found: dict[Any, dict[str, Any]], loopback: Loopback) -> None:
    bodies = [json.loads(r.body) for r in loopback.hits(f"{WORKDAY_ROOT}/jobs")]
    assert [(b["offset"], b["limit"]) for b in bodies] == [(0, 2), (2, 2)]  # paged by POST
    assert all(b["appliedFacets"] == {} and b["searchText"] == "" for b in bodies)
    sre = found[("workday", "R-24017")]
    assert sre["employer"] == "Tallgrass Mutual Insurance"
    assert sre["location"] == "Denver, CO; Omaha, NE"  # the detail's places, not "2 Locations"
    assert sre["isRemote"] is False  # remoteType Hybrid
    assert sre["jobUrl"].startswith("https://tallgrass.wd1.myworkdayjobs.com/Tallgrass_Careers/job/Denver-CO/")
    assert "Run Kubernetes and Terraform" in sre["jobDescription"] and sre["datePosted"] == "2026-02-23"
    data = found[("workday", "JR100442-1")]
    assert data["isRemote"] is True and "Spark" in data["jobDescription"] and "<b>" not in data["jobDescription"]
    assert found[("workday", "R-24102")]["location"] == "Frankfurt am Main"  # page 2, where total was 0


def test_bamboohr_location_types_and_pay_text(found: dict[Any, dict[str, Any]]) -> None:
    support = found[("bamboohr", "41")]
    assert support["employer"] == "Sawtoothsupply" and support["location"] == "Boise, Idaho, United States"
    assert support["isRemote"] is False and support["salary"] == "$21 - $25 per hour"
    assert (support["salaryMin"], support["salaryMax"], support["salaryPeriod"]) == (21, 25, "hour")
    assert support["jobUrl"] == "https://sawtoothsupply.bamboohr.com/careers/41"
    remote = found[("bamboohr", "57")]
    assert remote["isRemote"] is True and remote["location"] == "Toronto, Ontario, Canada"
    assert found[("bamboohr", "63")]["isRemote"] is False  # locationType 2 is hybrid


def test_teamtailor_feed(found: dict[Any, dict[str, Any]]) -> None:
    grid = found[("teamtailor", "7308188")]
    assert grid["employer"] == "Fjordvik Energi"  # the channel title without "- Career site"
    assert grid["isRemote"] is True and grid["location"] == "Norway"
    assert "- Terraform" in grid["jobDescription"] and grid["datePosted"] == "2026-02-27"
    sales = found[("teamtailor", "7311402")]
    assert sales["location"] == "Oslo HQ; Göteborg" and sales["isRemote"] is False  # hybrid
    assert found[("teamtailor", "7312001")]["isRemote"] is False  # "temporary" remote is not a remote job


def test_a_second_run_reads_no_detail_again_and_changes_nothing(
    found: dict[Any, dict[str, Any]], board_home: Path, loopback: Loopback
) -> None:
    details = [p for p in loopback.requests if "/job/" in p.path or p.path.endswith("/detail")]
    assert len(details) == 6  # three Workday postings, three BambooHR jobs: once each
    loopback.route(
        f"{WORKDAY_ROOT}/jobs",
        Reply(200, (BOARDS / "workday_jobs_page1.json").read_bytes()),
        Reply(200, (BOARDS / "workday_jobs_page2.json").read_bytes()),
    )
    ws = open_workspace(board_home)
    before = ws.store.list_json()
    result = discover(ws)
    assert not result.errors and result.totals["created"] == 0 and result.totals["expired"] == 0
    assert ws.store.list_json() == before
    ws.close()
    again = [p for p in loopback.requests if "/job/" in p.path or p.path.endswith("/detail")]
    assert len(again) == 6  # still known: only checked to be listed


def test_a_job_that_left_a_complete_feed_expires(
    found: dict[Any, dict[str, Any]], board_home: Path, loopback: Loopback
) -> None:
    feed = (BOARDS / "teamtailor_jobs.rss").read_text()
    start = feed.index("<item>", feed.index("7308188") - 400)
    end = feed.index("</item>", start) + len("</item>")
    loopback.route(
        "/teamtailor/fjordvik/jobs.rss",
        Reply(200, (feed[:start] + feed[end:]).encode(), {"Content-Type": "application/rss+xml"}),
    )
    ws = open_workspace(board_home)
    discover(
        ws,
        [
            s
            for s in __import__("jobber_tui.core.discovery.discover", fromlist=["x"]).configured_specs(ws)
            if s.kind == "teamtailor"
        ],
    )
    jobs = {j["sourceJobId"]: j["status"] for j in ws.store.list_dicts() if j["source"] == "teamtailor"}
    ws.close()
    assert jobs == {"7308188": "expired", "7311402": "discovered", "7312001": "discovered"}


def test_a_feed_with_a_doctype_is_refused(board_home: Path, loopback: Loopback) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<workzag-jobs><position><id>1</id><name>&lol2;</name></position></workzag-jobs>"
    )
    loopback.route("/personio/lindqvist/xml", Reply(200, bomb, {"Content-Type": "text/xml"}))
    add_sources(board_home, ("personio", "lindqvist"))
    ws = open_workspace(board_home)
    result = discover(ws)
    ws.close()
    assert result.errors[0]["message"] == (
        "personio/lindqvist: the feed declares a DOCTYPE or entities; refused (job feeds have none)"
    )


def test_smartrecruiters_is_not_read_without_the_opt_in(board_home: Path, loopback: Loopback) -> None:
    serve_company_boards(loopback)
    add_sources(board_home, ("smartrecruiters", "OrsolaMedical"))
    ws = open_workspace(board_home)
    result = discover(ws)
    assert "robots.txt disallows crawling" in result.errors[0]["message"]
    assert not loopback.hits("/v1/companies/OrsolaMedical/postings") and ws.store.list_dicts() == []
    ws.close()
    with (board_home / "config.toml").open("a") as handle:
        handle.write("ignore_robots = true\n")
    ws = open_workspace(board_home)
    result = discover(ws)
    jobs = {j["sourceJobId"]: j for j in ws.store.list_dicts()}
    ws.close()
    assert not result.errors
    embedded = jobs["744000041234567"]
    assert embedded["employer"] == "Orsola Medical" and embedded["location"] == "Bologna, Emilia-Romagna, Italy"
    assert embedded["isRemote"] is False
    text = embedded["jobDescription"]
    assert text.index("Job Description") < text.index("Qualifications") < text.index("Company Description")
    assert embedded["jobUrl"].endswith("744000041234567-embedded-software-engineer")
    assert jobs["744000041299999"]["isRemote"] is True


@pytest.mark.parametrize(
    ("url", "source", "job_id"),
    [
        ("https://lindqvist.jobs.personio.de/job/1480213?language=de&display=en", "personio", "1480213"),
        (
            "https://tallgrass.wd1.myworkdayjobs.com/en-US/Tallgrass_Careers/job/Remote-USA/Staff-Data-Engineer_JR100442-1",
            "workday",
            "JR100442-1",
        ),
        ("https://sawtoothsupply.bamboohr.com/careers/57", "bamboohr", "57"),
        ("https://fjordvik.teamtailor.com/jobs/7311402-account-manager-nordics", "teamtailor", "7311402"),
        (
            "https://jobs.smartrecruiters.com/OrsolaMedical/744000041234567-embedded-software-engineer",
            "smartrecruiters",
            "744000041234567",
        ),
    ],
)
def test_import_url_knows_each_new_board(
    board_home: Path, loopback: Loopback, cli: Any, url: str, source: str, job_id: str
) -> None:
    serve_company_boards(loopback)
    done = cli("import", "url", url)
    assert done.code == 0, done.err
    job = json.loads(cli("jobs", "show", done.out.strip(), "--json").out)
    assert (job["source"], job["sourceJobId"]) == (source, job_id)
    assert job["jobDescription"] and job["title"]
