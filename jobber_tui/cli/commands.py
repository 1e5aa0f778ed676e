"""Handlers of the CLI commands: parse input, call the core, print. No rules live here."""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

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


def _shown(ws: Workspace, stored: str | None) -> str:
    """A stored (home-relative) path as the user opens it."""
    from ..core.infra.paths import display_path

    path = ws.home.resolve_stored(stored)
    return display_path(path) if path else "(none)"


def _read_json_arg(value: str) -> str:
    from ..core.infra.input_files import MAX_JOBS_FILE, decode_utf8, read_stdin

    if value != "-":
        return value
    return decode_utf8(read_stdin(sys.stdin.buffer, limit=MAX_JOBS_FILE, what="JSON jobs"), "standard input")


def _report_add(result: Any, as_what: str) -> int:
    from ..core.jobs.add_report import add_problems

    for line in add_problems(result, as_what):
        print(line, file=sys.stderr)
    for job_id in result.created:
        print(job_id)
    if result.errors and not result.created:
        return 2
    return 0


def jobs_add(args: argparse.Namespace) -> int:
    from ..core.jobs.job_import import parse_json_jobs

    items = parse_json_jobs(_read_json_arg(args.data))
    with workspace(args) as ws:
        return _report_add(ws.store.add_jobs(items, source="manual", all_or_nothing=True), "item")


def import_file(args: argparse.Namespace) -> int:
    from ..core.jobs.job_import import read_jobs_file

    items = read_jobs_file(Path(args.path))
    with workspace(args) as ws:
        return _report_add(ws.store.add_jobs(items, source="file"), "row")


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


def jobs_show(args: argparse.Namespace) -> int:
    from ..core.jobs.columns import job_row_to_dict

    with workspace(args) as ws:
        row = ws.reader.job(args.id)
        job = job_row_to_dict(row)
        for key in ("pdfPath", "coverLetterPath"):  # stored relative to the home; people and scripts want it whole
            if job[key]:
                job[key] = str(ws.home.resolve_stored(job[key]))
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

    return pdf_status(ws, job.id, job)  # type: ignore[attr-defined]


def jobs_summarize(args: argparse.Namespace) -> int:
    from ..core.resume.processing import summarize_job

    with workspace(args) as ws:
        job = summarize_job(ws, args.id, force=args.force)
    print(f"job {job.id}: headline {job.tailored_headline!r}; projects {', '.join(job.selected_project_ids or [])}")
    return 0


def jobs_process(args: argparse.Namespace) -> int:
    from ..core.resume.processing import process_job

    with workspace(args) as ws:
        job = process_job(ws, args.id)
    print(f"job {job.id}: ready, PDF {_shown(ws, job.pdf_path)}")
    return 0


def jobs_generate_pdf(args: argparse.Namespace) -> int:
    from ..core.infra.errors import BadInput
    from ..core.jobs.states import JobStatus
    from ..core.resume.processing import generate_pdf, regenerate_pdfs

    if bool(args.ids) == bool(args.all_ready):
        raise BadInput("give job ids or --all-ready")
    with workspace(args) as ws:
        if len(args.ids) == 1:
            job = generate_pdf(ws, args.ids[0])
            print(f"job {job.id}: PDF {_shown(ws, job.pdf_path)}")
            return 0
        known = ws.reader.jobs(args.ids)
        unknown = [i for i in args.ids if i not in known]
        if unknown:
            raise BadInput(f"no job with id {unknown[0]}; nothing was rebuilt")
        ids = args.ids or ws.reader.job_ids(JobStatus.READY.value)
        outcomes = regenerate_pdfs(ws, ids)
    for outcome in outcomes:
        if outcome.error:
            print(f"job {outcome.job_id}: failed: {outcome.error}", file=sys.stderr)
        else:
            print(f"job {outcome.job_id}: PDF {_shown(ws, outcome.path)}")
    return 1 if any(o.error for o in outcomes) else 0


def resume_show(args: argparse.Namespace) -> int:
    from ..core.resume.base import load_resume
    from .output import print_resume

    with workspace(args) as ws:
        resume = load_resume(ws.home)
    if args.json:
        import json

        print(json.dumps(resume, ensure_ascii=False, indent=2))
    else:
        print_resume(resume)
    return 0


def resume_import(args: argparse.Namespace) -> int:
    from ..core.resume.base import import_resume
    from ..core.resume.report import import_report

    with workspace(args) as ws:
        resume, kind = import_resume(ws.home, Path(args.file), force=args.force)
        target = ws.home.resume_file
        report = import_report(ws, resume, kind)
    projects = [p.get("id") for p in resume.get("projects") or []]
    print(f"imported {kind} resume to {target}; project ids: {', '.join(map(str, projects)) or 'none'}")
    for line in report:
        print(line)
    return 0


def resume_check(args: argparse.Namespace) -> int:
    from ..core.resume.check import check_job, check_resume
    from .output import print_ats_report

    with workspace(args) as ws:
        result = check_job(ws, args.id) if args.id is not None else check_resume(ws, args.template)
    if args.json:
        import json

        print(json.dumps({"jobId": args.id, "template": result.template, "pdf": result.pdf,
                          **result.report.to_json()}, ensure_ascii=False, indent=2))
    else:
        print_ats_report(result.report, result.template, result.pdf)
    return 0 if result.report.ok else 1


def templates_list(args: argparse.Namespace) -> int:
    from ..core.resume.templates import list_templates

    with workspace(args) as ws:
        default = ws.settings.default_template
        for template in list_templates(ws.home):
            mark = "*" if template.name == default else " "
            print(f"{mark} {template.name:<16} {template.origin:<8} {template.description}")
    return 0


def jobs_patch(args: argparse.Namespace) -> int:
    from ..core.jobs.job_import import parse_json_jobs

    items = parse_json_jobs(_read_json_arg(args.data))
    if len(items) != 1:
        from ..core.infra.errors import BadInput

        raise BadInput("--json: patch takes one JSON object")
    with workspace(args) as ws:
        job = ws.store.patch(args.id, items[0])
    print(f"job {job.id}: patched ({job.status})")
    return 0


def jobs_action(args: argparse.Namespace) -> int:
    from ..core.jobs.states import ACTIONS

    with workspace(args) as ws:
        job = ws.store.move(args.id, ACTIONS[args.action], detail=args.action)
    print(f"job {job.id}: {job.status}")
    return 0


def jobs_expire(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        # Opening the workspace already ran the sweep; report it and run once more for "now".
        expired = ws.expired + ws.store.expire_due()
        for job_id in expired:
            job = ws.store.get(job_id)
            print(f"expired {job_id}: {job.title} at {job.employer} (deadline {job.deadline})")
    if not expired:
        print("nothing to expire")
    return 0


def ghostwriter(args: argparse.Namespace) -> int:
    from ..core.infra.errors import BadInput, JobberError
    from ..core.resume.ghostwriter import ask, clear_history, history, quick_prompt

    text = " ".join(args.prompt).strip()
    with workspace(args) as ws:
        if args.clear:
            ws.store.get(args.id)  # an unknown id is an error, not "0 messages"
            print(f"job {args.id}: forgot {clear_history(ws, args.id)} chat messages")
            return 0
        if args.history:
            for turn in history(ws, args.id):
                note = f" [{turn.status}]" if turn.status != "complete" else ""
                print(f"--- {turn.role} {turn.at}{note}\n{turn.content}\n")
            return 0
        prompt = quick_prompt(args.action, text) if args.action else text
        if not prompt.strip():
            raise BadInput('give a prompt, e.g. jobber ghostwriter 3 "Why do I want this job?"')
        written: list[str] = []

        def show(chunk: str) -> None:
            written.append(chunk)
            print(chunk, end="", flush=True)

        try:
            ask(ws, args.id, prompt, action=args.action, on_chunk=show)
        except (JobberError, KeyboardInterrupt):
            # The partial answer stays on its own lines, marked; the error follows on stderr.
            if written:
                gap = "" if "".join(written).endswith("\n") else "\n"
                print(f"{gap}[answer cut off; kept in the chat history]", flush=True)
            raise
        print()
    return 0


def jobs_cover_letter(args: argparse.Namespace) -> int:
    from ..core.infra.errors import BadInput
    from ..core.llm.settings import llm_settings
    from ..core.resume.base import load_resume
    from ..core.resume.cover_letter import build_cover_letter, deterministic_letter

    with workspace(args) as ws:
        job = ws.store.get(args.id)
        if args.text_file:
            try:
                text = Path(args.text_file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise BadInput(f"{args.text_file}: cannot read: {exc}") from None
            ws.store.patch(args.id, {"coverLetter": text})
        elif args.redraft or not (job.cover_letter or "").strip():
            if llm_settings(ws.config) is not None:
                from ..core.resume.ghostwriter import ask, quick_prompt

                answer = ask(ws, args.id, quick_prompt("cover-letter"), action="cover-letter")
                text = answer.content
            else:
                text = deterministic_letter(load_resume(ws.home), job)
                print("no model configured: drafted the letter from your resume's facts", file=sys.stderr)
            ws.store.patch(args.id, {"coverLetter": text})
        job = build_cover_letter(ws, args.id)
    print(f"job {job.id}: cover letter {_shown(ws, job.cover_letter_path)}")
    return 0


def llm_check(args: argparse.Namespace) -> int:
    from ..core.infra.errors import BadInput
    from ..core.llm.client import LlmClient
    from ..core.llm.settings import PURPOSES, key_env_name, llm_settings, missing_model_hint

    with workspace(args) as ws:
        settings = llm_settings(ws.config)
        if settings is None:
            raise BadInput(missing_model_hint(ws.config))
        key_env = key_env_name(ws.config)
        if key_env and not settings.api_key:
            print(f"warning: env var {key_env} is not set; sending no API key", file=sys.stderr)
        client = LlmClient(settings)
        try:
            print(client.check())
        finally:
            client.close()
        for purpose in PURPOSES:
            print(f"  {purpose:<12} model {settings.model_for(purpose)}")
    return 0


def llm_presets(args: argparse.Namespace) -> int:
    from ..core.llm.settings import PRESETS

    for p in PRESETS.values():
        print(f"{p.name:<11} {p.label:<32} {p.base_url:<30} key: {p.api_key_env or 'none'}; e.g. --model "
              f"{p.example_model}")
    print("\nset one with: jobber llm use PRESET --model NAME")
    return 0


def llm_use(args: argparse.Namespace) -> int:
    from ..core.llm.settings import PRESETS, use_preset

    with workspace(args) as ws:
        section = use_preset(ws.config, args.preset, model=args.model, base_url=args.base_url,
                             api_key_env=args.api_key_env)
        preset = PRESETS[section["preset"]]
        key_env = section.get("api_key_env") or preset.api_key_env
        print(f"[llm] in {ws.config.path}: {preset.label}, model {section['model']} at "
              f"{section.get('base_url') or preset.base_url}")
        if key_env:
            print(f"the API key is read from the env var {key_env}")
        print("try it: jobber llm check")
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
    for label, path in (("config", home.config_file), ("database", home.db_file), ("resume", home.resume_file),
                        ("pdfs", home.pdf_dir), ("logs", home.log_dir), ("user templates", home.templates_dir),
                        ("user themes", home.themes_dir), ("bundled templates", BUNDLED_TEMPLATES),
                        ("bundled themes", BUNDLED_THEMES)):
        print(f"{label:<18} {path}")
    return 0


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
