"""Regenerate the PDFs of 100 ready jobs; per-PDF time next to a bare typst.Compiler compile.

Goal (issue 3): within 1.5x of bare Typst per PDF, and 100 PDFs in under a second on 2 cores.
Run: python bench/pdf_regen.py [--jobs 100] [--template classic]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import typst

from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES
from jobber_tui.core.resume.data import build_resume_data
from jobber_tui.core.resume.processing import generate_pdf, process_job, regenerate_pdfs, render_job
from jobber_tui.core.resume.render import canonical_json
from jobber_tui.core.workspace import open_workspace

DEMO = Path(__file__).resolve().parent.parent / "jobber_tui" / "demo"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=100)
    parser.add_argument("--template", default="classic")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "resume.json").write_bytes((DEMO / "resume.json").read_bytes())
        ws = open_workspace(home)
        samples = json.loads((DEMO / "jobs.json").read_text())
        jobs = [
            {k: v for k, v in samples[i % len(samples)].items() if k != "status"}
            | {"jobUrl": f"https://jobs.example.com/bench/{i}", "template": args.template, "deadline": None}
            for i in range(args.jobs)
        ]
        ids = ws.store.add_jobs(jobs).created
        for job_id in ids:
            process_job(ws, job_id)

        # Bare Typst: one Compiler, the same template and the same data, nothing else.
        folder = BUNDLED_TEMPLATES / args.template
        fonts = [str(folder / "fonts")] if (folder / "fonts").is_dir() else []
        compiler = typst.Compiler(root=str(folder), font_paths=fonts, ignore_system_fonts=True)
        main_typ = (folder / "main.typ").read_bytes()
        resume = json.loads((home / "resume.json").read_text())
        payloads = []
        for job_id in ids:
            job = ws.store.get(job_id)
            payloads.append(canonical_json(build_resume_data(resume, job, args.template)))

        bare_rounds, jobber_rounds, render_rounds, single_rounds = [], [], [], []
        for _ in range(args.rounds):
            start = time.perf_counter()
            for data in payloads:
                compiler.compile(input={"main": main_typ, "data.json": data}, format="pdf", timestamp=0)
            bare_rounds.append(time.perf_counter() - start)
            start = time.perf_counter()
            for job_id in ids:
                render_job(ws, ws.store.get(job_id), resume)
            render_rounds.append(time.perf_counter() - start)
            start = time.perf_counter()
            outcomes = regenerate_pdfs(ws, ids)
            jobber_rounds.append(time.perf_counter() - start)
            assert not any(o.error for o in outcomes)
            start = time.perf_counter()
            for job_id in ids[:20]:
                generate_pdf(ws, job_id)
            single_rounds.append((time.perf_counter() - start) / 20 * len(ids))
        ws.close()

    n = len(ids)
    bare, render, full, single = (
        statistics.median(r) for r in (bare_rounds, render_rounds, jobber_rounds, single_rounds)
    )
    print(f"template {args.template}, {n} ready jobs, median of {args.rounds} rounds")
    print(f"{'':<44} {'per PDF ms':>10} {'all s':>7} {'vs bare':>8}")
    print(f"{'bare typst.Compiler.compile':<44} {bare / n * 1000:10.2f} {bare:7.3f} {1:8.2f}x")
    print(
        f"{'jobber render (data + fingerprint + compile)':<44} {render / n * 1000:10.2f} {render:7.3f} "
        f"{render / bare:8.2f}x"
    )
    print(
        f"{'generate-pdf --all-ready (batch, to disk+DB)':<44} {full / n * 1000:10.2f} {full:7.3f} {full / bare:8.2f}x"
    )
    print(f"{'generate-pdf ID, one job at a time':<44} {single / n * 1000:10.2f} {single:7.3f} {single / bare:8.2f}x")
    print(
        f"goals: within 1.5x of bare -> {full / bare:.2f}x {'OK' if full / bare <= 1.5 else 'OVER'}; "
        f"{n} PDFs under 1 s -> {full:.2f} s {'OK' if full < 1 else 'OVER'}"
    )


if __name__ == "__main__":
    main()
