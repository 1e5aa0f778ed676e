"""`jobber import url`: ATS links through their APIs, JSON-LD pages, plain pages, and pages with nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jobber_tui.core.discovery.sources.json_ld import job_postings
from jobber_tui.core.discovery.sources.url_import import recognise

from .board_server import FIXTURES, Loopback, Reply

GREENHOUSE = json.loads((FIXTURES / "greenhouse_jobs.json").read_text())


def _show(cli: Any, job_id: str) -> dict[str, Any]:
    result = cli("jobs", "show", job_id, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_ats_links_are_recognised() -> None:
    assert recognise("https://boards.greenhouse.io/acme/jobs/4001001?gh_jid=1").job_id == "4001001"
    assert recognise("https://job-boards.greenhouse.io/acme/jobs/4001001").board == "acme"
    assert recognise("https://jobs.lever.co/globex/5ac21346-8e0c-4494-8e7a-3eb92ff77902/apply").kind == "lever"
    assert recognise("https://jobs.ashbyhq.com/initech/0f6c1c1e-5d9b-4a57-9c1a-6f7d2f0a0001").kind == "ashby"
    assert recognise("https://apply.workable.com/umbrella/j/A1B2C3D4E5/").job_id == "A1B2C3D4E5"
    assert recognise("https://hooli.recruitee.com/o/golang-developer").job_id == "golang-developer"
    assert recognise("https://example.com/jobs/1") is None


def test_greenhouse_link_uses_the_job_api(board_home: Path, loopback: Loopback, cli: Any) -> None:
    loopback.json("/v1/boards/acme/jobs/4001001", GREENHOUSE["jobs"][0])
    result = cli("import", "url", "https://boards.greenhouse.io/acme/jobs/4001001")
    assert result.code == 0, result.err
    job = _show(cli, result.out.strip())
    assert (job["source"], job["sourceBoard"], job["sourceJobId"]) == ("greenhouse", "acme", "4001001")
    assert job["title"] == "Senior Platform Engineer" and job["employer"] == "Acme Robotics"
    assert loopback.hits("/v1/boards/acme/jobs/4001001")
    # Importing it again is a known job, not a second copy.
    again = cli("import", "url", "https://boards.greenhouse.io/acme/jobs/4001001")
    assert again.code == 0 and again.out == "" and "job 1: unchanged" in again.err


def test_lever_workable_and_recruitee_links(board_home: Path, loopback: Loopback, cli: Any) -> None:
    lever = json.loads((FIXTURES / "lever_postings.json").read_text())[0]
    loopback.json(f"/v0/postings/globex/{lever['id']}", lever)
    widget = json.loads((FIXTURES / "workable_account.json").read_text())
    loopback.json("/api/v2/accounts/umbrella/jobs/A1B2C3D4E5", {**widget["jobs"][0], "state": "published"})
    loopback.json("/api/v1/accounts/umbrella", {"name": "Umbrella Corp"})
    offer = json.loads((FIXTURES / "recruitee_offers.json").read_text())["offers"][0]
    loopback.json("/recruitee/hooli/api/offers/golang-developer", {"offer": offer})
    ids = [
        cli("import", "url", url).out.strip()
        for url in (
            f"https://jobs.lever.co/globex/{lever['id']}",
            "https://apply.workable.com/umbrella/j/A1B2C3D4E5",
            "https://hooli.recruitee.com/o/golang-developer",
        )
    ]
    titles = [_show(cli, i)["title"] for i in ids]
    assert titles == ["Site Reliability Engineer", "DevOps Engineer", "Golang Developer"]


def test_ats_link_to_a_closed_job_is_a_clear_error(board_home: Path, loopback: Loopback, cli: Any) -> None:
    result = cli("import", "url", "https://apply.workable.com/umbrella/j/GONE123")  # the API answers 404
    assert result.code == 1
    assert "workable/umbrella: job GONE123 is not on the board" in result.err


def test_json_ld_in_a_graph_with_a_type_list_and_escaped_html(board_home: Path, loopback: Loopback, cli: Any) -> None:
    loopback.fixture("/careers/platform", "jsonld_graph.html")
    result = cli("import", "url", f"{loopback.url}/careers/platform")
    assert result.code == 0, result.err
    job = _show(cli, result.out.strip())
    assert job["title"] == "Platform Engineer & SRE" and job["employer"] == "Vandelay Industries"
    assert job["jobDescription"] == "Run **Kubernetes** and Terraform on AWS with Go.\n\n- On-call"
    assert job["location"] == "Austin, TX, US" and job["isRemote"] is True
    assert job["salary"] == "USD 140,000–170,000 per year"
    assert (job["datePosted"], job["deadline"]) == ("2026-01-15", "2026-02-28")
    assert (job["source"], job["sourceBoard"], job["sourceJobId"]) == ("url", "127.0.0.1", "VAN-42")
    assert job["jobUrl"] == f"{loopback.url}/careers/platform"


def test_json_ld_variants() -> None:
    top_list = (
        '<script type="application/ld+json">[{"@type": "Organization"}, {"@type": "JobPosting", "title": "A"}]</script>'
    )
    nested = (
        '<script type=application/ld+json>{"@type": "WebPage", '
        '"mainEntity": {"@type": "http://schema.org/JobPosting", "title": "B"}}</script>'
    )
    broken = '<script type="application/ld+json">{not json</script>'
    assert [p["title"] for p in job_postings(top_list + nested + broken)] == ["A", "B"]


def test_page_without_json_ld_gives_its_main_text(board_home: Path, loopback: Loopback, cli: Any) -> None:
    loopback.fixture("/jobs/data", "plain_job_page.html")
    result = cli("import", "url", f"{loopback.url}/jobs/data")
    assert result.code == 0, result.err
    job = _show(cli, result.out.strip())
    assert job["title"] == "Senior Data Engineer" and job["employer"] == "Wayne Enterprises"
    assert job["jobDescription"].startswith("# Senior Data Engineer\n\nWayne Enterprises is looking for")
    assert "- Build pipelines with Python, Spark and Airflow" in job["jobDescription"]
    assert "All jobs" not in job["jobDescription"] and "©" not in job["jobDescription"]


def test_page_with_nothing_usable_offers_to_paste(board_home: Path, loopback: Loopback, cli: Any) -> None:
    loopback.fixture("/app", "empty_page.html")
    result = cli("import", "url", f"{loopback.url}/app")
    assert result.code == 1
    assert "no job posting found" in result.err and "jobber jobs add --data" in result.err
    assert cli("jobs", "list", "--json").json() == []


def test_unreachable_and_invalid_urls(board_home: Path, loopback: Loopback, cli: Any) -> None:
    loopback.route("/gone", Reply(410, b"gone"))
    assert cli("import", "url", f"{loopback.url}/gone").code == 1
    bad = cli("import", "url", "ftp://example.com/job")
    assert bad.code == 2 and "not an http(s) URL" in bad.err


BOARDS = FIXTURES.parent / "boards"


def _serve_file(loopback: Loopback, path: str, name: str, *, wrap: str | None = None) -> None:
    data = json.loads((BOARDS / name).read_text())
    loopback.json(path, {wrap: data} if wrap else data)


def test_every_posting_url_form_is_recognised() -> None:
    forms = {
        "https://apply.workable.com/j/5C6D7E8F90": ("workable", None, "5C6D7E8F90"),
        "https://apply.workable.com/j/5C6D7E8F90/apply": ("workable", None, "5C6D7E8F90"),
        "https://apply.workable.com/kestrel-analytics/j/5C6D7E8F90/": ("workable", "kestrel-analytics", "5C6D7E8F90"),
        "https://kestrel-analytics.workable.com/jobs/5C6D7E8F90": ("workable", "kestrel-analytics", "5C6D7E8F90"),
        "https://jobs.lever.co/quillon/3f2b7c1e-9a41-4c8e-b1d2-6a7e5f4c3b21/apply": (
            "lever",
            "quillon",
            "3f2b7c1e-9a41-4c8e-b1d2-6a7e5f4c3b21",
        ),
        "https://jobs.ashbyhq.com/northwind-labs/5b1e7c2d-3f4a-4b6c-9d8e-1a2b3c4d5e6f/application": (
            "ashby",
            "northwind-labs",
            "5b1e7c2d-3f4a-4b6c-9d8e-1a2b3c4d5e6f",
        ),
        "https://job-boards.greenhouse.io/nimbusfreight/jobs/7104003?gh_src=abc": (
            "greenhouse",
            "nimbusfreight",
            "7104003",
        ),
        "https://boards.greenhouse.io/embed/job_app?for=nimbusfreight&token=7104003": (
            "greenhouse",
            "nimbusfreight",
            "7104003",
        ),
        "https://job-boards.greenhouse.io/embed/job_app?token=7104003&for=nimbusfreight": (
            "greenhouse",
            "nimbusfreight",
            "7104003",
        ),
        "https://tamarmobility.recruitee.com/o/fleet-mechanic-lisbon/c/new": (
            "recruitee",
            "tamarmobility",
            "fleet-mechanic-lisbon",
        ),
    }
    for url, expected in forms.items():
        link = recognise(url)
        assert link is not None and (link.kind, link.board, link.job_id) == expected, url
    eu = recognise("https://job-boards.eu.greenhouse.io/nimbusfreight/jobs/7104003")
    assert eu is not None and eu.base_url == "https://boards-api.eu.greenhouse.io"
    eu = recognise("https://jobs.eu.lever.co/quillon/3f2b7c1e-9a41-4c8e-b1d2-6a7e5f4c3b21")
    assert eu is not None and eu.base_url == "https://api.eu.lever.co"
    assert recognise("https://www.workable.com/pricing") is None


def test_workable_short_link_finds_its_account_and_reads_only_that_posting(
    board_home: Path, loopback: Loopback, cli: Any
) -> None:
    """The URL form Workable's API returns, and so the jobUrl Jobber stores (it once gave a 404 on "apply")."""
    loopback.route("/j/5C6D7E8F90", Reply(301, b"", {"Location": "/kestrel-analytics/j/5C6D7E8F90/"}))
    _serve_file(loopback, "/api/v2/accounts/kestrel-analytics/jobs/5C6D7E8F90", "workable_job_v2.json")
    _serve_file(loopback, "/api/v1/accounts/kestrel-analytics", "workable_account_v1.json")
    result = cli("import", "url", "https://apply.workable.com/j/5C6D7E8F90")
    assert result.code == 0, result.err
    job = _show(cli, result.out.strip())
    assert (job["source"], job["sourceBoard"], job["sourceJobId"]) == ("workable", "kestrel-analytics", "5C6D7E8F90")
    assert (job["title"], job["employer"], job["location"], job["isRemote"]) == (
        "Analytics Engineer",
        "Kestrel Analytics",
        "Athens, Attica, Greece",
        True,
    )
    assert job["jobUrl"] == "https://apply.workable.com/j/5C6D7E8F90" and job["datePosted"] == "2026-02-02"
    assert job["jobDescription"] == (
        "Model claims data in **dbt**.\n\n### Requirements\n\n- SQL\n- dbt\n\n### Benefits\n\n- Remote stipend"
    )
    assert not loopback.hits("/api/v1/widget/accounts/kestrel-analytics")  # the whole board was never read
    again = cli("import", "url", "https://apply.workable.com/kestrel-analytics/j/5C6D7E8F90/apply")
    assert again.code == 0 and again.out == "" and "job 1: unchanged" in again.err


def test_a_short_link_that_leads_nowhere_is_a_clear_error(board_home: Path, loopback: Loopback, cli: Any) -> None:
    result = cli("import", "url", "https://apply.workable.com/j/CLOSED0001")  # 404, no redirect
    assert result.code == 1 and "does not lead to an account's posting" in result.err


def test_recruitee_lever_greenhouse_and_ashby_links_read_their_posting(
    board_home: Path, loopback: Loopback, cli: Any
) -> None:
    _serve_file(loopback, "/recruitee/tamarmobility/api/offers/fleet-mechanic-lisbon", "recruitee_offer.json")
    lever = json.loads((BOARDS / "lever_postings.json").read_text())[1]
    loopback.json(f"/v0/postings/quillon/{lever['id']}", lever)
    greenhouse = json.loads((BOARDS / "greenhouse_board.json").read_text())["jobs"][2]
    loopback.json("/v1/boards/nimbusfreight/jobs/7104003", greenhouse)
    _serve_file(loopback, "/posting-api/job-board/northwind-labs", "ashby_board.json")
    urls = [
        "https://tamarmobility.recruitee.com/o/fleet-mechanic-lisbon/c/new",
        f"https://jobs.lever.co/quillon/{lever['id']}/apply",
        "https://boards.greenhouse.io/embed/job_app?for=nimbusfreight&token=7104003",
        "https://jobs.ashbyhq.com/northwind-labs/5b1e7c2d-3f4a-4b6c-9d8e-1a2b3c4d5e6f/application",
    ]
    jobs = []
    for url in urls:
        result = cli("import", "url", url)
        assert result.code == 0, (url, result.err)
        jobs.append(_show(cli, result.out.strip()))
    assert [(j["title"], j["salaryMin"], j["salaryCurrency"]) for j in jobs] == [
        ("Fleet Mechanic", 1400, "EUR"),
        ("Support Engineer (part-time)", 24, "EUR"),
        ("Billing Engineer", 98000, "CAD"),
        ("Senior Backend Engineer", 70000, "EUR"),
    ]
    assert not loopback.hits("/recruitee/tamarmobility/api/offers/")  # one offer, not the list
    assert loopback.hits("/v1/boards/nimbusfreight/jobs/7104003")[0].query == {"pay_transparency": ["true"]}


def test_json_ld_deadline_pay_and_remote(board_home: Path, loopback: Loopback, cli: Any) -> None:
    loopback.route(
        "/careers/sre", Reply(200, (BOARDS / "jsonld_posting.html").read_bytes(), {"Content-Type": "text/html"})
    )
    result = cli("import", "url", f"{loopback.url}/careers/sre")
    assert result.code == 0, result.err
    job = _show(cli, result.out.strip())
    assert (job["title"], job["employer"], job["sourceJobId"]) == (
        "Site Reliability Engineer",
        "Larkspur Energy",
        "LE-2291",
    )
    assert (job["deadline"], job["datePosted"]) == ("2099-03-31", "2026-02-14")  # validThrough, a date-time
    assert (job["salary"], job["salaryMin"], job["salaryMax"], job["salaryPeriod"]) == (
        "EUR 65,000–80,000 per year",
        65000,
        80000,
        "year",
    )
    assert (job["location"], job["isRemote"]) == ("Remote (Ireland)", True)
    assert job["jobDescription"] == "Keep our grid-balancing platform up.\n\n- Kubernetes\n- Terraform"
