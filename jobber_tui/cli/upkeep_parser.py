"""Sub-commands that look after the home itself: `webhooks`, `backup`, `doctor`, `jobs reset`.

Registered by one call from parser.py; handlers live in upkeep_commands.py and import their needs.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # see parser.py
if TYPE_CHECKING:
    from typing import Any


def add_upkeep_parsers(sub: Any, *, jobs: Any, common: argparse.ArgumentParser) -> None:
    """`sub` is the sub-commands action of `jobber`; `jobs` the parser of `jobber jobs`."""
    from .parser_base import add_group, handler

    jobs.later(lambda parser: _reset_action(parser.commands, common))

    p = sub.add_parser("backup", help="a consistent copy of the job store, while Jobber runs", parents=[common])
    p.add_argument("file", nargs="?", help="where to write it (default: backups/jobber-DATE.db in the home)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=handler("upkeep_commands", "backup"))

    p = sub.add_parser("doctor", help="check the store, config, resume, templates and fonts", parents=[common])
    p.add_argument("--json", action="store_true", help="print the findings as a JSON array")
    p.set_defaults(run=handler("upkeep_commands", "doctor"))

    add_group(
        sub,
        "webhooks",
        help="the webhook outbox: what waits, what failed",
        title="webhook commands",
        metavar="ACTION",
        common=common,
        build=lambda wsub: _webhook_actions(wsub, common),
    )


def _reset_action(jsub: Any, common: argparse.ArgumentParser) -> None:
    from .parser_base import handler, job_id

    p = jsub.add_parser("reset", help="free a job stuck in processing (back to discovered)", parents=[common])
    p.add_argument("id", type=job_id)
    p.add_argument("--yes", action="store_true", help="do not ask (needed when not on a terminal)")
    p.set_defaults(run=handler("upkeep_commands", "jobs_reset"))


def _webhook_actions(wsub: Any, common: argparse.ArgumentParser) -> None:
    from .parser_base import handler, job_id

    p = wsub.add_parser("status", help="pending and failed deliveries (delivered ones: --all)", parents=[common])
    p.add_argument("--all", action="store_true", help="also the delivered ones")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(run=handler("upkeep_commands", "webhooks_status"))
    p = wsub.add_parser("retry", help="send failed deliveries again (all, or the ones given)", parents=[common])
    p.add_argument("ids", nargs="*", type=job_id, metavar="DELIVERY", help="delivery numbers from `status`")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=handler("upkeep_commands", "webhooks_retry"))
    p = wsub.add_parser("send", help="send what is due now and wait for it (cron-friendly)", parents=[common])
    p.add_argument("--background", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=handler("upkeep_commands", "webhooks_send"))
