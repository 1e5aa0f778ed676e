"""`pipeline run`: the selection rule, failures, cancellation, stored runs and correlated logs."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from jobber_tui.core.discovery.pipeline import Selection, run_pipeline, select_jobs
from jobber_tui.core.discovery.store import list_runs, save_scores
from jobber_tui.core.infra.errors import BadInput
from jobber_tui.core.infra.progress import ProgressEvent
from jobber_tui.core.workspace import open_workspace

from .board_server import FIXTURES, Loopback, Reply, add_sources, serve_all_fixtures


def _pick(job_id: int, score: int) -> Selection:
    return Selection(job_id, score, f"job {job_id}", "X", order=job_id)


def test_selection_rule() -> None:
    picks = [_pick(1, 40), _pick(2, 80), _pick(3, 50), _pick(4, 80), _pick(5, 90), _pick(6, 49)]
    assert [p.job_id for p in select_jobs(picks, min_score=50, top=10)] == [5, 2, 4, 3]  # threshold is inclusive
    assert [p.job_id for p in select_jobs(picks, min_score=50, top=2)] == [5, 2]  # tie at 80: found first wins
    assert select_jobs(picks, min_score=95, top=10) == []
    assert select_jobs(picks, min_score=0, top=0) == []


def _scored_jobs(ws: Any, scores: list[int]) -> list[int]:
    jobs = [{"title": f"Platform Engineer {i}", "employer": f"E{i}"} for i in range(len(scores))]
    ids = ws.store.add_jobs(jobs).created
    save_scores(ws.store, [(job_id, s, "set by test") for job_id, s in zip(ids, scores, strict=True)])
    return ids


def test_run_processes_the_best_jobs_to_ready(board_home: Path) -> None:
    ws = open_workspace(board_home)
    ids = _scored_jobs(ws, [55, 90, 70, 90, 49, 70])
    result = run_pipeline(ws, top=3, min_score=50)
    assert result.status == "completed" and result.ready == [ids[1], ids[3], ids[2]]
    statuses = {j["id"]: j["status"] for j in ws.store.list_dicts()}
    assert [statuses[i] for i in ids] == ["discovered", "ready", "ready", "ready", "discovered", "discovered"]
    assert all((board_home / "pdfs" / f"resume_{i}.pdf").is_file() for i in result.ready)
    assert result.counts["selected"] == 3 and result.counts["ready"] == 3
    ws.close()


def test_config_defaults_and_invalid_options(board_home: Path, cli: Any) -> None:
    with (board_home / "config.toml").open("a") as handle:
        handle.write("\n[pipeline]\ntop = 1\nmin_score = 80\n")
    ws = open_workspace(board_home)
    ids = _scored_jobs(ws, [85, 95, 79])
    ws.close()
    result = cli("pipeline", "run", "--json")
    run = json.loads(result.out)
    assert result.code == 0 and run["ready"] == [ids[1]]
    assert cli("pipeline", "run", "--min-score", "101").code == 2
    assert cli("pipeline", "run", "--top", "-1").code == 2


def test_a_failing_job_reverts_and_the_run_goes_on(board_home: Path, cli: Any) -> None:
    ws = open_workspace(board_home)
    ids = _scored_jobs(ws, [90, 80, 70])
    (board_home / "templates" / "no-such-template").mkdir(parents=True)
    (board_home / "templates" / "no-such-template" / "main.typ").write_text("= Soon gone\n")
    ws.store.patch(ids[0], {"template": "no-such-template"})
    shutil.rmtree(board_home / "templates" / "no-such-template")  # the template went away after it was picked
    ws.close()
    result = cli("pipeline", "run")
    assert result.code == 1
    assert "2 ready, 1 failed" in result.out
    shown = json.loads(cli("jobs", "show", str(ids[0]), "--json").out)
    assert shown["status"] == "discovered" and "no-such-template" in shown["lastError"]
    assert [json.loads(cli("jobs", "show", str(i), "--json").out)["status"] for i in ids[1:]] == ["ready", "ready"]


def test_cancel_between_jobs_leaves_every_job_valid(board_home: Path) -> None:
    ws = open_workspace(board_home)
    _scored_jobs(ws, [90, 80, 70, 60])
    cancel = threading.Event()
    seen: list[ProgressEvent] = []

    def on_progress(event: ProgressEvent) -> None:
        seen.append(event)
        if event.kind == "job.started" and event.done == 1:
            cancel.set()  # arrives while the second job is being processed: it finishes, no third starts

    result = run_pipeline(ws, on_progress=on_progress, cancel=cancel)
    assert result.status == "cancelled" and len(result.ready) == 2
    assert result.counts["ready"] == 2
    statuses = sorted(j["status"] for j in ws.store.list_dicts())
    assert "processing" not in statuses and statuses.count("ready") == 2 and statuses.count("discovered") == 2
    assert list_runs(ws.store)[0]["status"] == "cancelled"
    assert seen[-1].kind == "run.finished" and seen[-1].message == "cancelled"
    ws.close()


def test_cancel_while_fetching_imports_nothing(board_home: Path, loopback: Loopback) -> None:
    loopback.route("/v1/boards/slow/jobs", Reply(200, (FIXTURES / "greenhouse_jobs.json").read_bytes(), delay=0.3))
    add_sources(board_home, ("greenhouse", "slow"))
    ws = open_workspace(board_home)
    cancel = threading.Event()

    def on_progress(event: ProgressEvent) -> None:
        if event.kind == "source.started":
            cancel.set()

    result = run_pipeline(ws, on_progress=on_progress, cancel=cancel)
    assert result.status == "cancelled"
    assert ws.store.list_dicts() == []
    ws.close()


def test_progress_events_for_a_whole_run(board_home: Path, loopback: Loopback) -> None:
    serve_all_fixtures(loopback)
    add_sources(board_home, ("greenhouse", "acme"), ("ashby", "initech"))
    ws = open_workspace(board_home)
    seen: list[ProgressEvent] = []
    threads: set[str] = set()

    def on_progress(event: ProgressEvent) -> None:
        seen.append(event)
        threads.add(threading.current_thread().name)

    result = run_pipeline(ws, top=2, on_progress=on_progress)
    ws.close()
    kinds = [e.kind for e in seen]
    assert kinds[0] == "run.started" and kinds[-1] == "run.finished"
    assert kinds.count("source.started") == 2 and kinds.count("source.finished") == 2
    assert kinds.count("job.started") == 2 and kinds.count("job.ready") == 2
    assert {e.run_id for e in seen} == {result.run_id}
    ready = [e for e in seen if e.kind == "job.ready"]
    assert [(e.done, e.total) for e in ready] == [(1, 2), (2, 2)]
    assert threads == {threading.current_thread().name}  # always the caller's thread


def test_runs_are_stored_and_logged_with_their_id(board_home: Path, loopback: Loopback, cli: Any) -> None:
    serve_all_fixtures(loopback)
    add_sources(board_home, ("greenhouse", "acme"), ("lever", "missing"))
    first = cli("pipeline", "run", "--top", "1")
    assert first.code == 1  # lever/missing is a 404
    second = cli("pipeline", "run", "--dry-run")
    assert second.code == 1
    runs = json.loads(cli("pipeline", "runs", "--json").out)
    assert [r["id"] for r in runs] == [2, 1]
    assert runs[0]["dryRun"] is True and runs[1]["dryRun"] is False
    old = runs[1]
    assert old["status"] == "completed" and old["counts"]["ready"] == 1 and old["counts"]["created"] == 3
    assert old["startedAt"] <= old["finishedAt"]
    assert {s["source"]: bool(s.get("error")) for s in old["sources"]} == {
        "greenhouse/acme": False,
        "lever/missing": True,
    }
    assert old["errors"][0]["step"] == "discover" and "HTTP 404" in old["errors"][0]["message"]
    table = cli("pipeline", "runs").out
    assert "completed*" in table and "1 ready" in table

    lines = [json.loads(line) for line in (board_home / "logs" / "jobber.log").read_text().splitlines()]
    run_lines = [line for line in lines if line.get("pipelineRunId") == 1]
    messages = {line["message"] for line in run_lines}
    assert {"pipeline started", "source imported", "source failed", "job moved", "pipeline finished"} <= messages
    assert not [line for line in lines if line["message"] == "source imported" and "pipelineRunId" not in line]


def test_dry_run_writes_no_job(board_home: Path, loopback: Loopback, cli: Any) -> None:
    serve_all_fixtures(loopback)
    add_sources(board_home, ("greenhouse", "acme"))
    result = cli("pipeline", "run", "--dry-run", "--min-score", "60")
    assert result.code == 0
    assert "would process:" in result.out and "Senior Platform Engineer at Acme Robotics (new)" in result.out
    assert "Account Executive" not in result.out
    assert cli("jobs", "list", "--json").json() == []


def test_no_resume_fails_before_starting(board_home: Path, cli: Any) -> None:
    (board_home / "resume.json").unlink()
    result = cli("pipeline", "run")
    assert result.code == 2 and "no base resume" in result.err
    ws = open_workspace(board_home)
    assert list_runs(ws.store) == []
    with pytest.raises(BadInput):
        run_pipeline(ws)
    ws.close()


def test_non_tty_progress_is_plain_lines(board_home: Path, loopback: Loopback, cli: Any) -> None:
    serve_all_fixtures(loopback)
    add_sources(board_home, ("greenhouse", "acme"))
    result = cli("pipeline", "run", "--top", "1")
    assert result.code == 0
    assert "\r" not in result.err
    assert "fetched greenhouse/acme: 3 jobs" in result.err
    assert "ready 1: Senior Platform Engineer at Acme Robotics" in result.err or "ready " in result.err
    assert result.out.startswith("run 1 completed in ")
    assert json.loads(cli("jobs", "list", "--json").out)
