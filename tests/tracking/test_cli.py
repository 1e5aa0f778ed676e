"""The `track` and `jobs stage` commands end to end, errors, and the password staying out of every output."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import func, select

from conftest import CliResult
from jobber_tui.core.jobs.models import MailboxState, TrackedMessage
from jobber_tui.core.workspace import open_workspace

from .imap_home import PASSWORD_ENV, write_tracking_config
from .imap_server import PASSWORD, ImapTestServer


def _log_text(home: Path) -> str:
    return "".join(p.read_text() for p in (home / "logs").glob("jobber.log*")) if (home / "logs").exists() else ""


def _rows(home: Path) -> tuple[int, int]:
    ws = open_workspace(home)
    try:
        with ws.store.reading() as session:
            return (
                session.exec(select(func.count()).select_from(TrackedMessage)).one(),
                session.exec(select(func.count()).select_from(MailboxState)).one(),
            )
    finally:
        ws.close()


def test_sync_review_approve_dismiss_from_the_shell(
    seeded_inbox: ImapTestServer, seeded_jobs: dict[str, int], tracking_home: Path, cli: Callable[..., CliResult]
) -> None:
    result = cli("track", "sync")
    assert result.code == 0, result.err
    assert "fetched 13" in result.out and "to review 3" in result.out and "ignored 3" in result.out
    assert f"stage job {seeded_jobs['globex']}: applied -> closed (rejected)" in result.out

    pending = cli("track", "review", "--json").json()
    assert isinstance(pending, list) and len(pending) == 3
    by_subject = {item["subject"]: item for item in pending}
    unknown = by_subject["Application received – Import/Export Analyst"]
    refused = cli("track", "approve", str(unknown["id"]))
    assert refused.code == 2 and "--job" in refused.err
    assert cli("track", "dismiss", str(unknown["id"])).code == 0
    ambiguous = by_subject["Update on your application"]
    approved = cli("track", "approve", str(ambiguous["id"]), "--job", str(seeded_jobs["acme_data"]))
    assert approved.code == 0 and "applied -> closed (rejected)" in approved.out
    assert cli("track", "approve", str(ambiguous["id"])).code == 2  # no longer waiting
    assert "Umbrella" in cli("track", "review").out

    shown = cli("jobs", "show", str(seeded_jobs["acme_data"]), "--json").json()
    assert isinstance(shown, dict) and (shown["stage"], shown["outcome"]) == ("closed", "rejected")
    assert any(
        e["kind"] == "mail" and e["detail"].startswith("rejection · Acme Corp <no-reply@greenhouse.io>")
        for e in shown["events"]
    )
    listed = cli("jobs", "list", "--json").json()
    assert isinstance(listed, list) and {"stage", "outcome"} <= set(listed[0])

    again = cli("track", "sync")
    assert again.code == 0 and "fetched 0" in again.out


def test_manual_stage_changes_are_validated(seeded_jobs: dict[str, int], cli: Callable[..., CliResult]) -> None:
    job = str(seeded_jobs["hooli"])
    assert cli("jobs", "stage", job, "interview").code == 0
    done = cli("jobs", "stage", job, "closed", "--outcome", "offer accepted")
    assert done.code == 0 and "closed (offer-accepted)" in done.out
    assert cli("jobs", "stage", job, "screening").code == 0  # a manual move may go backwards
    for args, message in (
        ((job, "hired"), "unknown stage"),
        ((job, "offer", "--outcome", "rejected"), "closed"),
        ((job, "closed", "--outcome", "vanished"), "unknown outcome"),
        ((str(seeded_jobs["umbrella"]), "interview"), "stages follow applied jobs"),
    ):
        result = cli("jobs", "stage", *args)
        assert result.code == 2 and message in result.err, result.err
    shown = cli("jobs", "show", job, "--json").json()
    assert isinstance(shown, dict)
    assert [e["detail"] for e in shown["events"] if e["kind"] == "stage"][-1] == "closed -> screening: set by you"


def test_bad_password_is_one_clear_line_and_changes_nothing(
    seeded_inbox: ImapTestServer, tracking_home: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "Wrong-Imap-Pass-7731"
    monkeypatch.setenv(PASSWORD_ENV, wrong)
    result = cli("track", "sync")
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"jobber: error: IMAP 127.0.0.1:{seeded_inbox.port}: login failed for alex@example.org")
    assert wrong not in result.err + result.out + _log_text(tracking_home)
    assert _rows(tracking_home) == (0, 0)


def test_unreachable_server_and_missing_password(
    tracking_home: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    write_tracking_config(tracking_home, port)
    result = cli("track", "sync")
    assert result.code == 1
    assert result.err.strip() == f"jobber: error: IMAP 127.0.0.1:{port}: cannot connect: connection refused"
    monkeypatch.delenv(PASSWORD_ENV)
    missing = cli("track", "sync")
    assert missing.code == 2 and PASSWORD_ENV in missing.err


def test_not_configured_and_plaintext_refused(home: Path, cli: Callable[..., CliResult]) -> None:
    result = cli("track", "sync")
    assert result.code == 2 and "[tracking]" in result.err
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(
        '[tracking]\nhost = "imap.example.com"\ntls = "none"\nusername = "a"\npassword_env = "X"\n'
    )
    refused = cli("track", "sync")
    assert refused.code == 2 and "unencrypted" in refused.err


def test_the_password_never_reaches_the_log(
    seeded_inbox: ImapTestServer, seeded_jobs: dict[str, int], tracking_home: Path, cli: Callable[..., CliResult]
) -> None:
    assert cli("--debug", "track", "sync").code == 0
    assert cli("track", "sync", "--json").code == 0
    log = _log_text(tracking_home)
    assert "mail synced" in log and "imap connected" in log
    assert PASSWORD not in log


def test_dry_run_from_the_shell(
    seeded_inbox: ImapTestServer, seeded_jobs: dict[str, int], tracking_home: Path, cli: Callable[..., CliResult]
) -> None:
    result = cli("track", "sync", "--dry-run")
    assert result.code == 0 and result.out.startswith("dry run: nothing was written")
    assert _rows(tracking_home) == (0, 0)
    report = json.loads(cli("track", "sync", "--json").out)
    assert report["fetched"] == 13 and report["routed"]["offer"] == 1


def test_a_missing_folder_fails_before_anything_is_recorded(
    seeded_inbox: ImapTestServer, tracking_home: Path, cli: Callable[..., CliResult]
) -> None:
    write_tracking_config(tracking_home, seeded_inbox.port, folders=["INBOX", "Jobs/Replies"])
    result = cli("track", "sync")
    assert result.code == 1 and "cannot open folder 'Jobs/Replies'" in result.err
    assert _rows(tracking_home) == (0, 0)
