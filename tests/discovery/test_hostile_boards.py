"""Boards that send HTML in titles, huge descriptions, wrong types and dangerous URLs."""

from __future__ import annotations

from pathlib import Path

from jobber_tui.core.discovery.discover import discover
from jobber_tui.core.infra.html_text import MAX_CHARS
from jobber_tui.core.workspace import open_workspace

from .board_server import Loopback, add_sources


def _job(job_id: object, title: object, **extra: object) -> dict[str, object]:
    return {
        "id": job_id,
        "title": title,
        "absolute_url": f"https://boards.greenhouse.io/evil/jobs/{job_id}",
        "location": {"name": "Remote"},
        "content": "&lt;p&gt;ok&lt;/p&gt;",
        **extra,
    }


def test_hostile_greenhouse_board_is_tamed(board_home: Path, loopback: Loopback) -> None:
    jobs = [
        _job(1, "<script>alert(1)</script><b>Senior</b> Engineer &amp; <i>Lead</i>"),
        _job(2, "Huge", content="&lt;p&gt;" + "Go and Kubernetes. " * 20_000 + "&lt;/p&gt;"),
        _job(3, ["not", "a", "title"]),  # wrong type: skipped, counted
        _job(4, "Wrong types", location=["x"], content={"html": 1}, updated_at=12, metadata="nope"),
        _job(5, "Bad URL", absolute_url="javascript:alert(1)"),
        _job(None, "No id"),  # no id: skipped; the listing is not complete
        "not even an object",
        _job(6, "T" * 5000),
    ]
    loopback.json("/v1/boards/evil/jobs", {"jobs": jobs})
    add_sources(board_home, ("greenhouse", "evil"))
    ws = open_workspace(board_home)
    result = discover(ws)
    counts = result.sources[0]
    assert (counts.fetched, counts.created, counts.invalid, counts.error) == (8, 5, 3, None)
    stored = {job["sourceJobId"]: job for job in ws.store.list_dicts()}
    ws.close()
    assert stored["1"]["title"] == "Senior Engineer & Lead"
    assert len(stored["2"]["jobDescription"]) <= MAX_CHARS + 100
    assert stored["2"]["jobDescription"].endswith("characters]")
    assert stored["4"]["location"] is None and stored["4"]["jobDescription"] == ""
    assert stored["5"]["jobUrl"] is None
    assert len(stored["6"]["title"]) <= 200
    assert "3" not in stored


def test_a_listing_with_unidentifiable_entries_expires_nothing(board_home: Path, loopback: Loopback) -> None:
    loopback.json("/v1/boards/evil/jobs", {"jobs": [_job(1, "One"), _job(2, "Two")]})
    add_sources(board_home, ("greenhouse", "evil"))
    ws = open_workspace(board_home)
    discover(ws)
    # Job 2 is gone, but an entry without an id might be it: nothing may expire from this listing.
    loopback.json("/v1/boards/evil/jobs", {"jobs": [_job(1, "One"), _job(None, "Mystery")]})
    result = discover(ws)
    assert result.sources[0].expired == 0
    assert {j["status"] for j in ws.store.list_dicts()} == {"discovered"}
    ws.close()


def test_wrong_types_on_every_kind_never_crash(board_home: Path, loopback: Loopback) -> None:
    junk = [None, 1, "x", [], {"id": {}, "text": 5}, {"shortcode": [], "title": {}}, {"id": True, "title": True}]
    loopback.json("/v0/postings/junk", junk)
    loopback.json("/posting-api/job-board/junk", {"jobs": junk})
    loopback.json("/api/v1/widget/accounts/junk", {"jobs": junk, "name": 7})
    loopback.json("/recruitee/junk/api/offers/", {"offers": junk})
    add_sources(board_home, ("lever", "junk"), ("ashby", "junk"), ("workable", "junk"), ("recruitee", "junk"))
    ws = open_workspace(board_home)
    result = discover(ws)
    ws.close()
    assert [(s.created, s.invalid, s.error) for s in result.sources] == [(0, 7, None)] * 4


def test_terminal_control_sequences_from_a_board_never_reach_the_store(board_home: Path, loopback: Loopback) -> None:
    """An ESC in a title would let a board retitle, clear or write the clipboard of the user's terminal."""
    osc52 = "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07"
    jobs = [
        _job(
            1,
            f"Engineer{osc52}\x1b[2J",
            location={"name": "Berlin\x9b31m"},
            content=f"&lt;p&gt;Go{osc52} and\tKubernetes&lt;/p&gt;\x1b[8m",
            absolute_url="https://boards.greenhouse.io/evil/jobs/1\x1b[0m",
        )
    ]
    loopback.json("/v1/boards/evil/jobs", {"jobs": jobs})
    add_sources(board_home, ("greenhouse", "evil"))
    ws = open_workspace(board_home)
    discover(ws)
    [job] = ws.store.list_dicts()
    ws.close()
    for key in ("title", "location", "jobDescription"):
        assert not any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F for c in job[key]), key
    assert job["title"].startswith("Engineer") and job["location"].startswith("Berlin")
    assert "Go" in job["jobDescription"] and "Kubernetes" in job["jobDescription"]
    assert job["jobUrl"] is None
