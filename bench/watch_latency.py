"""Save a template -> new PDF on disk, through the real watcher, for 1 and for 100 ready jobs.

Printed next to the bare compile time of the same template and data, measured in the same run.
Goals (issue 5): one job under 100 ms median (Typst's own watch mode needs about 106 ms);
100 jobs under 1 s.
Run: python bench/watch_latency.py [--trials 15]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

import typst

from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES
from jobber_tui.core.resume.data import build_resume_data
from jobber_tui.core.resume.processing import process_job
from jobber_tui.core.resume.render import canonical_json
from jobber_tui.core.resume.watcher import PdfWatcher
from jobber_tui.core.workspace import open_workspace

DEMO = Path(__file__).resolve().parent.parent / "jobber_tui" / "demo"


def measure(count: int, trials: int) -> tuple[float, float]:
    """Median save->all-PDFs-on-disk latency, and the median bare compile time for `count` PDFs."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        shutil.copyfile(DEMO / "resume.json", home / "resume.json")
        folder = home / "templates" / "bench"
        shutil.copytree(BUNDLED_TEMPLATES / "classic", folder)
        ws = open_workspace(home)
        samples = json.loads((DEMO / "jobs.json").read_text())
        jobs = [
            {k: v for k, v in samples[i % len(samples)].items() if k not in ("status", "deadline")}
            | {"jobUrl": f"https://jobs.example.com/w/{i}", "template": "bench"}
            for i in range(count)
        ]
        ids = ws.store.add_jobs(jobs).created
        for job_id in ids:
            process_job(ws, job_id)
        pdfs = [home / "pdfs" / f"resume_{i}.pdf" for i in ids]

        watcher = PdfWatcher(ws, lambda report: None)
        stop, ready = threading.Event(), threading.Event()
        thread = threading.Thread(target=watcher.run, args=(stop, ready), daemon=True)
        thread.start()
        ready.wait(10)
        main = folder / "main.typ"
        source = main.read_text()
        latencies = []
        for trial in range(trials):
            before = [p.stat().st_ino for p in pdfs]
            start = time.perf_counter()
            tmp_file = main.with_name("main.typ.saving")
            tmp_file.write_text(source + f"\n// edit {trial}\n")  # an editor's save: write, then rename
            os.replace(tmp_file, main)
            pending = set(range(len(pdfs)))
            while pending:
                pending = {i for i in pending if pdfs[i].stat().st_ino == before[i]}
                if pending:
                    time.sleep(0.0005)
                if time.perf_counter() - start > 30:
                    raise SystemExit("timed out waiting for the rebuild")
            latencies.append(time.perf_counter() - start)
            time.sleep(0.15)  # let the watcher see its own DB writes before the next save
        stop.set()
        thread.join(5)

        compiler = typst.Compiler(root=str(folder), ignore_system_fonts=True)
        resume = json.loads((home / "resume.json").read_text())
        payloads = [canonical_json(build_resume_data(resume, ws.store.get(i), "bench")) for i in ids]
        main_bytes = main.read_bytes()
        bare = []
        for _ in range(max(3, trials // 3)):
            start = time.perf_counter()
            for data in payloads:
                compiler.compile(input={"main": main_bytes, "data.json": data}, format="pdf", timestamp=0)
            bare.append(time.perf_counter() - start)
        ws.close()
        return statistics.median(latencies), statistics.median(bare)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=15)
    args = parser.parse_args()
    print(f"{'ready jobs':>10} {'save->PDF median ms':>20} {'bare compile ms':>16} {'goal ms':>8}")
    for count, goal in ((1, 100), (100, 1000)):
        latency, bare = measure(count, args.trials if count == 1 else max(5, args.trials // 3))
        verdict = "OK" if latency * 1000 < goal else "OVER"
        print(f"{count:>10} {latency * 1000:20.1f} {bare * 1000:16.1f} {goal:>8} {verdict}")


if __name__ == "__main__":
    main()
