"""Sub-commands of discovery, scoring and the pipeline: `sources`, `import url`, `pipeline`, `jobs score`.

Registered by one call from parser.py; handlers live in discovery_commands.py and import their needs.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # see parser.py
if TYPE_CHECKING:
    from typing import Any


def _score(value: str) -> int:
    from .parser import whole_number

    return whole_number(value)


def add_discovery_parsers(sub: Any, *, jobs: Any, imports: Any, common: argparse.ArgumentParser) -> None:
    """`sub` is the sub-commands action of `jobber`; `jobs` and `imports` the parsers of `jobber jobs` and
    `jobber import` (their actions are added when they are used)."""
    from .parser import add_group

    add_group(sub, "sources", help="the job boards discovery reads", title="source commands", metavar="ACTION",
              common=common, build=lambda ssub: _source_actions(ssub, common))
    imports.later(lambda parser: _import_url(parser.commands, common))
    add_group(sub, "pipeline", help="discover, score and process the best jobs to ready", title="pipeline commands",
              metavar="ACTION", common=common, build=lambda psub: _pipeline_actions(psub, common))
    jobs.later(lambda parser: _score_action(parser.commands, common))


def _source_actions(ssub: Any, common: argparse.ArgumentParser) -> None:
    from ..core.sources import KINDS
    from .parser import handler

    p = ssub.add_parser("add", help="add a board, e.g. `sources add greenhouse stripe`", parents=[common])
    p.add_argument("kind", choices=KINDS)
    p.add_argument("board", help="the board's token/site/name/subdomain, as in its URL")
    p.add_argument("--base-url", metavar="URL", help="an API mirror instead of the public API")
    p.add_argument("--employer", metavar="NAME", help="employer name when the board does not say")
    p.set_defaults(run=handler("discovery_commands", "sources_add"))
    p = ssub.add_parser("list", help="configured boards and the API each is read from", parents=[common])
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=handler("discovery_commands", "sources_list"))
    p = ssub.add_parser("remove", help="remove a board (its jobs stay)", parents=[common])
    p.add_argument("kind", choices=KINDS)
    p.add_argument("board")
    p.set_defaults(run=handler("discovery_commands", "sources_remove"))


def _import_url(isub: Any, common: argparse.ArgumentParser) -> None:
    from .parser import handler

    p = isub.add_parser("url", help="one posting from a link (ATS API, JSON-LD, or the page text)", parents=[common])
    p.add_argument("url")
    p.set_defaults(run=handler("discovery_commands", "import_url"))


def _pipeline_actions(psub: Any, common: argparse.ArgumentParser) -> None:
    from .parser import handler

    p = psub.add_parser("run", help="one run (progress on stderr, summary on stdout)", parents=[common])
    p.add_argument("--top", type=_score, metavar="N", help="process at most N jobs (config pipeline.top)")
    p.add_argument("--min-score", type=_score, metavar="S", help="only jobs scoring S or more (pipeline.min_score)")
    p.add_argument("--dry-run", action="store_true", help="fetch, plan and score; write no job, process none")
    p.add_argument("--json", action="store_true", help="print the run as JSON")
    p.set_defaults(run=handler("discovery_commands", "pipeline_run"))
    p = psub.add_parser("runs", help="past runs, newest first", parents=[common])
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=_score, default=20, metavar="N")
    p.set_defaults(run=handler("discovery_commands", "pipeline_runs"))


def _score_action(jsub: Any, common: argparse.ArgumentParser) -> None:
    from .parser import _job_id, handler

    p = jsub.add_parser("score", help="score jobs 0-100 (default: discovered jobs without a score)", parents=[common])
    p.add_argument("ids", type=_job_id, nargs="*", metavar="ID")
    p.add_argument("--all", action="store_true", help="rescore every discovered job")
    p.set_defaults(run=handler("discovery_commands", "jobs_score"))
