"""Handlers of the commands that take many jobs at once: `jobs add`, `import file`, `jobs patch`,
`jobs process` and `jobs generate-pdf`.

Long work draws a bar with counts and an ETA on stderr when stderr is a terminal (the pipeline's
`ProgressPrinter`), and ends with one summary line on stdout; the ids and the per-item results are
in `--json` (and, for the commands that add jobs, bare ids one a line with `--ids`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .commands import job_dict, shown_path, workspace
from .report import DEPRECATED_JSON_INPUT, add_json, count, id_list, print_json, print_problems

TYPE_CHECKING = False  # see parser.py
if TYPE_CHECKING:
    from typing import Any

    from ..core.jobs.adding import AddResult
    from ..core.workspace import Workspace


def data_text(args: argparse.Namespace) -> tuple[str, str]:
    """The input JSON of `jobs add`/`jobs patch` and the option it came by, for error messages.

    `--data JSON`, `--data -` (stdin) or `--data @FILE`; the old spelling `--json JSON` still works
    (with a one-line note on stderr) and keeps its old output, so scripts written for it go on working."""
    from ..core.infra.errors import BadInput
    from ..core.infra.input_files import MAX_JOBS_FILE, decode_utf8, read_stdin, read_user_file

    legacy = args.json if isinstance(args.json, str) else None
    if legacy is not None and args.data is not None:
        raise BadInput("give the JSON once: --data JSON (`--json JSON` is its deprecated spelling)")
    value, option = (legacy, "--json") if legacy is not None else (args.data, "--data")
    if value is None:
        raise BadInput("give the JSON with --data JSON (or --data - to read stdin, --data @FILE to read a file)")
    if legacy is not None:
        print(DEPRECATED_JSON_INPUT, file=sys.stderr)
    if value == "-":
        raw = read_stdin(sys.stdin.buffer, limit=MAX_JOBS_FILE, what="JSON jobs")
        return decode_utf8(raw, "standard input"), option
    if value.startswith("@"):
        path = Path(value[1:])
        return decode_utf8(read_user_file(path, limit=MAX_JOBS_FILE, what="a JSON file of jobs"), str(path)), option
    return value, option


def _legacy(args: argparse.Namespace) -> bool:
    """`--json JSON`: the deprecated input spelling, answered as before (bare ids, one a line)."""
    return isinstance(args.json, str)


def _answer_add(args: argparse.Namespace, result: AddResult, rows: int, as_what: str, summary: str) -> int:
    from ..core.jobs.add_report import add_problems

    code = 2 if result.errors and not result.created else 0
    if args.json is True:
        print_json(add_json(result, rows))
        return code
    print_problems(add_problems(result, as_what))
    if args.ids or _legacy(args):
        for job_id in result.created:
            print(job_id)
    else:
        print(summary)
    return code


def jobs_add(args: argparse.Namespace) -> int:
    from ..core.jobs.job_import import parse_json_jobs

    text, option = data_text(args)
    items = parse_json_jobs(text, option)
    with workspace(args) as ws:
        result = ws.store.add_jobs(items, source="manual", all_or_nothing=True)
    head = f"added {count(len(result.created), 'job')}" if result.created else "added no job"
    if result.created:
        head += f" ({id_list(result.created)})"
    if result.skipped:
        head += f", {count(len(result.skipped), 'duplicate')} skipped"
    return _answer_add(args, result, len(items), "item", head)


def import_file(args: argparse.Namespace) -> int:
    from ..core.jobs.job_import import read_jobs_file
    from .pipeline_output import ProgressPrinter

    items = read_jobs_file(Path(args.path))
    printer = ProgressPrinter()
    try:
        with workspace(args) as ws:
            result = ws.store.add_jobs(
                items, source="file", on_progress=lambda done, total: printer.count(done, total, "jobs")
            )
            printer.close()  # before the workspace's own warnings, so none lands on the bar's line
    finally:
        printer.close()
    summary = (
        f"imported {count(len(result.created), 'job')}, {count(len(result.skipped), 'duplicate')} skipped, "
        f"{count(len(result.errors), 'error')}"
    )
    return _answer_add(args, result, len(items), "row", summary)


def jobs_patch(args: argparse.Namespace) -> int:
    from ..core.infra.errors import BadInput
    from ..core.jobs.job_import import parse_json_jobs

    text, option = data_text(args)
    items = parse_json_jobs(text, option)
    if len(items) != 1:
        raise BadInput(f"{option}: patch takes one JSON object")
    with workspace(args) as ws:
        job = ws.store.patch(args.id, items[0])
        if args.json is True:
            print_json(job_dict(ws, args.id))
            return 0
    print(f"job {job.id}: patched ({job.status})")
    return 0


def _full_path(ws: Workspace, stored: str | None) -> str | None:
    path = ws.home.resolve_stored(stored)
    return str(path) if path else None


def jobs_process(args: argparse.Namespace) -> int:
    """One job: as before (an error is the command's error). Several: each in turn, a failure recorded on
    its job and the rest going on, a bar on a terminal and one summary line."""
    from ..core.infra.errors import JobberError
    from ..core.resume.processing import process_job
    from .pipeline_output import ProgressPrinter

    items: list[dict[str, Any]] = []
    printer = ProgressPrinter(tty=None if len(args.ids) > 1 else False)  # a bar for one job says nothing
    try:
        with workspace(args) as ws:
            for done, job_id in enumerate(args.ids):
                printer.count(done, len(args.ids), "jobs", f"job {job_id}")
                try:
                    job = process_job(ws, job_id)
                except JobberError as exc:
                    if len(args.ids) == 1:
                        raise
                    items.append({"id": job_id, "status": "failed", "pdf": None, "error": str(exc)})
                    continue
                items.append(
                    {
                        "id": job_id,
                        "status": job.status,
                        "pdf": _full_path(ws, job.pdf_path),
                        "error": None,
                        "shown": shown_path(ws, job.pdf_path),
                    }
                )
            printer.close()  # before the workspace's own warnings, so none lands on the bar's line
    finally:
        printer.close()
    failed = [item for item in items if item["error"]]
    if args.json:
        print_json(
            {
                "counts": {"ready": len(items) - len(failed), "failed": len(failed)},
                "items": [{k: v for k, v in item.items() if k != "shown"} for item in items],
            }
        )
    elif len(items) == 1:
        print(f"job {items[0]['id']}: ready, PDF {items[0]['shown']}")
    else:
        print_problems([f"job {item['id']}: failed: {item['error']}" for item in failed])
        print(f"processed {count(len(items) - len(failed), 'job')} to ready, {len(failed):,} failed")
    return 1 if failed else 0


def jobs_generate_pdf(args: argparse.Namespace) -> int:
    from ..core.infra.errors import BadInput
    from ..core.jobs.states import JobStatus
    from ..core.resume.processing import generate_pdf, regenerate_pdfs
    from .pipeline_output import ProgressPrinter

    if bool(args.ids) == bool(args.all_ready):
        raise BadInput("give job ids or --all-ready")
    printer = ProgressPrinter()
    try:
        with workspace(args) as ws:
            if len(args.ids) == 1:
                job = generate_pdf(ws, args.ids[0])
                if args.json:
                    print_json(
                        {
                            "counts": {"rebuilt": 1, "failed": 0},
                            "items": [{"id": job.id, "pdf": _full_path(ws, job.pdf_path), "error": None}],
                        }
                    )
                else:
                    print(f"job {job.id}: PDF {shown_path(ws, job.pdf_path)}")
                return 0
            known = ws.reader.jobs(args.ids)
            unknown = [i for i in args.ids if i not in known]
            if unknown:
                raise BadInput(f"no job with id {unknown[0]}; nothing was rebuilt")
            ids = args.ids or ws.reader.job_ids(JobStatus.READY.value)
            outcomes = regenerate_pdfs(ws, ids, on_progress=lambda done, total: printer.count(done, total, "PDFs"))
            paths = {o.job_id: (_full_path(ws, o.path), shown_path(ws, o.path)) for o in outcomes if o.path}
            printer.close()  # before the workspace's own warnings, so none lands on the bar's line
    finally:
        printer.close()
    failed = [o for o in outcomes if o.error]
    if args.json:
        print_json(
            {
                "counts": {"rebuilt": len(outcomes) - len(failed), "failed": len(failed)},
                "items": [{"id": o.job_id, "pdf": paths.get(o.job_id, (None,))[0], "error": o.error} for o in outcomes],
            }
        )
    else:
        print_problems([f"job {o.job_id}: failed: {o.error}" for o in failed])
        if not outcomes:
            print("no ready jobs: nothing to rebuild")
        elif len(outcomes) == 1 and not failed:
            print(f"job {outcomes[0].job_id}: PDF {paths[outcomes[0].job_id][1]}")
        else:
            print(f"rebuilt {count(len(outcomes) - len(failed), 'PDF')}, {len(failed):,} failed")
    return 1 if failed else 0
