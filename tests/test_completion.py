"""Shell completion and the man page (issue 19), written from the lazy parser at run time.

The scripts are loaded into the real shells and asked to complete, as a user's Tab does: bash through
shtab's completion function, fish through `complete -C`. The man page is rendered by groff when the
machine has it (warnings are failures), and its roff structure is checked either way.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jobber_tui.cli.command_tree import command_tree, full_parser


def jobber(*args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "jobber_tui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


TREE = command_tree(full_parser())
TOP = [c.path[-1] for c in TREE.children]
JOBS = [c.path[-1] for c in next(c for c in TREE.children if c.path == ("jobs",)).children]


def test_the_tree_is_whole_although_the_parser_is_lazy() -> None:
    """Sub-commands added on first use (issue 18's `later`) are there: `jobs reset`, `jobs score`, `import url`."""
    names = {c.name for c in TREE.walk()}
    assert {
        "jobber jobs reset",
        "jobber jobs score",
        "jobber jobs stage",
        "jobber import url",
        "jobber webhooks retry",
        "jobber completion",
        "jobber man",
    } <= names
    assert {"jobs", "import", "pipeline", "track", "webhooks", "completion", "man"} <= set(TOP)


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("completion") / "jobber.bash"
    path.write_text(jobber("completion", "bash"))
    return path


def bash_complete(script: Path, *words: str) -> list[str]:
    """What Tab offers after `jobber WORDS...` (the last word is the one being completed)."""
    line = " ".join(("jobber", *words))
    quoted = " ".join(f"'{w}'" for w in ("jobber", *words))
    program = (
        f"source '{script}'; COMP_WORDS=({quoted}); COMP_CWORD={len(words)}; COMP_LINE='{line}'; "
        f"COMP_POINT={len(line)}; _shtab_jobber jobber '{words[-1]}' '{(('jobber',) + words)[-2]}'; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    proc = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_bash_script_is_valid_and_completes_commands_actions_and_options(bash_script: Path) -> None:
    assert subprocess.run(["bash", "-n", str(bash_script)], capture_output=True).returncode == 0
    assert bash_script.read_text().endswith("complete -o bashdefault -F _shtab_jobber jobber\n")
    assert set(bash_complete(bash_script, "")) >= set(TOP)
    assert bash_complete(bash_script, "web") == ["webhooks"]
    assert set(bash_complete(bash_script, "jobs", "")) == set(JOBS)
    assert bash_complete(bash_script, "jobs", "list", "--st") == ["--status"]
    assert bash_complete(bash_script, "completion", "") == ["bash", "zsh", "fish"]


def test_zsh_script_lists_every_command() -> None:
    script = jobber("completion", "zsh")
    assert script.startswith("#compdef jobber")
    top = script[script.index("_shtab_jobber_commands()") :]
    for word in TOP:
        assert re.search(rf"^\s+{re.escape(word)}:'", top, flags=re.M), word
    jobs = script[script.index("_shtab_jobber_jobs_commands()") :]
    jobs = jobs[: jobs.index("}")]
    assert set(re.findall(r"^\s+([\w-]+):'", jobs, flags=re.M)) == set(JOBS)
    if shutil.which("zsh"):
        proc = subprocess.run(["zsh", "-n"], input=script, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr


@pytest.mark.skipif(not shutil.which("fish"), reason="fish is not installed")
def test_fish_script_completes_commands_actions_options_and_files(tmp_path: Path) -> None:
    script = tmp_path / "jobber.fish"
    script.write_text(jobber("completion", "fish"))
    (tmp_path / "jobs.csv").write_text("title\n")

    def complete(line: str) -> list[str]:
        proc = subprocess.run(
            ["fish", "--no-config", "-c", f"source '{script}'; complete -C '{line}'"],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
        assert proc.returncode == 0, proc.stderr
        return [row.split("\t")[0] for row in proc.stdout.splitlines()]

    assert subprocess.run(["fish", "--no-execute", str(script)], capture_output=True).returncode == 0
    assert set(complete("jobber ")) >= set(TOP)
    assert set(complete("jobber jobs ")) == set(JOBS)
    assert complete("jobber jobs list --st") == ["--status"]
    assert complete("jobber completion ") == ["bash", "fish", "zsh"]
    assert "jobs.csv" in complete("jobber import file ")
    assert complete("jobber --home jobber jobs ") and set(complete("jobber --debug jobs ")) == set(JOBS)


def test_fish_script_with_every_command_in_the_file() -> None:
    script = jobber("completion", "fish")
    for command in list(TREE.walk())[1:]:
        assert f"'{' '.join(command.path)}'" in script, command.name


@pytest.fixture(scope="module")
def man_page() -> str:
    return jobber("man")


def test_man_page_has_the_sections_and_every_command(man_page: str) -> None:
    assert man_page.startswith('.TH JOBBER 1 "" "jobber ')
    sections = re.findall(r"^\.SH (.+)$", man_page, flags=re.M)
    assert sections == [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
        "SEE ALSO",
    ]
    subsections = re.findall(r'^\.SS "(.+)"$', man_page, flags=re.M)
    assert subsections == [c.name.replace("-", r"\-") for c in list(TREE.walk())[1:]]
    # no line that roff would take as a request unless it is one of ours
    for line in man_page.splitlines():
        if line.startswith((".", "'")):
            assert re.match(r"\.(TH|SH|SS|PP|TP|B|br|nf|fi)\b", line), line


@pytest.mark.skipif(not shutil.which("groff"), reason="groff is not installed")
def test_man_page_renders_without_warnings(man_page: str) -> None:
    proc = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww"], input=man_page, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0 and not proc.stderr, proc.stderr
    text = re.sub(r".\x08", "", proc.stdout)  # groff's overstrike bold/underline
    assert "jobber jobs generate-pdf" in text
    assert "--all-ready" in text.replace("‐", "-")
    assert "JOBBER_HOME" in text
