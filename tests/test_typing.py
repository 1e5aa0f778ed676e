"""`mypy` in strict mode passes on the whole package (settings in pyproject's [tool.mypy]), and the typed app
interface of the screens catches a renamed app method.

mypy keeps its cache in `.mypy_cache/` at the top of the checkout: the first run takes a while, the next a second.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None, reason="mypy is not installed (pip install -e '.[test]' brings it)"
)


def mypy(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m mypy ARGS` from the checkout (so pyproject's [tool.mypy] applies), with this venv's Python."""
    return subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT, capture_output=True, text=True, timeout=900)


def test_mypy_strict_passes_with_no_errors() -> None:
    result = mypy()
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert result.stdout.startswith("Success: no issues found"), result.stdout[-2000:]


def test_a_screen_calling_a_renamed_app_method_fails_the_check(tmp_path: Path) -> None:
    # Screens and dialogs see `self.app` as the JobberApp: a call to a method that is not there (renamed,
    # misspelt) is an error, where with Textual's plain `App` it would only fail when the user got there.
    screen = tmp_path / "renamed_call.py"
    screen.write_text(
        "from jobber_tui.ui.screens.jobber_screen import JobberModalScreen, JobberScreen\n"
        "\n"
        "\n"
        "class Queues(JobberScreen[None]):\n"
        "    def on_mount(self) -> None:\n"
        "        self.app.broadcast_jobs_changed(frozenset({1}))\n"
        "        self.app.broadcast_job_changed(frozenset({1}))\n"
        "\n"
        "\n"
        "class Dialog(JobberModalScreen[bool]):\n"
        "    def on_mount(self) -> None:\n"
        "        self.app.run_job_verb('skip', 1)\n"
        "        self.app.run_job_verb(1, 'skip')\n",
        encoding="utf-8",
    )
    result = mypy(str(screen))
    # By file name: mypy's cache may report a module it has seen under the path it had then.
    ours = [line.split("renamed_call.py", 1)[1] for line in result.stdout.splitlines() if "renamed_call.py:" in line]
    assert result.returncode == 1
    assert len(ours) == 3, result.stdout[-4000:]  # the missing method; both arguments of the swapped call
    assert ours[0].startswith(':7: error: "JobberApp" has no attribute "broadcast_job_changed"'), ours
    assert all(line.startswith(":13: error: Argument") for line in ours[1:]), ours
