"""Webhooks: whitelisted, capped payloads, HMAC signatures a receiver can verify, failures that never fail."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest

from jobber_tui.core.models import Job
from jobber_tui.core.webhooks import Webhook, deliver, job_payload, sanitize, verify

from .board_server import Loopback, Reply, add_sources, serve_all_fixtures

SECRET = "s3cret-for-tests-only"


def _hook_config(home: Path, url: str, events: str | None = None) -> None:
    with (home / "config.toml").open("a") as handle:
        handle.write(f'\n[[webhooks]]\nurl = "{url}"\nsecret_env = "JOBBER_WEBHOOK_SECRET"\ntimeout = 1\n')
        if events:
            handle.write(f"events = {events}\n")


def _received(loopback: Loopback) -> list[tuple[str, dict[str, Any], dict[str, str], bytes]]:
    hooks = loopback.hits("/hook")
    return [(h.headers["x-jobber-event"], json.loads(h.body), h.headers, h.body) for h in hooks]


def test_payload_is_a_whitelist() -> None:
    job = Job(id=7, title="Engineer", employer="Acme", status="ready", suitability_score=88, source_job_id="42",
              job_description="SECRET DESCRIPTION", tailored_summary="my summary", job_url="https://x.example/7",
              salary="lots", location="Home")
    payload = job_payload("job.ready", job)
    assert set(payload) == {"event", "sentAt", "pipelineRunId", "job"}
    assert payload["job"] == {"id": 7, "sourceJobId": "42", "title": "Engineer", "employer": "Acme",
                              "status": "ready", "suitabilityScore": 88}
    assert "SECRET" not in json.dumps(payload) and "summary" not in json.dumps(payload)


def test_sanitize_caps_depth_items_and_length() -> None:
    deep: Any = "x"
    for _ in range(10):
        deep = {"d": deep}
    capped = sanitize({"deep": deep, "long": "y" * 10_000, "many": list(range(500)), "nan": float("nan"),
                       "obj": object()})
    assert json.dumps(capped).count('"d"') <= 4
    assert len(capped["long"]) == 300 and len(capped["many"]) == 50 and capped["nan"] is None
    assert isinstance(capped["obj"], str)


def test_signature_is_verified_by_a_loopback_receiver(loopback: Loopback, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBBER_WEBHOOK_SECRET", SECRET)
    loopback.route("/hook", Reply(204))
    failures = deliver([Webhook(url=f"{loopback.url}/hook", secret_env="JOBBER_WEBHOOK_SECRET")], "pipeline.completed",
                       {"event": "pipeline.completed", "pipelineRunId": 1})
    assert failures == []
    [(event, body, headers, raw)] = _received(loopback)
    assert event == "pipeline.completed" and body["pipelineRunId"] == 1
    expected = "sha256=" + hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
    assert headers["x-jobber-signature"] == expected
    assert verify(raw, headers["x-jobber-signature"], SECRET)
    assert not verify(raw + b" ", headers["x-jobber-signature"], SECRET)
    assert headers["content-type"] == "application/json" and headers["user-agent"].startswith("Jobber/")


def test_pipeline_sends_job_ready_and_completed(board_home: Path, loopback: Loopback, cli: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBBER_WEBHOOK_SECRET", SECRET)
    serve_all_fixtures(loopback)
    loopback.route("/hook", Reply(200, b"ok"))
    add_sources(board_home, ("greenhouse", "acme"))
    _hook_config(board_home, f"{loopback.url}/hook")
    assert cli("pipeline", "run", "--top", "1").code == 0
    received = _received(loopback)
    assert [event for event, *_ in received] == ["job.ready", "pipeline.completed"]
    (_, ready, headers, raw), (_, done, _, _) = received
    assert ready["job"]["title"] == "Senior Platform Engineer" and ready["job"]["status"] == "ready"
    assert ready["pipelineRunId"] == 1 and done["pipelineRunId"] == 1
    assert done["run"]["status"] == "completed" and done["run"]["counts"]["ready"] == 1
    assert set(done["run"]) <= {"status", "dryRun", "startedAt", "finishedAt", "counts", "failedSources", "errorCount"}
    assert verify(raw, headers["x-jobber-signature"], SECRET)
    everything = json.dumps([body for _, body, _, _ in received])
    assert "Kubernetes" not in everything and "alex.rivera" not in everything and SECRET not in everything

    # Marking the job applied (any face: CLI here) sends job.applied.
    assert cli("jobs", "apply", str(ready["job"]["id"])).code == 0
    applied = _received(loopback)[-1]
    assert applied[0] == "job.applied" and applied[1]["job"]["status"] == "applied"
    assert applied[1]["job"]["id"] == ready["job"]["id"]
    assert applied[1]["pipelineRunId"] is None


def test_a_failing_webhook_never_fails_the_pipeline(board_home: Path, loopback: Loopback, cli: Any) -> None:
    serve_all_fixtures(loopback)
    loopback.route("/hook", Reply(500, b"down"))
    add_sources(board_home, ("greenhouse", "acme"))
    _hook_config(board_home, f"{loopback.url}/hook", events='["pipeline.completed", "pipeline.failed"]')
    result = cli("pipeline", "run", "--top", "1")
    assert result.code == 0 and "1 ready" in result.out
    assert len(loopback.hits("/hook")) == 3  # one event, tried three times
    log = (board_home / "logs" / "jobber.log").read_text()
    assert "webhook failed" in log and "/hook" not in log  # the hook is named by host only


def test_failed_run_sends_pipeline_failed(board_home: Path, loopback: Loopback, cli: Any) -> None:
    loopback.route("/hook", Reply(200, b"ok"))
    add_sources(board_home, ("lever", "down"))
    _hook_config(board_home, f"{loopback.url}/hook", events='["pipeline.failed"]')
    assert cli("pipeline", "run").code == 1
    [(event, body, _, _)] = _received(loopback)
    assert event == "pipeline.failed" and body["run"]["failedSources"] == ["lever/down"]
    assert body["run"]["status"] == "failed" and body["run"]["errorCount"] == 1
