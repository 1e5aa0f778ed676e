"""HTML to text and JSON-LD extraction: time proportional to the input, whatever the input.

Prints, for each input, the median time of the current code next to two baselines measured in the
same run on the same input:

- floor: one linear regex pass that strips the tags, plus `html.unescape` (the least any reader does);
- before: the code of `--before` (by default the commit issue 15 started from), run in a child
  process with a time limit, since its cost grew with the square of the input.

Inputs: a realistic posting (headings, paragraphs, lists of paragraphs, nested and numbered lists, a
table, emphasis, links, entities, Greenhouse's pay block) repeated to 5 KB, 100 KB and 1 MB; the
1 MB one again with every end tag missing; a 288 KB careers page whose JSON-LD script tags never close.
Goals: the 1 MB posting with unclosed tags converts in under 0.5 s; 100 KB postings convert at the
throughput of 5 KB ones (ratio at least 0.8).

    python bench/html_parse_bench.py [--runs 5] [--before REV | --before none] [--limit 30]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = Path(os.environ.get("JOBBER_BENCH_CODE") or ROOT)
sys.path.insert(0, str(CODE))
BEFORE = "0963872"
"""The commit issue 15 started from."""

UNIT = (
    "<h2>About the role</h2><p>Nimbus Freight moves pallets &amp; parcels for 4,000 shippers. You&#8217;ll own the "
    "<strong>routing service</strong> end to end, from design docs to <em>on-call</em>, and work with "
    '<a href="https://example.com/team">our platform team</a>.&nbsp;</p><h3></h3><h3>What you will do</h3>'
    "<ul><li><p>Build and operate Go services used by millions of shipments every day</p></li>"
    "<li><p>Run Kafka consumers on Kubernetes</p><ul><li><p>EKS</p></li><li><p>Karpenter</p></li></ul></li>"
    "<li><p>Mentor two engineers and review designs</p></li></ul><h3>What you bring</h3><ol><li>Five years of "
    "backend work in production</li><li>PostgreSQL at scale<ol><li>replication</li><li>partitioning</li></ol></li>"
    "</ol><table><tr><th>Level</th><th>Location</th></tr><tr><td>Senior</td><td>Denver, CO</td></tr></table>"
    "<p>Benefits:<br>401(k) match<br>Learning budget<br>Parental leave</p>"
    '<div class="content-pay-transparency"><div class="pay-input"><div class="title">Annual Base Salary</div>'
    '<div class="pay-range"><span>$108,400</span><span class="divider">&mdash;</span><span>$129,600 USD</span>'
    "</div></div></div><p>Nimbus Freight is an equal opportunity employer.</p>"
)
_END_TAGS = re.compile(r"</(?:p|li|b|strong|em|i|div|span|ul|ol|td|th|tr|table|h\d|a)>")
_TAGS = re.compile(r"<[^>]*>")


def posting(size: int) -> str:
    return (UNIT * (size // len(UNIT) + 1))[:size]


def unclosed_posting(size: int) -> str:
    """The posting with every end tag left out (so each open tag stays open to the end)."""
    return _END_TAGS.sub("", UNIT * (size // len(UNIT) * 2))[:size]


def unclosed_json_ld_page(size: int) -> str:
    block = (
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "Engineer", '
        '"description": "&lt;p&gt;Build things.&lt;/p&gt;"}'
    )
    body = "<main><h1>Engineer</h1>" + UNIT + "</main>"
    return ("<html><head><title>Careers</title>" + (block + body) * (size // len(block + body) + 1))[:size]


def floor(markup: str) -> str:
    return html.unescape(_TAGS.sub(" ", markup))


def readers() -> dict[str, Callable[[str], object]]:
    """The readers of the code under CODE (this checkout, or the `--before` one in a child)."""
    from jobber_tui.core.discovery.sources.json_ld import job_postings
    from jobber_tui.core.discovery.sources.page_text import page_text
    from jobber_tui.core.infra.html_text import html_to_text

    return {
        "html_to_text": lambda m: html_to_text(m, max_chars=10**9),
        "job_postings": job_postings,
        "page_text": page_text,
    }


def seconds(read: Callable[[str], object], markup: str, runs: int) -> float:
    """Median seconds per call; a sample repeats a fast call until it lasts 50 ms (timer noise)."""
    start = time.perf_counter()
    read(markup)
    first = time.perf_counter() - start
    if first > 5:
        return first  # slow enough to tell: no need for a median of many
    repeat = max(1, int(0.05 / max(first, 1e-6)))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            read(markup)
        times.append((time.perf_counter() - start) / repeat)
    return statistics.median(times)


def interleaved(read: Callable[[str], object], inputs: list[str], runs: int) -> list[float]:
    """Medians for several inputs measured in turn, round after round, so machine load hits them alike."""
    samples: list[list[float]] = [[] for _ in inputs]
    for _ in range(runs):
        for index, markup in enumerate(inputs):
            samples[index].append(seconds(read, markup, 1))
    return [statistics.median(values) for values in samples]


def before_seconds(rev: str, tree: Path | None, reader: str, markup: str, runs: int, limit: float) -> str:
    if tree is None:
        return "n/a"
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as handle:
        handle.write(markup)
    try:
        child = subprocess.run(
            [sys.executable, __file__, "--child", reader, "--input", handle.name, "--runs", str(runs)],
            capture_output=True,
            text=True,
            timeout=limit,
            env={**os.environ, "JOBBER_BENCH_CODE": str(tree)},
        )
    except subprocess.TimeoutExpired:
        return f"> {limit:g} s"
    finally:
        os.unlink(handle.name)
    if child.returncode:
        return "failed"
    return _fmt(float(child.stdout.strip().splitlines()[-1]))


def _fmt(value: float) -> str:
    return f"{value * 1000:8.1f} ms" if value < 10 else f"{value:8.1f} s "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", default=BEFORE, help="git revision to compare with, or 'none'")
    parser.add_argument("--limit", type=float, default=30.0, help="seconds the old code may take per input")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(seconds(readers()[args.child], Path(args.input).read_text(), args.runs))
        return

    inputs = [
        ("posting 5 KB", "html_to_text", posting(5_000)),
        ("posting 100 KB", "html_to_text", posting(100_000)),
        ("posting 1 MB", "html_to_text", posting(1_000_000)),
        ("posting 1 MB, end tags missing", "html_to_text", unclosed_posting(1_000_000)),
        ("page 288 KB, JSON-LD never closed", "job_postings", unclosed_json_ld_page(288_000)),
        ("page 288 KB, JSON-LD never closed", "page_text", unclosed_json_ld_page(288_000)),
    ]
    mine = readers()
    with tempfile.TemporaryDirectory() as tmp:
        tree: Path | None = None
        if args.before != "none":
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", args.before, "jobber_tui"], capture_output=True
            )
            if archive.returncode == 0:
                subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
                tree = Path(tmp)
        print(
            f"median of {args.runs} runs; before = {args.before if tree else 'not measured'}"
            f" (limit {args.limit:g} s per input)"
        )
        print(
            f"  {'input':36s} {'reader':13s} {'floor':>11s} {'now':>11s} {'MB/s':>6s} {'x floor':>8s} {'before':>11s}"
        )
        figures: dict[str, float] = {}
        for name, reader, markup in inputs:
            base = seconds(floor, markup, args.runs)
            now = seconds(mine[reader], markup, args.runs)
            figures[f"{name}/{reader}"] = now
            old = before_seconds(args.before, tree, reader, markup, min(args.runs, 3), args.limit)
            print(
                f"  {name:36s} {reader:13s} {_fmt(base):>11s} {_fmt(now):>11s} {len(markup) / now / 1e6:6.1f}"
                f" {now / base:8.1f} {old:>11s}"
            )
    five, hundred = interleaved(mine["html_to_text"], [posting(5_000), posting(100_000)], max(args.runs, 5))
    small, large = 5_000 / five, 100_000 / hundred
    ratio = large / small
    unclosed = figures["posting 1 MB, end tags missing/html_to_text"]
    verdict = "met" if unclosed < 0.5 else "MISSED"
    print(f"goal: 1 MB posting with unclosed tags under 0.5 s: {unclosed:.3f} s, {verdict}")
    print(
        f"goal: 100 KB at the throughput of 5 KB (interleaved): {large / 1e6:.1f} vs {small / 1e6:.1f} MB/s, "
        f"ratio {ratio:.2f}, {'met' if ratio >= 0.8 else 'MISSED'}"
    )
    print(json.dumps({"unclosed_1mb_s": round(unclosed, 4), "throughput_ratio_100k_5k": round(ratio, 3)}))


if __name__ == "__main__":
    main()
