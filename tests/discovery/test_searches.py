"""Searches across employers (tests/fixtures/boards, each provider's real response shape) served
from 127.0.0.1, and python-jobspy's sites through a fake at its API boundary: fields, attribution
links, keys from environment variables (never in errors), local query matching, and that a search
never expires a job."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from jobber_tui.core.discovery.discover import configured_searches, discover
from jobber_tui.core.workspace import open_workspace

from . import fake_jobspy
from .board_server import Loopback, Reply

BOARDS = Path(__file__).resolve().parent.parent / "fixtures" / "boards"
ROUTES = {
    "/jobs/api/search": "himalayas_search.json",
    "/api": "remoteok_api.json",
    "/api/job-board-api": "arbeitnow_page1.json",
    "/api/v1/search_by_date": "hn_search.json",
    "/api/v1/items/43010000": "hn_thread.json",
    "/v1/api/jobs/gb/search/1": "adzuna_search.json",
    "/api/search": "usajobs_search.json",
    "/api/1.0/search": "reed_search.json",
}
SECRETS = {
    "ADZUNA_ID": "adz-id-7788",
    "ADZUNA_KEY": "adz-key-secret-99aa",
    "USAJOBS_KEY": "usa-key-secret-4411",
    "REED_KEY": "reed-key-secret-2266",
}


def serve_searches(loopback: Loopback) -> None:
    for path, name in ROUTES.items():
        loopback.route(path, Reply(200, (BOARDS / name).read_bytes(), {"Content-Type": "application/json"}))


def add_searches(home: Path, *tables: str) -> None:
    with (home / "config.toml").open("a") as handle:
        for table in tables:
            handle.write(f"\n[[searches]]\n{table}\n")


def _run(home: Path) -> tuple[Any, dict[tuple[str, str], dict[str, Any]]]:
    ws = open_workspace(home)
    result = discover(ws)
    jobs = {(j["source"], j["sourceJobId"]): j for j in ws.store.list_dicts()}
    ws.close()
    return result, jobs


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)


def test_every_key_less_provider(board_home: Path, loopback: Loopback) -> None:
    serve_searches(loopback)
    add_searches(
        board_home,
        'provider = "himalayas"\nquery = "python"\nlocation = "Germany"',
        'provider = "remoteok"\nquery = "go"',
        'provider = "arbeitnow"\nquery = "python"',
        'provider = "hackernews"',
    )
    result, jobs = _run(board_home)
    assert not result.errors, result.errors
    counts = {s.source: (s.fetched, s.created, s.filtered) for s in result.sources}
    assert counts == {
        "himalayas/python-germany": (3, 2, 1),
        "remoteok/go": (3, 2, 1),
        "arbeitnow/python": (3, 2, 1),
        "hackernews/all": (4, 3, 0),
    }
    assert loopback.hits("/jobs/api/search")[0].query == {"q": ["python"], "page": ["1"], "sort": ["recent"]}
    ledger = jobs[("himalayas", "https://himalayas.app/companies/ledgerloop/jobs/senior-python-developer")]
    assert ledger["jobUrl"] == "https://himalayas.app/companies/ledgerloop/jobs/senior-python-developer"
    assert ledger["applicationUrl"].endswith("/apply") and ledger["isRemote"] is True
    assert ledger["location"] == "Germany; Netherlands" and ledger["employer"] == "Ledgerloop"
    assert (ledger["salaryMin"], ledger["salaryMax"], ledger["salaryCurrency"], ledger["salaryPeriod"]) == (
        95000,
        130000,
        "EUR",
        None,
    )  # Himalayas does not say per what: none assumed
    assert (
        jobs[("himalayas", "https://himalayas.app/companies/cirrus-atlas/jobs/python-data-engineer")]["location"]
        == "Worldwide"
    )  # open to anywhere, so open to Germany; Argentina/Chile only is filtered out
    go = jobs[("remoteok", "1100234")]
    assert go["jobUrl"].startswith("https://remoteOK.com/remote-jobs/")
    assert go["salary"] == "USD 120,000–160,000 per year"
    assert ("remoteok", "1100240") not in jobs  # "Marketing Lead" has no "go"
    assert jobs[("remoteok", "1100251")]["salary"] is None  # no salary, not "0"
    berlin = jobs[("arbeitnow", "backend-entwickler-python-berlin-heidelkamp-294817")]
    assert berlin["isRemote"] is False and berlin["jobUrl"].startswith("https://www.arbeitnow.com/jobs/")


def test_hacker_news_one_job_per_top_level_comment(board_home: Path, loopback: Loopback) -> None:
    serve_searches(loopback)
    add_searches(board_home, 'provider = "hackernews"')
    result, jobs = _run(board_home)
    assert loopback.hits("/api/v1/items/43010000")  # "Who is hiring?", not "Who wants to be hired?"
    assert result.sources[0].invalid == 1  # the question that is no job ad; the deleted comment is skipped
    marrow = jobs[("hackernews", "43010101")]
    assert (marrow["employer"], marrow["title"], marrow["location"], marrow["isRemote"]) == (
        "Marrowbone Labs",
        "Senior Backend Engineer",
        "Lisbon, Portugal; REMOTE (EU)",
        True,
    )
    assert marrow["applicationUrl"] == "https://marrowbone.example/jobs"
    assert marrow["jobUrl"] == "https://news.ycombinator.com/item?id=43010101"
    assert (marrow["salaryMin"], marrow["salaryMax"], marrow["salaryCurrency"]) == (70000, 95000, "EUR")
    assert 'Email jobs@marrowbone.example with "HN"' in marrow["jobDescription"]
    assert "Do you sponsor visas" not in marrow["jobDescription"]  # a reply is not part of the ad
    quill = jobs[("hackernews", "43010102")]
    assert (quill["employer"], quill["title"], quill["location"], quill["isRemote"]) == (
        "Quillfeather",
        "Founding Frontend Engineer",
        "San Francisco, CA",
        False,
    )
    tamsin = jobs[("hackernews", "43010104")]
    assert tamsin["employer"] == "Tamsin Robotics" and tamsin["isRemote"] is True
    assert tamsin["title"].startswith("Multiple roles") and "ロボット" in tamsin["jobDescription"]
    assert tamsin["applicationUrl"] == "https://tamsin.example/jobs"


def test_key_based_providers_send_keys_that_never_show(
    board_home: Path, loopback: Loopback, keys: None, cli: Any
) -> None:
    serve_searches(loopback)
    add_searches(
        board_home,
        'provider = "adzuna"\nquery = "python"\nlocation = "Leeds"\ncountry = "gb"\n'
        'app_id_env = "ADZUNA_ID"\napi_key_env = "ADZUNA_KEY"\nmax_results = 50',
        'provider = "usajobs"\nquery = "it specialist"\nlocation = "Denver"\napi_key_env = "USAJOBS_KEY"\n'
        'email = "pat.example@example.org"',
        'provider = "reed"\nquery = "python"\napi_key_env = "REED_KEY"',
    )
    result, jobs = _run(board_home)
    assert not result.errors, result.errors
    adzuna = loopback.hits("/v1/api/jobs/gb/search/1")[0].query
    assert adzuna["app_id"] == ["adz-id-7788"] and adzuna["app_key"] == ["adz-key-secret-99aa"]
    assert adzuna["what"] == ["python"] and adzuna["where"] == ["Leeds"]
    usa = loopback.hits("/api/search")[0]
    assert usa.headers["authorization-key"] == "usa-key-secret-4411"
    assert usa.headers["user-agent"] == "pat.example@example.org"
    reed = loopback.hits("/api/1.0/search")[0]
    assert reed.headers["authorization"] == "Basic " + base64.b64encode(b"reed-key-secret-2266:").decode()
    thistle = jobs[("adzuna", "4890012345")]
    assert thistle["title"] == "Senior Python Developer"  # Adzuna's <strong> highlights gone
    assert thistle["jobUrl"].startswith("https://www.adzuna.co.uk/jobs/land/ad/4890012345")
    assert (thistle["salaryMin"], thistle["salaryCurrency"], thistle["salaryPeriod"]) == (65000, "GBP", None)
    assert jobs[("adzuna", "4890099999")]["salary"] is None  # Adzuna's estimate is not the employer's pay
    infosec = jobs[("usajobs", "834512700")]
    assert infosec["employer"] == "Bureau of Example Lands" and infosec["deadline"] == "2026-03-10"
    assert (infosec["salaryMin"], infosec["salaryMax"], infosec["salaryPeriod"]) == (89122, 115854, "year")
    assert "- Leads incident response <drills>." in infosec["jobDescription"]
    science = jobs[("usajobs", "834519911")]
    assert science["isRemote"] is True and science["salaryPeriod"] == "hour"
    assert science["location"].startswith("Anywhere in the U.S.")
    fintech = jobs[("reed", "52012345")]
    assert (fintech["datePosted"], fintech["deadline"], fintech["salaryCurrency"]) == (
        "2026-02-25",
        "2026-04-08",
        "GBP",
    )
    assert jobs[("reed", "52019876")]["isRemote"] is True
    logs = "".join(p.read_text() for p in (board_home / "logs").glob("*") if p.is_file())
    shown = cli("searches", "list", "--json").out + logs
    assert not any(secret in shown for secret in SECRETS.values())


def test_a_missing_key_is_said_and_nothing_is_sent(
    board_home: Path, loopback: Loopback, keys: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_searches(loopback)
    monkeypatch.delenv("REED_KEY")
    add_searches(board_home, 'provider = "reed"\nquery = "python"\napi_key_env = "REED_KEY"')
    result, _ = _run(board_home)
    assert result.errors[0]["message"] == ("reed/python: the environment variable REED_KEY (api_key_env) is not set")
    assert not loopback.hits("/api/1.0/search")


def test_a_failing_key_is_one_clear_error_without_the_key(board_home: Path, loopback: Loopback, keys: None) -> None:
    loopback.route("/v1/api/jobs/gb/search/1", Reply(401, b'{"exception": "AUTH_FAIL"}'))
    add_searches(
        board_home,
        'provider = "adzuna"\nquery = "python"\ncountry = "gb"\napp_id_env = "ADZUNA_ID"\napi_key_env = "ADZUNA_KEY"',
    )
    result, _ = _run(board_home)
    message = result.errors[0]["message"]
    assert "HTTP 401" in message and "adz-key-secret-99aa" not in message and "adz-id-7788" not in message


def test_a_search_never_expires_what_it_stopped_showing(board_home: Path, loopback: Loopback) -> None:
    serve_searches(loopback)
    add_searches(board_home, 'provider = "remoteok"\nquery = "go"')
    _run(board_home)
    loopback.route("/api", Reply(200, json.dumps([{"legal": "terms"}]).encode(), {"Content-Type": "application/json"}))
    result, jobs = _run(board_home)
    assert result.sources[0].expired == 0
    assert {j["status"] for j in jobs.values()} == {"discovered"} and len(jobs) == 2


def test_filters_and_the_cap_of_new_jobs(board_home: Path, loopback: Loopback) -> None:
    serve_searches(loopback)
    add_searches(
        board_home,
        'provider = "arbeitnow"\nexclude_keywords = ["sales"]\nlocations = ["Berlin", "remote"]\nmax_new = 1',
    )
    result, jobs = _run(board_home)
    counts = result.sources[0]
    assert (counts.fetched, counts.filtered, counts.created, counts.capped) == (3, 1, 1, 1)
    assert list(jobs) == [("arbeitnow", "backend-entwickler-python-berlin-heidelkamp-294817")]
    result, jobs = _run(board_home)  # the next run takes the one the cap left out
    assert result.sources[0].created == 1 and len(jobs) == 2


def test_jobspy_sites_through_the_fake(board_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_jobspy.make_module()
    monkeypatch.setitem(sys.modules, "jobspy", fake)
    add_searches(
        board_home,
        'provider = "linkedin"\nquery = "platform engineer"\nlocation = "Berlin"\nmax_results = 25',
        'provider = "indeed"\nquery = "backend"\nlocation = "Austin, TX"\ncountry = "usa"\nremote_only = true',
    )
    result, jobs = _run(board_home)
    assert not result.errors
    linkedin, indeed = fake.calls
    assert linkedin["site_name"] == ["linkedin"] and linkedin["search_term"] == "platform engineer"
    assert linkedin["results_wanted"] == 25 and linkedin["location"] == "Berlin" and not linkedin["is_remote"]
    assert indeed["site_name"] == ["indeed"] and indeed["country_indeed"] == "usa" and indeed["is_remote"] is True
    bracken = jobs[("linkedin", "li-4012345678")]
    assert bracken["jobUrl"] == "https://www.linkedin.com/jobs/view/4012345678"
    assert bracken["applicationUrl"] == "https://careers.brackenfold.example/jobs/812"
    assert (bracken["salaryMin"], bracken["salaryCurrency"], bracken["salaryPeriod"]) == (72000, "EUR", "year")
    assert bracken["datePosted"] == "2026-02-27" and "- Go" in bracken["jobDescription"]
    oak = jobs[("linkedin", "li-4012399999")]
    assert oak["salary"] is None and oak["isRemote"] is True  # NaN amounts are no pay
    assert result.sources[0].invalid == 1  # the row without a company
    assert ("indeed", "in-5b2c9d1e0f3a4b6c") not in jobs  # on-site, and the search wants remote only


def test_jobspy_missing_or_failing_is_one_line(board_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_searches(board_home, 'provider = "glassdoor"\nquery = "designer"', 'provider = "linkedin"\nquery = "go"')
    monkeypatch.setitem(sys.modules, "jobspy", None)  # not installed
    result, _ = _run(board_home)
    assert [e["message"] for e in result.errors] == [
        "glassdoor/designer: needs python-jobspy, an optional extra: pip install 'jobber-tui[jobspy]'",
        "linkedin/go: needs python-jobspy, an optional extra: pip install 'jobber-tui[jobspy]'",
    ]
    monkeypatch.setitem(sys.modules, "jobspy", fake_jobspy.make_module(errors={"glassdoor": "403 Forbidden"}))
    result, _ = _run(board_home)
    assert [e["message"] for e in result.errors] == ["glassdoor/designer: glassdoor: 403 Forbidden"]


def test_searches_are_read_from_config_with_their_labels(board_home: Path) -> None:
    add_searches(
        board_home,
        'provider = "himalayas"\nquery = "Data Engineer"\nlocation = "São Paulo"',
        'provider = "remoteok"\nname = "go-jobs"\nquery = "go"',
    )
    ws = open_workspace(board_home)
    labels = [s.label for s in configured_searches(ws)]
    ws.close()
    assert labels == ["himalayas/data-engineer-sao-paulo", "remoteok/go-jobs"]
