"""Handlers of `webhooks`, `backup`, `doctor` and `jobs reset`: call the core, print a summary."""

from __future__ import annotations

import argparse
import json
import sys

from .commands import workspace


def webhooks_status(args: argparse.Namespace) -> int:
    from ..core.webhook_outbox import list_deliveries

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
        print(f"{row['id']:>5}  {row['status']:<9} {row['event']:<19} {row['target']:<28} "
              f"attempts {row['attempts']}  {when}{error}")
    counts = {s: sum(r["status"] == s for r in rows) for s in ("pending", "failed", "delivered")}
    print(", ".join(f"{n} {s}" for s, n in counts.items() if n))
    return 0


def webhooks_retry(args: argparse.Namespace) -> int:
    from ..core.webhook_outbox import retry_failed
    from ..core.webhook_sender import send_pending

    with workspace(args) as ws:
        count = retry_failed(ws, args.ids or None)
        if not count:
            print("no failed deliveries to retry")
            return 0
        report = send_pending(ws, linger=0)
    print(f"retried {count}: {report.delivered} delivered, {report.retrying} will retry, {report.failed} failed")
    for error in report.errors:
        print(f"jobber: warning: {error}", file=sys.stderr)
    return 1 if report.failed else 0


def webhooks_send(args: argparse.Namespace) -> int:
    from ..core.webhook_sender import LINGER, send_pending

    with workspace(args) as ws:
        ws.webhooks_due_at_start = False  # this process is the sender
        report = send_pending(ws, linger=LINGER if args.background else 0)
    if not args.background:
        if report.busy:
            print("another Jobber process is sending webhooks right now")
        else:
            print(f"{report.delivered} delivered, {report.retrying} will retry, {report.failed} failed")
    return 0
