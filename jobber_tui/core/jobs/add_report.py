"""What adding jobs did, in the words the CLI prints and the UI shows (one wording for both faces)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..discovery.dedup import Outcome
    from .adding import AddResult


def add_problems(result: AddResult, as_what: str) -> list[str]:
    """One line per row not added: "skipped row 2: duplicate jobUrl https://…", "error in row 4: title: required"."""
    lines = [f"skipped {as_what} {row}: {reason}" for row, reason in result.skipped]
    lines += [f"error in {as_what} {row}: {reason}" for row, reason in result.errors]
    return lines


def add_summary(result: AddResult) -> str:
    """ "added 3 jobs (12, 13, 14); 1 skipped as duplicate; 1 with errors"."""
    created = result.created
    head = (
        f"added {len(created)} job{'s' * (len(created) != 1)} ({', '.join(map(str, created[:8]))}"
        f"{', …' if len(created) > 8 else ''})"
        if created
        else "added no job"
    )
    if result.skipped:
        head += f"; {len(result.skipped)} skipped as duplicate{'s' * (len(result.skipped) != 1)}"
    if result.errors:
        head += f"; {len(result.errors)} with errors"
    return head


def url_outcome(outcome: Outcome) -> str:
    """What `import url` did with the one posting."""
    posting = outcome.posting
    if outcome.kind == "created":
        return f"imported job {outcome.job_id}: {posting.title} at {posting.employer} from {posting.label}"
    if outcome.kind == "duplicate":
        return f"skipped: duplicate ({outcome.detail})"
    return f"job {outcome.job_id}: {outcome.kind} ({outcome.detail})"
