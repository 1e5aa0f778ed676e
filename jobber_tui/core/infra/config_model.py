"""Every setting of config.toml, typed, with its default, its limits and a line saying what it does.

One dataclass per section; `Settings` holds them all. The loader in config.py checks a TOML document
against these classes (unknown keys, wrong types, out-of-range values are errors naming the line),
and the docs' configuration reference (docs/gen_reference.py) is written from the same `setting()` help.
`setting()` and `section` are in config_fields.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .config_fields import ENV_NAME, NAME, URL, section, setting


def _known_kind(value: str) -> str | None:
    from .catalog import KINDS

    return None if value in KINDS else f"must be one of {', '.join(KINDS)}, got {value!r}"


def _known_provider(value: str) -> str | None:
    from .catalog import PROVIDERS

    return None if value in PROVIDERS else f"must be one of {', '.join(PROVIDERS)}, got {value!r}"


def _plain_words(value: list[str]) -> str | None:
    blank = next((i for i, v in enumerate(value) if not v.strip()), None)
    return f"has an empty word (item {blank + 1})" if blank is not None else None


def _known_preset(value: str) -> str | None:
    from .catalog import PRESETS

    return None if value in PRESETS else f"must be one of {', '.join(PRESETS)}, got {value!r}"


def _only_keys(value: dict[str, Any], allowed: tuple[str, ...]) -> str | None:
    unknown = sorted(set(value) - set(allowed))
    return f"has an unknown purpose {unknown[0]!r}; use {', '.join(allowed)}" if unknown else None


def _only_items(value: list[Any], allowed: tuple[str, ...]) -> str | None:
    unknown = [v for v in value if v not in allowed]
    return f"has an unknown event {unknown[0]!r}; use {', '.join(allowed)}" if unknown else None


@section
class UiConfig:
    """[ui]: the terminal UI."""

    watch: bool = setting(True, "run the PDF watcher in the UI (`w` toggles and saves this)")
    images: str = setting(
        "auto", "preview pictures: auto, on (always ask the terminal), off (half-blocks)", choices=("auto", "on", "off")
    )


@section
class TailoringConfig:
    """[tailoring]: how a resume is tailored to a job."""

    max_projects: int = setting(3, "at most this many projects per tailored resume", low=0, high=20)
    pinned_projects: list[str] = setting([], "project ids always included, first", item=str)


@section
class LlmConfig:
    """[llm]: an OpenAI-compatible model; without base_url and model the deterministic fallbacks run."""

    preset: str | None = setting(
        None,
        "a known server: openai, openrouter, ollama, lmstudio, llamacpp or vllm (fills base_url and the key variable)",
        check=_known_preset,
    )
    base_url: str | None = setting(
        None, "the API root, e.g. https://api.openai.com/v1", pattern=URL, want="an http(s) URL"
    )
    model: str | None = setting(None, "the model for every purpose without its own")
    api_key_env: str | None = setting(
        None,
        "the NAME of the environment variable holding the API key",
        pattern=ENV_NAME,
        want="the name of an environment variable",
    )
    api_key: str | None = setting(
        None, "the key itself (discouraged: prefer api_key_env; the file becomes 0600)", secret=True
    )
    models: dict[str, str] = setting(
        {},
        "a model per purpose: scoring, tailoring, ghostwriter, tracking",
        item=str,
        check=lambda v: _only_keys(v, ("scoring", "tailoring", "ghostwriter", "tracking")),
    )
    timeout: float | None = setting(None, "older name of first_token_timeout", low=0.1, high=3600)
    connect_timeout: float | None = setting(None, "seconds to reach the server (default 5)", low=0.1, high=600)
    first_token_timeout: float | None = setting(
        None,
        "seconds from a request to the first byte of the answer (default 60; reasoning models think first)",
        low=0.1,
        high=3600,
    )
    between_tokens_timeout: float | None = setting(
        None, "seconds a streamed answer may pause (default 20)", low=0.1, high=3600
    )
    retries: int = setting(3, "retries on 408/409/429/5xx and connection errors", low=0, high=10)
    backoff: float = setting(
        0.5, "first retry waits this long (doubling), unless the server says Retry-After", low=0, high=60
    )
    max_wait: float = setting(30.0, "the longest wait between retries", low=0, high=600)
    score_top: int = setting(25, "how many of the best deterministic candidates the model re-scores", low=0, high=1000)


@section
class TrackingConfig:
    """[tracking]: the IMAP account replies are read from; off without a host."""

    host: str | None = setting(None, "the IMAP server, e.g. imap.gmail.com")
    username: str | None = setting(None, "the login, usually your address")
    password_env: str | None = setting(
        None,
        "the NAME of the environment variable holding the (app) password",
        pattern=ENV_NAME,
        want="the name of an environment variable",
    )
    port: int | None = setting(None, "default 993 for ssl, 143 for starttls", low=1, high=65535)
    tls: str = setting(
        "ssl", "ssl (implicit TLS), starttls, or none (127.0.0.1/localhost only)", choices=("ssl", "starttls", "none")
    )
    folders: list[str] = setting(
        ["INBOX"],
        "the folders to read",
        item=str,
        check=lambda v: None if v and all(s.strip() for s in v) else "must name at least one folder",
    )
    days_back: int = setting(30, "how far back to look (first sync, and at most ever)", low=1, high=3650)
    interval_minutes: int | None = setting(None, "the UI syncs this often while open", low=5, high=1440)
    timeout: float = setting(30.0, "seconds for connecting and for each server reply", low=0.1, high=300)
    ca_file: str | None = setting(None, "a PEM file of extra trusted certificates (a private CA)")


@section
class SourceEntry:
    """[[sources]]: one job board discovery reads."""

    kind: str = setting(None, "the board's kind (`jobber sources add --help` lists them)", check=_known_kind)
    board: str = setting(None, "the board's name in its URL, e.g. stripe (Workday: tenant.wdN/site)")
    base_url: str | None = setting(
        None, "another API root (a mirror, a test server)", pattern=URL, want="an http(s) URL"
    )
    employer: str | None = setting(None, "the employer's name when the board's API does not say")
    include_keywords: list[str] = setting(
        [], "keep only jobs whose title or description has one of these words", item=str, check=_plain_words
    )
    exclude_keywords: list[str] = setting(
        [], "drop jobs whose title has one of these words", item=str, check=_plain_words
    )
    locations: list[str] = setting(
        [],
        'keep only jobs whose location contains one of these ("remote": remote jobs anywhere)',
        item=str,
        check=_plain_words,
    )
    remote_only: bool = setting(False, "keep only remote jobs")
    max_new: int | None = setting(None, "at most this many new jobs per run from this board", low=0, high=100_000)
    ignore_robots: bool = setting(
        False,
        "read a board whose robots.txt disallows crawling (SmartRecruiters): you have read its terms and choose to",
    )

    REQUIRED = ("kind", "board")

    def problem(self) -> tuple[str, str] | None:
        """The board must be a name of its kind (`sources add --help` says which); (key, message) if not."""
        from .catalog import BOARD_EXAMPLES, board_name

        if board_name(self.kind, self.board) is None:
            return "board", f"must be {BOARD_EXAMPLES[self.kind]}, got {self.board!r}"
        return None


@dataclass(frozen=True)
class SearchEntry:
    """[[searches]]: a keyword search across employers (`jobber searches add --help` lists the providers)."""

    provider: str = setting(
        None,
        "where to search: himalayas, remoteok, arbeitnow, hackernews, adzuna, usajobs, "
        "reed, or linkedin/indeed/glassdoor/ziprecruiter/google (the jobspy extra)",
        check=_known_provider,
    )
    query: str = setting("", "the words to search for (providers without a search filter locally)")
    name: str | None = setting(
        None,
        "a short name for this search (default: made from the query and location)",
        pattern=re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"),
        want="a name such as 'python-berlin' (letters, digits, . _ -)",
    )
    location: str | None = setting(None, "the place to search in, as the provider understands it")
    country: str | None = setting(
        None,
        "country code where the provider needs one: adzuna (gb, us, de, ...), "
        "indeed and glassdoor (usa, uk, germany, ...)",
        pattern=re.compile(r"[A-Za-z][A-Za-z ]{1,40}"),
        want="a country code or name",
    )
    remote_only: bool = setting(False, "only remote jobs (asked of the provider where it can filter, else filtered)")
    max_results: int = setting(100, "read at most this many results per run", low=1, high=1000)
    include_keywords: list[str] = setting(
        [], "keep only jobs whose title or description has one of these words", item=str, check=_plain_words
    )
    exclude_keywords: list[str] = setting(
        [], "drop jobs whose title has one of these words", item=str, check=_plain_words
    )
    locations: list[str] = setting(
        [],
        'keep only jobs whose location contains one of these ("remote": remote jobs anywhere)',
        item=str,
        check=_plain_words,
    )
    max_new: int | None = setting(None, "at most this many new jobs per run from this search", low=0, high=100_000)
    api_key_env: str | None = setting(
        None,
        "the NAME of the environment variable holding the API key (adzuna, usajobs, reed)",
        pattern=ENV_NAME,
        want="the name of an environment variable",
    )
    app_id_env: str | None = setting(
        None,
        "the NAME of the environment variable holding Adzuna's app id",
        pattern=ENV_NAME,
        want="the name of an environment variable",
    )
    email: str | None = setting(
        None,
        "the address you registered with USAJobs (sent as its User-Agent)",
        pattern=re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"),
        want="an e-mail address",
    )
    base_url: str | None = setting(
        None, "another API root (a mirror, a test server)", pattern=URL, want="an http(s) URL"
    )

    REQUIRED = ("provider",)


@section
class DiscoveryConfig:
    """[discovery]: how politely boards are fetched."""

    timeout: float = setting(20.0, "seconds per request", low=0.1, high=300)
    retries: int = setting(3, "retries on 429/5xx and network errors", low=0, high=10)
    backoff: float = setting(0.5, "first retry waits this long (doubling), unless Retry-After says", low=0, high=60)
    concurrency: int = setting(4, "boards fetched at once", low=1, high=32)


@section
class ScoringConfig:
    """[scoring]: what the deterministic score looks for."""

    target_titles: list[str] = setting([], "titles you want", item=str)
    locations: list[str] = setting([], "matched inside the job's location text", item=str)
    remote_ok: bool = setting(True, "remote jobs count as a location match")
    exclude_keywords: list[str] = setting([], "a job whose text has one of these scores 0", item=str)
    exclude_companies: list[str] = setting([], "employers to leave out", item=str)


@section
class PipelineConfig:
    """[pipeline]: the auto flow."""

    top: int = setting(10, "process at most this many jobs per run", low=1, high=1000)
    min_score: int = setting(50, "... scoring at least this", low=0, high=100)


@section
class WebhookEntry:
    """[[webhooks]]: an endpoint that receives JSON when a run ends or a job moves."""

    url: str = setting(None, "where to POST", pattern=URL, want="an http(s) URL")
    secret_env: str | None = setting(
        None,
        "the NAME of the environment variable holding the signing secret",
        pattern=ENV_NAME,
        want="the name of an environment variable",
    )
    events: list[str] = setting(
        ["pipeline.completed", "pipeline.failed", "job.ready", "job.applied"],
        "which events to send",
        item=str,
        check=lambda v: _only_items(v, ("pipeline.completed", "pipeline.failed", "job.ready", "job.applied")),
    )
    timeout: float = setting(5.0, "seconds per attempt", low=0.1, high=60)

    REQUIRED = ("url",)


@section
class FontsConfig:
    """[fonts]: where fonts for scripts the bundled ones lack (Chinese, Japanese, Korean) come from."""

    system: bool = setting(True, "also use fonts installed on this machine (after <home>/fonts)")


@section
class TemplateConfig:
    """[templates.NAME]: settings of one resume template."""

    pages: int | str = setting(
        1,
        '1 or 2: fit the resume on that many pages; "auto": as many as it needs',
        check=lambda v: (
            None if v in (1, 2, "auto") and not isinstance(v, bool) else f'must be 1, 2 or "auto", got {v!r}'
        ),
    )


@section
class Settings:
    """The whole of config.toml."""

    default_template: str = setting(
        "classic",
        "resume template for jobs without their own",
        pattern=NAME,
        want="a template name (a folder name, not a path)",
    )
    cover_letter_template: str = setting(
        "cover-letter", "the cover-letter template", pattern=NAME, want="a template name (a folder name, not a path)"
    )
    theme: str = setting("jobber-dark", "the UI theme", pattern=NAME, want="a theme name")
    ui: UiConfig = field(default_factory=UiConfig)
    tailoring: TailoringConfig = field(default_factory=TailoringConfig)
    keys: dict[str, str] = setting({}, 'remap keys by binding id, e.g. skip = "X"', item=str)
    llm: LlmConfig = field(default_factory=LlmConfig)
    tracking: TrackingConfig = field(default_factory=TrackingConfig)
    sources: list[SourceEntry] = setting([], "the job boards discovery reads", item=SourceEntry)
    searches: list[SearchEntry] = setting([], "keyword searches across employers", item=SearchEntry)
    discovery: DiscoveryConfig = field(default_factory=DiscoveryConfig)
    scoring: ScoringConfig = field(default_factory=ScoringConfig)
    pipeline: PipelineConfig = field(default_factory=PipelineConfig)
    webhooks: list[WebhookEntry] = setting([], "endpoints for pipeline and job events", item=WebhookEntry)
    fonts: FontsConfig = field(default_factory=FontsConfig)
    templates: dict[str, TemplateConfig] = setting(
        {}, "per-template settings, e.g. [templates.classic] pages = 2", item=TemplateConfig
    )
