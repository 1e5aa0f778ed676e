"""The clock every face and the store share: aware local time, stored as UTC ISO text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def local_now() -> datetime:
    """The default clock: aware local time (expiry uses the local date)."""
    return datetime.now().astimezone()


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
