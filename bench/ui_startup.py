"""The UI's headline numbers: first screen with 10,000 jobs, and a filter keystroke on 50,000.

1. Start-up, as whole processes in a pseudo-terminal (120x34), interleaved with the baseline
   `python -c "import textual.app"`, medians:
   - "first paint": from spawning `jobber` to its first screen being drawn (the app reports it
     on a pipe from `call_after_refresh` on the queue screen's mount, then exits);
   - "whole process": the same run until the process has exited, terminal restored. Textual's
     shutdown alone (input thread polling) takes ~0.2 s of that, which no user waits for.
   Goal (issue 18): first paint within 0.15 s of the bare Textual import. The first screen reads its
   rows with sqlite3 (the workspace's reader); SQLAlchemy loads after the first paint, in a thread.
2. Search: 50,000 jobs in Discovered; median of 20 keystrokes, (a) the table's search
   (set_filter → words through SQLite FTS5, filters on the rows → rows updated; alternating two
   unrelated queries whose words match thousands of jobs), (b) the whole way from a key event
   reaching the app, through the search input and its Input.Changed message, to the table's row
   list updated, and (c) a first keystroke of a new word that matches every job (the FTS5 floor:
   no word cached). Goal: under 50 ms.

Run: python bench/ui_startup.py [--runs 15] [--jobs 10000] [--filter-jobs 50000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import PY  # noqa: E402


def seed(home: Path, count: int) -> None:
    """`count` discovered jobs: one added through the store, then copied in SQL with a new title,
    employer, location, URL and score per copy (every other column as the store wrote it)."""
    from jobber_tui.core.workspace import open_workspace

    ws = open_workspace(home)
    ws.store.add_jobs(
        [
            {
                "title": "Engineer 0",
                "employer": "Company 0",
                "location": "Berlin",
                "deadline": "2099-01-01",
                "jobUrl": "https://jobs.example.com/0",
                "jobDescription": "We build things. " * 40,
            }
        ]
    )
    varied = {
        "title": "'Engineer ' || n",
        "employer": "'Company ' || (n % 700)",
        "location": "CASE n % 3 WHEN 0 THEN 'Berlin' WHEN 1 THEN 'Remote' ELSE 'Lisbon, PT' END",
        "job_url": "'https://jobs.example.com/' || n",
        "suitability_score": "n % 101",
    }
    with ws.store.writing() as session:
        conn = session.connection()
        columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(job)") if row[1] != "id"]
        values = ", ".join(varied.get(column, column) for column in columns)
        conn.exec_driver_sql(
            f"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {count - 1}) "
            f"INSERT INTO job ({', '.join(columns)}) SELECT {values} FROM seq, job WHERE job.id = 1"
        )
    ws.close()


def run_in_pty(argv: list[str], env: dict[str, str], size: tuple[int, int] = (120, 34)) -> tuple[float, float | None]:
    """Run argv on a fresh pseudo-terminal: (seconds to exit, seconds to first paint or None)."""
    import fcntl
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    read_end, write_end = os.pipe()
    full_env = {
        **os.environ,
        **env,
        "TERM": "xterm-256color",
        "JOBBER_BENCH_FIRST_PAINT_FD": str(write_end),
        "PYTHONDONTWRITEBYTECODE": "",
    }  # a real install has its .pyc files
    painted: list[float] = []
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=full_env, pass_fds=(write_end,))
    os.close(slave)
    os.close(write_end)

    def drain() -> None:  # a terminal that is never read from would block the app's writes
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    def wait_paint() -> None:
        if os.read(read_end, 64):
            painted.append(time.perf_counter())

    threads = [threading.Thread(target=drain, daemon=True), threading.Thread(target=wait_paint, daemon=True)]
    for thread in threads:
        thread.start()
    code = proc.wait(timeout=60)
    total = time.perf_counter() - started
    threads[1].join(timeout=1)
    os.close(master)
    os.close(read_end)
    if code != 0:
        raise SystemExit(f"{argv} exited with {code}")
    return total, (painted[0] - started) if painted else None


def bench_startup(home: Path, runs: int) -> None:
    baseline = [PY, "-c", "import textual.app"]
    app = [PY, "-m", "jobber_tui", "--home", str(home)]
    env = {"JOBBER_BENCH_EXIT_AFTER_FIRST_PAINT": "1"}
    base_s: list[float] = []
    paint_s: list[float] = []
    whole_s: list[float] = []
    run_in_pty(app, env)  # warm the OS file cache and .pyc files once
    for _ in range(runs):
        base_s.append(run_in_pty(baseline, {})[0])
        whole, paint = run_in_pty(app, env)
        whole_s.append(whole)
        assert paint is not None, "the app never reported its first paint"
        paint_s.append(paint)
    base, paint, whole = (statistics.median(v) for v in (base_s, paint_s, whole_s))
    print(f"{'start-up (median of ' + str(runs) + ')':<44} {'seconds':>8} {'vs baseline':>12}")
    label = 'python -c "import textual.app"'
    print(f"{label:<44} {base:8.3f}")
    print(f"{'jobber: first screen painted':<44} {paint:8.3f} {paint - base:+11.3f}s")
    print(f"{'jobber: whole process (paint + clean exit)':<44} {whole:8.3f} {whole - base:+11.3f}s")
    verdict = "OK" if paint - base <= 0.15 else "OVER"
    print(f"goal: first paint within 0.15 s of the baseline -> {paint - base:+.3f} s {verdict}")


async def _filter_times(home: Path, keystrokes: int) -> tuple[list[float], list[float], list[float], int]:
    from textual import events

    from jobber_tui.ui import build_app
    from jobber_tui.ui.widgets.filter_input import FilterInput
    from jobber_tui.ui.widgets.queue_table import QueueTable

    app = build_app(home)
    direct: list[float] = []
    keyed: list[float] = []
    cold: list[float] = []
    async with app.run_test(size=(120, 34)) as pilot:
        table = app.screen.query_one(QueueTable)
        total = len(table.rows)
        for i in range(keystrokes):  # (a) the search itself, alternating so each call does work
            text = ("engineer 12 score:>30", "company 3 remote:no")[i % 2]
            started = time.perf_counter()
            table.set_filter(text)
            direct.append(time.perf_counter() - started)
        for i in range(keystrokes):  # (c) a word matching all 50,000 jobs, asked of SQLite every time
            app.screen._searcher.forget()  # type: ignore[attr-defined]
            started = time.perf_counter()
            table.set_filter(("engineer", "things")[i % 2])
            cold.append(time.perf_counter() - started)
        table.set_filter("")
        await pilot.press("slash")
        field = app.screen.query_one(FilterInput)
        for i in range(keystrokes):  # (b) key event -> input -> Input.Changed -> table rows updated
            before = table.shown
            key, character = ("backspace", None) if i % 2 else ("7", "7")
            started = time.perf_counter()
            app.post_message(events.Key(key, character))
            while table.shown is before:
                await asyncio.sleep(0)
            keyed.append(time.perf_counter() - started)
            await pilot.pause()  # let the repaint happen before the next key
        assert field.value in ("", "7")
    app.workspace.close()
    return direct, keyed, cold, total


def bench_filter(home: Path, keystrokes: int = 20) -> None:
    direct, keyed, cold, total = asyncio.run(_filter_times(home, keystrokes))
    ms_direct, ms_keyed, ms_cold = (statistics.median(v) * 1000 for v in (direct, keyed, cold))
    print(f"search on {total} jobs (median of {keystrokes})")
    print(f"  table.set_filter -> rows updated           {ms_direct:7.1f} ms (words and filters)")
    print(f"  key event to the app -> rows updated       {ms_keyed:7.1f} ms (message loop included)")
    print(f"  a new word matching all {total} jobs        {ms_cold:7.1f} ms (FTS5, nothing cached)")
    worst = max(ms_direct, ms_keyed, ms_cold)
    print(f"goal: under 50 ms per keystroke -> {worst:.1f} ms {'OK' if worst < 50 else 'OVER'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--filter-jobs", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        started = time.perf_counter()
        seed(small, args.jobs)
        seed(large, args.filter_jobs)
        print(f"seeded {args.jobs} and {args.filter_jobs} jobs in {time.perf_counter() - started:.1f} s")
        bench_startup(small, args.runs)
        bench_filter(large)


if __name__ == "__main__":
    main()
