"""A stand-in for python-jobspy at its own API boundary: `jobspy.scrape_jobs(**options)` returning a
DataFrame-like object (`to_dict(orient="records")`, `attrs["errors"]`, `len`). LinkedIn, Indeed and
the rest cannot be reached from tests, so the rows come from tests/fixtures/boards/jobspy_rows.json,
shaped as python-jobspy 1.4's DataFrame rows are: missing numbers NaN, `date_posted` a date.

The options are checked against python-jobspy 1.4.1's `scrape_jobs` signature, and a site it does
not know is refused with a ValueError as it does, so Jobber cannot call it in a way the real one refuses.
"""

from __future__ import annotations

import json
import math
import types
from datetime import date
from pathlib import Path
from typing import Any

ROWS = Path(__file__).resolve().parent.parent / "fixtures" / "boards" / "jobspy_rows.json"
PARAMETERS = frozenset(
    {
        "site_name",
        "search_term",
        "google_search_term",
        "location",
        "distance",
        "is_remote",
        "job_type",
        "easy_apply",
        "results_wanted",
        "country_indeed",
        "proxies",
        "ca_cert",
        "description_format",
        "linkedin_fetch_description",
        "linkedin_company_ids",
        "offset",
        "hours_old",
        "enforce_annual_salary",
        "verbose",
        "user_agent",
        "fetch_description",
    }
)
SITES = frozenset(
    {"linkedin", "indeed", "zip_recruiter", "glassdoor", "google", "bayt", "naukri", "bdjobs", "hellowork"}
)
NUMBERS = ("min_amount", "max_amount", "company_rating")


class Frame:
    """What Jobber uses of a pandas DataFrame."""

    def __init__(self, rows: list[dict[str, Any]], errors: dict[str, str]) -> None:
        self._rows = rows
        self.attrs = {"errors": errors, "warnings": {}}

    def __len__(self) -> int:
        return len(self._rows)

    def to_dict(self, orient: str = "dict") -> list[dict[str, Any]]:
        assert orient == "records", "Jobber reads rows as records"
        return [dict(row) for row in self._rows]


def make_module(*, errors: dict[str, str] | None = None, fail: Exception | None = None) -> types.ModuleType:
    """A `jobspy` module; `calls` records each call's options. `errors`: sites that failed (as
    python-jobspy reports them in `attrs`); `fail`: raise this instead of answering."""
    module = types.ModuleType("jobspy")
    module.calls = []  # type: ignore[attr-defined]

    def scrape_jobs(**options: Any) -> Frame:
        unknown = set(options) - PARAMETERS
        if unknown:
            raise TypeError(f"scrape_jobs() got an unexpected keyword argument {sorted(unknown)[0]!r}")
        sites = options.get("site_name") or []
        bad = [s for s in sites if s not in SITES]
        if bad:
            raise ValueError(f"Invalid site_name: {bad[0]!r}. Input should be 'linkedin', 'indeed', ...")
        module.calls.append(options)  # type: ignore[attr-defined]
        if fail is not None:
            raise fail
        rows = [_row(r) for r in json.loads(ROWS.read_text()) if r["site"] in sites]
        wanted = options.get("results_wanted") or 15
        return Frame(rows[:wanted], {s: e for s, e in (errors or {}).items() if s in sites})

    module.scrape_jobs = scrape_jobs  # type: ignore[attr-defined]
    return module


def _row(raw: dict[str, Any]) -> dict[str, Any]:
    row = dict(raw)
    for key in NUMBERS:
        if row.get(key) is None:
            row[key] = math.nan
    if isinstance(row.get("date_posted"), str):
        row["date_posted"] = date.fromisoformat(row["date_posted"])
    return row
