"""Handlers of the resume commands: `resume show|import|check`, `templates list`, `ghostwriter` and
`jobs cover-letter`. Parse input, call the core, print."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .commands import shown_path, workspace


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
    if args.json:
        from .report import print_json

        projects = [p.get("id") for p in resume.get("projects") or []]
        print_json({"kind": kind, "path": str(target), "projectIds": projects, "report": report})
        return 0
    # The project ids (for `selectedProjectIds`) are in --json and `jobber resume show`.
    print(f"imported {kind} resume to {target}")
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

        print(
            json.dumps(
                {"jobId": args.id, "template": result.template, "pdf": result.pdf, **result.report.to_json()},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print_ats_report(result.report, result.template, result.pdf)
    return 0 if result.report.ok else 1


def templates_list(args: argparse.Namespace) -> int:
    from ..core.resume.templates import list_templates

    with workspace(args) as ws:
        default = ws.settings.default_template
        templates = list_templates(ws.home)
    if args.json:
        from .report import print_json

        print_json(
            [
                {
                    "name": t.name,
                    "origin": t.origin,
                    "kind": t.kind,
                    "description": t.description,
                    "default": t.name == default,
                    "folder": str(t.folder),
                }
                for t in templates
            ]
        )
        return 0
    for template in templates:
        mark = "*" if template.name == default else " "
        print(f"{mark} {template.name:<16} {template.origin:<8} {template.description}")
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
    if args.json:
        from .report import print_json

        path = ws.home.resolve_stored(job.cover_letter_path)
        print_json({"id": job.id, "coverLetterPath": str(path) if path else None})
        return 0
    print(f"job {job.id}: cover letter {shown_path(ws, job.cover_letter_path)}")
    return 0
