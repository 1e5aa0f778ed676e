"""Every CLI command's start-up next to its floor, as whole processes, in one interleaved run.

Floors (issue 18):
- `jobber --version`, `--help`, `jobs --help`, `paths`: `python -c pass`. Goal: within 0.05 s.
- `jobs list --json`, `jobs list`, `jobs show ID`, `sources list`, `templates list` on 10,000 jobs:
  bench/sqlite_floor.py, the same query and the same output with nothing but sqlite3 (tomllib for
  the two that read files). The bench checks that both print the same bytes. Goal: within 1.5x.
- `jobs generate-pdf ID` of one ready job: bench/typst_floor.py, a bare `typst.Compiler.compile` of
  the same template and data in a fresh process, writing the PDF. Goal: within 1.3x.

The jobs are realistic text, not ASCII filler: accented names, dashes and typographic quotes, about
2 KB of description each (the checks that keep terminal escapes off the screen cost more on them).

Bytecode is written once before timing (a real install has its .pyc files), whatever
PYTHONDONTWRITEBYTECODE says. Run: python bench/cli_startup.py [--runs 15] [--jobs 10000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import PY, interleaved_medians  # noqa: E402

BENCH = Path(__file__).resolve().parent
ENV = {"COLUMNS": "120", "PYTHONDONTWRITEBYTECODE": ""}
SOURCES = [
    ("greenhouse", "northwind"),
    ("lever", "globex"),
    ("ashby", "initrode"),
    ("workable", "umbrella"),
    ("recruitee", "hooli"),
]
DESCRIPTION = (
    "## About the rôle\n\nWe build the payments platform for Zürich’s co‑operatives — “boring” "
    "infrastructure that has to work. You will own services in Go and Python, run them on "
    "Kubernetes, and make on‑call quiet.\n\n- 5+ years building backend systems\n- PostgreSQL, "
    "Kafka, Terraform\n- Clear writing: design docs, post‑mortems\n\n"
) * 5
EMPLOYERS = [
    "Société Générale des Eaux",
    "Nordlicht GmbH",
    "Ålesund Fiskeri AS",
    "Café Olé S.L.",
    "Zürcher Kantonalbank Labs",
    "Acme Corp",
]


def seed(home: Path, count: int) -> int:
    """`count` jobs with varied text, each with its "created" event; job 1 ready with a PDF (for
    generate-pdf). A few go through the store, the rest are copies made in SQL (seeding is not timed)."""
    from jobber_tui.core.infra.paths import PACKAGE_DIR
    from jobber_tui.core.resume.processing import process_job
    from jobber_tui.core.workspace import open_workspace

    home.mkdir(parents=True)
    shutil.copyfile(PACKAGE_DIR / "demo" / "resume.json", home / "resume.json")
    (home / "config.toml").write_text("".join(f'[[sources]]\nkind = "{k}"\nboard = "{b}"\n\n' for k, b in SOURCES))
    ws = open_workspace(home)
    ws.store.add_jobs(
        [
            {
                "title": "Senior Platform Engineer",
                "employer": EMPLOYERS[0],
                "location": "Zürich, CH",
                "jobUrl": "https://jobs.example.com/0",
                "deadline": "2099-01-01",
                "salary": "CHF 120–140k",
                "jobDescription": DESCRIPTION,
            }
        ]
    )
    ready = process_job(ws, 1).id
    employers = " ".join(f"WHEN {i} THEN '{name}'" for i, name in enumerate(EMPLOYERS))
    varied = {
        "title": "'Senior Platform Engineer ' || n",
        "employer": f"CASE n % {len(EMPLOYERS)} {employers} END",
        "location": "CASE n % 2 WHEN 0 THEN 'Zürich, CH' ELSE 'Remote — EU' END",
        "job_url": "'https://jobs.example.com/' || n",
        "status": "'discovered'",
        "template": "NULL",
        "pdf_path": "NULL",
        "pdf_fingerprint": "NULL",
        "pdf_generated_at": "NULL",
        "ready_at": "NULL",
        "tailored_headline": "NULL",
        "tailored_summary": "NULL",
        "tailored_skills": "NULL",
        "selected_project_ids": "NULL",
    }
    with ws.store.writing() as session:
        conn = session.connection()
        columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(job)") if row[1] != "id"]
        values = ", ".join(varied.get(column, column) for column in columns)
        conn.exec_driver_sql(
            f"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {count - 1}) "
            f"INSERT INTO job ({', '.join(columns)}) SELECT {values} FROM seq, job WHERE job.id = 1"
        )
        conn.exec_driver_sql(
            "INSERT INTO job_event (job_id, at, kind, to_status, detail) SELECT id, created_at, "
            "'created', 'discovered', 'source: manual' FROM job WHERE id > 1"
        )
    ws.close()
    assert ready is not None
    return ready


def floor_data(home: Path, job_id: int, folder: Path) -> Path:
    """The data.json Jobber compiles for the job (its data, the fonts and fit step in `meta`), for the
    bare Typst floor: the floor compiles exactly what Jobber compiles."""
    from jobber_tui.core.resume.processing import render_job_data
    from jobber_tui.core.resume.render import _with_meta, canonical_json
    from jobber_tui.core.workspace import open_workspace

    ws = open_workspace(home)
    rendered, _, data = render_job_data(ws, ws.reader.job(job_id))
    assert not rendered.fonts, "the floor compiles with the template's fonts only"
    path = folder / "data.json"
    path.write_bytes(canonical_json(_with_meta(data, fonts=[], fit=rendered.fit)))
    ws.close()
    return path


def output(argv: list[str]) -> bytes:
    return subprocess.run(argv, check=True, capture_output=True, env={**os.environ, **ENV}).stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=10_000)
    args = parser.parse_args()
    from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        started = time.perf_counter()
        ready = seed(home, args.jobs)
        data = floor_data(home, ready, Path(tmp))
        print(f"seeded {args.jobs} jobs in {time.perf_counter() - started:.1f} s (job {ready} ready)")
        jobber = [PY, "-m", "jobber_tui", "--home", str(home)]
        floor = [PY, str(BENCH / "sqlite_floor.py")]
        typst_floor = [
            PY,
            str(BENCH / "typst_floor.py"),
            str(BUNDLED_TEMPLATES / "classic"),
            str(data),
            str(Path(tmp) / "floor.pdf"),
        ]
        pairs: list[tuple[str, list[str], str, list[str], float, str]] = [
            # (name, command, floor name, floor command, goal, kind of goal)
            ("jobber --version", [*jobber, "--version"], "python -c pass", [PY, "-c", "pass"], 0.05, "+s"),
            ("jobber --help", [*jobber, "--help"], "python -c pass", [PY, "-c", "pass"], 0.05, "+s"),
            (
                "jobber jobs list --help",
                [*jobber, "jobs", "list", "--help"],
                "python -c pass",
                [PY, "-c", "pass"],
                0.05,
                "+s",
            ),
            ("jobber paths", [*jobber, "paths"], "python -c pass", [PY, "-c", "pass"], 0.05, "+s"),
            (
                "jobber jobs list --json",
                [*jobber, "jobs", "list", "--json"],
                "floor list-json",
                [*floor, "list-json", str(home)],
                1.5,
                "x",
            ),
            ("jobber jobs list", [*jobber, "jobs", "list"], "floor list", [*floor, "list", str(home)], 1.5, "x"),
            (
                "jobber jobs show 5",
                [*jobber, "jobs", "show", "5"],
                "floor show 5",
                [*floor, "show", str(home), "5"],
                1.5,
                "x",
            ),
            (
                "jobber sources list",
                [*jobber, "sources", "list"],
                "floor sources",
                [*floor, "sources", str(home)],
                1.5,
                "x",
            ),
            (
                "jobber templates list",
                [*jobber, "templates", "list"],
                "floor templates",
                [*floor, "templates", str(home), str(BUNDLED_TEMPLATES)],
                1.5,
                "x",
            ),
            (
                f"jobber jobs generate-pdf {ready}",
                [*jobber, "jobs", "generate-pdf", str(ready)],
                "bare typst compile",
                typst_floor,
                1.3,
                "x",
            ),
        ]
        for name, command, floor_name, floor_command, _, kind in pairs:  # same bytes, and .pyc files written
            if kind == "x" and "generate-pdf" not in name:
                mine, theirs = output(command), output(floor_command)
                assert mine == theirs, f"{name} and {floor_name} print different bytes"
            output(command)
        commands = {"python -c pass": [PY, "-c", "pass"]}
        for name, command, floor_name, floor_command, _, _ in pairs:
            commands[floor_name] = floor_command
            commands[name] = command
        medians = interleaved_medians(commands, args.runs, env=ENV)

    print(f"medians of {args.runs} interleaved runs, each command next to its floor")
    print(f"{'command':<32} {'s':>6}   {'floor':<20} {'s':>6}   {'result':>9}  goal")
    for name, _, floor_name, _, goal, kind in pairs:
        mine, base = medians[name], medians[floor_name]
        if kind == "+s":
            result, ok = f"{mine - base:+.3f} s", mine - base <= goal
            target = f"within {goal:.2f} s"
        else:
            result, ok = f"{mine / base:.2f}x", mine / base <= goal
            target = f"within {goal:.1f}x"
        print(f"{name:<32} {mine:6.3f}   {floor_name:<20} {base:6.3f}   {result:>9}  {target} {'OK' if ok else 'OVER'}")


if __name__ == "__main__":
    main()
