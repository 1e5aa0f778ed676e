"""Sub-commands of discovery, scoring and the pipeline: `sources`, `import url`, `pipeline`, `jobs score`.

Registered by one call from parser.py; handlers live in discovery_commands.py and import their needs.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # see parser.py
if TYPE_CHECKING:
    from typing import Any


SOURCE_TERMS = {
    "greenhouse": "public Job Board API, no key",
    "lever": "public Postings API, no key",
    "ashby": "public Posting API, no key",
    "workable": "public widget API, no key",
    "recruitee": "public Careers Site API, no key",
    "personio": "the public XML feed Personio documents for career pages, no key",
    "workday": "the JSON behind the career site (not a documented API): 20 a page, one request per new posting, "
    "at most 200 new postings read a run",
    "bamboohr": "the JSON behind the careers page: one request per new job, at most 200 a run",
    "teamtailor": "the career site's public RSS feed (200 jobs at most)",
    "smartrecruiters": "public Posting API, but robots.txt disallows crawling it: off unless --ignore-robots",
}
"""Each kind's terms in a line: what is read, and what limits or rules apply."""


def _wrap(head: str, text: str) -> str:
    import textwrap

    return textwrap.fill(text, width=100, initial_indent=f"  {head:<16} ", subsequent_indent=" " * 19)


def _kinds_help() -> str:
    from ..core.discovery.sources import BOARD_EXAMPLES, DEFAULT_BASE_URLS, KINDS

    rows = [
        _wrap(kind, BOARD_EXAMPLES[kind]) + "\n" + _wrap("", f"{DEFAULT_BASE_URLS[kind]}: {SOURCE_TERMS[kind]}")
        for kind in KINDS
    ]
    return (
        "kinds (BOARD is ...; the API read and its terms):\n"
        + "\n".join(rows)
        + "\n\nEvery request sends Jobber's User-Agent, waits on 429/Retry-After and retries 5xx "
        "(see [discovery])."
    )


def _providers_help() -> str:
    from ..core.discovery.searches import PROVIDERS

    rows = []
    for provider in PROVIDERS.values():
        keys = f" (needs {', '.join('--' + k.replace('_', '-') for k in provider.keys)})" if provider.keys else ""
        rows.append(_wrap(provider.name, provider.terms + keys))
    import textwrap

    return (
        "providers:\n"
        + "\n".join(rows)
        + "\n\n"
        + textwrap.fill(
            "A search is never a complete listing: jobs are never expired because a search stopped showing them. "
            "Secrets go in environment variables; --api-key-env and --app-id-env take the variable's NAME.",
            width=100,
        )
    )


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    """The filters `sources add` and `searches add` share (see core/discovery/sources/filters.py)."""
    p.add_argument(
        "--include",
        action="append",
        metavar="WORD",
        default=[],
        help="keep only jobs whose title or description has WORD (repeat for any of several)",
    )
    p.add_argument(
        "--exclude", action="append", metavar="WORD", default=[], help="drop jobs whose title has WORD (repeatable)"
    )
    p.add_argument(
        "--only-in",
        action="append",
        metavar="PLACE",
        default=[],
        dest="locations",
        help="keep only jobs whose location contains PLACE ('remote': remote jobs anywhere; repeatable)",
    )
    p.add_argument("--remote-only", action="store_true", help="keep only remote jobs")
    p.add_argument("--max-new", type=_score, metavar="N", help="at most N new jobs per run")


def _score(value: str) -> int:
    from .parser_base import whole_number

    return whole_number(value)


def add_discovery_parsers(sub: Any, *, jobs: Any, imports: Any, common: argparse.ArgumentParser) -> None:
    """`sub` is the sub-commands action of `jobber`; `jobs` and `imports` the parsers of `jobber jobs` and
    `jobber import` (their actions are added when they are used)."""
    from .parser_base import add_group

    add_group(
        sub,
        "sources",
        help="the job boards discovery reads",
        title="source commands",
        metavar="ACTION",
        common=common,
        build=lambda ssub: _source_actions(ssub, common),
    )
    imports.later(lambda parser: _import_url(parser.commands, common))
    add_group(
        sub,
        "searches",
        help="keyword searches across employers",
        title="search commands",
        metavar="ACTION",
        common=common,
        build=lambda ssub: _search_actions(ssub, common),
    )
    _discover(sub, common)
    add_group(
        sub,
        "pipeline",
        help="discover, score and process the best jobs to ready",
        title="pipeline commands",
        metavar="ACTION",
        common=common,
        build=lambda psub: _pipeline_actions(psub, common),
    )
    jobs.later(lambda parser: _score_action(parser.commands, common))


def _source_actions(ssub: Any, common: argparse.ArgumentParser) -> None:
    from ..core.discovery.sources import KINDS, ROBOTS_DISALLOWED
    from .parser_base import handler

    p = ssub.add_parser(
        "add",
        help="add a board, e.g. `sources add greenhouse stripe`",
        parents=[common],
        epilog=_kinds_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("kind", choices=KINDS)
    p.add_argument("board", help="the board's name, as in its URL (see below)")
    p.add_argument("--base-url", metavar="URL", help="an API mirror instead of the public API")
    p.add_argument("--employer", metavar="NAME", help="employer name when the board does not say")
    add_filter_arguments(p)
    p.add_argument(
        "--ignore-robots",
        action="store_true",
        help=f"read a board whose robots.txt disallows crawling ({', '.join(sorted(ROBOTS_DISALLOWED))}): "
        "you have read its terms and choose to",
    )
    p.set_defaults(run=handler("discovery_commands", "sources_add"))
    p = ssub.add_parser("list", help="configured boards and the API each is read from", parents=[common])
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=handler("discovery_commands", "sources_list"))
    p = ssub.add_parser("remove", help="remove a board (its jobs stay)", parents=[common])
    p.add_argument("kind", choices=KINDS)
    p.add_argument("board")
    p.set_defaults(run=handler("discovery_commands", "sources_remove"))


def _import_url(isub: Any, common: argparse.ArgumentParser) -> None:
    from .parser_base import handler

    p = isub.add_parser("url", help="one posting from a link (ATS API, JSON-LD, or the page text)", parents=[common])
    p.add_argument("url")
    p.add_argument("--json", action="store_true", help="print what happened as JSON")
    p.set_defaults(run=handler("discovery_commands", "import_url"))


def _pipeline_actions(psub: Any, common: argparse.ArgumentParser) -> None:
    from .parser_base import handler

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
    from .parser_base import handler, job_id

    p = jsub.add_parser("score", help="score jobs 0-100 (default: discovered jobs without a score)", parents=[common])
    p.add_argument("ids", type=job_id, nargs="*", metavar="ID")
    p.add_argument("--all", action="store_true", help="rescore every discovered job")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(run=handler("discovery_commands", "jobs_score"))


def _search_actions(ssub: Any, common: argparse.ArgumentParser) -> None:
    from ..core.discovery.searches import PROVIDERS
    from .parser_base import handler

    p = ssub.add_parser(
        "add",
        help='add a search, e.g. `searches add himalayas "python developer"`',
        parents=[common],
        epilog=_providers_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("provider", choices=list(PROVIDERS))
    p.add_argument("query", nargs="?", default="", help="the words to search for (quote several)")
    p.add_argument("--location", metavar="PLACE", help="where, as the provider understands it")
    p.add_argument("--country", metavar="CODE", help="adzuna: gb, us, de, ...; indeed/glassdoor: usa, uk, ...")
    p.add_argument("--max-results", type=_score, metavar="N", help="read at most N results a run (default 100)")
    p.add_argument("--name", metavar="NAME", help="a short name (default: from the query and location)")
    p.add_argument("--api-key-env", metavar="VAR", help="the NAME of the variable holding the API key")
    p.add_argument("--app-id-env", metavar="VAR", help="adzuna: the NAME of the variable holding the app id")
    p.add_argument("--email", metavar="ADDRESS", help="usajobs: the address registered for the key")
    p.add_argument("--base-url", metavar="URL", help="an API mirror instead of the public API")
    add_filter_arguments(p)
    p.set_defaults(run=handler("search_commands", "searches_add"))
    p = ssub.add_parser("list", help="configured searches", parents=[common])
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=handler("search_commands", "searches_list"))
    p = ssub.add_parser("remove", help="remove a search by its label (its jobs stay)", parents=[common])
    p.add_argument("label", help="as `searches list` shows it, e.g. himalayas/python")
    p.set_defaults(run=handler("search_commands", "searches_remove"))


def _discover(sub: Any, common: argparse.ArgumentParser) -> None:
    from .parser_base import handler

    p = sub.add_parser(
        "discover", help="read every board and search now and store new jobs (no scoring)", parents=[common]
    )
    p.add_argument(
        "--only",
        action="append",
        metavar="LABEL",
        default=[],
        help="only this board or search (as `sources list`/`searches list` show it; repeatable)",
    )
    p.add_argument("--dry-run", action="store_true", help="fetch and plan; store nothing")
    p.add_argument("--json", action="store_true", help="print the counts per source as JSON")
    p.set_defaults(run=handler("discovery_commands", "discover"))
