"""`jobber jobs list --json` on 10,000 jobs as a whole process, next to `python -c "import sqlmodel"`.

Goal (issue 2): within 1.5x of the bare sqlmodel import on the same machine.
Run: python bench/cli_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import PY, interleaved_medians  # noqa: E402


def seed(home: Path, count: int) -> None:
    from jobber_tui.core.workspace import open_workspace

    ws = open_workspace(home)
    jobs = [{"title": f"Engineer {i}", "employer": f"Company {i % 700}", "location": "Berlin",
             "jobUrl": f"https://jobs.example.com/{i}", "deadline": "2099-01-01",
             "jobDescription": "We build things. " * 40} for i in range(count)]
    for start in range(0, count, 1000):
        ws.store.add_jobs(jobs[start:start + 1000])
    ws.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        started = time.perf_counter()
        seed(home, args.jobs)
        print(f"seeded {args.jobs} jobs in {time.perf_counter() - started:.1f} s")
        medians = interleaved_medians({
            "python -c 'import sqlmodel'": [PY, "-c", "import sqlmodel"],
            "jobber jobs list --json": [PY, "-m", "jobber_tui", "--home", str(home), "jobs", "list", "--json"],
            "jobber jobs list (table)": [PY, "-m", "jobber_tui", "--home", str(home), "jobs", "list"],
        }, args.runs)
    base = medians["python -c 'import sqlmodel'"]
    print(f"{'command':<30} {'median s':>9} {'vs import sqlmodel':>19}")
    for name, value in medians.items():
        print(f"{name:<30} {value:9.3f} {value / base:18.2f}x")
    ratio = medians["jobber jobs list --json"] / base
    print(f"goal: list --json within 1.5x of import sqlmodel -> {ratio:.2f}x {'OK' if ratio <= 1.5 else 'OVER'}")


if __name__ == "__main__":
    main()
