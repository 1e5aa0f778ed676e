"""`jobber resume import/show`: conversions land atomically; bad files leave resume.json untouched."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import CliResult

Cli = Callable[..., CliResult]
FIXTURES = Path(__file__).parent / "fixtures" / "resumes"


def test_import_each_format_and_show(cli: Cli, home: Path) -> None:
    for name, kind in (
        ("jsonresume.json", "jsonresume"),
        ("rxresume_v4.json", "rxresume-v4"),
        ("rxresume_v5.json", "rxresume-v5"),
    ):
        result = cli("resume", "import", str(FIXTURES / name))
        assert result.code == 0, result.err
        assert f"imported {kind} resume" in result.out
        stored = json.loads((home / "resume.json").read_text())
        assert stored["basics"]["name"]
        assert all(p.get("id") for p in stored.get("projects", []))
        shown = cli("resume", "show", "--json").json()
        assert shown == stored
    assert stored["basics"]["name"] in cli("resume", "show").out


def test_bad_files_leave_resume_untouched(cli: Cli, home: Path) -> None:
    assert cli("resume", "import", str(FIXTURES / "jsonresume.json")).code == 0
    before = (home / "resume.json").read_bytes()
    for name, message in (("broken.json", "line"), ("not_a_resume.json", "neither")):
        result = cli("resume", "import", str(FIXTURES / name))
        assert result.code == 2
        assert name in result.err and message in result.err
        assert result.err.count("\n") == 1
        assert (home / "resume.json").read_bytes() == before
    assert [p.name for p in home.iterdir() if p.name.startswith(".")] == []  # no temp files left


def test_show_without_resume_is_clear(cli: Cli) -> None:
    result = cli("resume", "show")
    assert result.code == 2 and "run `jobber resume import FILE`" in result.err
