"""How commands answer: one summary line for people, the whole result as JSON for scripts.

The rule (docs/cli-json.md): human output is what a person reads at a glance; lists of ids and per-item
detail go to `--json` (stable keys, documented) or, for the commands that add jobs, `--ids`.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # see parser.py
if TYPE_CHECKING:
    from typing import Any

    from ..core.jobs.adding import AddResult

PROBLEM_LINES = 10
"""Problems named one per line on stderr before the rest are counted: the first ones say what is wrong."""

DEPRECATED_JSON_INPUT = (
    "jobber: note: `--json JSON` as input is deprecated; use `--data JSON` (or `--data -`, "
    "`--data @FILE`); `--json` now asks for JSON output"
)


def print_json(data: Any) -> None:
    """The result as JSON on stdout: UTF-8 as is, two-space indents, one trailing newline."""
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2))


def count(n: int, one: str, many: str | None = None) -> str:
    """ "1 job", "9,874 jobs", "0 errors"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def print_problems(lines: list[str], *, limit: int = PROBLEM_LINES) -> None:
    """The first problems on stderr, then how many more (all of them are in `--json`)."""
    for line in lines[:limit]:
        print(line, file=sys.stderr)
    if len(lines) > limit:
        print(f"… and {len(lines) - limit:,} more (all of them: --json)", file=sys.stderr)


def add_items(result: AddResult, rows: int) -> list[dict[str, Any]]:
    """Row by row what an add did: `created` (with its id), `duplicate` or `error` (with the reason).

    The store creates the valid, new rows in row order, so the ids fall to the rows that are neither."""
    skipped, errors = dict(result.skipped), dict(result.errors)
    created = iter(result.created)
    items: list[dict[str, Any]] = []
    for row in range(1, rows + 1):
        if row in errors:
            items.append({"row": row, "result": "error", "reason": errors[row]})
        elif row in skipped:
            items.append({"row": row, "result": "duplicate", "reason": skipped[row]})
        else:
            items.append({"row": row, "result": "created", "id": next(created)})
    return items


def add_json(result: AddResult, rows: int) -> dict[str, Any]:
    return {
        "ids": list(result.created),
        "counts": {
            "rows": rows,
            "created": len(result.created),
            "duplicates": len(result.skipped),
            "errors": len(result.errors),
        },
        "items": add_items(result, rows),
    }


def id_list(ids: list[int], *, shown: int = 8) -> str:
    """ "id 12", "ids 12, 13, 14", "ids 12, 13, … (500 in all)"."""
    head = ", ".join(str(i) for i in ids[:shown])
    more = f", … ({len(ids):,} in all)" if len(ids) > shown else ""
    return f"id{'s' * (len(ids) != 1)} {head}{more}"
