"""The argument parser. Each sub-command points at a handler that imports its own needs.

Nothing but argparse and the standard library loads here: `jobber --help`, `--version` and every
`COMMAND --help` answer at Python's own start-up time, and a handler's module (with the core it
needs) is imported only when that command runs (tests/test_startup_imports.py guards this).
"""

from __future__ import annotations

import argparse

from .parser_base import TYPE_CHECKING, _AnyOrderParser, _Parser, _Version, add_group, common_options, handler, job_id

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = _Parser(prog="jobber", description="Run your job search from the terminal.", parents=[common])
    parser.add_argument("--version", action=_Version, nargs=0, help="show program's version number and exit")
    parser.add_argument("--demo", action="store_true", help="open on a throwaway home with sample data")
    parser.set_defaults(run=handler("commands", "ui"))
    sub = parser.add_commands(title="commands", metavar="COMMAND")

    def group(name: str, help: str, title: str, metavar: str, build: Callable[[Any], None]) -> _Parser:
        return add_group(sub, name, help=help, title=title, metavar=metavar, common=common, build=build)

    jobs = group(
        "jobs",
        "add, list, show, change and move jobs",
        "job commands",
        "ACTION",
        lambda jsub: _job_actions(jsub, common),
    )
    imports = group("import", "import jobs", "sources", "KIND", lambda isub: _import_kinds(isub, common))
    group(
        "resume",
        "show or import the base resume",
        "resume commands",
        "ACTION",
        lambda rsub: _resume_actions(rsub, common),
    )
    group("templates", "resume templates", "template commands", "ACTION", lambda tsub: _template_actions(tsub, common))

    p = sub.add_parser(
        "ghostwriter",
        help="ask the per-job writing assistant; the answer streams to stdout",
        parents=[common],
        parser_class=_AnyOrderParser,
    )
    p.add_argument("id", type=job_id)
    p.add_argument("prompt", nargs="*", default=[], help="what to write (or use --action)")
    p.add_argument(
        "--action",
        choices=["cover-letter", "answer", "recruiter", "talking-points"],
        help="a quick action; for 'answer' the prompt is the application question",
    )
    p.add_argument("--history", action="store_true", help="print the job's chat so far")
    p.add_argument("--clear", action="store_true", help="forget the job's chat (recorded on its timeline)")
    p.set_defaults(run=handler("resume_commands", "ghostwriter"))

    group(
        "llm",
        "your language model (any OpenAI-compatible endpoint)",
        "llm commands",
        "ACTION",
        lambda lsub: _llm_actions(lsub, common),
    )

    p = sub.add_parser("watch", help="rebuild PDFs live when a template, the resume or a job changes", parents=[common])
    p.set_defaults(run=handler("commands", "watch"))

    p = sub.add_parser("paths", help="show where Jobber keeps its files", parents=[common])
    json_flag(p)
    p.set_defaults(run=handler("commands", "paths"))

    p = sub.add_parser("ui", help="open the terminal UI (the default)", parents=[common])
    p.set_defaults(run=handler("commands", "ui"), demo=False)

    # -- discovery, scoring and the pipeline (issue 6): parsers in discovery_parser.py ---------
    from .discovery_parser import add_discovery_parsers

    add_discovery_parsers(sub, jobs=jobs, imports=imports, common=common)

    # -- reply tracking over IMAP (issue 8): parsers in tracking_parser.py ----------------------
    from .tracking_parser import add_tracking_parsers

    add_tracking_parsers(sub, jobs=jobs, common=common)

    # -- webhooks outbox, backups, doctor, reset (issue 13): parsers in upkeep_parser.py --------
    from .upkeep_parser import add_upkeep_parsers

    add_upkeep_parsers(sub, jobs=jobs, common=common)

    # -- shell completion and the man page (issue 19): parsers in completion_parser.py ----------
    from .completion_parser import add_completion_parsers

    add_completion_parsers(sub, common=common)
    return parser


JSON_HELP = "print the result as JSON (keys: docs/cli-json.md)"


def json_flag(p: Any) -> None:
    """`--json`: the command's result as JSON on stdout, on every command that prints data."""
    p.add_argument("--json", action="store_true", help=JSON_HELP)


def data_options(p: Any, what: str) -> None:
    """`--data` for input JSON; `--json` for output, or (deprecated, noted on stderr) `--json JSON` for input."""
    p.add_argument("--data", metavar="JSON", help=f"{what} as JSON text; '-' reads stdin, @FILE reads a file")
    p.add_argument(
        "--json",
        nargs="?",
        const=True,
        default=False,
        metavar="JSON",
        help=f"{JSON_HELP}; `--json JSON` is the deprecated spelling of --data",
    )


def ids_flag(p: Any) -> None:
    p.add_argument("--ids", action="store_true", help="print only the new jobs' ids, one a line (for scripts)")


def _job_actions(jsub: Any, common: _Parser) -> None:
    p = jsub.add_parser("add", help="create jobs from JSON (an object or an array)", parents=[common])
    data_options(p, "the jobs")
    ids_flag(p)
    p.set_defaults(run=handler("batch_commands", "jobs_add"))

    p = jsub.add_parser("list", help="list jobs", parents=[common])
    p.add_argument("--status", metavar="S", help="only jobs in this status")
    json_flag(p)
    p.set_defaults(run=handler("commands", "jobs_list"))

    p = jsub.add_parser("show", help="show one job with its timeline", parents=[common])
    p.add_argument("id", type=job_id)
    json_flag(p)
    p.set_defaults(run=handler("commands", "jobs_show"))

    p = jsub.add_parser("patch", help="change fields of a job (and its status along allowed moves)", parents=[common])
    p.add_argument("id", type=job_id)
    data_options(p, "the fields to change")
    p.set_defaults(run=handler("batch_commands", "jobs_patch"))

    for verb, text in (
        ("skip", "take a job out of the active queue"),
        ("apply", "mark a job applied"),
        ("reopen", "put a job back to discovered"),
    ):
        p = jsub.add_parser(verb, help=text, parents=[common])
        p.add_argument("id", type=job_id)
        json_flag(p)
        p.set_defaults(run=handler("commands", "jobs_action"), action=verb)

    p = jsub.add_parser("summarize", help="fill the missing tailored fields (--force: recompute all)", parents=[common])
    p.add_argument("id", type=job_id)
    p.add_argument("--force", action="store_true")
    json_flag(p)
    p.set_defaults(run=handler("commands", "jobs_summarize"))

    p = jsub.add_parser(
        "process", help="Finalize & Move to Ready: tailor, build the PDF, move to ready", parents=[common]
    )
    p.add_argument("ids", type=job_id, nargs="+", metavar="ID")
    json_flag(p)
    p.set_defaults(run=handler("batch_commands", "jobs_process"))

    p = jsub.add_parser("generate-pdf", help="rebuild the PDF of ready jobs after edits", parents=[common])
    p.add_argument("ids", type=job_id, nargs="*", metavar="ID")
    p.add_argument("--all-ready", action="store_true", help="every ready job (one batch)")
    json_flag(p)
    p.set_defaults(run=handler("batch_commands", "jobs_generate_pdf"))

    p = jsub.add_parser(
        "cover-letter", help="write the cover letter PDF (drafting the text if none is saved)", parents=[common]
    )
    p.add_argument("id", type=job_id)
    p.add_argument("--text-file", metavar="FILE", help="use this text (paragraphs separated by blank lines)")
    p.add_argument("--redraft", action="store_true", help="draft the text again even if one is saved")
    json_flag(p)
    p.set_defaults(run=handler("resume_commands", "jobs_cover_letter"))

    p = jsub.add_parser("expire", help="run the expiry sweep now and print what expired", parents=[common])
    json_flag(p)
    p.set_defaults(run=handler("commands", "jobs_expire"))


def _import_kinds(isub: Any, common: _Parser) -> None:
    p = isub.add_parser("file", help="a JSON object/array or a CSV with a header row", parents=[common])
    p.add_argument("path")
    json_flag(p)
    ids_flag(p)
    p.set_defaults(run=handler("batch_commands", "import_file"))


def _resume_actions(rsub: Any, common: _Parser) -> None:
    p = rsub.add_parser("show", help="print the base resume", parents=[common])
    json_flag(p)
    p.set_defaults(run=handler("resume_commands", "resume_show"))
    p = rsub.add_parser("import", help="import a JSON Resume or Reactive Resume v3/v4/v5 export", parents=[common])
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help="import even if it would empty sections of your resume")
    json_flag(p)
    p.set_defaults(run=handler("resume_commands", "resume_import"))
    p = rsub.add_parser(
        "check",
        help="ATS check: is every string of the resume in the PDF's text, in order? (exit 1 when something is missing)",
        parents=[common],
    )
    p.add_argument("id", type=job_id, nargs="?", help="a job: check its PDF (default: compile the base resume)")
    p.add_argument("--template", help="without a job id: the template to compile with (default: default_template)")
    json_flag(p)
    p.set_defaults(run=handler("resume_commands", "resume_check"))


def _template_actions(tsub: Any, common: _Parser) -> None:
    p = tsub.add_parser("list", help="bundled and user templates", parents=[common])
    json_flag(p)
    p.set_defaults(run=handler("resume_commands", "templates_list"))


def _llm_actions(lsub: Any, common: _Parser) -> None:
    p = lsub.add_parser("check", help="send a tiny request and report what works", parents=[common])
    json_flag(p)
    p.set_defaults(run=handler("llm_commands", "llm_check"))
    p = lsub.add_parser("presets", help="the kinds of server `llm use` knows", parents=[common])
    json_flag(p)
    p.set_defaults(run=handler("llm_commands", "llm_presets"))
    p = lsub.add_parser(
        "use", help="write [llm] for a preset: openai, openrouter, ollama, lmstudio, llamacpp, vllm", parents=[common]
    )
    p.add_argument("preset")
    p.add_argument("--model", metavar="NAME", help="the model to use (default: the preset's example)")
    p.add_argument("--base-url", metavar="URL", help="another address for the server (e.g. another port)")
    p.add_argument("--api-key-env", metavar="VAR", help="the env var holding the API key (default: the preset's)")
    json_flag(p)
    p.set_defaults(run=handler("llm_commands", "llm_use"))
