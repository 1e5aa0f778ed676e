"""Start-up at the floor (issue 18): each command imports only what it needs, checked on real processes.

`python -X importtime` lists every module a process imports; these tests run the commands as a user
does (`python -m jobber_tui ...`) and look at that list. The timings themselves are in
bench/cli_startup.py and bench/ui_startup.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "httpx", "typst", "textual", "watchfiles", "tomlkit")
"""Third-party packages behind the features; a command that does not use one must not pay for it."""


def imported(*args: str, home: Path | None = None) -> set[str]:
    """Every module `python -m jobber_tui ARGS` imports (exit code checked)."""
    env = {**os.environ, **({"JOBBER_HOME": str(home)} if home else {})}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jobber_tui", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return _modules(proc.stderr)


def _modules(importtime: str) -> set[str]:
    return {
        line.split("|")[2].strip()
        for line in importtime.splitlines()
        if line.startswith("import time:") and "self [us]" not in line
    }


def _packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.fixture(scope="module")
def bare_python() -> set[str]:
    """What `python -c pass` imports in this environment (site, an editable install's finder, ...)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "pass"], capture_output=True, text=True, timeout=60
    )
    return _modules(proc.stderr)


CATALOG = {
    "jobber_tui.core.infra",
    "jobber_tui.core.infra.catalog",
    "jobber_tui.core.discovery",
    "jobber_tui.core.discovery.sources",
}

LEAN = {"typing", "dataclasses", "inspect", "logging", "sqlite3", "shutil", "json"}
"""Standard modules that `--version` and friends do not need (typing alone costs more than the rest)."""


@pytest.mark.parametrize(
    ("args", "also"),
    [
        (("--version",), set()),
        (("--help",), set()),
        (("jobs", "--help"), set()),
        (("jobs", "list", "--help"), set()),
        (("webhooks", "retry", "--help"), set()),
        (("paths",), {"jobber_tui.cli.commands", "jobber_tui.core.infra", "jobber_tui.core.infra.paths"}),
        # The board kinds are its choices: the (stdlib-only) sources registry and catalog are loaded for them.
        (("sources", "add", "--help"), {*CATALOG, "jobber_tui.core.discovery.sources.filters"}),
        (
            ("searches", "add", "--help"),
            {*CATALOG, "jobber_tui.core.discovery.sources.filters", "jobber_tui.core.discovery.searches"},
        ),
    ],
)
def test_version_help_and_paths_load_argparse_and_the_standard_library_only(
    args: tuple[str, ...], also: set[str], home: Path, bare_python: set[str]
) -> None:
    extra = imported(*args, home=home) - bare_python
    outside = {name for name in extra if name.split(".")[0] not in (*sys.stdlib_module_names, "jobber_tui", "org")}
    assert not outside, sorted(outside)  # ("org.python.core" is the copy module looking for Jython)
    ours = {name for name in extra if name.startswith("jobber_tui.")}
    allowed = {
        "jobber_tui.cli",
        "jobber_tui.cli.parser",
        "jobber_tui.cli.parser_base",
        "jobber_tui.cli.terminal",
        "jobber_tui.cli.discovery_parser",
        "jobber_tui.cli.tracking_parser",
        "jobber_tui.cli.upkeep_parser",
        "jobber_tui.cli.completion_parser",
        "jobber_tui.core",
        *also,
    }
    assert ours <= allowed, sorted(ours - allowed)
    if not also & {"jobber_tui.core.discovery.sources", "jobber_tui.core.discovery.searches"}:
        assert not extra & LEAN, sorted(extra & LEAN)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A home with a ready job (PDF built), a discovered job, a board and a due-free store."""
    import shutil

    from jobber_tui.core.infra.paths import PACKAGE_DIR
    from jobber_tui.core.resume.processing import process_job
    from jobber_tui.core.workspace import open_workspace

    home = tmp_path_factory.mktemp("seeded")
    shutil.copyfile(PACKAGE_DIR / "demo" / "resume.json", home / "resume.json")
    (home / "config.toml").write_text('[[sources]]\nkind = "greenhouse"\nboard = "harborline"\n')
    ws = open_workspace(home)
    jobs = [
        {"title": "Platform Engineer", "employer": "Harborline"},
        {"title": "Data Engineer", "employer": "Tidewater", "deadline": "2099-01-01"},
    ]
    ready, _ = ws.store.add_jobs(jobs).created
    process_job(ws, ready)
    ws.close()
    return home, ready


@pytest.mark.parametrize(
    "args",
    [
        ("jobs", "list"),
        ("jobs", "list", "--json"),
        ("jobs", "list", "--status", "ready"),
        ("jobs", "show", "2"),
        ("jobs", "show", "2", "--json"),
        ("sources", "list"),
        ("templates", "list"),
        ("resume", "show"),
    ],
)
def test_read_commands_load_no_database_toolkit_ui_http_or_typst(
    args: tuple[str, ...], seeded: tuple[Path, int]
) -> None:
    home, _ = seeded
    loaded = _packages(imported(*args, home=home))
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert "logging" not in loaded  # a command that logs nothing never loads the logging module


def test_show_of_a_job_with_a_pdf_loads_typst_only_for_its_fingerprint(seeded: tuple[Path, int]) -> None:
    home, ready = seeded
    loaded = _packages(imported("jobs", "show", str(ready), home=home))
    assert "typst" in loaded  # "current" or "stale" needs Typst's version
    assert not loaded & {"sqlalchemy", "sqlmodel", "textual", "httpx", "watchfiles"}


def test_generate_pdf_loads_typst_but_no_database_toolkit(seeded: tuple[Path, int]) -> None:
    home, ready = seeded
    loaded = _packages(imported("jobs", "generate-pdf", str(ready), home=home))
    assert "typst" in loaded
    assert not loaded & {"sqlalchemy", "sqlmodel", "pydantic", "textual", "httpx", "watchfiles"}


def test_a_write_loads_the_store_and_logs_its_command_line(seeded: tuple[Path, int]) -> None:
    home, _ = seeded
    loaded = _packages(imported("jobs", "skip", "2", home=home))
    assert {"sqlalchemy", "sqlmodel"} <= loaded  # the ORM stays the write path
    log = (home / "logs" / "jobber.log").read_text()
    assert '"argv": ["jobs", "skip", "2"]' in log.replace("'", '"')


def test_the_start_up_sweep_still_writes_when_a_deadline_passed(home: Path, cli: Callable[..., CliResult]) -> None:
    """The chores look first with a plain read; only something due opens the store for writing."""
    assert cli("jobs", "add", "--ids", "--data", '{"title": "T", "employer": "E", "deadline": "2020-01-01"}').code == 0
    listed = cli("jobs", "list", "--json").json()
    assert [job["status"] for job in listed] == ["expired"]  # type: ignore[index]


def test_the_first_screen_is_painted_before_sqlalchemy_loads(seeded: tuple[Path, int]) -> None:
    """The UI reads its first rows through the workspace's reader; the store (SQLAlchemy) opens after."""
    home, _ = seeded
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["JOBBER_BENCH_EXIT_AFTER_FIRST_PAINT"] = "1"  # exit from the first-paint hook
        from jobber_tui.ui import build_app
        app = build_app({str(home)!r})
        app.run(headless=True, size=(100, 30))
        print("LOADED", sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "httpx")))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "LOADED []" in proc.stdout, proc.stdout


def test_every_command_and_action_is_still_there_and_helps(capsys: pytest.CaptureFixture[str]) -> None:
    """Sub-commands are built when used: walk them all, so none was lost on the way."""
    import argparse

    from jobber_tui.cli.parser import build_parser

    def names(*path: str) -> list[str]:
        parser = build_parser()
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args([*path, "--help"])
        assert exit_.value.code == 0
        text = capsys.readouterr().out
        assert text.startswith(f"usage: jobber {' '.join(path)}".rstrip()), text[:200]
        for name in path:  # down to the parser that printed the help
            sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
            parser = sub.choices[name].made()
        actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        listed = list(actions[0].choices) if actions else []
        for name in listed:
            assert f"    {name} " in text or f"    {name}\n" in text, (path, name)  # listed in the help too
        return listed

    commands = names()
    assert {"jobs", "import", "resume", "templates", "sources", "pipeline", "track", "webhooks"} <= set(commands)
    seen = 0
    for command in commands:
        for action in names(command):
            names(command, action)
            seen += 1
    assert {"score", "stage", "reset", "generate-pdf"} <= set(names("jobs")) and seen >= 30


@pytest.mark.anyio
async def test_after_the_first_paint_the_collector_is_back_and_the_store_opens(seeded: tuple[Path, int]) -> None:
    """`launch` pauses the cycle collector for the start-up; the first paint turns it back on, and the
    write side (SQLAlchemy) opens in a thread so the first move does not wait for it."""
    import gc

    from waiting import until

    from jobber_tui.ui import build_app

    home, _ = seeded
    app = build_app(home)
    gc.disable()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            # The import takes a moment; the UI stays responsive meanwhile.
            await until(pilot, lambda: app.workspace.store_is_open, "the store to open", timeout=15)
    finally:
        gc.enable()
        app.workspace.close()
