"""Handlers of `webhooks`, `backup`, `doctor` and `jobs reset`: call the core, print a summary."""

from __future__ import annotations

import argparse
import json
import sys

from .commands import workspace

TYPE_CHECKING = False  # see parser.py
if TYPE_CHECKING:
    from ..core.webhooks.sender import SendReport


def webhooks_status(args: argparse.Namespace) -> int:
    from ..core.webhooks.outbox import list_deliveries

    with workspace(args) as ws:
        rows = list_deliveries(ws, include_delivered=args.all)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no webhook deliveries waiting or failed" if not args.all else "no webhook deliveries yet")
        return 0
    for row in rows:
        when = row["deliveredAt"] or row["nextAttemptAt"] if row["status"] != "failed" else row["createdAt"]
        error = f"  ({row['lastError']})" if row["lastError"] else ""
        print(
            f"{row['id']:>5}  {row['status']:<9} {row['event']:<19} {row['target']:<28} "
            f"attempts {row['attempts']}  {when}{error}"
        )
    counts = {s: sum(r["status"] == s for r in rows) for s in ("pending", "failed", "delivered")}
    print(", ".join(f"{n} {s}" for s, n in counts.items() if n))
    return 0


def webhooks_retry(args: argparse.Namespace) -> int:
    from ..core.webhooks.outbox import retry_failed
    from ..core.webhooks.sender import send_pending

    with workspace(args) as ws:
        count = retry_failed(ws, args.ids or None)
        report = send_pending(ws, linger=0) if count else None
    if args.json:
        print(json.dumps(_send_json(report, retried=count), ensure_ascii=False, indent=2))
        return 1 if report and report.failed else 0
    if report is None:
        print("no failed deliveries to retry")
        return 0
    print(f"retried {count}: {report.delivered} delivered, {report.retrying} will retry, {report.failed} failed")
    for error in report.errors:
        print(f"jobber: warning: {error}", file=sys.stderr)
    return 1 if report.failed else 0


def webhooks_send(args: argparse.Namespace) -> int:
    from ..core.webhooks.sender import LINGER, send_pending

    with workspace(args) as ws:
        ws.webhooks_due_at_start = False  # this process is the sender
        report = send_pending(ws, linger=LINGER if args.background else 0)
    if args.json and not args.background:
        print(json.dumps(_send_json(report), ensure_ascii=False, indent=2))
    elif not args.background:
        if report.busy:
            print("another Jobber process is sending webhooks right now")
        else:
            print(f"{report.delivered} delivered, {report.retrying} will retry, {report.failed} failed")
    return 0


def _send_json(report: SendReport | None, *, retried: int | None = None) -> dict[str, object]:
    """What a send did; the errors scrubbed of secrets (a webhook URL may carry a token)."""
    from ..core.infra.scrub import scrub_secrets as scrub

    data: dict[str, object] = {"retried": retried} if retried is not None else {}
    if report is None:
        return {**data, "delivered": 0, "retrying": 0, "failed": 0, "busy": False, "errors": []}
    return {
        **data,
        "delivered": report.delivered,
        "retrying": report.retrying,
        "failed": report.failed,
        "busy": report.busy,
        "errors": [scrub(e) for e in report.errors],
    }


def jobs_reset(args: argparse.Namespace) -> int:
    from ..core.infra.errors import BadInput

    with workspace(args) as ws:
        pid, alive = ws.store.processing_owner(args.id)
        if pid is None and ws.store.get(args.id).status != "processing":
            raise BadInput(f"job {args.id} is {ws.store.get(args.id).status}, not processing: nothing to reset")
        owner = f"process {pid} (still running)" if alive else f"process {pid} (gone)"
        if not args.yes:
            if not sys.stdin.isatty():
                raise BadInput(f"job {args.id} is held by {owner}; add --yes to reset it")
            answer = input(f"job {args.id} is held by {owner}. Put it back to discovered? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print("nothing changed")
                return 0
        job = ws.store.reset_processing(args.id)
    print(f"job {job.id}: {job.status} (was held by {owner})")
    return 0


def backup(args: argparse.Namespace) -> int:
    from datetime import datetime
    from pathlib import Path

    from ..core.infra.backup import backup_store, default_backup_path
    from ..core.infra.paths import display_path, resolve_home

    home = resolve_home(getattr(args, "home", None))  # no workspace: a backup must work while others write
    target = Path(args.file) if args.file else default_backup_path(home, datetime.now())
    jobs = backup_store(home, target)
    if args.json:
        print(json.dumps({"jobs": jobs, "path": str(target.resolve())}, ensure_ascii=False, indent=2))
        return 0
    print(f"backed up {jobs} jobs to {display_path(target)}")
    return 0


def doctor(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from ..core.doctor import run_checks
    from ..core.infra.paths import resolve_home

    findings = run_checks(resolve_home(getattr(args, "home", None)))  # no workspace: it may be what is broken
    if args.json:
        print(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        marks = {"ok": "ok  ", "warning": "warn", "problem": "FAIL"}
        for finding in findings:
            print(f"{marks[finding.level]}  {finding.area:<12} {finding.message}")
            if finding.fix:
                print(f"      {'':<12} fix: {finding.fix}")
        problems = sum(f.level == "problem" for f in findings)
        warnings = sum(f.level == "warning" for f in findings)
        print("all good" if not problems and not warnings else f"{problems} problems, {warnings} warnings")
    return 1 if any(f.level == "problem" for f in findings) else 0
