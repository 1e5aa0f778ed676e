"""The scriptable CLI: add, list, show, patch, moves and exit codes, as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import CliResult, run_process

Cli = Callable[..., CliResult]


def test_add_list_show_round_trip(cli: Cli, add_job: Callable[..., int]) -> None:
    job_id = add_job(jobUrl="https://jobs.example.com/1", deadline="2030-01-31", location="Berlin")
    listed = cli("jobs", "list", "--json").json()
    assert [j["id"] for j in listed] == [job_id]
    assert listed[0]["status"] == "discovered" and listed[0]["deadline"] == "2030-01-31"
    shown = cli("jobs", "show", str(job_id), "--json").json()
    assert shown["location"] == "Berlin"
    assert [e["kind"] for e in shown["events"]] == ["created"]
    table = cli("jobs", "list").out
    assert "Backend Engineer" in table and "discovered" in table


def test_duplicate_job_url_is_reported_as_skipped(cli: Cli, add_job: Callable[..., int]) -> None:
    add_job(jobUrl="https://jobs.example.com/1")
    again = cli(
        "jobs", "add", "--data", json.dumps({"title": "X", "employer": "Y", "jobUrl": "https://jobs.example.com/1"})
    )
    assert again.code == 0
    assert "skipped item 1: duplicate jobUrl" in again.err
    assert again.out == "added no job, 1 duplicate skipped\n"
    assert len(cli("jobs", "list", "--json").json()) == 1


def test_moves_from_the_cli(cli: Cli, add_job: Callable[..., int]) -> None:
    job_id = str(add_job())
    assert cli("jobs", "skip", job_id).code == 0
    assert cli("jobs", "apply", job_id).code == 2  # skipped -> applied is not a move
    assert cli("jobs", "reopen", job_id).code == 0
    assert cli("jobs", "apply", job_id).code == 0
    refused = cli("jobs", "skip", job_id)
    assert refused.code == 2
    assert refused.err.strip() == (
        f"jobber: error: cannot move job {job_id} from applied to skipped; allowed from applied: discovered"
    )
    assert cli("jobs", "show", job_id, "--json").json()["status"] == "applied"


def test_patch_string_and_list_forms(cli: Cli, add_job: Callable[..., int]) -> None:
    job_id = str(add_job())
    skills = '[{"name":"Backend","keywords":["TypeScript"]}]'
    assert (
        cli(
            "jobs", "patch", job_id, "--data", json.dumps({"tailoredSkills": skills, "selectedProjectIds": "p1, p2,p1"})
        ).code
        == 0
    )
    job = cli("jobs", "show", job_id, "--json").json()
    assert job["tailoredSkills"] == [{"name": "Backend", "keywords": ["TypeScript"]}]
    assert job["selectedProjectIds"] == ["p1", "p2"]
    assert (
        cli(
            "jobs",
            "patch",
            job_id,
            "--data",
            json.dumps(
                {
                    "tailoredSkills": [{"name": "Data", "keywords": ["SQL", "dbt"]}],
                    "selectedProjectIds": ["p3"],
                    "tailoredHeadline": "Data Engineer",
                    "deadline": "2031-05-01",
                }
            ),
        ).code
        == 0
    )
    job = cli("jobs", "show", job_id, "--json").json()
    assert job["tailoredSkills"] == [{"name": "Data", "keywords": ["SQL", "dbt"]}]
    assert job["selectedProjectIds"] == ["p3"] and job["tailoredHeadline"] == "Data Engineer"
    patched = [e["detail"] for e in job["events"] if e["kind"] == "patched"]
    assert patched[-1] == "fields: tailoredSkills, selectedProjectIds, tailoredHeadline, deadline"


def test_patch_refuses_bad_input_and_applies_nothing(cli: Cli, add_job: Callable[..., int]) -> None:
    job_id = str(add_job())
    before = cli("jobs", "show", job_id, "--json").json()
    cases = {
        '{"title": "New", "bogus": 1}': "unknown key 'bogus'",
        '{"title": "New", "deadline": "next friday"}': "deadline: expected a date",
        '{"title": "New", "tailoredSkills": "[{\\"name\\": 3}]"}': "tailoredSkills[0]",
        '{"title": "New", "tailoredSkills": "[not json"}': "tailoredSkills: not valid JSON",
        '{"title": "New", "selectedProjectIds": 5}': "selectedProjectIds",
        '{"title": "New", "status": "processing"}': "processing is set only by",
        '{"title": "New", "status": "ready"}': "allowed from discovered",
        '{"title": ""}': "title: must not be empty",
        '{"title": "New", "jobUrl": "ftp://x"}': "jobUrl: expected an http(s) URL",
        '{"title": "New",': "malformed JSON",
        "[1, 2]": "patch takes one JSON object",
    }
    for payload, message in cases.items():
        result = cli("jobs", "patch", job_id, "--data", payload)
        assert result.code == 2, payload
        assert message in result.err, (payload, result.err)
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
    after = cli("jobs", "show", job_id, "--json").json()
    assert after == before


def test_patch_status_reopens_skipped(cli: Cli, add_job: Callable[..., int]) -> None:
    job_id = str(add_job())
    cli("jobs", "skip", job_id)
    assert cli("jobs", "patch", job_id, "--data", '{"status": "discovered", "salary": "$1"}').code == 0
    job = cli("jobs", "show", job_id, "--json").json()
    assert (job["status"], job["salary"]) == ("discovered", "$1")


def test_exit_codes_for_bad_usage(cli: Cli) -> None:
    assert cli("jobs", "show", "42").code == 2
    assert cli("jobs", "show", "abc").code == 2
    assert cli("jobs", "list", "--status", "pending").code == 2
    result = cli("jobs", "frobnicate")
    assert result.code == 2 and "Traceback" not in result.err
    huge = "9" * 25  # beyond SQLite's integers: one clear line, not an internal error
    for args in (("jobs", "show", huge), ("pipeline", "runs", "--limit", huge), ("jobs", "score", huge)):
        result = cli(*args)
        assert result.code == 2 and "internal error" not in result.err, (args, result.err)


def test_unknown_option_in_a_real_process(home: Path) -> None:
    proc = run_process("jobs", "list", "--colour", home=home)
    assert proc.returncode == 2
    assert proc.stderr.startswith("jobber: error: unrecognized arguments: --colour")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_debug_shows_traceback(home: Path) -> None:
    proc = run_process("--debug", "jobs", "show", "5", home=home)
    assert proc.returncode != 0 and "Traceback" in proc.stderr


def test_list_json_matches_the_python_shape(cli: Cli, add_job: Callable[..., int]) -> None:
    """The SQLite-built JSON of `list --json` equals the dicts the rest of the code uses."""
    from jobber_tui.core.workspace import open_workspace

    add_job(
        title="Ünïcode “quotes” \\ back",
        isRemote=True,
        tailoredSkills=[{"name": "Go", "keywords": ["gRPC"]}],
        selectedProjectIds=["a", "b"],
        suitabilityScore=77,
    )
    add_job(title="Plain", jobUrl="https://jobs.example.com/2")
    cli("jobs", "skip", "2")
    listed = cli("jobs", "list", "--json").json()
    ws = open_workspace(None)
    assert listed == ws.store.list_dicts()
    assert listed[0]["isRemote"] is True and listed[1]["isRemote"] is False
    assert cli("jobs", "list", "--status", "skipped", "--json").json() == ws.store.list_dicts(
        __import__("jobber_tui.core.jobs.states", fromlist=["JobStatus"]).JobStatus.SKIPPED
    )
    assert cli("jobs", "list", "--status", "ready", "--json").json() == []


def test_add_refuses_a_source_job_id_that_is_not_text_or_a_number(cli: Cli) -> None:
    for bad in ('{"a": 1}', "[1]", "true"):
        result = cli("jobs", "add", "--ids", "--data", f'{{"title": "T", "employer": "E", "sourceJobId": {bad}}}')
        assert result.code == 2 and "sourceJobId: expected" in result.err, (bad, result.err)
    assert cli("jobs", "add", "--ids", "--data", '{"title": "T", "employer": "E", "sourceJobId": 4001}').code == 0
    assert cli("jobs", "list", "--json").json()[0]["sourceJobId"] == "4001"


def test_reopening_an_expired_job_needs_a_live_deadline(cli: Cli) -> None:
    cli("jobs", "add", "--ids", "--data", '{"title": "Old", "employer": "Acme", "deadline": "2001-01-01"}')
    cli("jobs", "expire")
    refused = cli("jobs", "reopen", "1")
    assert refused.code == 2 and "deadline 2001-01-01 has passed" in refused.err
    assert cli("jobs", "show", "1", "--json").json()["status"] == "expired"
    extended = cli("jobs", "patch", "1", "--data", '{"status": "discovered", "deadline": "2999-01-01"}')
    assert extended.code == 0, extended.err
    cli("jobs", "list")  # a new start: the sweep must not expire it again
    assert cli("jobs", "show", "1", "--json").json()["status"] == "discovered"


def test_a_job_being_processed_cannot_be_patched(cli: Cli, add_job: Callable[..., int]) -> None:
    from jobber_tui.core.jobs.states import JobStatus
    from jobber_tui.core.workspace import open_workspace

    job_id = add_job()
    ws = open_workspace(None)
    ws.store.move(job_id, JobStatus.PROCESSING, by_user=False)
    result = cli("jobs", "patch", str(job_id), "--data", '{"tailoredHeadline": "Mine"}')
    assert result.code == 2 and "is being processed" in result.err
    assert ws.store.get(job_id).tailored_headline is None
