"""Fixtures for discovery tests: a loopback board server and a home whose sources point at it.

Tests never reach the internet: every source's base URL is overridden to the loopback server through
the JOBBER_<KIND>_BASE_URL variables, and timeouts/backoffs are tiny so failures are fast.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobber_tui.core.discovery import searches
from jobber_tui.core.discovery.sources import DEFAULT_BASE_URLS, KINDS, env_var

from .board_server import DEMO_RESUME, Loopback


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    server = Loopback()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def board_home(home: Path, loopback: Loopback, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home with the demo resume, tiny timeouts, and every source kind pointed at the loopback server."""
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEMO_RESUME, home / "resume.json")
    (home / "config.toml").write_text("[discovery]\ntimeout = 0.5\nretries = 2\nbackoff = 0.01\nconcurrency = 4\n")
    for kind in KINDS:
        by_subdomain = "{board}" in DEFAULT_BASE_URLS[kind]  # one server stands for every subdomain
        monkeypatch.setenv(env_var(kind), f"{loopback.url}/{kind}/{{board}}" if by_subdomain else loopback.url)
    for provider in searches.PROVIDERS:
        monkeypatch.setenv(searches.env_var(provider), loopback.url)
    return home
