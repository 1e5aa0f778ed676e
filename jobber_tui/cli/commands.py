"""Handlers of the CLI commands: parse input, call the core, print. No rules live here."""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager

TYPE_CHECKING = False  # not typing's: `jobber paths` answers with argparse and the standard library only
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from ..core.jobs.columns import JobRow
    from ..core.workspace import Workspace


@contextmanager
def workspace(args: argparse.Namespace) -> Iterator[Workspace]:
    """Open the workspace for one command, with one requestId on every log line it writes."""
    from ..core.infra.log_base import first_line, log_context, new_request_id
    from ..core.workspace import open_workspace

    request_id = new_request_id()
    with log_context(request_id=request_id):
        ws = open_workspace(getattr(args, "home", None))
        # The command line opens the command's lines in the log (redaction scrubs any secret in it); a
        # command that logs nothing (a read) leaves no line, and never loads the logging module.
        first_line("cli", "command", argv=sys.argv[1:])
        try:
            yield ws
        finally:
            if ws.store_is_open:  # only writes record warnings
                for job_id, detail in ws.reader.warnings_for_request(request_id):
                    print(f"jobber: warning: job {job_id}: {detail}", file=sys.stderr)
            ws.send_webhooks()
            ws.close()


def shown_path(ws: Workspace, stored: str | None) -> str:
    """A stored (home-relative) path as the user opens it."""
    from ..core.infra.paths import display_path

    path = ws.home.resolve_stored(stored)
    return display_path(path) if path else "(none)"


def jobs_list(args: argparse.Namespace) -> int:
    from ..core.jobs.states import parse_status

    status = parse_status(args.status).value if args.status else None
    with workspace(args) as ws:
        if args.json:
            from ..core.infra.safe_text import json_for_terminal

            data = json_for_terminal(ws.reader.list_json(status))
            sys.stdout.flush()
            sys.stdout.buffer.write(data + b"\n")
            return 0
        from ..core.jobs.store_reader import TABLE_COLUMNS
        from .output import print_table

        where, params = (" WHERE status = ?", (status,)) if status else ("", ())
        print_table(ws.reader.query(f"SELECT {', '.join(TABLE_COLUMNS)} FROM job{where} ORDER BY id", params))
    return 0


def job_dict(ws: Workspace, job_id: int) -> dict[str, Any]:
    """A job as `jobs list --json` has it, its file paths whole."""
    from ..core.jobs.columns import job_row_to_dict

    job = job_row_to_dict(ws.reader.job(job_id))
    for key in ("pdfPath", "coverLetterPath"):  # stored relative to the home; people and scripts want it whole
        if job[key]:
            job[key] = str(ws.home.resolve_stored(job[key]))
    return job


def jobs_show(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        row = ws.reader.job(args.id)
        job = job_dict(ws, args.id)
        job["events"] = ws.reader.events(args.id)
        job["pdf"] = _pdf_status(ws, row)
    if args.json:
        import json

        print(json.dumps(job, ensure_ascii=False, indent=2))
    else:
        from .output import print_job

        print_job(job)
    return 0


def _pdf_status(ws: Workspace, job: JobRow) -> dict[str, Any]:
    from ..core.resume.pdf_status import pdf_status

    return pdf_status(ws, job.id, job)


def jobs_summarize(args: argparse.Namespace) -> int:
    from ..core.resume.processing import summarize_job

    with workspace(args) as ws:
        job = summarize_job(ws, args.id, force=args.force)
    if args.json:
        from .report import print_json

        print_json(
            {
                "id": job.id,
                "tailoredHeadline": job.tailored_headline,
                "selectedProjectIds": list(job.selected_project_ids or []),
            }
        )
        return 0
    print(f"job {job.id}: headline {job.tailored_headline!r}; projects {', '.join(job.selected_project_ids or [])}")
    return 0


def jobs_action(args: argparse.Namespace) -> int:
    from ..core.jobs.states import ACTIONS

    with workspace(args) as ws:
        job = ws.store.move(args.id, ACTIONS[args.action], detail=args.action)
    if args.json:
        from .report import print_json

        print_json({"id": job.id, "status": job.status})
        return 0
    print(f"job {job.id}: {job.status}")
    return 0


def jobs_expire(args: argparse.Namespace) -> int:
    from .report import count

    with workspace(args) as ws:
        # Opening the workspace already ran the sweep; report it and run once more for "now".
        expired = [ws.store.get(job_id) for job_id in ws.expired + ws.store.expire_due()]
    if args.json:
        from .report import print_json

        print_json(
            [{"id": job.id, "title": job.title, "employer": job.employer, "deadline": job.deadline} for job in expired]
        )
        return 0
    for job in expired[:10]:
        print(f"expired {job.id}: {job.title} at {job.employer} (deadline {job.deadline})")
    if len(expired) > 10:
        print(f"… and {len(expired) - 10:,} more (all of them: --json)")
    print(f"expired {count(len(expired), 'job')}" if expired else "nothing to expire")
    return 0


def watch(args: argparse.Namespace) -> int:
    import threading
    import time

    from ..core.resume.watcher import PdfWatcher, WatchReport

    def report(item: WatchReport) -> None:
        stamp = time.strftime("%H:%M:%S")
        label = {"rebuilt": "rebuilt", "error": "ERROR", "info": "note"}.get(item.kind, item.kind)
        print(f"{stamp} {label}: {item.message}" if label != "rebuilt" else f"{stamp} {item.message}", flush=True)

    with workspace(args) as ws:
        watcher = PdfWatcher(ws, report)
        stop = threading.Event()
        roots = ", ".join(str(p) for p in watcher.watched_paths())
        print(f"watching {roots} (Ctrl-C to stop)", flush=True)
        thread = threading.Thread(target=watcher.run, args=(stop,), name="jobber-builder", daemon=True)
        thread.start()
        try:
            while thread.is_alive():
                thread.join(timeout=0.5)
        except KeyboardInterrupt:
            print("stopping", flush=True)
        finally:
            stop.set()
            thread.join(timeout=5)
    return 0


def paths(args: argparse.Namespace) -> int:
    from ..core.infra.paths import BUNDLED_TEMPLATES, BUNDLED_THEMES, resolve_home

    home = resolve_home(getattr(args, "home", None))
    rows = (
        ("config", home.config_file),
        ("database", home.db_file),
        ("resume", home.resume_file),
        ("pdfs", home.pdf_dir),
        ("logs", home.log_dir),
        ("user templates", home.templates_dir),
        ("user themes", home.themes_dir),
        ("bundled templates", BUNDLED_TEMPLATES),
        ("bundled themes", BUNDLED_THEMES),
    )
    if args.json:
        from .report import print_json

        # Keys in camelCase like every other JSON answer: config, database, ..., userTemplates, bundledThemes.
        print_json({_camel(label): str(path) for label, path in rows})
        return 0
    for label, path in rows:
        print(f"{label:<18} {path}")
    return 0


def _camel(label: str) -> str:
    first, *rest = label.split()
    return first + "".join(word.capitalize() for word in rest)


def ui(args: argparse.Namespace) -> int:
    home = getattr(args, "home", None)
    if getattr(args, "demo", False):
        from ..core.demo import create_demo_home

        home = str(create_demo_home())
        print(f"demo home: {home}", file=sys.stderr)
    try:
        from ..ui import launch
    except ImportError:  # no UI in this build yet: show the demo's queues on the CLI
        args.home, args.status, args.json = home, None, False
        return jobs_list(args)
    return launch(home=home)
