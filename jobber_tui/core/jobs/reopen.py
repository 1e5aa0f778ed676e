"""Reopening an expired job: its deadline must be gone or in the future, else the next start's expiry
sweep would expire it again behind the user's back. The store refuses such a reopen; the faces offer
to extend or clear the deadline in the same patch."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .states import JobStatus

EXTEND_DAYS = 14
"""How far "extend" moves a passed deadline: two weeks from today, a guess the user can edit later."""


def reopen_blocked(status: str, deadline: str | None, today: date) -> bool:
    """Whether reopening a job in `status` with this deadline needs the deadline changed too."""
    return status == JobStatus.EXPIRED.value and bool(deadline) and str(deadline) < today.isoformat()


def reopen_patch(choice: str, today: date) -> dict[str, Any]:
    """The patch that reopens a blocked job: `choice` "extend" (two weeks from today) or "clear"."""
    if choice == "extend":
        return {"status": JobStatus.DISCOVERED.value, "deadline": (today + timedelta(days=EXTEND_DAYS)).isoformat()}
    if choice == "clear":
        return {"status": JobStatus.DISCOVERED.value, "deadline": None}
    raise ValueError(f"unknown reopen choice {choice!r}")
