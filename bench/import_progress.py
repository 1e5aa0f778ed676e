"""What the progress bar of `jobber import file` costs: the same import with stderr on a terminal (the bar is
drawn, at most ten times a second) and on a pipe (no bar; the baseline), interleaved, medians and the ratio.

Each run imports the same file into a fresh home (N rows, 1 in 80 a duplicate). Goal: the bar costs under 2%.
Run: python bench/import_progress.py [--rows 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PY = sys.executable


def _import(path: Path, home: Path, *, tty: bool) -> tuple[float, str]:
    shutil.rmtree(home, ignore_errors=True)
    env = {**os.environ, "JOBBER_HOME": str(home)}
    argv = [PY, "-m", "jobber_tui", "import", "file", str(path)]
    started = time.perf_counter()
    if not tty:
        proc = subprocess.run(argv, capture_output=True, env=env, check=True)
        return time.perf_counter() - started, proc.stdout.decode().strip()
    master, slave = pty.openpty()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)

    def drain() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return

    reader = threading.Thread(target=drain)
    reader.start()
    out, _ = child.communicate()
    elapsed = time.perf_counter() - started
    reader.join()
    os.close(master)
    return elapsed, out.decode().strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "jobs.json"
        rows = [
            {
                "title": f"Ingeniera de plataforma {i}",
                "employer": f"Compañía Ñandú {i % 300}",
                "jobUrl": f"https://jobs.example.com/{i % (options.rows - options.rows // 80)}",
                "jobDescription": "Wir betreiben Kubernetes – “verlässlich” und ruhig. " * 20,
            }
            for i in range(options.rows)
        ]
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        times: dict[bool, list[float]] = {False: [], True: []}
        summary = ""
        for _ in range(options.runs):
            for tty in (False, True):
                elapsed, summary = _import(path, Path(tmp) / "home", tty=tty)
                times[tty].append(elapsed)
    pipe, bar = statistics.median(times[False]), statistics.median(times[True])
    print(f"import file, {options.rows:,} rows, {options.runs} runs each: {summary}")
    print(f"  stderr a pipe (no bar, baseline)  {pipe:8.2f} s")
    print(f"  stderr a terminal (the bar)        {bar:8.2f} s   {bar / pipe:.3f}x")


if __name__ == "__main__":
    main()
