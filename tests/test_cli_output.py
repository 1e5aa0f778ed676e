"""Issue 19: `--json` is output on every command that prints data, input comes by `--data`; human output is a
summary at a glance, with a progress bar on a terminal for long work. Asserted on what the user sees."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult, run_process
from jobber_tui.cli.pipeline_output import ProgressPrinter, eta_text
from jobber_tui.cli.report import DEPRECATED_JSON_INPUT

Cli = Callable[..., CliResult]
DOC = Path(__file__).parent.parent / "docs" / "cli-json.md"
DEMO_RESUME = Path(__file__).parent.parent / "jobber_tui" / "demo" / "resume.json"


# -- the documented keys ---------------------------------------------------------------------------------------


def _command_names(cell: str) -> list[str]:
    """ "`jobs add`, `import file`" -> both; "`jobs skip\\|apply\\|reopen ID`" -> three; arguments dropped."""
    names = []
    for quoted in re.findall(r"`([^`]+)`", cell.replace("\\|", "|")):
        words = [w for w in quoted.split() if re.fullmatch(r"[a-z][a-z|-]*", w)]
        *head, last = words
        names += [" ".join([*head, verb]) for verb in last.split("|")]
    return names


def _documented() -> dict[str, tuple[str, set[str], dict[str, set[str]]]]:
    """docs/cli-json.md's table: command -> (shape, top-level keys, keys inside a nested key)."""
    text = DOC.read_text(encoding="utf-8")
    job_keys = set(re.findall(r"`(\w+)`", text.split("**Job keys**", 1)[1].split("\n\n", 1)[0]))
    table: dict[str, tuple[str, set[str], dict[str, set[str]]]] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.replace("\\|", "/").strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        command, shape, keys = cells
        keys = re.sub(r"\([^)]*\)", "", keys)  # "(created, duplicate, error)": values, not keys
        top = {k for k in re.findall(r"`([\w.]+)`", keys) if "." not in k}
        if "job keys" in keys:
            top |= job_keys
        nested: dict[str, set[str]] = {}
        for outer, inner in re.findall(r"`(\w+)\.(\w+)`", keys):
            nested.setdefault(outer, set()).add(inner)
        for name in _command_names(command.replace("/", "|")):
            table[name] = (shape, top, nested)
    return table


DOCUMENTED = _documented()


def assert_documented(command: str, data: object) -> None:
    """`data` has exactly the keys docs/cli-json.md lists for `command` (nested ones too)."""
    shape, top, nested = DOCUMENTED[command]
    first = data
    if shape == "array of":
        assert isinstance(data, list) and data, f"{command}: expected a non-empty array, got {data!r}"
        first = data[0]
    assert isinstance(first, dict), f"{command}: {first!r}"
    assert set(first) == top, (command, sorted(set(first) ^ top))
    for outer, inner in nested.items():
        value = first[outer]
        if isinstance(value, list):
            assert value, f"{command}: {outer} is empty; the test needs one item"
            value = value[0]
        if isinstance(value, dict):  # every key it has is listed (an add's item has `id` or `reason`)
            assert set(value) <= inner, (command, outer, sorted(set(value) - inner))


def test_the_document_lists_the_commands_it_is_checked_for() -> None:
    for command in (
        "paths",
        "templates list",
        "llm presets",
        "llm check",
        "jobs add",
        "import file",
        "jobs generate-pdf",
        "jobs process",
        "resume import",
        "jobs show",
        "doctor",
        "backup",
    ):
        assert command in DOCUMENTED, sorted(DOCUMENTED)


# -- --data, and the deprecated input spelling -----------------------------------------------------------------


def test_jobs_add_takes_data_as_text_stdin_or_a_file_and_answers_with_a_summary(
    home: Path, tmp_path: Path, cli: Cli
) -> None:
    one = cli("jobs", "add", "--data", '{"title": "SRE", "employer": "Acme"}')
    assert (one.code, one.out, one.err) == (0, "added 1 job (id 1)\n", "")
    file = tmp_path / "jobs.json"
    file.write_text(json.dumps([{"title": "Data", "employer": "Beta"}, {"title": "Web", "employer": "Gamma"}]))
    assert cli("jobs", "add", "--data", f"@{file}").out == "added 2 jobs (ids 2, 3)\n"
    piped = run_process(
        "jobs",
        "add",
        "--data",
        "-",
        "--json",
        home=home,
        stdin=b'[{"title": "Ops", "employer": "Delta", "jobUrl": "https://jobs.example.com/9"},'
        b' {"title": "Ops", "employer": "Delta", "jobUrl": "https://jobs.example.com/9"}]',
    )
    assert piped.returncode == 0, piped.stderr
    data = json.loads(piped.stdout)
    assert_documented("jobs add", data)
    assert data["ids"] == [4] and data["counts"] == {"rows": 2, "created": 1, "duplicates": 1, "errors": 0}
    assert data["items"] == [
        {"row": 1, "result": "created", "id": 4},
        {"row": 2, "result": "duplicate", "reason": "duplicate jobUrl https://jobs.example.com/9"},
    ]
    assert (
        cli("jobs", "add", "--ids", "--data", '[{"title": "A", "employer": "B"}, {"title": "C", "employer": "D"}]').out
        == "5\n6\n"
    )
    assert [j["title"] for j in cli("jobs", "list", "--json").json()] == [  # type: ignore[union-attr]
        "SRE",
        "Data",
        "Web",
        "Ops",
        "A",
        "C",
    ]
    missing = cli("jobs", "add")
    assert missing.code == 2 and "--data JSON" in missing.err and missing.out == ""


def test_the_old_json_input_spelling_still_works_with_a_one_line_note(cli: Cli) -> None:
    added = cli("jobs", "add", "--json", '{"title": "SRE", "employer": "Acme"}')
    assert added.code == 0
    assert added.out == "1\n"  # what scripts written for it read: the bare id
    assert added.err == DEPRECATED_JSON_INPUT + "\n"
    assert "deprecated" in added.err and "--data" in added.err
    patched = cli("jobs", "patch", "1", "--json", '{"salary": "90k"}')
    assert (patched.code, patched.out) == (0, "job 1: patched (discovered)\n")
    assert patched.err == DEPRECATED_JSON_INPUT + "\n"
    assert cli("jobs", "show", "1", "--json").json()["salary"] == "90k"  # type: ignore[index]
    both = cli("jobs", "patch", "1", "--json", '{"salary": "1"}', "--data", '{"salary": "2"}')
    assert both.code == 2 and "give the JSON once" in both.err
    bad = cli("jobs", "patch", "1", "--json", '{"salary": ')
    assert bad.code == 2 and "jobber: error: --json: malformed JSON" in bad.err
    assert cli("jobs", "show", "1", "--json").json()["salary"] == "90k"  # type: ignore[index]


def test_patch_with_json_prints_the_changed_job(cli: Cli) -> None:
    cli("jobs", "add", "--data", '{"title": "SRE", "employer": "Acme"}')
    result = cli("jobs", "patch", "1", "--data", '{"location": "Lisboa"}', "--json")
    assert result.code == 0 and result.err == ""
    job = result.json()
    assert_documented("jobs patch", job)
    assert job["location"] == "Lisboa"  # type: ignore[index]
    moved = cli("jobs", "skip", "1", "--json")
    assert moved.json() == {"id": 1, "status": "skipped"}
    assert_documented("jobs skip", moved.json())


# -- import file: one summary line, the ids in --json/--ids, a bar on a terminal ------------------------------


def _jobs_file(tmp_path: Path, rows: int, duplicates: int, bad: int = 0) -> Path:
    jobs: list[object] = [
        {"title": f"Engineer {i}", "employer": "Harborline", "jobUrl": f"https://jobs.example.com/{i}"}
        for i in range(rows - duplicates - bad)
    ]
    jobs += [
        {"title": "Again", "employer": "Harborline", "jobUrl": f"https://jobs.example.com/{i}"}
        for i in range(duplicates)
    ]
    jobs += [{"title": f"No employer {i}"} for i in range(bad)]
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps(jobs), encoding="utf-8")
    return path


def test_import_file_ends_with_one_summary_line_and_names_the_first_problems(cli: Cli, tmp_path: Path) -> None:
    path = _jobs_file(tmp_path, rows=1_240, duplicates=26, bad=14)
    result = cli("import", "file", str(path))
    assert result.code == 0
    assert result.out == "imported 1,200 jobs, 26 duplicates skipped, 14 errors\n"
    problems = result.err.splitlines()
    assert len(problems) == 11  # ten named, then the count of the rest
    assert problems[0] == "skipped row 1201: duplicate jobUrl https://jobs.example.com/0"
    assert problems[-1] == "… and 30 more (all of them: --json)"
    assert "\r" not in result.err and "ETA" not in result.err  # no bar off a terminal


def test_import_file_json_has_the_ids_and_each_rows_result(cli: Cli, tmp_path: Path) -> None:
    path = _jobs_file(tmp_path, rows=60, duplicates=5, bad=3)
    result = cli("import", "file", str(path), "--json")
    assert result.code == 0 and result.err == ""
    data = result.json()
    assert_documented("import file", data)
    assert data["ids"] == list(range(1, 53))  # type: ignore[index]
    assert data["counts"] == {"rows": 60, "created": 52, "duplicates": 5, "errors": 3}  # type: ignore[index]
    results = [item["result"] for item in data["items"]]  # type: ignore[index]
    assert results == ["created"] * 52 + ["duplicate"] * 5 + ["error"] * 3
    assert data["items"][-1] == {"row": 60, "result": "error", "reason": "employer: required"}  # type: ignore[index]
    again = cli("import", "file", str(path), "--ids")
    assert again.out == "" and again.err.count("duplicate jobUrl") == 10  # all 57 are known now; first ten named
    fresh = tmp_path / "fresh.json"
    fresh.write_text('[{"title": "New", "employer": "Acme"}, {"title": "Newer", "employer": "Acme"}]')
    assert cli("import", "file", str(fresh), "--ids").out == "53\n54\n"


def _run_on_a_terminal(*args: str, home: Path) -> tuple[int, str, str]:
    """`python -m jobber_tui ARGS` with stderr on a pseudo-terminal (as in a shell) and stdout on a pipe."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "JOBBER_HOME": str(home), "COLUMNS": "100"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobber_tui", *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:  # a full pty buffer would block the writer
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the other side closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    out, _ = proc.communicate(timeout=300)
    reader.join(timeout=10)
    os.close(master)
    return proc.returncode, out.decode(), b"".join(chunks).decode("utf-8", "replace")


def test_import_file_on_a_terminal_draws_a_bar_with_counts_and_an_eta(home: Path, tmp_path: Path) -> None:
    path = _jobs_file(tmp_path, rows=3_000, duplicates=40)
    code, out, err = _run_on_a_terminal("import", "file", str(path), home=home)
    assert code == 0, err
    assert out == "imported 2,960 jobs, 40 duplicates skipped, 0 errors\n"  # stdout: the summary, no bar
    frames = [frame for frame in err.split("\r\x1b[2K") if frame.startswith("[")]
    assert frames, repr(err[:500])
    assert all(
        re.fullmatch(r"\[[#-]{24}\] [\d,]+/3,000 jobs(  ETA \d+(s|m \d\ds))?", f.splitlines()[0].strip())
        for f in frames
    ), frames[:5]
    assert any("ETA" in frame for frame in frames)  # the pace is known after the first rows
    done = [int(f.split("]")[1].split("/")[0].replace(",", "")) for f in frames]
    assert done == sorted(done) and done[-1] == 3_000
    assert err.rindex("skipped row") > err.rindex("3,000/3,000")  # the problems come after the bar is wiped


def test_the_bar_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    printer = ProgressPrinter(stream, tty=True)
    clock = iter([100.0, 102.0, 102.05, 104.0])
    monkeypatch.setattr("jobber_tui.cli.pipeline_output.time.monotonic", lambda: next(clock))
    printer.count(0, 10_000, "jobs")  # 100.0: drawn, no pace yet
    printer.count(2_500, 10_000, "jobs")  # 102.0: 2 s for a quarter -> 6 s left
    printer.count(2_600, 10_000, "jobs")  # 102.05: within a tenth of a second, not redrawn
    printer.count(10_000, 10_000, "jobs")  # 104.0: the end is always drawn
    frames = stream.getvalue().split("\r\x1b[2K")[1:]
    monkeypatch.undo()
    assert frames == [
        "[------------------------] 0/10,000 jobs",
        "[######------------------] 2,500/10,000 jobs  ETA 6s",
        "[########################] 10,000/10,000 jobs",
    ]
    quiet = io.StringIO()
    ProgressPrinter(quiet, tty=False).count(5, 10, "jobs")
    assert quiet.getvalue() == ""
    assert (eta_text(10, 1, 10), eta_text(10, 1, 100), eta_text(100, 1, 100), eta_text(1, 0, 5)) == (
        "1m 30s",
        "16m 30s",
        "2h 45m",
        "",
    )


# -- the rest of the --json outputs ------------------------------------------------------------------------------


def test_paths_templates_and_presets_answer_in_json(cli: Cli, home: Path) -> None:
    paths = cli("paths", "--json").json()
    assert_documented("paths", paths)
    assert paths["database"] == str(home / "jobber.db")  # type: ignore[index]
    assert cli("paths").out.startswith("config ")  # people still get the table
    templates = cli("templates", "list", "--json").json()
    assert_documented("templates list", templates)
    assert sum(t["default"] for t in templates) == 1  # type: ignore[union-attr]
    presets = cli("llm", "presets", "--json").json()
    assert_documented("llm presets", presets)
    assert {p["name"] for p in presets} >= {"openai", "ollama"}  # type: ignore[union-attr]


def test_llm_check_json_names_the_key_variable_never_the_key(
    cli: Cli, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from llm.chat_server import Reply, running_chat_server

    secret = "sk-test-Zx81oPq0w3"
    monkeypatch.setenv("JOBBER_TEST_LLM_KEY", secret)
    with running_chat_server() as (server, url):
        server.default = lambda body: Reply(content="ok")
        home.mkdir(parents=True, exist_ok=True)
        (home / "config.toml").write_text(
            f'[llm]\nbase_url = "{url}"\nmodel = "m"\napi_key_env = "JOBBER_TEST_LLM_KEY"\n'
        )
        result = cli("llm", "check", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert_documented("llm check", data)
    assert data["apiKeyEnv"] == "JOBBER_TEST_LLM_KEY" and data["apiKeySet"] is True  # type: ignore[index]
    assert data["answer"].startswith("m at ") and secret not in result.out  # type: ignore[index]


def test_backup_doctor_and_resume_import_answer_in_json(cli: Cli, home: Path, tmp_path: Path) -> None:
    imported = cli("resume", "import", str(DEMO_RESUME), "--json")
    assert imported.code == 0, imported.err
    assert_documented("resume import", imported.json())
    assert imported.json()["projectIds"]  # type: ignore[index]
    human = cli("resume", "import", str(DEMO_RESUME))
    assert human.out.splitlines()[0] == f"imported jsonresume resume to {home / 'resume.json'}"
    assert "project ids" not in human.out
    cli("jobs", "add", "--data", '{"title": "SRE", "employer": "Acme"}')
    backup = cli("backup", str(tmp_path / "copy.db"), "--json").json()
    assert backup == {"jobs": 1, "path": str(tmp_path / "copy.db")}
    assert_documented("backup", backup)
    assert_documented("doctor", cli("doctor", "--json").json())
    assert_documented("jobs show", cli("jobs", "show", "1", "--json").json())


# -- many ids: generate-pdf and process --------------------------------------------------------------------------


@pytest.fixture
def three_jobs(cli: Cli) -> list[str]:
    assert cli("resume", "import", str(DEMO_RESUME)).code == 0
    jobs = [{"title": f"Platform Engineer {n}", "employer": "Harborline"} for n in range(3)]
    return cli("jobs", "add", "--ids", "--data", json.dumps(jobs)).out.split()


def test_process_and_generate_pdf_over_many_ids_end_with_one_line(cli: Cli, three_jobs: list[str]) -> None:
    a, b, c = three_jobs
    cli("jobs", "skip", c)
    processed = cli("jobs", "process", a, b, c)
    assert processed.code == 1
    assert processed.out == "processed 2 jobs to ready, 1 failed\n"
    assert processed.err == f"job {c}: failed: job {c} is skipped: only discovered jobs can be processed\n"
    rebuilt = cli("jobs", "generate-pdf", a, b)
    assert (rebuilt.code, rebuilt.out, rebuilt.err) == (0, "rebuilt 2 PDFs, 0 failed\n", "")
    data = cli("jobs", "generate-pdf", "--all-ready", "--json").json()
    assert_documented("jobs generate-pdf", data)
    assert data["counts"] == {"rebuilt": 2, "failed": 0}  # type: ignore[index]
    assert [(i["id"], Path(i["pdf"]).is_file(), i["error"]) for i in data["items"]] == [  # type: ignore[index]
        (int(a), True, None),
        (int(b), True, None),
    ]
    one = cli("jobs", "generate-pdf", a)
    assert one.out.startswith(f"job {a}: PDF ") and one.out.endswith(".pdf\n")  # one id: as before
    failed = cli("jobs", "generate-pdf", a, c, "--json")
    assert failed.code == 1 and failed.json()["counts"] == {"rebuilt": 1, "failed": 1}  # type: ignore[index]


def test_process_json_has_each_job(cli: Cli, three_jobs: list[str]) -> None:
    data = cli("jobs", "process", *three_jobs[:2], "--json").json()
    assert_documented("jobs process", data)
    assert data["counts"] == {"ready": 2, "failed": 0}  # type: ignore[index]
    assert all(item["status"] == "ready" and item["pdf"].endswith(".pdf") for item in data["items"])  # type: ignore[index]


# -- every command that prints data takes --json, and the document lists it ------------------------------------

NO_JSON = {
    "watch",
    "ghostwriter",
    "ui",
    "sources add",
    "sources remove",
    "searches add",
    "searches remove",
    "track dismiss",
    "jobs reset",
    "completion",
    "man",
}
"""Commands without --json, as docs/cli-json.md says: a stream of lines, the streamed answer, the UI, and the ones
that change one setting and confirm it in a line."""


def _leaf_commands() -> dict[str, argparse.ArgumentParser]:
    """Every command a user can run (`jobs add`, `paths`, ...) with its parser, as the help lists them."""
    from jobber_tui.cli.parser import build_parser

    leaves: dict[str, argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        parser.format_help()  # builds a command's sub-commands, as `jobber jobs --help` does
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs and path:
            leaves[" ".join(path)] = parser
        for sub in subs:
            for name, child in sub.choices.items():
                walk(child.made(), (*path, name))

    walk(build_parser(), ())
    return leaves


def test_every_command_that_prints_data_takes_json_and_is_documented() -> None:
    leaves = _leaf_commands()
    assert len(leaves) >= 45 and NO_JSON <= set(leaves)
    without = {
        name
        for name, parser in leaves.items()
        if not any("--json" in action.option_strings for action in parser._actions)
    }
    assert without == NO_JSON
    undocumented = set(leaves) - NO_JSON - set(DOCUMENTED)
    assert not undocumented, sorted(undocumented)
    text = DOC.read_text(encoding="utf-8")
    assert all(f"`{name}`" in text for name in NO_JSON)
