"""Validation of job fields as users give them (JSON, CSV, the UI's forms).

One function per kind of value; `validate_fields` applies them all or raises naming the key,
so nothing is ever half-applied. Text is cleaned of terminal controls and bidi overrides
(safe_text.py) and capped in size (MAX_CHARS, documented in the README): a 10 MB title is a
mistake or an attack, and would cost minutes of typesetting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ..infra.errors import BadInput
from ..infra.safe_text import clean_line, clean_text
from .columns import camel_to_snake
from .states import parse_status

MAX_CHARS: dict[str, int] = {
    "title": 300,
    "employer": 300,
    "location": 300,
    "salary": 200,
    "jobUrl": 2048,
    "applicationUrl": 2048,
    "jobDescription": 200_000,
    "source": 64,
    "sourceJobId": 200,
    "suitabilityReason": 1000,
    "tailoredHeadline": 300,
    "tailoredSummary": 5000,
    "template": 64,
    "coverLetter": 50_000,
}
"""The most characters each text field takes; longer input is refused, never cut silently."""
MAX_SKILL_GROUPS, MAX_KEYWORDS, MAX_SKILL_CHARS, MAX_PROJECT_IDS = 60, 100, 100, 100
_SURROGATE = re.compile("[\ud800-\udfff]")
MULTILINE = frozenset({"jobDescription", "tailoredSummary", "coverLetter", "suitabilityReason"})


def _text(key: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadInput(f"{key}: expected text, got {type(value).__name__}")
    _check_length(key, value)
    if lone := _SURROGATE.search(value):  # JSON's "\ud800" alone: not a character in any text
        raise BadInput(f"{key}: contains a lone surrogate (\\u{ord(lone.group()):04x}), which is not text")
    return clean_text(value) if key in MULTILINE else clean_line(value)


def _check_length(key: str, value: str, limit: int | None = None) -> None:
    limit = limit or MAX_CHARS.get(key, 2000)
    if len(value) > limit:
        raise BadInput(f"{key}: at most {limit:,} characters, got {len(value):,}")


def _required_text(key: str, value: Any) -> str:
    text = _text(key, value)
    if not text or not text.strip():
        raise BadInput(f"{key}: must not be empty")
    return text.strip()


def _date(key: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        raw = value.strip()
        try:
            return date.fromisoformat(raw[:10]).isoformat() if len(raw) >= 10 else date.fromisoformat(raw).isoformat()
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            pass
    raise BadInput(f"{key}: expected a date like 2026-12-31, got {value!r}")


def _url(key: str, value: Any) -> str | None:
    text = _text(key, value)
    if text is None or not text.strip():
        return None
    text = text.strip()
    if not re.match(r"^https?://[^\s/]+\S*$", text):
        raise BadInput(f"{key}: expected an http(s) URL, got {text[:80]!r}")
    return text


def _ident(key: str, value: Any) -> str | None:
    """A board's job id: text or a whole number (boards send either), stored as text."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise BadInput(f"{key}: expected text or a number, got {type(value).__name__}")
    text = clean_line(value) if isinstance(value, str) else str(value)
    _check_length(key, text)
    return text


def _bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "yes", "1", "y"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"false", "no", "0", "n", ""}:
        return False
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise BadInput(f"{key}: expected true or false, got {value!r}")


def _score(key: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise BadInput(f"{key}: expected a whole number 0-100, got {value!r}")
    return value


def _skills(key: str, value: Any) -> list[dict[str, Any]] | None:
    """A list of {name, keywords}, or a string holding that list as JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{key}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(value, list):
        raise BadInput(f"{key}: expected a list of {{name, keywords}} groups")
    if len(value) > MAX_SKILL_GROUPS:
        raise BadInput(f"{key}: at most {MAX_SKILL_GROUPS} groups, got {len(value)}")
    groups: list[dict[str, Any]] = []
    for index, group in enumerate(value):
        if not isinstance(group, dict) or not isinstance(group.get("name"), str) or not group["name"].strip():
            raise BadInput(f'{key}[{index}]: each group needs a non-empty "name"')
        keywords = group.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise BadInput(f"{key}[{index}].keywords: expected a list of text")
        unknown = set(group) - {"name", "keywords", "level"}
        if unknown:
            raise BadInput(f"{key}[{index}]: unknown key {sorted(unknown)[0]!r}")
        if len(keywords) > MAX_KEYWORDS:
            raise BadInput(f"{key}[{index}].keywords: at most {MAX_KEYWORDS}, got {len(keywords)}")
        for text in (group["name"], *keywords):
            _check_length(f"{key}[{index}]", text, MAX_SKILL_CHARS)
        groups.append(
            {"name": clean_line(group["name"]), "keywords": [clean_line(k) for k in keywords if clean_line(k)]}
        )
    return groups


def _project_ids(key: str, value: Any) -> list[str] | None:
    """A list of ids or a comma-separated string like "p1,p2"; order kept, duplicates dropped."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput(f"{key}: expected a list of project ids or a comma-separated string")
    if len(value) > MAX_PROJECT_IDS:
        raise BadInput(f"{key}: at most {MAX_PROJECT_IDS} project ids, got {len(value)}")
    for item in value:
        _check_length(key, item, 200)
    return list(dict.fromkeys(clean_line(v) for v in value if clean_line(v)))


def _amount(key: str, value: Any) -> float | None:
    """A pay amount: a number, or numeric text ("120000", "120,000")."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "").strip())
        except ValueError:
            raise BadInput(f"{key}: expected a number, got {value!r}") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e12:
        raise BadInput(f"{key}: expected a number of 0 or more, got {value!r}")
    return float(value)


def _currency(key: str, value: Any) -> str | None:
    text = _text(key, value)
    if text is None or not text.strip():
        return None
    if not re.fullmatch(r"[A-Za-z]{3}", text.strip()):
        raise BadInput(f"{key}: expected a currency code like USD or EUR, got {text!r}")
    return text.strip().upper()


SALARY_PERIODS = ("year", "month", "week", "day", "hour")


def _period(key: str, value: Any) -> str | None:
    text = _text(key, value)
    if text is None or not text.strip():
        return None
    if text.strip().lower() not in SALARY_PERIODS:
        raise BadInput(f"{key}: expected one of {', '.join(SALARY_PERIODS)}, got {text!r}")
    return text.strip().lower()


def _template(key: str, value: Any) -> str | None:
    text = _text(key, value)
    if text is None or not text.strip():
        return None
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", text.strip()):
        raise BadInput(f"{key}: a template name is a folder name like 'classic', got {text!r}")
    return text.strip()


def _status(key: str, value: Any) -> str:
    return parse_status(value).value


Validator = Callable[[str, Any], Any]

FIELD_VALIDATORS: dict[str, Validator] = {
    "title": _required_text,
    "employer": _required_text,
    "location": _text,
    "isRemote": _bool,
    "jobUrl": _url,
    "applicationUrl": _url,
    "jobDescription": lambda k, v: _text(k, v) or "",
    "salary": _text,
    "salaryMin": _amount,
    "salaryMax": _amount,
    "salaryCurrency": _currency,
    "salaryPeriod": _period,
    "datePosted": _date,
    "deadline": _date,
    "source": _text,
    "sourceJobId": _ident,
    "suitabilityScore": _score,
    "suitabilityReason": _text,
    "tailoredHeadline": _text,
    "tailoredSummary": _text,
    "tailoredSkills": _skills,
    "selectedProjectIds": _project_ids,
    "template": _template,
    "status": _status,
    "coverLetter": _text,
}

PATCHABLE = frozenset(
    {
        "jobDescription",
        "tailoredSummary",
        "tailoredHeadline",
        "tailoredSkills",
        "selectedProjectIds",
        "deadline",
        "title",
        "employer",
        "location",
        "salary",
        "salaryMin",
        "salaryMax",
        "salaryCurrency",
        "salaryPeriod",
        "jobUrl",
        "applicationUrl",
        "status",
        "template",
        "isRemote",
        "coverLetter",
    }
)
"""What `jobs patch` accepts: the seed's PATCH plus the template choice and the remote flag."""

CREATABLE = frozenset(FIELD_VALIDATORS)
"""What `jobs add` and `import file` accept (status only as "discovered")."""


def validate_fields(data: Any, allowed: frozenset[str]) -> dict[str, Any]:
    """Check every key and value; return snake_case columns. Raises BadInput naming the key."""
    if not isinstance(data, dict):
        raise BadInput(f"expected a JSON object of job fields, got {type(data).__name__}")
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in allowed:
            hint = " (not changeable with patch)" if key in FIELD_VALIDATORS else ""
            raise BadInput(f"unknown key {key!r}{hint}; allowed: {', '.join(sorted(allowed))}")
        out[camel_to_snake(key)] = FIELD_VALIDATORS[key](key, value)
    return out
