"""Scoring with a model (`jobs score`, and the pipeline's score step) over a real loopback server."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import CliResult

from .chat_server import ChatServer, Reply, running_chat_server

Cli = Callable[..., CliResult]
DEMO_RESUME = Path(__file__).resolve().parents[2] / "jobber_tui" / "demo" / "resume.json"


@pytest.fixture
def served(home: Path) -> Iterator[ChatServer]:
    with running_chat_server() as (server, url):
        home.mkdir(parents=True)
        shutil.copyfile(DEMO_RESUME, home / "resume.json")
        (home / "config.toml").write_text(
            f'[llm]\nbase_url = "{url}"\nmodel = "m"\nretries = 0\n[llm.models]\nscoring = "scorer"\n'
        )
        yield server


def _add(cli: Cli, count: int) -> list[str]:
    jobs = [
        {"title": f"Platform Engineer {i}", "employer": f"Co {i}", "jobDescription": "Kubernetes Go AWS"}
        for i in range(count)
    ]
    return cli("jobs", "add", "--ids", "--data", json.dumps(jobs)).out.split()


def test_model_scores_with_reason_and_skills(cli: Cli, served: ChatServer) -> None:
    [job_id] = _add(cli, 1)
    served.script = [
        Reply(
            content=json.dumps(
                {
                    "score": 87,
                    "reason": "Strong Kubernetes match",
                    "matchedSkills": ["Kubernetes", "Go"],
                    "missingSkills": ["Rust"],
                }
            )
        )
    ]
    assert cli("jobs", "score", job_id).code == 0
    job = cli("jobs", "show", job_id, "--json").json()
    assert job["suitabilityScore"] == 87
    assert job["suitabilityReason"] == "model: Strong Kubernetes match · matched: Kubernetes, Go · missing: Rust"
    assert served.requests[0]["model"] == "scorer"
    assert b"alex.rivera@example.com" not in served.raw_bodies[0]
    messages = served.requests[0]["messages"]
    assert [m["role"] for m in messages] == ["system", "user"]  # instructions first, never after the user
    assert "Answer with one JSON object" in messages[0]["content"]
    facts = messages[1]["content"].split("<<<JOB\n", 1)[1].split("\nJOB>>>", 1)[0]
    assert facts.startswith("Title: Platform Engineer 0\nEmployer: Co 0\n")


def test_failing_model_keeps_deterministic_scores_and_stops_asking(cli: Cli, served: ChatServer) -> None:
    ids = _add(cli, 4)
    served.default = lambda body: Reply(status=500, body={"error": {"message": "down"}})
    result = cli("jobs", "score", *ids)
    assert result.code == 0
    assert "model scoring failed" in result.err and "HTTP 500" in result.err
    assert len(served.requests) == 2  # two failures in a row: not asked again this run
    for job_id in ids:
        job = cli("jobs", "show", job_id, "--json").json()
        assert isinstance(job["suitabilityScore"], int) and not job["suitabilityReason"].startswith("model:")


def test_invalid_score_is_repaired(cli: Cli, served: ChatServer) -> None:
    [job_id] = _add(cli, 1)
    served.script = [
        Reply(content='{"score": 140, "reason": "x", "matchedSkills": [], "missingSkills": []}'),
        Reply(content='{"score": 40, "reason": "Partial fit", "matchedSkills": [], "missingSkills": []}'),
    ]
    assert cli("jobs", "score", job_id).code == 0
    assert cli("jobs", "show", job_id, "--json").json()["suitabilityScore"] == 40
    assert "'score' must be a number from 0 to 100" in json.dumps(served.requests[1]["messages"])
