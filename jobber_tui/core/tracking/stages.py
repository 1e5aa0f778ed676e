"""An applied job's stage and outcome, and how each kind of reply moves them.

Stages only move forward automatically (applied < screening < assessment < interview < offer < closed):
an acknowledgement arriving after an interview invitation changes nothing. `closed` is final for
automatic updates: an offer or invitation after a rejection is more often a late or mis-sent mail than
a reversal, so such a message goes to the review inbox and only the user's approval reopens the job.
A manual change (`jobber jobs stage`, the UI) may go anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..infra.errors import BadInput
from .classify import Category

STAGES = ("applied", "screening", "assessment", "interview", "offer", "closed")
OUTCOMES = ("rejected", "withdrawn", "offer-accepted", "offer-declined", "ghosted")
_RANK = {stage: rank for rank, stage in enumerate(STAGES)}


@dataclass(frozen=True)
class StageChange:
    """What a message does to its job: a new stage (and outcome), nothing, or "ask the user"."""

    stage: str | None = None
    outcome: str | None = None
    review: str | None = None
    """Set when the change needs the user's decision; says why."""

    @property
    def changes(self) -> bool:
        return self.stage is not None


def current_stage(stage: str | None) -> str:
    """An applied job without a stage yet is at "applied"."""
    return stage if stage in _RANK else "applied"


def parse_category(value: str) -> Category:
    """A category as a person types it ("Interview", " offer ")."""
    try:
        return Category(value.strip().lower())
    except ValueError:
        raise BadInput(f"unknown category {value!r}; expected one of: {', '.join(c.value for c in Category)}") from None


def target_for(category: Category, *, screening: bool = False) -> str | None:
    """The stage a reply of this category points to; None for news that moves nothing (acknowledgement, other)."""
    if category is Category.REJECTION:
        return "closed"
    if category is Category.OFFER:
        return "offer"
    if category is Category.INTERVIEW:
        return "screening" if screening else "interview"
    if category is Category.ASSESSMENT:
        return "assessment"
    return None


def change_for(
    stage: str | None, target: str | None, *, category: str = "reply", confirmed: bool = False
) -> StageChange:
    """The move a message pointing at `target` makes from `stage`. `confirmed` (the user approved this
    message) may reopen a closed job; otherwise closed stays closed and the message goes to review."""
    now = current_stage(stage)
    if target not in _RANK or target == now:
        return StageChange()
    outcome = "rejected" if target == "closed" else None
    if now == "closed":
        if confirmed:
            return StageChange(target, outcome)
        return StageChange(review=f"the application is closed; a later {category} needs your decision")
    if _RANK[target] > _RANK[now]:
        return StageChange(target, outcome)
    return StageChange()


def parse_stage(stage: str, outcome: str | None = None) -> tuple[str, str | None]:
    """Validate a manual change: a known stage; an outcome only (and optionally) with closed."""
    name = stage.strip().lower()
    if name not in _RANK:
        raise BadInput(f"unknown stage {stage!r}; expected one of: {', '.join(STAGES)}")
    if outcome is None or not outcome.strip():
        return name, None
    result = outcome.strip().lower().replace(" ", "-").replace("_", "-")
    if result not in OUTCOMES:
        raise BadInput(f"unknown outcome {outcome!r}; expected one of: {', '.join(OUTCOMES)}")
    if name != "closed":
        raise BadInput(f"an outcome goes with the stage closed, not {name}")
    return name, result
