"""The argument parser. Each sub-command points at a handler that imports its own needs."""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from .. import __version__


class _Parser(argparse.ArgumentParser):
    """Bad usage is one clear line on stderr and exit code 2, never a wall of usage."""

    def error(self, message: str) -> NoReturn:
        print(f"jobber: error: {message} (see `{self.prog} --help`)", file=sys.stderr)
        sys.exit(2)


class _AnyOrderParser(_Parser):
    """Options and words in any order: `ghostwriter 3 --action answer "Why Go?"` as well as
    `ghostwriter --action answer 3 "Why Go?"` (plain argparse stops taking positionals after an option)."""

    _inside = False

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        if self._inside:  # parse_known_intermixed_args calls back in here
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


MAX_ID = 2**63 - 1
"""SQLite's largest integer: a bigger number is no id (and would crash the query)."""


def whole_number(value: str, *, low: int = 0, what: str = "a whole number") -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {what}, got {value!r}") from None
    if number < low:
        raise argparse.ArgumentTypeError(f"expected {what}, got {number}")
    if number > MAX_ID:
        raise argparse.ArgumentTypeError(f"{value} is too large")
    return number


def _job_id(value: str) -> int:
    return whole_number(value, low=1, what="a job id (a positive number)")


def build_parser() -> argparse.ArgumentParser:
    from . import commands as c

    common = _Parser(add_help=False)
    common.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS,
                        help="keep everything under DIR (also: env JOBBER_HOME)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks on errors")

    parser = _Parser(prog="jobber", description="Run your job search from the terminal.", parents=[common])
    parser.add_argument("--version", action="version", version=f"jobber {__version__}")
    parser.add_argument("--demo", action="store_true", help="open on a throwaway home with sample data")
    parser.set_defaults(run=c.ui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    jobs = sub.add_parser("jobs", help="add, list, show, change and move jobs", parents=[common])
    jobs.set_defaults(run=lambda a: jobs.print_help())
    jsub = jobs.add_subparsers(title="job commands", metavar="ACTION", parser_class=_Parser)

    p = jsub.add_parser("add", help="create jobs from JSON (object or array; '-' reads stdin)", parents=[common])
    p.add_argument("--json", required=True, dest="data", metavar="JSON")
    p.set_defaults(run=c.jobs_add)

    p = jsub.add_parser("list", help="list jobs", parents=[common])
    p.add_argument("--status", metavar="S", help="only jobs in this status")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(run=c.jobs_list)

    p = jsub.add_parser("show", help="show one job with its timeline", parents=[common])
    p.add_argument("id", type=_job_id)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=c.jobs_show)

    p = jsub.add_parser("patch", help="change fields of a job (and its status along allowed moves)",
                        parents=[common])
    p.add_argument("id", type=_job_id)
    p.add_argument("--json", required=True, dest="data", metavar="JSON")
    p.set_defaults(run=c.jobs_patch)

    for verb, text in (("skip", "take a job out of the active queue"), ("apply", "mark a job applied"),
                       ("reopen", "put a job back to discovered")):
        p = jsub.add_parser(verb, help=text, parents=[common])
        p.add_argument("id", type=_job_id)
        p.set_defaults(run=c.jobs_action, action=verb)

    p = jsub.add_parser("summarize", help="fill the missing tailored fields (--force: recompute all)",
                        parents=[common])
    p.add_argument("id", type=_job_id)
    p.add_argument("--force", action="store_true")
    p.set_defaults(run=c.jobs_summarize)

    p = jsub.add_parser("process", help="Finalize & Move to Ready: tailor, build the PDF, move to ready",
                        parents=[common])
    p.add_argument("id", type=_job_id)
    p.set_defaults(run=c.jobs_process)

    p = jsub.add_parser("generate-pdf", help="rebuild the PDF of ready jobs after edits", parents=[common])
    p.add_argument("ids", type=_job_id, nargs="*", metavar="ID")
    p.add_argument("--all-ready", action="store_true", help="every ready job (one batch)")
    p.set_defaults(run=c.jobs_generate_pdf)

    p = jsub.add_parser("cover-letter", help="write the cover letter PDF (drafting the text if none is saved)",
                        parents=[common])
    p.add_argument("id", type=_job_id)
    p.add_argument("--text-file", metavar="FILE", help="use this text (paragraphs separated by blank lines)")
    p.add_argument("--redraft", action="store_true", help="draft the text again even if one is saved")
    p.set_defaults(run=c.jobs_cover_letter)

    p = jsub.add_parser("expire", help="run the expiry sweep now and print what expired", parents=[common])
    p.set_defaults(run=c.jobs_expire)

    imp = sub.add_parser("import", help="import jobs", parents=[common])
    imp.set_defaults(run=lambda a: imp.print_help())
    isub = imp.add_subparsers(title="sources", metavar="KIND", parser_class=_Parser)
    p = isub.add_parser("file", help="a JSON object/array or a CSV with a header row", parents=[common])
    p.add_argument("path")
    p.set_defaults(run=c.import_file)

    res = sub.add_parser("resume", help="show or import the base resume", parents=[common])
    res.set_defaults(run=lambda a: res.print_help())
    rsub = res.add_subparsers(title="resume commands", metavar="ACTION", parser_class=_Parser)
    p = rsub.add_parser("show", help="print the base resume", parents=[common])
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=c.resume_show)
    p = rsub.add_parser("import", help="import a JSON Resume or Reactive Resume v3/v4/v5 export", parents=[common])
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help="import even if it would empty sections of your resume")
    p.set_defaults(run=c.resume_import)
    p = rsub.add_parser("check", help="ATS check: is every string of the resume in the PDF's text, in order? "
                        "(exit 1 when something is missing)", parents=[common])
    p.add_argument("id", type=_job_id, nargs="?", help="a job: check its PDF (default: compile the base resume)")
    p.add_argument("--template", help="without a job id: the template to compile with (default: default_template)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=c.resume_check)

    tpl = sub.add_parser("templates", help="resume templates", parents=[common])
    tpl.set_defaults(run=lambda a: tpl.print_help())
    tsub = tpl.add_subparsers(title="template commands", metavar="ACTION", parser_class=_Parser)
    p = tsub.add_parser("list", help="bundled and user templates", parents=[common])
    p.set_defaults(run=c.templates_list)

    sub._parser_class = _AnyOrderParser  # argparse takes the class per sub-command only this way
    p = sub.add_parser("ghostwriter", help="ask the per-job writing assistant; the answer streams to stdout",
                       parents=[common])
    sub._parser_class = _Parser
    p.add_argument("id", type=_job_id)
    p.add_argument("prompt", nargs="*", default=[], help="what to write (or use --action)")
    p.add_argument("--action", choices=["cover-letter", "answer", "recruiter", "talking-points"],
                   help="a quick action; for 'answer' the prompt is the application question")
    p.add_argument("--history", action="store_true", help="print the job's chat so far")
    p.add_argument("--clear", action="store_true", help="forget the job's chat (recorded on its timeline)")
    p.set_defaults(run=c.ghostwriter)

    llm = sub.add_parser("llm", help="your language model (any OpenAI-compatible endpoint)", parents=[common])
    llm.set_defaults(run=lambda a: llm.print_help())
    lsub = llm.add_subparsers(title="llm commands", metavar="ACTION", parser_class=_Parser)
    p = lsub.add_parser("check", help="send a tiny request and report what works", parents=[common])
    p.set_defaults(run=c.llm_check)
    p = lsub.add_parser("presets", help="the kinds of server `llm use` knows", parents=[common])
    p.set_defaults(run=c.llm_presets)
    p = lsub.add_parser("use", help="write [llm] for a preset: openai, openrouter, ollama, lmstudio, llamacpp, vllm",
                        parents=[common])
    p.add_argument("preset")
    p.add_argument("--model", metavar="NAME", help="the model to use (default: the preset's example)")
    p.add_argument("--base-url", metavar="URL", help="another address for the server (e.g. another port)")
    p.add_argument("--api-key-env", metavar="VAR", help="the env var holding the API key (default: the preset's)")
    p.set_defaults(run=c.llm_use)

    p = sub.add_parser("watch", help="rebuild PDFs live when a template, the resume or a job changes",
                       parents=[common])
    p.set_defaults(run=c.watch)

    p = sub.add_parser("paths", help="show where Jobber keeps its files", parents=[common])
    p.set_defaults(run=c.paths)

    p = sub.add_parser("ui", help="open the terminal UI (the default)", parents=[common])
    p.set_defaults(run=c.ui, demo=False)

    # -- discovery, scoring and the pipeline (issue 6): parsers in discovery_parser.py ---------
    from .discovery_parser import add_discovery_parsers

    add_discovery_parsers(sub, jobs=jsub, imports=isub, common=common)

    # -- reply tracking over IMAP (issue 8): parsers in tracking_parser.py ----------------------
    from .tracking_parser import add_tracking_parsers

    add_tracking_parsers(sub, jobs=jsub, common=common)

    # -- webhooks outbox, backups, doctor, reset (issue 13): parsers in upkeep_parser.py --------
    from .upkeep_parser import add_upkeep_parsers

    add_upkeep_parsers(sub, jobs=jsub, common=common)

    # -- shell completion and the man page (issue 19): parsers in completion_parser.py ----------
    from .completion_parser import add_completion_parsers

    add_completion_parsers(sub, common=common)
    return parser
