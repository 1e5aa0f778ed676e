"""Sub-commands of reply tracking: `track sync|review|approve|dismiss` and `jobs stage|replies|undo-stage`.

Registered by one call from parser.py; handlers live in tracking_commands.py and import their needs.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # see parser.py
if TYPE_CHECKING:
    from typing import Any


def add_tracking_parsers(sub: Any, *, jobs: Any, common: argparse.ArgumentParser) -> None:
    """`sub` is the sub-commands action of `jobber`; `jobs` the parser of `jobber jobs`."""
    from .parser_base import add_group

    add_group(
        sub,
        "track",
        help="follow replies to your applications in your inbox (IMAP, read-only)",
        title="tracking commands",
        metavar="ACTION",
        common=common,
        build=lambda tsub: _track_actions(tsub, common),
    )
    jobs.later(lambda parser: _job_actions(parser.commands, common))


def _track_actions(tsub: Any, common: argparse.ArgumentParser) -> None:
    from .parser_base import handler, job_id

    p = tsub.add_parser(
        "sync", help="read new mail, route replies to jobs, update stages (cron-friendly)", parents=[common]
    )
    p.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(run=handler("tracking_commands", "track_sync"))
    p = tsub.add_parser("review", help="replies waiting for your decision", parents=[common])
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=handler("tracking_commands", "track_review"))
    p = tsub.add_parser("approve", help="route a reply in review to its suggested job (or --job ID)", parents=[common])
    p.add_argument("message_id", type=job_id, metavar="MSG_ID")
    p.add_argument("--job", type=job_id, metavar="ID", help="route it to this job instead (relink)")
    p.add_argument(
        "--as",
        dest="category",
        metavar="CATEGORY",
        help="correct the category (acknowledgement, rejection, interview, assessment, offer, other)",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=handler("tracking_commands", "track_approve"))
    p = tsub.add_parser("dismiss", help="a reply in review is about no job: forget it", parents=[common])
    p.add_argument("message_id", type=job_id, metavar="MSG_ID")
    p.set_defaults(run=handler("tracking_commands", "track_dismiss"))


def _job_actions(jsub: Any, common: argparse.ArgumentParser) -> None:
    from .parser_base import handler, job_id

    p = jsub.add_parser("stage", help="set an applied job's stage (and outcome when closed)", parents=[common])
    p.add_argument("id", type=job_id)
    p.add_argument("stage", help="applied, screening, assessment, interview, offer or closed")
    p.add_argument(
        "--outcome", metavar="O", help="with closed: rejected, withdrawn, offer-accepted, offer-declined, ghosted"
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=handler("tracking_commands", "jobs_stage"))

    p = jsub.add_parser(
        "replies", help="the mail replies routed to a job, with what each did to its stage", parents=[common]
    )
    p.add_argument("id", type=job_id)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=handler("tracking_commands", "jobs_replies"))
    p = jsub.add_parser(
        "undo-stage",
        help="undo the stage change a reply made (default: the latest); later replies are looked at again",
        parents=[common],
    )
    p.add_argument("id", type=job_id)
    p.add_argument("--message", type=job_id, metavar="MSG_ID", help="the reply whose change to undo")
    p.add_argument(
        "--as",
        dest="category",
        metavar="CATEGORY",
        help="what the reply really was (e.g. acknowledgement); default: it changes nothing",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=handler("tracking_commands", "jobs_undo_stage"))
