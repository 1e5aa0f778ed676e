"""Webhooks: whitelisted, capped payloads, HMAC signatures a receiver can verify, failures that never fail."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from pathlib import Path
from typing import Any

import pytest
from waiting import wait_for

from conftest import run_process
from jobber_tui.core.jobs.models import Job
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.webhooks import sender as webhook_sender
from jobber_tui.core.webhooks.hooks import job_payload, sanitize, verify
from jobber_tui.core.webhooks.sender import send_pending
from jobber_tui.core.workspace import open_workspace

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
    job = Job(
        id=7,
        title="Engineer",
        employer="Acme",
        status="ready",
        suitability_score=88,
        source_job_id="42",
        job_description="SECRET DESCRIPTION",
        tailored_summary="my summary",
        job_url="https://x.example/7",
        salary="lots",
        location="Home",
    )
    payload = job_payload("job.ready", job)
    assert set(payload) == {"event", "sentAt", "pipelineRunId", "job"}
    assert payload["job"] == {
        "id": 7,
        "sourceJobId": "42",
        "title": "Engineer",
        "employer": "Acme",
        "status": "ready",
        "suitabilityScore": 88,
    }
    assert "SECRET" not in json.dumps(payload) and "summary" not in json.dumps(payload)


def test_sanitize_caps_depth_items_and_length() -> None:
    deep: Any = "x"
    for _ in range(10):
        deep = {"d": deep}
    capped = sanitize(
        {"deep": deep, "long": "y" * 10_000, "many": list(range(500)), "nan": float("nan"), "obj": object()}
    )
    assert json.dumps(capped).count('"d"') <= 4
    assert len(capped["long"]) == 300 and len(capped["many"]) == 50 and capped["nan"] is None
    assert isinstance(capped["obj"], str)


def _wait_hits(loopback: Loopback, count: int, path: str = "/hook", timeout: float = 30) -> list[Any]:
    """Deliveries are sent by a background process: wait (on the condition, not a fixed sleep)."""

    def arrived() -> list[Any]:
        hits = loopback.hits(path)
        return hits if len(hits) >= count else []

    return wait_for(arrived, f"{count} deliveries to {path}", timeout)


def _ready_job_with_hook(home: Path, url: str, **hook: Any) -> tuple[Any, int]:
    """A workspace whose config has one hook, and a job that can be marked applied."""
    home.mkdir(parents=True, exist_ok=True)
    extra = "".join(f"{k} = {json.dumps(v)}\n" for k, v in hook.items())
    (home / "config.toml").write_text(f'[[webhooks]]\nurl = "{url}"\nsecret_env = "JOBBER_WEBHOOK_SECRET"\n{extra}')
    ws = open_workspace(home)
    [job_id] = ws.store.add_jobs([{"title": "Platform Engineer", "employer": "Harborline"}]).created
    return ws, job_id


def test_signature_and_delivery_id_reach_a_loopback_receiver(
    home: Path, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBBER_WEBHOOK_SECRET", SECRET)
    loopback.route("/hook", Reply(500), Reply(204))
    ws, job_id = _ready_job_with_hook(home, f"{loopback.url}/hook")
    monkeypatch.setattr(webhook_sender, "FIRST_RETRY", 0.2)
    try:
        ws.store.move(job_id, JobStatus.APPLIED)
        report = send_pending(ws, linger=5)
    finally:
        ws.close()
    assert (report.delivered, report.failed) == (1, 0)
    first, second = _received(loopback)
    assert first[0] == "job.applied" and first[1]["job"]["status"] == "applied"
    assert first[3] == second[3]  # the same body on a retry, so the same signature
    assert first[2]["x-jobber-delivery"] == second[2]["x-jobber-delivery"]  # receivers dedupe on it
    assert (first[2]["x-jobber-attempt"], second[2]["x-jobber-attempt"]) == ("1", "2")
    raw, headers = second[3], second[2]
    expected = "sha256=" + hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
    assert headers["x-jobber-signature"] == expected
    assert verify(raw, headers["x-jobber-signature"], SECRET)
    assert not verify(raw + b" ", headers["x-jobber-signature"], SECRET)
    assert headers["content-type"] == "application/json" and headers["user-agent"].startswith("Jobber/")


def test_a_receiver_that_never_answers_does_not_slow_the_user(home: Path, loopback: Loopback) -> None:
    loopback.route("/hook", Reply(204, delay=60))
    ws, job_id = _ready_job_with_hook(home, f"{loopback.url}/hook", timeout=20)
    ws.close()
    started = time.monotonic()
    proc = run_process("jobs", "apply", str(job_id), home=home)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    assert elapsed < 10, f"`jobs apply` waited {elapsed:.1f} s for the webhook (its timeout is 20 s)"
    _wait_hits(loopback, 1)  # the background sender did try, after the command had returned


def test_a_delivery_left_by_a_killed_process_is_sent_by_the_next_start(
    home: Path, loopback: Loopback, cli: Any
) -> None:
    loopback.route("/hook", Reply(204))
    ws, job_id = _ready_job_with_hook(home, f"{loopback.url}/hook")
    ws.store.move(job_id, JobStatus.APPLIED)  # queued in the move's transaction ...
    ws.close()  # ... and the process "dies" before any sender ran
    assert loopback.hits("/hook") == []
    assert "1 pending" in cli("webhooks", "status").out
    assert cli("jobs", "list").code == 0  # any start of Jobber sends what waits
    [(event, body, _, _)] = [(e, b, h, r) for e, b, h, r in _received_after(loopback, 1)]
    assert event == "job.applied" and body["job"]["id"] == job_id
    _wait_status(home, cli, "no webhook deliveries waiting or failed")


def test_redirects_are_never_followed(home: Path, loopback: Loopback) -> None:
    loopback.route("/hook", Reply(307, headers={"Location": f"{loopback.url}/elsewhere"}))
    loopback.route("/elsewhere", Reply(204))
    ws, job_id = _ready_job_with_hook(home, f"{loopback.url}/hook")
    try:
        ws.store.move(job_id, JobStatus.APPLIED)
        report = send_pending(ws, linger=0)
    finally:
        ws.close()
    assert report.failed == 1 and "redirects are not followed" in report.errors[0]
    assert loopback.hits("/elsewhere") == []


def test_retry_after_is_honoured_then_failures_give_up_and_retry_resends(
    home: Path, loopback: Loopback, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    loopback.route("/hook", Reply(429, headers={"Retry-After": "1"}), Reply(204))
    ws, job_id = _ready_job_with_hook(home, f"{loopback.url}/hook")
    try:
        ws.store.move(job_id, JobStatus.APPLIED)
        report = send_pending(ws, linger=5)
        assert report.delivered == 1
        first, second = loopback.hits("/hook")
        assert second.at - first.at >= 0.9  # waited as the receiver asked

        loopback.route("/hook", Reply(503))
        monkeypatch.setattr(webhook_sender, "FIRST_RETRY", 0.01)
        ws.store.move(job_id, JobStatus.DISCOVERED)
        ws.store.move(job_id, JobStatus.APPLIED)
        report = send_pending(ws, linger=5)
        assert report.failed == 1 and "HTTP 503" in report.errors[0]
        assert len(loopback.hits("/hook")) == 2 + webhook_sender.MAX_ATTEMPTS
    finally:
        ws.close()
    status = cli("webhooks", "status", "--json").json()
    assert [(r["status"], r["attempts"], r["lastError"]) for r in status] == [
        ("failed", webhook_sender.MAX_ATTEMPTS, "HTTP 503")
    ]
    loopback.route("/hook", Reply(204))
    retried = cli("webhooks", "retry")
    assert retried.code == 0 and "1 delivered" in retried.out
    assert cli("webhooks", "status").out.startswith("no webhook deliveries waiting or failed")


def _received_after(loopback: Loopback, count: int) -> list[tuple[str, dict[str, Any], dict[str, str], bytes]]:
    _wait_hits(loopback, count)
    return _received(loopback)


def _wait_status(home: Path, cli: Any, text: str, timeout: float = 20) -> None:
    wait_for(lambda: text in cli("webhooks", "status").out, f"{text!r} in `webhooks status`", timeout)


def test_pipeline_sends_job_ready_and_completed(
    board_home: Path, loopback: Loopback, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBBER_WEBHOOK_SECRET", SECRET)
    serve_all_fixtures(loopback)
    loopback.route("/hook", Reply(200, b"ok"))
    add_sources(board_home, ("greenhouse", "acme"))
    _hook_config(board_home, f"{loopback.url}/hook")
    assert cli("pipeline", "run", "--top", "1").code == 0
    received = _received_after(loopback, 2)
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
    applied = _received_after(loopback, 3)[-1]
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
    _wait_hits(loopback, 1)
    _wait_status(board_home, cli, "HTTP 500")  # tried, and waiting for its next attempt
    [row] = cli("webhooks", "status", "--json").json()
    assert row["status"] == "pending" and row["event"] == "pipeline.completed" and row["target"] == "webhook 127.0.0.1"
    log = (board_home / "logs" / "jobber.log").read_text()
    assert "webhook failed, will retry" in log and "/hook" not in log  # the hook is named by host only


def test_failed_run_sends_pipeline_failed(board_home: Path, loopback: Loopback, cli: Any) -> None:
    loopback.route("/hook", Reply(200, b"ok"))
    add_sources(board_home, ("lever", "down"))
    _hook_config(board_home, f"{loopback.url}/hook", events='["pipeline.failed"]')
    assert cli("pipeline", "run").code == 1
    [(event, body, _, _)] = _received_after(loopback, 1)
    assert event == "pipeline.failed" and body["run"]["failedSources"] == ["lever/down"]
    assert body["run"]["status"] == "failed" and body["run"]["errorCount"] == 1
