"""Discovery and scoring of 10,000 jobs served by a loopback Greenhouse-shaped board, and a search
(Remote OK-shaped, one array of 10,000 results) next to its own baseline.

Prints jobs per second for discovery + import (fetch, normalise, dedup, store with timeline events)
and for scoring (read, score, store with events), next to a baseline measured in the same run:
fetching and `json.loads`-ing the same payload with httpx. Goal: scoring 10,000 jobs under 2 s.
Medians of interleaved rounds, each round on a fresh home.

Import throughput "before/after": the same import is also run by the code of `--before` (a git
revision, by default the commit issue 15 started from), checked out into a temporary folder and
run in a child process on the same payload, so both figures come from this run on this machine.

    python bench/discovery_bench.py [--jobs 10000] [--rounds 3] [--before REV | --before none]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = Path(os.environ.get("JOBBER_BENCH_CODE") or ROOT)
"""Whose jobber_tui is measured: this checkout, or an older one (the child of `--before`)."""
sys.path.insert(0, str(CODE))
BEFORE = "0963872"
"""The commit issue 15 (linear-time parsing, structured fields) started from."""

SKILLS = [
    "Go",
    "Python",
    "Kubernetes",
    "Terraform",
    "AWS",
    "PostgreSQL",
    "Kafka",
    "Java",
    "React",
    "TypeScript",
    "Rust",
    "gRPC",
    "Redis",
    "Docker",
    "Prometheus",
    "GCP",
    "Azure",
    "Spark",
    "Airflow",
    "Snowflake",
    "Node.js",
    "Django",
    "CI/CD",
    "GitHub Actions",
    "Elasticsearch",
    "C++",
    "Scala",
    "Kotlin",
    "Swift",
]
TITLES = [
    "Platform Engineer",
    "Backend Engineer",
    "Site Reliability Engineer",
    "Data Engineer",
    "Frontend Engineer",
    "Engineering Manager",
    "DevOps Engineer",
    "Software Engineer",
    "Account Executive",
    "Product Designer",
]
PLACES = ["Remote - US", "Denver, CO", "New York, NY", "London, UK", "Berlin, Germany", "Remote - EU"]


def board_payload(count: int) -> bytes:
    """Greenhouse's shape, descriptions escaped once more than needed, about 2 KB each."""
    rng = random.Random(7)
    jobs = []
    for i in range(count):
        skills = rng.sample(SKILLS, 6)
        body = (
            f"<h2>About the role</h2><p>We are hiring to build and run systems with {skills[0]} and {skills[1]}. "
            "You will own services end to end, from design docs to on-call, and work closely with product.</p>"
            "<h3>What you will do</h3><ul>"
            + "".join(
                f"<li>Build and operate {s} services used by millions of customers every day</li>" for s in skills[:4]
            )
            + "</ul><h3>What you bring</h3><ul>"
            + "".join(f"<li>Several years of hands-on experience with {s} in production</li>" for s in skills[2:])
            + "</ul><p>We offer competitive pay, equity, a learning budget and flexible hours.</p>" * 2
        )
        jobs.append(
            {
                "id": 5_000_000 + i,
                "internal_job_id": i,
                "title": f"{rng.choice(['', 'Senior ', 'Staff '])}{rng.choice(TITLES)}",
                "absolute_url": f"https://boards.greenhouse.io/bench/jobs/{5_000_000 + i}",
                "location": {"name": rng.choice(PLACES)},
                "updated_at": "2026-01-10T12:00:00-05:00",
                "first_published": "2026-01-05T09:00:00-05:00",
                "company_name": f"Company {i}",
                "content": html.escape(body),
                "metadata": None,
                "departments": [],
                "offices": [],
            }
        )
    return json.dumps({"jobs": jobs, "meta": {"total": count}}).encode()


def search_payload(count: int) -> bytes:
    """Remote OK's shape: the terms first, then the jobs, descriptions HTML, about 1 KB each."""
    rng = random.Random(11)
    jobs: list[dict[str, object]] = [{"last_updated": 1772450000, "legal": "API Terms of Service: link back."}]
    for i in range(count):
        skills = rng.sample(SKILLS, 5)
        body = (
            f"<p>We are a remote team building with {skills[0]} and {skills[1]}.</p><ul>"
            + "".join(f"<li>Ship {s} services to production every week</li>" for s in skills)
            + "</ul>"
            + "<p>Async, documented, kind. Apply with a short note.</p>" * 2
        )
        jobs.append(
            {
                "slug": f"remote-job-{i}",
                "id": str(9_000_000 + i),
                "epoch": 1772400000 - i,
                "date": "2026-03-01T12:00:00+00:00",
                "company": f"Remote Co {i}",
                "position": f"{rng.choice(['', 'Senior ', 'Lead '])}{rng.choice(TITLES)}",
                "tags": [s.lower() for s in skills[:3]],
                "description": body,
                "location": rng.choice(["Worldwide", "Europe", "USA", ""]),
                "salary_min": rng.choice([0, 90000]),
                "salary_max": rng.choice([0, 140000]),
                "url": f"https://remoteOK.com/remote-jobs/remote-job-{i}",
                "apply_url": f"https://remoteOK.com/remote-jobs/remote-job-{i}",
            }
        )
    return json.dumps(jobs).encode()


def serve(payload: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def fresh_home(base: Path, round_no: int | str) -> Path:
    home = base / f"home{round_no}"
    home.mkdir()
    shutil.copy(ROOT / "jobber_tui" / "demo" / "resume.json", home / "resume.json")
    config = '[discovery]\ntimeout = 60\n\n[[sources]]\nkind = "greenhouse"\nboard = "bench"\n'
    (home / "config.toml").write_text(config)
    return home


def import_only(jobs: int, rounds: int) -> dict[str, float]:
    """Median seconds of discovery + import (new jobs, and again) and of scoring: what the `--before`
    child measures, so the scoring goal can be read against the old code under the same load."""
    from jobber_tui.core.discovery.discover import discover
    from jobber_tui.core.discovery.scoring import score_jobs
    from jobber_tui.core.workspace import open_workspace

    payload = board_payload(jobs)
    server, url = serve(payload)
    os.environ["JOBBER_GREENHOUSE_BASE_URL"] = url
    samples: dict[str, list[float]] = {"import": [], "reimport": [], "score": []}
    with tempfile.TemporaryDirectory() as tmp:
        for round_no in range(rounds):
            ws = open_workspace(fresh_home(Path(tmp), round_no))
            start = time.perf_counter()
            assert discover(ws).sources[0].created == jobs
            samples["import"].append(time.perf_counter() - start)
            start = time.perf_counter()
            discover(ws)
            samples["reimport"].append(time.perf_counter() - start)
            start = time.perf_counter()
            score_jobs(ws)
            samples["score"].append(time.perf_counter() - start)
            ws.close()
    server.shutdown()
    return {name: statistics.median(values) for name, values in samples.items()}


class Before:
    """The code of `rev` checked out (`git archive`) into a temporary folder, run in child processes."""

    def __init__(self, rev: str, folder: str) -> None:
        self.rev = rev
        self.tree: str | None = None
        self.samples: dict[str, list[float]] = {"import": [], "reimport": [], "score": []}
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "jobber_tui"], capture_output=True)
        if archive.returncode:
            self.problem = f"unavailable ({archive.stderr.decode(errors='replace').strip()[:120]})"
            return
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        self.tree, self.problem = folder, ""

    def round(self, jobs: int) -> None:
        """One round of the same import by the old code (run between this code's rounds: same load)."""
        if self.tree is None:
            return
        child = subprocess.run(
            [sys.executable, __file__, "--jobs", str(jobs), "--rounds", "1", "--import-only"],
            capture_output=True,
            text=True,
            env={**os.environ, "JOBBER_BENCH_CODE": self.tree},
        )
        if child.returncode:
            self.problem = f"failed ({(child.stderr.strip().splitlines() or ['?'])[-1][:160]})"
            self.tree = None
            return
        for name, value in json.loads(child.stdout.strip().splitlines()[-1]).items():
            self.samples[name].append(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default=BEFORE, help="git revision to compare imports with, or 'none'")
    parser.add_argument("--import-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_only:
        print(json.dumps(import_only(args.jobs, args.rounds)))
        return

    import httpx

    from jobber_tui.core.discovery.discover import discover
    from jobber_tui.core.discovery.scoring import build_profile, score_jobs, score_rows
    from jobber_tui.core.discovery.searches import SearchSpec
    from jobber_tui.core.discovery.store import scoring_rows
    from jobber_tui.core.resume.base import load_resume
    from jobber_tui.core.workspace import open_workspace

    payload = board_payload(args.jobs)
    server, url = serve(payload)
    os.environ["JOBBER_GREENHOUSE_BASE_URL"] = url
    found = search_payload(args.jobs)
    search_server, search_url = serve(found)
    os.environ["JOBBER_REMOTEOK_BASE_URL"] = search_url
    search = SearchSpec("remoteok", max_results=args.jobs)
    samples: dict[str, list[float]] = {
        "fetch": [],
        "import": [],
        "reimport": [],
        "score": [],
        "score_only": [],
        "search_fetch": [],
        "search": [],
        "search_again": [],
    }
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as old_tree:
        before = Before(args.before, old_tree) if args.before != "none" else None
        for round_no in range(args.rounds):
            if before is not None:
                before.round(args.jobs)
            start = time.perf_counter()
            with httpx.Client(timeout=60) as client:
                assert len(json.loads(client.get(f"{url}/v1/boards/bench/jobs").content)["jobs"]) == args.jobs
            samples["fetch"].append(time.perf_counter() - start)

            ws = open_workspace(fresh_home(Path(tmp), round_no))
            start = time.perf_counter()
            result = discover(ws)
            samples["import"].append(time.perf_counter() - start)
            assert result.sources[0].created == args.jobs, result.sources
            start = time.perf_counter()
            again = discover(ws)
            samples["reimport"].append(time.perf_counter() - start)
            assert again.sources[0].unchanged == args.jobs

            rows = scoring_rows(ws.store)
            start = time.perf_counter()
            profile = build_profile(load_resume(ws.home), ws.settings.scoring)
            score_rows(profile, rows)
            samples["score_only"].append(time.perf_counter() - start)
            start = time.perf_counter()
            scored = score_jobs(ws)
            samples["score"].append(time.perf_counter() - start)
            assert len(scored) == args.jobs
            ws.close()

            start = time.perf_counter()
            with httpx.Client(timeout=60) as client:
                assert len(json.loads(client.get(f"{search_url}/api").content)) == args.jobs + 1
            samples["search_fetch"].append(time.perf_counter() - start)
            ws = open_workspace(fresh_home(Path(tmp), f"search{round_no}"))
            start = time.perf_counter()
            result = discover(ws, [search])
            samples["search"].append(time.perf_counter() - start)
            assert result.sources[0].created == args.jobs, result.sources
            start = time.perf_counter()
            assert discover(ws, [search]).sources[0].unchanged == args.jobs
            samples["search_again"].append(time.perf_counter() - start)
            ws.close()
    server.shutdown()
    search_server.shutdown()

    med = {name: statistics.median(values) for name, values in samples.items()}
    n = args.jobs
    print(f"{n:,} Greenhouse-shaped jobs ({len(payload) / 1e6:.1f} MB), median of {args.rounds} rounds")
    print(f"  baseline: httpx GET + json.loads  {med['fetch']:6.2f} s  {n / med['fetch']:9,.0f} jobs/s")
    print(
        f"  discovery + import (new jobs)     {med['import']:6.2f} s  {n / med['import']:9,.0f} jobs/s"
        f"  ({med['import'] / med['fetch']:.1f}x baseline)"
    )
    print(f"  discovery again (all unchanged)   {med['reimport']:6.2f} s  {n / med['reimport']:9,.0f} jobs/s")
    if before is not None and before.samples["import"]:
        old = {name: statistics.median(values) for name, values in before.samples.items()}
        for name, label in (("import", "import"), ("reimport", "again "), ("score", "score ")):
            print(
                f"  before ({args.before}): {label}     {old[name]:6.2f} s  {n / old[name]:9,.0f} jobs/s"
                f"  -> after {n / med[name]:,.0f} jobs/s ({old[name] / med[name]:.2f}x the speed)"
            )
    else:
        print(f"  before ({args.before}): {before.problem if before is not None else 'not measured'}")
    print(
        f"  scoring (read, score, store)      {med['score']:6.2f} s  {n / med['score']:9,.0f} jobs/s"
        f"  goal < 2 s: {'met' if med['score'] < 2 else 'MISSED'}"
    )
    print(f"    of which scoring itself         {med['score_only']:6.2f} s  {n / med['score_only']:9,.0f} jobs/s")
    print(f"{n:,} Remote OK-shaped search results ({len(found) / 1e6:.1f} MB), median of {args.rounds} rounds")
    print(f"  baseline: httpx GET + json.loads  {med['search_fetch']:6.2f} s  {n / med['search_fetch']:9,.0f} jobs/s")
    print(
        f"  search + filter + import (new)    {med['search']:6.2f} s  {n / med['search']:9,.0f} jobs/s"
        f"  ({med['search'] / med['search_fetch']:.1f}x baseline)"
    )
    print(f"  search again (all unchanged)      {med['search_again']:6.2f} s  {n / med['search_again']:9,.0f} jobs/s")


if __name__ == "__main__":
    main()
