"""Pay as boards publish it, kept as numbers (min, max, currency, period) plus one line to show.

Boards send numbers (Lever's `salaryRange`, Ashby's compensation components, Recruitee's `salary`,
Greenhouse's `pay_input_ranges` in cents, schema.org `baseSalary`) or text (Greenhouse's
pay-transparency block, "$108,400—$129,600 USD"). The period is only ever read from what the board
says ("per-year-salary", "1 HOUR", "Annual base salary", "hourly"), never guessed from the size of
the numbers: an hourly rate shown as a yearly one is wrong by a factor of two thousand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...jobs.fields import SALARY_PERIODS as PERIODS

_PERIOD_WORDS = (
    ("hour", re.compile(r"hour|\bhr\b|/\s*h\b", re.I)),
    ("year", re.compile(r"year|annual|\byr\b|\bp\.a\.", re.I)),
    ("month", re.compile(r"month|\bmo\b", re.I)),
    ("week", re.compile(r"week|\bwk\b", re.I)),
    ("day", re.compile(r"\bday\b|daily|per[- ]diem", re.I)),
)
CURRENCY_CODES = frozenset(
    "USD EUR GBP CAD AUD NZD CHF SEK NOK DKK ISK PLN CZK HUF RON BGN HRK UAH TRY ILS AED SAR QAR INR PKR LKR BDT "
    "JPY CNY HKD TWD KRW SGD MYR THB IDR PHP VND BRL MXN ARS CLP COP PEN ZAR NGN KES EGP MAD".split()
)
_SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "₪": "ILS",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "HK$": "HKD",
    "R$": "BRL",
    "zł": "PLN",
    "₩": "KRW",
    "₺": "TRY",
    "CHF": "CHF",
    "Fr.": "CHF",
}
"""A `$` alone is read as USD only when the text names no currency code (Canadian boards print `$` too)."""
_AMOUNT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+)(?:[.,](\d{1,2}))?(?!\d)"
    r"(?:\s?([kKmM])(?![a-zA-Z]))?"
)
_CODE = re.compile(r"\b([A-Z]{3})\b")
_SYMBOL = re.compile(r"(US\$|CA\$|C\$|AU\$|A\$|NZ\$|S\$|HK\$|R\$|[$€£₹₪₩₺]|zł)")
MAX_AMOUNT = 100_000_000


@dataclass(frozen=True)
class Pay:
    """One posting's pay: numbers when the board gives them, and the line shown to the user."""

    minimum: float | None
    maximum: float | None
    currency: str | None
    """ISO 4217 code (USD, EUR, ...) when the board says which, else None."""
    period: str | None
    """year, month, week, day or hour; None when the board does not say."""
    display: str

    def fields(self) -> dict[str, Any]:
        return {
            "salary": self.display,
            "salary_min": self.minimum,
            "salary_max": self.maximum,
            "salary_currency": self.currency,
            "salary_period": self.period,
        }


NO_PAY: dict[str, Any] = {
    "salary": None,
    "salary_min": None,
    "salary_max": None,
    "salary_currency": None,
    "salary_period": None,
}


def number(value: Any) -> float | None:
    """A non-negative amount from a number or numeric text ("120000", "120,000.00"); None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = value.replace(",", "").replace("\u00a0", "").replace(" ", "").strip()
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, (int, float)) and 0 <= value <= MAX_AMOUNT * 100 and value == value:
        return float(value)
    return None


def period_of(value: Any) -> str | None:
    """ "per-year-salary", "1 YEAR", "HOUR", "Annual base salary", "hourly" -> year/hour/...; None when unsaid."""
    if not isinstance(value, str) or not value.strip():
        return None
    for period, pattern in _PERIOD_WORDS:
        if pattern.search(value):
            return period
    return None


def currency_of(value: Any) -> str | None:
    """An ISO code from "usd", "EUR", or a symbol; None for anything else."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.upper() in CURRENCY_CODES:
        return text.upper()
    return _SYMBOLS.get(text)


def pay_from_numbers(
    low: Any, high: Any, currency: Any = None, period: Any = None, *, scale: float = 1.0, display: str | None = None
) -> Pay | None:
    """Pay from a board's numbers (`scale` 0.01 for cents); the board's own summary, if any, as display."""
    lo, hi = number(low), number(high)
    lo = lo * scale if lo is not None else None
    hi = hi * scale if hi is not None else None
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    if (lo is None or lo > MAX_AMOUNT) and (hi is None or hi > MAX_AMOUNT):
        return None
    code = currency_of(currency)
    when = period if period in PERIODS else period_of(period)
    return Pay(lo, hi, code, when, display or format_pay(lo, hi, code, when, fallback=currency))


def pay_from_text(text: Any, period_hint: Any = None) -> Pay | None:
    """Pay from a line such as "$108,400—$129,600 USD", "€55k – €70k per year" or "60.000 - 75.000 EUR"."""
    if not isinstance(text, str) or len(text) > 2_000:
        return None
    amounts = []
    for match in _AMOUNT.finditer(text):
        whole, cents, unit = match.groups()
        value = float(re.sub(r"[,.\u00a0\u202f ]", "", whole) + (f".{cents}" if cents else ""))
        if unit:
            value *= 1_000 if unit in "kK" else 1_000_000
        if 0 < value <= MAX_AMOUNT:
            amounts.append(value)
        if len(amounts) == 2:
            break
    if not amounts:
        return None
    codes = [c for c in _CODE.findall(text) if c in CURRENCY_CODES]
    symbol = _SYMBOL.search(text)
    code = codes[-1] if codes else (_SYMBOLS.get(symbol.group(1)) if symbol else None)
    when = period_of(text) or period_of(period_hint)
    lo, hi = min(amounts), (max(amounts) if len(amounts) > 1 else None)
    return Pay(lo, hi, code, when, format_pay(lo, hi, code, when))


def pay_from_summary(text: str | None) -> Pay | None:
    """A board's own pay line ("$180K – $220K • Offers Equity"), shown as written, with its numbers read."""
    if not text:
        return None
    found = pay_from_text(text)
    if found is None:
        return Pay(None, None, None, None, text)
    return Pay(found.minimum, found.maximum, found.currency, found.period, text)


def combine(ranges: list[Pay]) -> Pay | None:
    """Several ranges (pay zones, tiers) as one: the span of those in the first range's currency."""
    if not ranges:
        return None
    if len(ranges) == 1:
        return ranges[0]
    first = ranges[0]
    same = [p for p in ranges if p.currency == first.currency]
    lows = [p.minimum for p in same if p.minimum is not None]
    highs = [x for p in same for x in (p.maximum, p.minimum) if x is not None]
    periods = {p.period for p in same}
    period = first.period if len(periods) == 1 else None
    lo, hi = (min(lows) if lows else None), (max(highs) if highs else None)
    return Pay(lo, hi, first.currency, period, f"{format_pay(lo, hi, first.currency, period)} ({len(ranges)} ranges)")


def format_pay(
    low: float | None, high: float | None, currency: str | None, period: str | None, *, fallback: Any = None
) -> str:
    """ "USD 120,000–150,000 per year"."""
    amounts = "–".join(_amount(n) for n in dict.fromkeys(x for x in (low, high) if x is not None))
    unit = currency or (fallback.strip()[:10] if isinstance(fallback, str) and fallback.strip() else None)
    return f"{unit + ' ' if unit else ''}{amounts}{f' per {period}' if period else ''}"


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
