"""The catalogs config.toml names: board kinds, search providers and model-server presets.

Data only, in the low layer, so the settings model can check a name without importing the domain that
uses it (discovery/sources, discovery/searches, llm/settings re-export what is theirs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# == board kinds ([[sources]] kind, board) =====================================================
KINDS: tuple[str, ...] = (
    "greenhouse",
    "lever",
    "ashby",
    "workable",
    "recruitee",
    "personio",
    "workday",
    "bamboohr",
    "teamtailor",
    "smartrecruiters",
)
"""Every supported board kind; each is a module of discovery/sources with `fetch_listing` and `fetch_posting`."""

BOARD_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
"""What a board token looks like on most kinds (no slashes, spaces or query characters)."""
WORKDAY_BOARD = re.compile(
    r"(?P<tenant>[A-Za-z0-9][A-Za-z0-9_-]{0,62})\.(?P<pod>wd\d{1,3})"
    r"/(?P<site>[A-Za-z0-9_-]{1,100})"
)
"""A Workday board: `{tenant}.wd{N}/{site}`, from `https://{tenant}.wd{N}.myworkdayjobs.com/{site}`."""
_WORKDAY_URL = re.compile(
    r"^(?:https?://)?(?P<tenant>[A-Za-z0-9][A-Za-z0-9_-]*)\.(?P<pod>wd\d{1,3})\.myworkdayjobs\.com"
    r"(?:/[a-z]{2}(?:-[A-Za-z]{2})?)?/(?P<site>[A-Za-z0-9_-]+)",
    re.I,
)
BOARD_EXAMPLES: dict[str, str] = {
    "greenhouse": "the token in boards.greenhouse.io/stripe",
    "lever": "the site in jobs.lever.co/netflix",
    "ashby": "the name in jobs.ashbyhq.com/linear",
    "workable": "the subdomain in apply.workable.com/acme",
    "recruitee": "the company in bunq.recruitee.com",
    "personio": "the company in acme.jobs.personio.de",
    "workday": "tenant.wdN/site from acme.wd5.myworkdayjobs.com/External (or paste that URL)",
    "bamboohr": "the company in acme.bamboohr.com/careers",
    "teamtailor": "the company in acme.teamtailor.com",
    "smartrecruiters": "the company in jobs.smartrecruiters.com/Acme (its robots.txt disallows crawling)",
}
"""What the board name is, for each kind (help texts, the add-board form)."""


def board_name(kind: str, text: str) -> str | None:
    """The board as config stores it, or None when `text` cannot be one. A Workday careers URL
    becomes `tenant.wdN/site`."""
    text = text.strip()
    if kind == "workday":
        found = _WORKDAY_URL.match(text)
        if found:
            return f"{found['tenant'].lower()}.{found['pod'].lower()}/{found['site']}"
        return text if WORKDAY_BOARD.fullmatch(text) else None
    return text if BOARD_NAME.fullmatch(text) else None


# == search providers ([[searches]] provider) =================================================
@dataclass(frozen=True)
class Provider:
    """What `jobber searches add --help`, the docs and the checks need to know about one provider."""

    name: str
    module: str
    base_url: str
    terms: str
    """Attribution, robots and rate limits, in a line."""
    keys: tuple[str, ...] = ()
    """Settings that must be set: api_key_env (and app_id_env, email)."""
    site: str | None = None
    """For the jobspy providers: the site name python-jobspy knows."""


_JOBSPY_TERMS = (
    "scraped by python-jobspy (pip install 'jobber-tui[jobspy]'); the site's terms forbid automated "
    "access, and it blocks after a few pages: keep max_results small"
)
PROVIDERS: dict[str, Provider] = {
    p.name: p
    for p in (
        Provider(
            "himalayas",
            "himalayas",
            "https://himalayas.app",
            "remote jobs; free API, attribution required (the job links back to Himalayas); 20 results a request",
        ),
        Provider(
            "remoteok",
            "remoteok",
            "https://remoteok.com",
            "remote jobs; link back to Remote OK and name it as the source (the job's link does); one request a run",
        ),
        Provider(
            "arbeitnow",
            "arbeitnow",
            "https://www.arbeitnow.com",
            "jobs in Europe from ATS boards; free API, link back to Arbeitnow (the job's link does); 100 a page",
        ),
        Provider(
            "hackernews",
            "hackernews",
            "https://hn.algolia.com",
            'the latest "Ask HN: Who is hiring?" thread through Algolia\'s public API; one job per top-level '
            "comment, the comment's link as the source",
        ),
        Provider(
            "adzuna",
            "adzuna",
            "https://api.adzuna.com",
            'key-based (app id + key, free tier 250 requests a day); show "Jobs by Adzuna" and use its links',
            keys=("app_id_env", "api_key_env"),
        ),
        Provider(
            "usajobs",
            "usajobs",
            "https://data.usajobs.gov",
            "US federal jobs; key-based (free), your registered e-mail is sent as the User-Agent",
            keys=("api_key_env", "email"),
        ),
        Provider(
            "reed",
            "reed",
            "https://www.reed.co.uk",
            "UK jobs; key-based (free, basic auth); descriptions are Reed's summaries",
            keys=("api_key_env",),
        ),
        Provider("linkedin", "jobspy_sites", "", _JOBSPY_TERMS, site="linkedin"),
        Provider(
            "indeed", "jobspy_sites", "", _JOBSPY_TERMS + "; country picks Indeed's site (usa, uk, ...)", site="indeed"
        ),
        Provider("glassdoor", "jobspy_sites", "", _JOBSPY_TERMS, site="glassdoor"),
        Provider("ziprecruiter", "jobspy_sites", "", _JOBSPY_TERMS + "; US and Canada only", site="zip_recruiter"),
        Provider(
            "google", "jobspy_sites", "", _JOBSPY_TERMS + "; the query is sent as Google's search words", site="google"
        ),
    )
}
"""Every search provider, in the order help lists them."""


# == model-server presets ([llm] preset) ======================================================
@dataclass(frozen=True)
class Preset:
    """A known kind of OpenAI-compatible server."""

    name: str
    label: str
    base_url: str
    api_key_env: str | None
    """The variable that usually holds its key; None for servers on this machine that need none."""
    example_model: str


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("openai", "OpenAI", "https://api.openai.com/v1", "OPENAI_API_KEY", "gpt-4o-mini"),
        Preset(
            "openrouter",
            "OpenRouter",
            "https://openrouter.ai/api/v1",
            "OPENROUTER_API_KEY",
            "anthropic/claude-3.5-sonnet",
        ),
        Preset("ollama", "Ollama (this machine)", "http://localhost:11434/v1", None, "llama3.1"),
        Preset("lmstudio", "LM Studio (this machine)", "http://localhost:1234/v1", None, "qwen2.5-7b-instruct"),
        Preset("llamacpp", "llama.cpp server (this machine)", "http://localhost:8080/v1", None, "default"),
        Preset("vllm", "vLLM (this machine)", "http://localhost:8000/v1", "VLLM_API_KEY", "Qwen/Qwen2.5-7B-Instruct"),
    )
}
"""The presets `[llm] preset = "..."` and `jobber llm use` know. llama.cpp's server answers with its one
loaded model whatever the name; vLLM only wants a key when started with --api-key."""
