"""Opening a job with a 50,000-character description: how soon its text is on the screen.

Each run opens the job view (120x34, headless Pilot) and waits for the first frame the app sends to the
terminal that holds the description's opening words (every frame handed to App._display is read;
nothing polls the screen). Interleaved with the baseline, a job whose description is one short line, so
machine noise hits both alike; medians of --runs openings each.

Goal: the long description paints within 100 ms of the short one (the job view's own cost is the
baseline; the description may add at most 100 ms). Also printed: the job view's absolute time to
paint, and how long the rest of the long description takes to fill in behind the first screenful.

Run: python bench/job_open.py [--runs 9] [--chars 50000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

MARK = "Harborline-opening-words"


def long_description(chars: int) -> str:
    """A posting as boards send it after normalising: headings, paragraphs and bullet lists."""
    parts = [f"{MARK} run our platform: Kubernetes, Terraform and Go on AWS."]
    section = 0
    while sum(len(p) + 2 for p in parts) < chars:
        section += 1
        parts.append(f"## Part {section}: what you will do")
        parts.append(f"In part {section} you own deploys, on-call and the cost of our clusters. " * 6)
        parts.append(
            "\n".join(f"- Ship item {section}.{n}: observability, CI/CD and incident reviews" for n in range(1, 6))
        )
    return "\n\n".join(parts)[:chars]


class PaintProbe:
    """Wraps App._display: records when a frame containing `MARK` is handed to the terminal."""

    def __init__(self, app: Any) -> None:
        self.painted_at: float | None = None
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if self.painted_at is None and MARK in _frame_text(renderable):
                self.painted_at = time.perf_counter()

        app._display = display


def _frame_text(renderable: Any) -> str:
    strips = getattr(renderable, "strips", None)
    if strips is not None:
        return "".join(seg.text for strip in strips for seg in strip)
    chops = getattr(renderable, "chops", None) or []
    return "".join(seg.text for line in chops for strip in line.values() if strip for seg in strip)


async def _open_times(runs: int, chars: int) -> dict[str, list[float]]:
    from jobber_tui.core.workspace import open_workspace
    from jobber_tui.ui import build_app
    from jobber_tui.ui.screens.job_screen import JobScreen
    from jobber_tui.ui.widgets.description_view import DescriptionView
    from jobber_tui.ui.widgets.markdown_lines import MarkdownLines

    times: dict[str, list[float]] = {"short": [], "long": [], "long-filled": []}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        ws = open_workspace(home)
        short, long = ws.store.add_jobs(
            [
                {"title": "Platform Engineer", "employer": "Harborline", "jobDescription": f"{MARK} in one line."},
                {"title": "Platform Engineer", "employer": "Harborline", "jobDescription": long_description(chars)},
            ]
        ).created
        ws.close()
        app = build_app(home)
        async with app.run_test(size=(120, 34)) as pilot:
            probe = PaintProbe(app)
            await pilot.pause(0.5)
            for _ in range(runs + 1):  # the first round warms imports and caches; not counted
                for name, job_id in (("short", short), ("long", long)):
                    probe.painted_at = None
                    started = time.perf_counter()
                    screen = JobScreen(app.workspace, job_id)
                    app.push_screen(screen)
                    while probe.painted_at is None:
                        await asyncio.sleep(0.001)
                        if time.perf_counter() - started > 30:
                            raise SystemExit("the description never painted")
                    painted = probe.painted_at - started
                    lines = screen.query_one(DescriptionView).query_one(MarkdownLines)
                    while name == "long" and not lines.complete:  # the rest filling in
                        await asyncio.sleep(0.005)
                    filled = time.perf_counter() - started
                    if _ > 0:
                        times[name].append(painted)
                        if name == "long":
                            times["long-filled"].append(filled)
                    await app.workers.wait_for_complete()
                    await pilot.pause(0.2)
                    app.pop_screen()
                    await pilot.pause(0.2)
        app.workspace.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--chars", type=int, default=50_000)
    args = parser.parse_args()
    times = asyncio.run(_open_times(args.runs, args.chars))
    short, long, filled = (statistics.median(times[k]) * 1000 for k in ("short", "long", "long-filled"))
    print(f"open a job and paint its description (median of {args.runs}, 120x34)")
    print(f"  baseline: one-line description                 {short:7.1f} ms")
    print(f"  {args.chars:,}-character description: first screen  {long:7.1f} ms  ({long - short:+.1f} ms)")
    print(f"  {args.chars:,}-character description: all filled in {filled:7.1f} ms  (behind the first screen)")
    verdict = "OK" if long - short <= 100 else "OVER"
    print(f"goal: the long description paints within 100 ms of the baseline -> {long - short:+.1f} ms {verdict}")


if __name__ == "__main__":
    main()
