"""The one scrubber (core/infra/scrub.py): secrets out of logs, errors and webhooks; personal details out
of prompts and mail snippets. Its users are tested where they live (test_logs, tracking, llm); here the
rules themselves, and the two places a copy of them was wrong."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from jobber_tui.core.infra.logs import redact
from jobber_tui.core.infra.scrub import (
    REDACTED,
    add_secret,
    hide,
    scrub_personal,
    scrub_secrets,
    sensitive_key,
    url_secrets,
)
from jobber_tui.core.tracking.mail_text import snippet
from jobber_tui.core.webhooks.hooks import sanitize


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("api_key", True),
        ("apiKey", True),
        ("X-Api-Key", True),
        ("Authorization", True),
        ("cookie", True),
        ("password", True),
        ("smtp_passwd", True),
        ("client_secret", True),
        ("refresh_token", True),
        ("private-key", True),
        ("credentials", True),
        ("max_tokens", False),
        ("prompt_tokens", False),
        ("token_count", False),
        ("keywords", False),
        ("title", False),
        ("employer", False),
    ],
)
def test_which_names_hold_credentials(name: str, secret: bool) -> None:
    assert sensitive_key(name) is secret


def test_registered_secrets_and_bearer_tokens_are_redacted_longest_first() -> None:
    add_secret("s3cr3t-Ab")
    add_secret("s3cr3t-AbCdEf-9876")
    add_secret("abc")  # too short to scrub without mangling ordinary words
    text = "key s3cr3t-AbCdEf-9876 then s3cr3t-Ab; Authorization: Bearer eyJhbGciOi.payload.sig; abc stays"
    assert scrub_secrets(text) == (f"key {REDACTED} then {REDACTED}; Authorization: Bearer {REDACTED}; abc stays")
    assert redact({"note": text, "apiKey": "anything", "max_tokens": 512}) == {
        "note": scrub_secrets(text),
        "apiKey": REDACTED,
        "max_tokens": 512,
    }


def test_hide_names_exact_values_and_ignores_missing_ones() -> None:
    assert hide("Incorrect API key provided: sk-abc123XYZ", "sk-abc123XYZ", None, "") == (
        f"Incorrect API key provided: {REDACTED}"
    )
    assert hide("login failed for hunter22 / hunter2", "hunter2", "hunter22") == (
        f"login failed for {REDACTED} / {REDACTED}"
    )


def test_credentials_inside_urls_are_found() -> None:
    assert url_secrets("https://bot:pa55word@hooks.example.com/x?token=abcdef123456&page=2") == [
        "bot:pa55word",
        "pa55word",
        "abcdef123456",
    ]
    assert url_secrets("http://[broken") == []


def test_prompts_carry_no_email_link_phone_or_name() -> None:
    text = (
        "Mira Okafor (mira.okafor@example.net, +44 20 7946 0958) built https://mira.example/ledger "
        "and www.example.org/talk; Okafor led 3 teams in 2021."
    )
    assert scrub_personal(text, name="Mira Okafor") == (
        "[name] ([email], [phone]) built [link] and [link] [name] led 3 teams in 2021."
    )


def test_the_users_name_becomes_one_placeholder_on_every_run() -> None:
    """The prompt copy replaced the parts of the name in set order, which changes with Python's hash seed:
    "[name]" on one run, "[name] [name]" on the next, so the same job's prompt differed between runs."""
    code = (
        "from jobber_tui.core.infra.scrub import scrub_personal\n"
        "print(scrub_personal('Dear Mira Okafor, thanks', name='Mira Okafor'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout.strip()
        for seed in range(6)
    }
    assert outputs == {"Dear [name], thanks"}


def test_mail_snippets_hide_links_addresses_and_long_numbers() -> None:
    line = snippet("Call 0049 30 1234567 or write to jobs@quayline.example — details: https://quayline.example/a/b")
    assert line == "Call [number] or write to [email] — details: [link]"


def test_webhook_payloads_carry_no_registered_secret() -> None:
    """Webhook bodies were capped and typed but never scrubbed: a job's error line quoting a URL with its
    token went to the receiver as is."""
    token = "whk_live_7Rq2Vx9Lm3Pz"
    add_secret(token)
    body = sanitize(
        {
            "job": {
                "lastError": f"GET https://boards.example/api?token={token} failed: HTTP 500",
                token: "a key that is a secret",
            }
        }
    )
    assert token not in repr(body)
    assert body["job"]["lastError"] == f"GET https://boards.example/api?token={REDACTED} failed: HTTP 500"
