"""Handlers of `sources`, `discover`, `import url`, `pipeline` and `jobs score`: parse, call the core, print."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict

from .commands import workspace

TYPE_CHECKING = False  # as in parser.py: typing's own costs more than these handlers need
if TYPE_CHECKING:
    from ..core.discovery.source_config import FilterSettings


def filter_settings(args: argparse.Namespace) -> FilterSettings:
    from ..core.discovery.source_config import FilterSettings

    return FilterSettings(
        include_keywords=args.include,
        exclude_keywords=args.exclude,
        locations=args.locations,
        remote_only=args.remote_only,
        max_new=args.max_new,
    )


def sources_add(args: argparse.Namespace) -> int:
    from ..core.discovery.source_config import add_source
    from ..core.discovery.sources import board_name

    with workspace(args) as ws:
        added = add_source(
            ws.config,
            args.kind,
            args.board,
            base_url=args.base_url,
            employer=args.employer,
            filters=filter_settings(args),
            ignore_robots=args.ignore_robots,
        )
    print(f"{'added' if added else 'already configured:'} {args.kind}/{board_name(args.kind, args.board)}")
    return 0


def sources_remove(args: argparse.Namespace) -> int:
    from ..core.discovery.source_config import remove_source

    with workspace(args) as ws:
        remove_source(ws.config, args.kind, args.board)
    print(f"removed {args.kind}/{args.board} (its jobs stay)")
    return 0


def sources_list(args: argparse.Namespace) -> int:
    import os

    from ..core.discovery.sources import env_var, specs_from_config

    with workspace(args) as ws:
        specs = specs_from_config(ws.settings.sources)
    rows = [
        {
            "kind": s.kind,
            "board": s.board,
            "apiBase": s.api_base(),
            "employer": s.employer,
            "overriddenBy": env_var(s.kind) if os.environ.get(env_var(s.kind)) else None,
            "filters": s.filters.describe(),
            "notRead": s.blocked,
        }
        for s in specs
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
    elif not rows:
        print("no sources; add one with `jobber sources add greenhouse BOARD`")
    else:
        for row in rows:
            note = f"  (from {row['overriddenBy']})" if row["overriddenBy"] else ""
            print(f"{row['kind']:<15} {row['board']:<24} {row['apiBase']}{note}")
            for extra in (row["filters"], row["notRead"]):
                if extra:
                    print(f"{'':<15} {extra}")
    return 0


def discover(args: argparse.Namespace) -> int:
    """`jobber discover`: every board and search now, with progress on stderr and counts per source."""
    from ..core.discovery.discover import configured_targets
    from ..core.discovery.discover import discover as run_discovery
    from ..core.infra.errors import BadInput
    from .pipeline_output import ProgressPrinter, discovery_lines

    printer = ProgressPrinter()
    start = time.monotonic()
    try:
        with workspace(args) as ws:
            targets = configured_targets(ws)
            if args.only:
                unknown = sorted(set(args.only) - {t.label for t in targets})
                if unknown:
                    raise BadInput(
                        f"no board or search {unknown[0]!r} (see `jobber sources list`, `jobber searches list`)"
                    )
                targets = [t for t in targets if t.label in args.only]
            result = run_discovery(ws, targets, dry_run=args.dry_run, on_progress=printer)
    finally:
        printer.close()
    if args.json:
        print(
            json.dumps(
                {
                    "sources": [s.as_dict() for s in result.sources],
                    "totals": result.totals,
                    "errors": result.errors,
                    "dryRun": args.dry_run,
                },
                indent=2,
            )
        )
    else:
        print("\n".join(discovery_lines(result, time.monotonic() - start, dry_run=args.dry_run)))
    return 1 if result.errors else 0


def import_url(args: argparse.Namespace) -> int:
    from ..core.discovery.discover import import_url as run_import

    with workspace(args) as ws:
        outcome = run_import(ws, args.url)
    from ..core.jobs.add_report import url_outcome

    if args.json:
        posting = outcome.posting
        print(
            json.dumps(
                {
                    "result": outcome.kind,
                    "id": outcome.job_id,
                    "title": posting.title,
                    "employer": posting.employer,
                    "source": posting.label,
                    "detail": outcome.detail,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    # The id alone on stdout (a script's `id=$(jobber import url URL)`), what happened on stderr.
    if outcome.kind == "created":
        print(outcome.job_id)
    print(url_outcome(outcome), file=sys.stderr)
    return 0


def jobs_score(args: argparse.Namespace) -> int:
    from ..core.discovery.scoring import score_jobs
    from ..core.infra.errors import BadInput

    if args.ids and args.all:
        raise BadInput("give job ids or --all, not both")
    with workspace(args) as ws:
        scores = score_jobs(ws, args.ids or None, rescore=args.all)
    if args.json:
        print(
            json.dumps(
                [{"id": job_id, "score": score, "reason": reason} for job_id, score, reason in scores],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not scores:
        print("nothing to score", file=sys.stderr)
        return 0
    # For people: the best ten and a count; every score is in --json (and on each job).
    best = sorted(scores, key=lambda s: -s[1])
    for job_id, score, reason in best[:10]:
        print(f"{score:>4}  job {job_id}: {reason}")
    if len(best) > 10:
        print(f"      … and {len(best) - 10:,} more (all of them: --json)")
    print(f"scored {len(scores):,} job{'s' * (len(scores) != 1)}, best {best[0][1]}, lowest {best[-1][1]}")
    return 0


def pipeline_run(args: argparse.Namespace) -> int:
    import signal
    import threading

    from ..core.discovery.pipeline import run_pipeline
    from .pipeline_output import ProgressPrinter, summary_lines

    cancel = threading.Event()
    printer = ProgressPrinter()

    def on_interrupt(_signum: int, _frame: object) -> None:
        # First Ctrl-C: stop at the next safe point so every job stays valid; a second one aborts.
        cancel.set()
        signal.signal(signal.SIGINT, previous)
        printer.line("cancelling at the next safe point (Ctrl-C again to abort)")

    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_interrupt) if in_main else None
    start = time.monotonic()
    try:
        with workspace(args) as ws:
            result = run_pipeline(
                ws, top=args.top, min_score=args.min_score, dry_run=args.dry_run, on_progress=printer, cancel=cancel
            )
    finally:
        printer.close()
        if in_main:
            signal.signal(signal.SIGINT, previous)
    if args.json:
        from ..core.jobs.columns import snake_to_camel

        # camelCase like every other JSON answer (before issue 19: run_id, dry_run, selected[].job_id).
        data = {snake_to_camel(key): value for key, value in asdict(result).items()}
        data["selected"] = [
            {snake_to_camel(k): v for k, v in asdict(s).items() if k != "order"} for s in result.selected
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary_lines(result, time.monotonic() - start)))
    if result.status == "cancelled":
        return 130
    return 0 if result.status == "completed" and not result.errors else 1


def pipeline_runs(args: argparse.Namespace) -> int:
    from ..core.discovery.store import list_runs
    from .pipeline_output import print_runs

    with workspace(args) as ws:
        runs = list_runs(ws.store, limit=args.limit)
    if args.json:
        print(json.dumps(runs, indent=2))
    else:
        print_runs(runs)
    return 0
