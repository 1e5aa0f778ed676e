"""How a test home points at the IMAP test server, and how mail is seeded into it."""

from __future__ import annotations

import json
from pathlib import Path

from .imap_server import USER, ImapTestServer
from .mails import Mail

PASSWORD_ENV = "JOBBER_TEST_IMAP_PASSWORD"


def write_tracking_config(home: Path, port: int, tls: str = "none", **extra: object) -> None:
    lines = [
        "[tracking]",
        'host = "127.0.0.1"',
        f"port = {port}",
        f'tls = "{tls}"',
        f'username = "{USER}"',
        f'password_env = "{PASSWORD_ENV}"',
        "days_back = 30",
        "timeout = 5",
    ]
    lines += [f"{key} = {json.dumps(value)}" for key, value in extra.items()]
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("\n".join(lines) + "\n")


def seed(server: ImapTestServer, mails: list[Mail], folder: str = "INBOX") -> None:
    server.append(folder, [(mail.raw, mail.when) for mail in mails])
