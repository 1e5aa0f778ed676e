"""The model's second opinion on unsure replies, against a loopback chat completions server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from llm.chat_server import ChatServer, Reply, running_chat_server

from jobber_tui.core.tracking.sync import sync
from jobber_tui.core.workspace import open_workspace

from .imap_home import seed
from .imap_server import ImapTestServer
from .mails import PERSONAL, build

UNSURE = build(
    "hooli-unsure",
    "Gavin Belson <gavin@hooli.com>",
    "Frontend Engineer at Hooli",
    "Hi Alex Doe,\n\ncould you share two times next week that work for a conversation with our CTO? "
    "Reach me at gavin@hooli.com or +1 415 555 0100.\n\nGavin",
    days_ago=1,
)


@pytest.fixture
def chat() -> Iterator[tuple[ChatServer, str]]:
    with running_chat_server() as served:
        yield served


@pytest.fixture
def model_home(
    tracking_home: Path, chat: tuple[ChatServer, str], imap: ImapTestServer, seeded_jobs: dict[str, int]
) -> Path:
    with (tracking_home / "config.toml").open("a") as config:
        config.write(
            f'\n[llm]\nbase_url = "{chat[1]}"\nmodel = "test-model"\nretries = 0\n'
            '[llm.models]\ntracking = "small-model"\n'
        )
    (tracking_home / "resume.json").write_text(
        json.dumps({"basics": {"name": "Alex Doe", "email": "alex@example.org", "phone": "+49 170 9999999"}})
    )
    seed(imap, [PERSONAL, UNSURE])
    return tracking_home


def test_unsure_replies_ask_the_model_with_minimized_data(
    model_home: Path, chat: tuple[ChatServer, str], seeded_jobs: dict[str, int]
) -> None:
    server, _ = chat
    server.script.append(Reply(content=json.dumps({"category": "interview", "screening": False})))
    ws = open_workspace(model_home)
    try:
        report = sync(ws)
        assert report.routed == {"interview": 1} and report.ignored == 1 and report.model_error is None
        assert ws.store.get(seeded_jobs["hooli"]).stage == "interview"
    finally:
        ws.close()
    assert len(server.requests) == 1  # the unrelated personal mail never reached the model
    request = server.requests[0]
    sent = json.dumps(request, ensure_ascii=False)
    assert request["model"] == "small-model" and "<<<EMAIL_BODY" in sent and "Sender domain: hooli.com" in sent
    for private in ("alex@example.org", "Alex Doe", "9999999", "gavin@hooli.com", "555 0100"):
        assert private not in sent, private


def test_a_failing_model_falls_back_to_the_rules(
    model_home: Path, chat: tuple[ChatServer, str], seeded_jobs: dict[str, int]
) -> None:
    server, _ = chat
    server.default = lambda body: Reply(status=500, body={"error": {"message": "overloaded"}})
    ws = open_workspace(model_home)
    try:
        report = sync(ws)
        assert report.routed == {"other": 1} and report.model_error and "overloaded" in report.model_error
        assert ws.store.get(seeded_jobs["hooli"]).stage is None
    finally:
        ws.close()
    assert len(server.requests) == 1  # dropped after its first failure
