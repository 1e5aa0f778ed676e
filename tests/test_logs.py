"""Logs must never leak secrets, must stay small, and must carry correlation ids."""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobber_tui.core.infra import logs
from jobber_tui.core.infra.logs import (
    configure_logging,
    current_context,
    get_logger,
    log_context,
    log_event,
    new_request_id,
    redact,
)

SECRET = "sk-test-SECRET-123456"


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "logs"
    configure_logging(directory, secrets=[SECRET], level="DEBUG")
    yield directory
    root = logging.getLogger("jobber")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        with contextlib.suppress(OSError, ValueError):
            handler.close()
    logs._handler = None


def read_raw(log_dir: Path) -> bytes:
    return (log_dir / "jobber.log").read_bytes()


def read_entries(log_dir: Path) -> list[dict]:
    return [json.loads(line) for line in read_raw(log_dir).decode("utf-8").splitlines()]


def _fail(detail: str) -> None:
    raise RuntimeError(f"upstream refused key {SECRET}: {detail}")


def _deep(n: int) -> None:
    if n == 0:
        _fail("deep")
    _deep(n - 1)


def test_configured_secret_never_reaches_file(log_dir: Path) -> None:
    log = get_logger("test")
    log.info("calling with key %s", SECRET)
    log.info(f"inline {SECRET}")
    log_event(log, logging.INFO, "request", attempt={"nested": [{"note": f"Bearer {SECRET}"}]})
    log_event(log, logging.INFO, "headers", headers={"Authorization": f"Bearer {SECRET}"})
    log.info("extra", extra={"data": {"url": f"https://x.test/?q={SECRET}"}})
    try:
        _fail("boom")
    except RuntimeError:
        log.exception("failed")

    raw = read_raw(log_dir)
    assert SECRET.encode() not in raw
    assert b"SECRET-123456" not in raw
    assert b"[REDACTED]" in raw
    entries = read_entries(log_dir)
    assert len(entries) == 6
    assert entries[0]["message"] == "calling with key [REDACTED]"
    assert entries[2]["data"]["attempt"]["nested"][0]["note"] == "Bearer [REDACTED]"
    assert entries[3]["data"]["headers"]["Authorization"] == "[REDACTED]"
    assert entries[4]["data"]["url"] == "https://x.test/?q=[REDACTED]"
    assert entries[5]["error"]["message"] == "upstream refused key [REDACTED]: boom"


def test_secret_added_later_is_scrubbed(log_dir: Path) -> None:
    logs.add_secret("late-secret-value-42")
    logs.add_secret("abc")  # too short: ignored, ordinary text survives
    get_logger("t").warning("got late-secret-value-42 and abc")
    entry = read_entries(log_dir)[0]
    assert entry["message"] == "got [REDACTED] and abc"
    assert entry["level"] == "WARNING"


@pytest.mark.parametrize(
    "key",
    [
        "Authorization",
        "api_key",
        "X-Api-Key",
        "password",
        "Set-Cookie",
        "refresh_token",
        "apiKey",
        "PASSWD",
        "client_secret",
        "aws-credentials",
    ],
)
def test_sensitive_keys_redacted(key: str) -> None:
    out = redact({key: "hunter2-value", "safe": "visible"})
    assert out == {key: "[REDACTED]", "safe": "visible"}


def test_token_counts_are_not_secrets() -> None:
    usage = {"max_tokens": 512, "prompt_tokens": 40, "token_count": 7, "secret_tokens": 1}
    assert redact(usage) == {**usage, "secret_tokens": "[REDACTED]"}


def test_sensitive_key_redacts_whole_subtree() -> None:
    assert redact({"outer": {"token": {"a": 1}}}) == {"outer": {"token": "[REDACTED]"}}


def test_long_strings_truncated() -> None:
    out = redact("x" * 2000)
    assert isinstance(out, str)
    assert out.startswith("x" * 800)
    assert out.endswith("…[truncated 1200 chars]")
    assert len(out) < 850
    assert redact("short") == "short"


def test_deep_nesting_capped() -> None:
    nested: dict = {"leaf": 1}
    for _ in range(10):
        nested = {"k": nested}
    out = redact(nested)
    depth = 0
    while isinstance(out, dict):
        out = out["k"]
        depth += 1
    assert out == "[depth]"
    assert depth == 6


def test_self_referencing_structure_terminates() -> None:
    loop: list = []
    loop.append(loop)
    assert "[depth]" in json.dumps(redact(loop))


def test_long_lists_and_dicts_capped() -> None:
    out = redact(list(range(120)))
    assert isinstance(out, list)
    assert out[:50] == list(range(50))
    assert out[50] == "[70 more items]"
    assert len(out) == 51
    big = redact({f"k{i}": i for i in range(60)})
    assert isinstance(big, dict)
    assert len(big) == 51
    assert big["[truncated]"] == "10 more keys"


def test_redact_is_json_safe() -> None:
    class Weird:
        def __str__(self) -> str:
            raise ValueError("no")

    out = redact({"n": float("nan"), "b": b"bytes", "s": {1, 2}, "w": Weird(), 3: None})
    json.dumps(out, allow_nan=False)
    assert out["3"] is None
    assert out["w"] == "<unprintable Weird>"


def test_correlation_ids_present_only_when_set(log_dir: Path) -> None:
    log = get_logger("ctx")
    log.info("before")
    rid = new_request_id()
    with log_context(requestId=rid, pipeline_run_id=7):
        log.info("outer")
        with log_context(job_id="job-9", requestId="inner-req"):
            log.info("inner")
        log.info("outer again")
    log.info("after")

    before, outer, inner, outer_again, after = read_entries(log_dir)
    for entry in (before, after):
        assert not {"requestId", "pipelineRunId", "jobId"} & entry.keys()
    assert outer["requestId"] == rid and outer["pipelineRunId"] == 7 and "jobId" not in outer
    assert inner == {**inner, "requestId": "inner-req", "pipelineRunId": 7, "jobId": "job-9"}
    assert outer_again["requestId"] == rid and "jobId" not in outer_again
    assert current_context() == {}


def test_context_restored_after_exception_and_none_clears() -> None:
    with log_context(request_id="r1", job_id="j1"):
        with pytest.raises(ValueError, match="inside"), log_context(job_id=None, pipelineRunId="p"):
            assert current_context() == {"requestId": "r1", "pipelineRunId": "p"}
            raise ValueError("inside")
        assert current_context() == {"requestId": "r1", "jobId": "j1"}
    with pytest.raises(TypeError, match="reqId"), log_context(reqId="typo"):
        pass


def test_context_propagates_into_thread(log_dir: Path) -> None:
    log = get_logger("thread")
    seen: list[dict] = []

    def work() -> None:
        seen.append(current_context())
        log.info("in thread")

    with log_context(requestId="req-thread", jobId=42):
        ctx = contextvars.copy_context()
    thread = threading.Thread(target=ctx.run, args=(work,))
    thread.start()
    thread.join()
    assert seen == [{"requestId": "req-thread", "jobId": 42}]
    entry = read_entries(log_dir)[0]
    assert entry["requestId"] == "req-thread" and entry["jobId"] == 42


def test_error_entry_has_short_stack(log_dir: Path) -> None:
    try:
        _deep(12)
    except RuntimeError:
        get_logger("err").error("pipeline failed", exc_info=True)
    entry = read_entries(log_dir)[0]
    error = entry["error"]
    assert error["type"] == "RuntimeError"
    assert SECRET not in error["message"]
    stack = error["stack"]
    assert 1 <= len(stack) <= 5
    assert stack[-1].startswith("test_logs.py:") and stack[-1].endswith(" in _fail")
    assert "Traceback" not in read_raw(log_dir).decode()


def test_line_shape_and_level_filter(log_dir: Path) -> None:
    configure_logging(log_dir, level="WARNING")
    log = get_logger("shape")
    log.info("dropped")
    log_event(log, logging.WARNING, "kept", count=3)
    (entry,) = read_entries(log_dir)
    assert set(entry) == {"time", "level", "logger", "message", "data"}
    assert entry["logger"] == "jobber.shape"
    assert entry["data"] == {"count": 3}
    assert entry["time"].endswith("Z") and entry["time"][10] == "T"


def test_reconfigure_moves_to_new_dir(log_dir: Path, tmp_path: Path) -> None:
    get_logger("re").info("first")
    other = tmp_path / "other"
    configure_logging(other)
    configure_logging(other)  # idempotent: one handler, one line per event
    get_logger("re").info("second")
    assert [e["message"] for e in read_entries(log_dir)] == ["first"]
    assert [e["message"] for e in read_entries(other)] == ["second"]
    assert len(logging.getLogger("jobber").handlers) == 1


def test_unwritable_log_dir_never_crashes(tmp_path: Path, capsys: pytest.CaptureFixture[str], log_dir: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    configure_logging(blocker / "logs", secrets=[SECRET])
    log = get_logger("broken")
    log.error("still fine %s", SECRET)
    log.error("twice")
    err = capsys.readouterr().err
    assert err.count("file logging disabled") == 1
    assert "Traceback" not in err


def test_write_failure_warns_once(log_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    handler = logs._handler
    assert isinstance(handler, logs.SharedLogFile)
    os.close(handler._fd)  # every later write raises OSError inside emit
    log = get_logger("w")
    log.info("one")
    log.info("two")
    err = capsys.readouterr().err
    assert err.count("file logging disabled") == 1
    assert "Traceback" not in err


def test_log_file_stays_private_after_rotation(log_dir: Path) -> None:
    handler = logs._handler
    assert isinstance(handler, logs.SharedLogFile)
    handler.max_bytes = 2_000  # rotate after a few lines instead of 5 MB
    for index in range(40):
        get_logger("rotate").info("line %d %s", index, "x" * 100)
    assert (log_dir / "jobber.log.1").exists()
    for path in log_dir.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600, path.name


def test_several_processes_write_one_log_without_losing_or_mixing_lines(tmp_path: Path) -> None:
    """The UI, a watcher and CLI commands log to one file at once, across rotations."""
    script = """
import sys
from pathlib import Path
from jobber_tui.core.infra import logs
logs.configure_logging(Path(sys.argv[1]))
logs._handler.max_bytes = 20_000  # rotate every few dozen lines ...
logs._handler.backups = 1000  # ... and keep every rotated file, so every line can be counted
log = logs.get_logger("p")
for i in range(300):
    log.info("proc %s line %d %s", sys.argv[2], i, "y" * (50 + i % 700))
"""
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path), str(n)]) for n in range(4)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0, 0]
    lines = []
    for path in tmp_path.iterdir():
        if path.name.startswith("jobber.log") and not path.name.endswith(".lock"):
            lines += path.read_text().splitlines()
    records = [json.loads(line) for line in lines]  # every line is one whole JSON object
    seen = [(r["message"].split()[1], int(r["message"].split()[3])) for r in records]
    assert sorted(seen) == sorted((str(n), i) for n in range(4) for i in range(300))  # each once, none lost
    assert len([p for p in tmp_path.iterdir() if p.name.startswith("jobber.log.")]) > 10  # it did rotate
