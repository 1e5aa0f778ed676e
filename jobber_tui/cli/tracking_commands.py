"""Handlers of reply tracking: `track sync|review|approve|dismiss` and `jobs stage`. Rules live in the core."""

from __future__ import annotations

import argparse
import json
import sys

from .commands import workspace


def track_sync(args: argparse.Namespace) -> int:
    from ..core.tracking.sync import sync
    from .pipeline_output import ProgressPrinter

    printer = ProgressPrinter()  # a bar per folder on a terminal; nothing on a pipe or in cron
    try:
        with workspace(args) as ws:
            report = sync(
                ws,
                dry_run=args.dry_run,
                progress=lambda step: printer.count(step.done, step.total, "messages", step.folder, step=step.folder),
            )
    finally:
        printer.close()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 0
    if report.dry_run:
        print("dry run: nothing was written")
        for item in report.items[:20]:
            job = f" -> job {item.job_id}" if item.job_id else ""
            change = f" [{item.stage_change}]" if item.stage_change else ""
            print(f"  {item.status:<9} {item.category or '':<15} {item.subject[:60]}{job}{change}  ({item.reason})")
        if len(report.items) > 20:
            print(f"  … and {len(report.items) - 20:,} more (all of them: --json)")
    folders = ", ".join(report.folders) or "no folder"
    print(f"{report.account}: {folders}: fetched {report.fetched}")
    routed = sum(report.routed.values())
    detail = ", ".join(f"{name} {count}" for name, count in sorted(report.routed.items()))
    print(f"routed {routed}" + (f": {detail}" if detail else ""))
    print(f"to review {report.review}" + (" (jobber track review)" if report.review else ""))
    print(f"ignored {report.ignored} (newsletters, job alerts, unrelated mail)")
    if report.duplicates:
        print(f"already known {report.duplicates}")
    for folder in report.rescanned:
        print(f"note: {folder} was renumbered by the server (UIDVALIDITY changed); rescanned, known mail skipped")
    for change in report.stage_changes:
        print(f"stage {change}")
    if report.model_error:
        print(f"jobber: warning: the model failed, rules alone were used: {report.model_error}", file=sys.stderr)
    if report.cancelled:
        print("cancelled; the messages handled so far are recorded", file=sys.stderr)
        return 130
    return 0


def track_review(args: argparse.Namespace) -> int:
    from ..core.tracking.review import pending_reviews

    with workspace(args) as ws:
        items = pending_reviews(ws)
    if args.json:
        print(json.dumps([item.as_dict() for item in items], ensure_ascii=False, indent=2))
        return 0
    if not items:
        print("nothing to review")
        return 0
    for item in items:
        job = (
            f"job {item.job_id}: {item.job_title} at {item.job_employer} ({item.job_status})"
            if item.job_id
            else "no job suggested"
        )
        print(f"#{item.id} {(item.sent_at or '')[:10]} {item.category}: {item.subject}")
        print(f"    from {item.sender}")
        print(f"    {item.snippet}")
        print(f"    suggests {job}; {item.reason}")
    print("\napprove: jobber track approve ID [--job JOB_ID]; dismiss: jobber track dismiss ID")
    return 0


def track_approve(args: argparse.Namespace) -> int:
    from ..core.tracking.review import approve

    with workspace(args) as ws:
        decision = approve(ws, args.message_id, job_id=args.job, category=args.category)
    if args.json:
        print(
            json.dumps(
                {
                    "messageId": decision.message_id,
                    "jobId": decision.job_id,
                    "status": decision.status,
                    "stageChange": decision.stage_change,
                    "markedApplied": decision.marked_applied,
                    "followers": decision.followers,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    applied = " (marked applied)" if decision.marked_applied else ""
    change = f"; stage {decision.stage_change}" if decision.stage_change else ""
    print(f"message {decision.message_id}: routed to job {decision.job_id}{applied}{change}")
    for line in decision.followers:
        print(f"  {line} (in its thread)")
    return 0


def track_dismiss(args: argparse.Namespace) -> int:
    from ..core.tracking.review import dismiss

    with workspace(args) as ws:
        dismiss(ws, args.message_id)
    print(f"message {args.message_id}: dismissed")
    return 0


def jobs_stage(args: argparse.Namespace) -> int:
    from ..core.tracking.store import set_stage

    with workspace(args) as ws:
        job = set_stage(ws, args.id, args.stage, args.outcome)
    if args.json:
        print(json.dumps({"id": job.id, "stage": job.stage, "outcome": job.outcome}, indent=2))
        return 0
    print(f"job {job.id}: stage {job.stage}" + (f" ({job.outcome})" if job.outcome else ""))
    return 0


def jobs_replies(args: argparse.Namespace) -> int:
    from ..core.tracking.store import list_messages

    with workspace(args) as ws:
        ws.store.get(args.id)
        rows = [m for m in list_messages(ws, job_id=args.id) if m.status in ("routed", "review")]
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": m.id,
                        "status": m.status,
                        "category": m.category,
                        "sentAt": m.sent_at,
                        "sender": m.sender,
                        "subject": m.subject,
                        "stageChange": m.stage_change,
                        "reason": m.reason,
                    }
                    for m in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not rows:
        print(f"no replies routed to job {args.id}")
        return 0
    for m in rows:
        change = f"  [{m.stage_change}]" if m.stage_change else ""
        waits = " (waits in review)" if m.status == "review" else ""
        print(f"#{m.id} {(m.sent_at or '')[:10]} {m.category or 'other'}: {m.subject or ''}{change}{waits}")
    if any(m.stage_change for m in rows):
        print(f"\nundo a stage change: jobber jobs undo-stage {args.id} [--message MSG_ID] [--as CATEGORY]")
    return 0


def jobs_undo_stage(args: argparse.Namespace) -> int:
    from ..core.tracking.undo import undo_stage_change

    with workspace(args) as ws:
        result = undo_stage_change(ws, args.id, args.message, args.category)
    if args.json:
        print(
            json.dumps(
                {
                    "id": result.job_id,
                    "messageId": result.message_id,
                    "stage": result.stage,
                    "outcome": result.outcome,
                    "replayed": list(result.replayed),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(
        f"job {result.job_id}: undid message {result.message_id}; stage {result.stage}"
        + (f" ({result.outcome})" if result.outcome else "")
    )
    for line in result.replayed:
        print(f"  {line}")
    return 0
