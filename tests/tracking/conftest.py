"""Fixtures for tracking: a real IMAP server on 127.0.0.1 and a home whose [tracking] points at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .imap_home import PASSWORD_ENV, seed, write_tracking_config
from .imap_server import PASSWORD, ImapTestServer
from .mails import INBOX, JOBS, NOT_APPLIED


@pytest.fixture
def imap() -> Iterator[ImapTestServer]:
    server = ImapTestServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def tracking_home(home: Path, imap: ImapTestServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    write_tracking_config(home, imap.port)
    return home


@pytest.fixture
def seeded_jobs(add_job: Callable[..., int], cli: Callable[..., object]) -> dict[str, int]:
    """The scenario's jobs: all applied except those in NOT_APPLIED."""
    ids = {}
    for name, fields in JOBS.items():
        ids[name] = add_job(**fields)
        if name not in NOT_APPLIED:
            assert cli("jobs", "apply", str(ids[name])).code == 0  # type: ignore[attr-defined]
    return ids


@pytest.fixture
def seeded_inbox(imap: ImapTestServer) -> ImapTestServer:
    seed(imap, INBOX)
    return imap
