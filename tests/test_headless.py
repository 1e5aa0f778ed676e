"""The core never imports textual, and non-UI commands never load it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import jobber_tui.core


def test_core_and_cli_commands_leave_textual_unloaded(tmp_path: Path) -> None:
    modules = [m.name for m in pkgutil.walk_packages(jobber_tui.core.__path__, "jobber_tui.core.")]
    assert len(modules) >= 8
    script = textwrap.dedent(f"""
        import importlib, sys
        for name in {modules!r}:
            importlib.import_module(name)
        from jobber_tui.cli import main
        home = {str(tmp_path)!r}
        assert main(["--home", home, "jobs", "add", "--json", '{{"title": "a", "employer": "b"}}']) == 0
        assert main(["--home", home, "jobs", "list", "--json"]) == 0
        assert main(["--home", home, "jobs", "show", "1"]) == 0
        assert main(["--home", home, "jobs", "skip", "1"]) == 0
        assert main(["--home", home, "jobs", "expire"]) == 0
        assert main(["--home", home, "paths"]) == 0
        loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        print("LOADED", loaded)
        sys.exit(1 if loaded else 0)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "LOADED []" in proc.stdout


def test_core_sources_do_not_mention_textual() -> None:
    for path in Path(jobber_tui.core.__path__[0]).rglob("*.py"):
        for line in path.read_text().splitlines():
            stripped = line.strip()
            assert not (stripped.startswith(("import textual", "from textual"))), f"{path}: {line}"
