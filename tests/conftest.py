"""Fixtures that build a throwaway home: nothing touches the user's real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from jobber_tui.cli import main

# Every test sees the same terminal, locale and clock zone on any machine. Snapshots must not depend
# on the terminal the tests are started from.
PINNED_ENV = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC"}
# Variables that change what the app draws or runs (colours, graphics protocols, tmux, editors).
CLEARED_ENV = (
    "NO_COLOR",
    "FORCE_COLOR",
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "KITTY_WINDOW_ID",
    "WEZTERM_EXECUTABLE",
    "TMUX",
    "STY",
    "VTE_VERSION",
    "KONSOLE_VERSION",
    "TEXTUAL",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "EDITOR",
    "VISUAL",
    "XDG_STATE_HOME",
    "XDG_CACHE_HOME",
)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may read or write the real home: JOBBER_HOME always points at a temp folder.

    The user's home is the test's temp folder too, so paths under it read `~/home/...` on screen:
    pytest's temp folder names grow with each run (`pytest-3` on a new machine, `pytest-1234` on an
    old one) and must not change what a snapshot shows.
    """
    for name, value in PINNED_ENV.items():
        monkeypatch.setenv(name, value)
    for name in CLEARED_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("JOBBER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def cli(home: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `jobber` in-process against the temp home and capture what the user sees."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main(["--home", str(home), *args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def run_process(
    *args: str, home: Path, env: dict[str, str] | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m jobber_tui` as a separate process, as a script or cron job would."""
    full_env = {**os.environ, **(env or {}), "JOBBER_HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, "-m", "jobber_tui", *args],
        capture_output=True,
        env=full_env,
        timeout=120,
        input=stdin if stdin is not None else b"",
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    )


@pytest.fixture
def add_job(cli: Callable[..., CliResult]) -> Callable[..., int]:
    def add(**fields: object) -> int:
        data = {"title": "Backend Engineer", "employer": "Acme", **fields}
        result = cli("jobs", "add", "--ids", "--data", json.dumps(data))
        assert result.code == 0, result.err
        return int(result.out.split()[0])

    return add


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests are async; they run on asyncio through the anyio plugin that httpx brings."""
    return "asyncio"


@pytest.fixture
def ready_job(home: Path) -> int:
    """A ready job whose PDF comes from `templates/mine`, a copy of the bundled classic template."""
    import shutil

    from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES, PACKAGE_DIR
    from jobber_tui.core.resume.processing import process_job
    from jobber_tui.core.workspace import open_workspace

    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE_DIR / "demo" / "resume.json", home / "resume.json")
    shutil.copytree(BUNDLED_TEMPLATES / "classic", home / "templates" / "mine")
    ws = open_workspace(home)
    try:
        [job_id] = ws.store.add_jobs(
            [{"title": "Platform Engineer", "employer": "Harborline", "template": "mine"}]
        ).created
        process_job(ws, job_id)
        return job_id
    finally:
        ws.close()


@pytest.fixture
def job_home(home: Path) -> Path:
    """A home with the demo resume, for job-view tests that add their own jobs."""
    import shutil

    from jobber_tui.core.infra.paths import PACKAGE_DIR

    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE_DIR / "demo" / "resume.json", home / "resume.json")
    return home


def add_demo_job(home: Path, **fields: object) -> int:
    """One discovered job with a short Markdown description, written straight to the store."""
    from jobber_tui.core.workspace import open_workspace

    ws = open_workspace(home)
    try:
        data = {
            "title": "Platform Engineer",
            "employer": "Harborline",
            "jobUrl": "https://jobs.example.com/1",
            "jobDescription": "## Role\n\nRun Kubernetes and Terraform on AWS.",
            **fields,
        }
        return ws.store.add_jobs([data]).created[0]
    finally:
        ws.close()
