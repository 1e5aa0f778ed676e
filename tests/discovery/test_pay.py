"""Pay text and numbers as boards write them, read into min/max/currency/period without guessing."""

from __future__ import annotations

from jobber_tui.core.discovery.sources.pay import combine, pay_from_numbers, pay_from_summary, pay_from_text, period_of


def _fields(pay: object) -> tuple[object, ...]:
    return (pay.minimum, pay.maximum, pay.currency, pay.period, pay.display)  # type: ignore[attr-defined]


def test_pay_lines_in_the_forms_boards_print() -> None:
    assert _fields(pay_from_text("$108,400—$129,600 USD", "Annual Base Salary")) == (
        108_400,
        129_600,
        "USD",
        "year",
        "USD 108,400–129,600 per year",
    )
    # The trailing ISO code wins over the symbol (Canadian boards print "$" too).
    assert _fields(pay_from_text("$90,000 — $110,000 CAD")) == (90_000, 110_000, "CAD", None, "CAD 90,000–110,000")
    assert _fields(pay_from_text("€55k – €70k per year")) == (
        55_000,
        70_000,
        "EUR",
        "year",
        "EUR 55,000–70,000 per year",
    )
    assert _fields(pay_from_text("60.000 - 75.000 EUR brutto")) == (60_000, 75_000, "EUR", None, "EUR 60,000–75,000")
    assert _fields(pay_from_text("£25.50/hr")) == (25.5, None, "GBP", "hour", "GBP 25.50 per hour")
    assert pay_from_text("Competitive salary and equity") is None


def test_the_period_is_only_what_the_board_says() -> None:
    assert [
        period_of(x)
        for x in (
            "per-year-salary",
            "1 YEAR",
            "per-hour-wage",
            "HOUR",
            "1 MONTH",
            "weekly",
            "Hourly Base Pay Range:",
            "Pittsburgh, PA",
            "Zone A (Toronto)",
            None,
        )
    ] == ["year", "year", "hour", "hour", "month", "week", "hour", None, None, None]
    assert pay_from_numbers(2850, 3400, "USD", None, scale=0.01).period is None  # never guessed from the size


def test_board_numbers_summaries_and_zones() -> None:
    assert _fields(pay_from_numbers("60000", "80000", "eur", "year")) == (
        60_000,
        80_000,
        "EUR",
        "year",
        "EUR 60,000–80,000 per year",
    )
    assert pay_from_numbers(None, None, "USD") is None and pay_from_numbers(True, "x") is None
    assert _fields(pay_from_summary("$180K – $220K • Offers Equity")) == (
        180_000,
        220_000,
        "USD",
        None,
        "$180K – $220K • Offers Equity",
    )
    zones = [
        pay_from_numbers(110_000, 135_000, "CAD", "Zone A"),
        pay_from_numbers(98_000, 120_000, "CAD", "Zone B"),
        pay_from_numbers(80_000, 90_000, "USD", "US"),
    ]
    assert _fields(combine([z for z in zones if z])) == (98_000, 135_000, "CAD", None, "CAD 98,000–135,000 (3 ranges)")
