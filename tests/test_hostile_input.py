"""Hostile and broken input at the CLI: one clear line, exit 2, nothing changed; nothing acts on a terminal."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pdf_text import pdf_text

from conftest import CliResult, run_process
from jobber_tui.core.infra.paths import PACKAGE_DIR

Cli = Callable[..., CliResult]
OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
TERMINAL_ATTACKS = [
    OSC52,
    "\x1b[2J",
    "\x1b]0;owned\x07",
    "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "\x07",
    "\x08\x08",
    "\x9b31m",
    "\x9d0;title\x9c",
    "\u202e",
]
RAW_CONTROLS = ("\x1b", "\x07", "\x08", "\x9b", "\x9d", "\x9c", "\u202e")


def _jobs(home: Path) -> list[tuple[int, str]]:
    if not (home / "jobber.db").exists():
        return []
    with sqlite3.connect(home / "jobber.db") as conn:
        return conn.execute("SELECT id, title FROM job ORDER BY id").fetchall()


def _one_clear_line(result: CliResult | subprocess.CompletedProcess[str], code: int = 2) -> str:
    out_code = result.code if isinstance(result, CliResult) else result.returncode
    err = result.err if isinstance(result, CliResult) else result.stderr
    assert out_code == code, err
    assert err.startswith("jobber: error: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ('{"title": "T", "employer": "E", "suitabilityScore": ' + "9" * 5000 + "}", "unreadable JSON"),
        ('{"title": "T", "employer": "E", "suitabilityScore": 99999999999999999999999}', "suitabilityScore"),
        ('{"title": "\\ud800", "employer": "E"}', "title: contains a lone surrogate"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (
            '[{"title": "Good", "employer": "E"}, {"title": "", "employer": "E"}, {"title": "Fine", "employer": "E"}]',
            "item 2: title: must not be empty; nothing was added",
        ),
        (json.dumps({"title": "x" * 10_000_000, "employer": "E"}), "title: at most 300 characters, got 10,000,000"),
        (json.dumps({"title": "T", "employer": "E", "template": "no-such-template"}), "no template named"),
    ],
    ids=[
        "huge-integer",
        "out-of-range",
        "lone-surrogate",
        "deep-nesting",
        "one-bad-element",
        "10-mb-title",
        "unknown-template",
    ],
)
def test_jobs_add_refuses_bad_json_whole(home: Path, cli: Cli, payload: str, message: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "payload.json").write_text(payload)
    result = run_process("jobs", "add", "--ids", "--data", "-", home=home, stdin=(home / "payload.json").read_bytes())
    assert message in _one_clear_line(result)
    assert _jobs(home) == []


def test_invalid_utf8_on_stdin(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    result = run_process("jobs", "add", "--data", "-", home=home, stdin=b'{"title": "\xff\xfe", "employer": "E"}')
    assert "standard input: not UTF-8 text (byte 11)" in _one_clear_line(result)


def test_generate_pdf_with_one_unknown_id_changes_nothing(home: Path, cli: Cli, ready_job: int) -> None:
    before = cli("jobs", "show", str(ready_job), "--json").json()
    result = cli("jobs", "generate-pdf", str(ready_job), "999")
    assert "no job with id 999; nothing was rebuilt" in _one_clear_line(result)
    after = cli("jobs", "show", str(ready_job), "--json").json()
    assert after["pdfGeneratedAt"] == before["pdfGeneratedAt"] and after["events"] == before["events"]


@pytest.mark.parametrize("command", [("import", "file", "/dev/zero"), ("resume", "import", "/dev/zero")])
def test_devices_and_pipes_are_not_read_forever(home: Path, command: tuple[str, ...]) -> None:
    result = run_process(*command, home=home)
    assert "not a regular file" in _one_clear_line(result)


def test_patching_a_template_that_does_not_exist_is_refused(cli: Cli, add_job: Callable[..., int]) -> None:
    job_id = add_job()
    result = cli("jobs", "patch", str(job_id), "--data", '{"template": "fancy"}')
    assert "template: no template named 'fancy'" in _one_clear_line(result)
    assert cli("jobs", "show", str(job_id), "--json").json()["template"] is None


def test_a_status_none_of_the_six_can_be_repaired(home: Path, cli: Cli, add_job: Callable[..., int]) -> None:
    job_id = add_job()
    with sqlite3.connect(home / "jobber.db") as conn:
        conn.execute("UPDATE job SET status = 'archived' WHERE id = ?", (job_id,))
    skipped = cli("jobs", "skip", str(job_id))
    assert "unknown status 'archived'" in _one_clear_line(skipped)
    assert cli("jobs", "reopen", str(job_id)).code == 0
    assert cli("jobs", "show", str(job_id), "--json").json()["status"] == "discovered"


def test_a_redirect_loop_is_one_clear_line(home: Path, cli: Cli) -> None:
    from discovery.board_server import Loopback, Reply

    server = Loopback()
    try:
        server.route("/job", Reply(302, headers={"Location": "/job"}))
        result = cli("import", "url", f"{server.url}/job")
    finally:
        server.close()
    assert "too many redirects" in _one_clear_line(result)
    assert _jobs(home) == []


# -- terminal safety ---------------------------------------------------------------------------------
@pytest.mark.parametrize("attack", TERMINAL_ATTACKS)
def test_escape_sequences_are_cleaned_on_the_way_in(home: Path, cli: Cli, attack: str) -> None:
    result = cli(
        "jobs",
        "add",
        "--ids",
        "--data",
        json.dumps(
            {"title": f"Engineer{attack}", "employer": f"Acme{attack}", "jobDescription": f"line one{attack}\nline two"}
        ),
    )
    assert result.code == 0, result.err
    job = cli("jobs", "show", result.out.split()[0], "--json").json()
    for stored in (job["title"], job["employer"], job["jobDescription"]):
        assert not any(c in stored for c in RAW_CONTROLS), repr(stored)
    assert job["jobDescription"].endswith("\nline two")


def test_csv_and_json_files_are_cleaned_too(home: Path, cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "jobs.csv").write_text(f"title,employer\nCSV{OSC52},Acme\x1b[2J\n")
    (tmp_path / "jobs.json").write_text(json.dumps([{"title": f"JSON{OSC52}", "employer": "Acme\u202e"}]))
    assert cli("import", "file", str(tmp_path / "jobs.csv")).code == 0
    assert cli("import", "file", str(tmp_path / "jobs.json")).code == 0
    assert [t for _, t in _jobs(home)] == ["CSV", "JSON"]


def test_stored_controls_from_older_versions_never_reach_the_terminal(
    home: Path, cli: Cli, add_job: Callable[..., int]
) -> None:
    job_id = add_job()
    with sqlite3.connect(home / "jobber.db") as conn:  # what an older Jobber let in
        conn.execute(
            "UPDATE job SET title = ?, job_description = ? WHERE id = ?",
            ("".join(TERMINAL_ATTACKS), "\x1b[2Jdescription\x9b", job_id),
        )
    for args in (
        ("jobs", "list"),
        ("jobs", "show", str(job_id)),
        ("jobs", "list", "--json"),
        ("jobs", "show", str(job_id), "--json"),
    ):
        result = run_process(*args, home=home)
        assert result.returncode == 0, result.stderr
        assert not any(c in result.stdout for c in RAW_CONTROLS), (args, result.stdout[:200])
    assert "\\u001b]52" in run_process("jobs", "show", str(job_id), home=home).stdout  # shown, not obeyed
    listed = json.loads(run_process("jobs", "list", "--json", home=home).stdout)
    assert listed[0]["title"].startswith(OSC52)  # JSON keeps the data exactly, escaped


def test_the_upgrade_cleans_stored_text(home: Path) -> None:
    from jobber_tui.core.jobs.store import JobStore

    home.mkdir(parents=True)
    shutil.copyfile(Path(__file__).parent / "fixtures" / "db" / "jobber-0.1.0.db", home / "jobber.db")
    with sqlite3.connect(home / "jobber.db") as conn:
        conn.execute("UPDATE job SET title = ? WHERE id = 1", (f"Platform{OSC52} Engineer",))
    assert JobStore(home / "jobber.db").get(1).title == "Platform Engineer"


def test_bidi_overrides_and_controls_never_reach_the_pdf(home: Path, cli: Cli) -> None:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE_DIR / "demo" / "resume.json", home / "resume.json")
    added = cli(
        "jobs",
        "add",
        "--ids",
        "--data",
        json.dumps(
            {
                "title": "Engineer \u202egnp.exe",
                "employer": "Acme\x1b[31m",
                "tailoredHeadline": "Lead\u202e Engineer\x07",
            }
        ),
    )
    job_id = added.out.split()[0]
    assert cli("jobs", "process", job_id).code == 0
    text = pdf_text(home / "pdfs" / f"resume_{job_id}.pdf")
    assert "Lead Engineer" in text
    assert not any(c in text for c in RAW_CONTROLS)


def test_a_models_escape_sequences_never_reach_the_terminal(
    home: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from llm.chat_server import Reply, running_chat_server, sse_chunks

    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE_DIR / "demo" / "resume.json", home / "resume.json")
    with running_chat_server() as (server, url):
        (home / "config.toml").write_text(f'[llm]\nbase_url = "{url}"\nmodel = "m"\nretries = 0\n')
        job_id = cli("jobs", "add", "--ids", "--data", '{"title": "T", "employer": "E"}').out.split()[0]
        server.script = [Reply(sse=sse_chunks("Dear team,", OSC52, " I would ", "\x1b", "]52;c;aGk=\x07like to."))]
        streamed = cli("ghostwriter", job_id, "Write a note")
        history = cli("ghostwriter", job_id, "--history")
    for result in (streamed, history):
        assert result.code == 0, result.err
        assert not any(c in result.out for c in RAW_CONTROLS), repr(result.out)
    assert "Dear team, I would ]52;c;aGk=like to." in streamed.out


# -- the store: damage, read-only, disk full, waiting, permissions -------------------------------------
def test_llm_credentials_in_the_base_url_are_never_shown(home: Path, cli: Cli, add_job: Callable[..., int]) -> None:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE_DIR / "demo" / "resume.json", home / "resume.json")
    (home / "config.toml").write_text(
        '[llm]\nbase_url = "http://alice:hunter2-secret@127.0.0.1:9/v1?api-key=sk-url-'
        'SECRET99"\nmodel = "m"\nretries = 0\nconnect_timeout = 0.5\n'
    )
    job_id = add_job()
    results = [cli("llm", "check"), cli("jobs", "process", str(job_id)), cli("jobs", "show", str(job_id))]
    shown = "".join(r.out + r.err for r in results) + (home / "logs" / "jobber.log").read_text()
    for secret in ("hunter2-secret", "sk-url-SECRET99", "alice:"):
        assert secret not in shown, secret


def test_a_corrupted_rxresume_export_never_replaces_a_good_resume(home: Path, cli: Cli, tmp_path: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "resumes"
    assert cli("resume", "import", str(fixtures / "rxresume_v4.json")).code == 0
    good = (home / "resume.json").read_bytes()
    export = json.loads((fixtures / "rxresume_v4.json").read_text())
    export["basics"] = "Alex Rivera"  # a hand edit gone wrong
    export["sections"]["experience"]["items"] = {"0": export["sections"]["experience"]["items"][0]}
    (tmp_path / "broken.json").write_text(json.dumps(export))
    refused = cli("resume", "import", str(tmp_path / "broken.json"))
    err = _one_clear_line(refused)
    assert "'basics' is text, not an object" in err and "section 'experience' has items that are an object" in err
    assert (home / "resume.json").read_bytes() == good
    forced = cli("resume", "import", str(tmp_path / "broken.json"), "--force")
    assert forced.code == 0 and (home / "resume.json").read_bytes() != good
