"""The one retry policy (core/infra/retry.py): statuses, backoff with jitter and caps, Retry-After in
both shapes RFC 9110 allows and the broken ones servers send.
The callers' own cases are in tests/discovery/test_http_failures.py and tests/llm/test_client.py."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from jobber_tui.core.infra.retry import RetryPolicy, retry_after_seconds, retryable

NOW = datetime(2026, 3, 12, 9, 30, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 5 ", 5.0),
        ("0", 0.0),
        ("1.5", 1.5),  # not RFC, but sent by some proxies; a decimal is read, not dropped for the backoff
        ("Thu, 12 Mar 2026 09:32:00 GMT", 120.0),  # IMF-fixdate
        ("Thursday, 12-Mar-26 09:32:00 GMT", 120.0),  # obsolete RFC 850 date
        ("Thu Mar 12 09:32:00 2026", 120.0),  # obsolete asctime date, no zone: UTC
        ("Thu, 12 Mar 2026 09:32:00 -0000", 120.0),  # "-0000": UTC, not the machine's local time
        ("Thu, 12 Mar 2026 10:32:00 +0100", 120.0),
        ("Thu, 12 Mar 2026 09:00:00 GMT", 0.0),  # in the past: try now
        ("-30", 0.0),
    ],
)
def test_retry_after_reads_seconds_and_every_http_date_shape(header: str, seconds: float) -> None:
    assert retry_after_seconds(header, now=NOW) == pytest.approx(seconds)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "   ",
        "soon",
        "nan",
        "NaN",
        "inf",
        "-inf",
        "1e999",
        "Thu, 99 Foo 2026 25:61:00 GMT",
        "\x1b[31m",
        "12 Mar",
    ],
)
def test_unreadable_or_hostile_retry_after_falls_back_to_the_backoff(header: str | None) -> None:
    assert retry_after_seconds(header, now=NOW) is None
    assert RetryPolicy(first=0.5).wait(1, header) == 0.5


def test_an_undated_http_date_is_utc_whatever_the_machines_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    later = datetime.now(UTC) + timedelta(seconds=600)
    header = later.strftime("%a, %d %b %Y %H:%M:%S -0000")
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        assert retry_after_seconds(header) == pytest.approx(600, abs=5)
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


def test_backoff_doubles_up_to_the_cap_and_jitter_stays_within_its_band() -> None:
    plain = RetryPolicy(first=2, cap=60)
    assert [plain.backoff(n) for n in range(1, 8)] == [2, 4, 8, 16, 32, 60, 60]
    jittered = RetryPolicy(first=2, cap=3600, jitter=0.25)
    for failures in range(1, 20):
        base = min(2 * 2 ** (failures - 1), 3600)
        waits = {jittered.backoff(failures) for _ in range(50)}
        assert all(0.75 * base <= w <= min(1.25 * base, 3600) for w in waits)
        assert len(waits) > 1  # spread, so installs do not retry a shared receiver in lockstep
    assert jittered.backoff(10_000) <= 3600  # no overflow, no wait past the cap
    assert RetryPolicy(first=0.5, cap=30).backoff(10_000) == 30


def test_retry_after_wins_and_a_too_long_one_gives_up_or_is_capped() -> None:
    give_up = RetryPolicy(first=0.5, max_wait=30)
    assert give_up.wait(1, "2") == 2
    assert give_up.wait(1, "3600") is None
    capped = RetryPolicy(first=0.5, max_wait=30, too_long="cap")
    assert capped.wait(1, "3600") == 30


@pytest.mark.parametrize(
    ("status", "again"),
    [
        (200, False),
        (400, False),
        (401, False),
        (404, False),
        (408, True),
        (409, True),
        (425, True),
        (429, True),
        (500, True),
        (503, True),
        (504, True),
        (599, True),
    ],
)
def test_which_answers_are_worth_another_try(status: int, again: bool) -> None:
    assert retryable(status) is again
