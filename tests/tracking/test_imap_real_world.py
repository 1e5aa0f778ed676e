"""IMAP as servers and mail really are, against the real loopback server (pymap): a server that dribbles,
HTML-only mail with big style sheets, attachments before the text, non-ASCII passwords, a TLS/plain mismatch."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from conftest import CliResult, run_process
from jobber_tui.core.tracking.imap_reader import connect
from jobber_tui.core.tracking.mail_text import parse_mail
from jobber_tui.core.tracking.settings import TrackingSettings

from .imap_home import PASSWORD_ENV, seed, write_tracking_config
from .imap_server import PASSWORD, USER, DribblingProxy, ImapTestServer
from .mails import Mail, build
from .test_tls import certificate  # noqa: F401 - the module's self-signed certificate fixture

Cli = Callable[..., CliResult]
CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "tracking_corpus"


def _corpus_mail(name: str) -> Mail:
    return Mail(name, (CORPUS / name).read_bytes(), build("x", "a@b.c", "s", "t").when)


def test_a_dribbling_server_cannot_hang_sync(imap: ImapTestServer, home: Path, add_job: Callable[..., int]) -> None:
    seed(imap, [build("slow", "Acme <jobs@acme.example>", "Thanks for applying", "We received your application.")])
    proxy = DribblingProxy(imap.port, interval=2.0)
    try:
        write_tracking_config(home, proxy.port)
        text = (home / "config.toml").read_text().replace("timeout = 5", "timeout = 3")
        (home / "config.toml").write_text(text)
        started = time.monotonic()
        proc = run_process("track", "sync", home=home, env={PASSWORD_ENV: PASSWORD})
        elapsed = time.monotonic() - started
    finally:
        proxy.close()
    assert proxy.triggered.is_set()
    assert proc.returncode == 1, proc.stdout
    assert "did not finish answering within 3 s" in proc.stderr and "Traceback" not in proc.stderr
    assert elapsed < 15  # a 3 s deadline (plus start-up), never the forever a per-read timeout allows


def _settings(port: int, **extra: object) -> TrackingSettings:
    return TrackingSettings(
        host="127.0.0.1", username=USER, password_env=PASSWORD_ENV, port=port, tls="none", timeout=5, **extra
    )  # type: ignore[arg-type]


def _fetch_all(server: ImapTestServer, password: str = PASSWORD) -> list[tuple[str, str]]:
    with connect(_settings(server.port), password) as reader:
        reader.examine("INBOX")
        found = []
        for raw in reader.fetch(reader.uids_since(date(2000, 1, 1))):
            msg = parse_mail(raw.header, raw.text, fallback_id="<x@t>", part=raw.part)
            found.append((msg.subject, msg.text))
        return found


def test_html_only_mail_with_big_style_blocks_yields_its_text(imap: ImapTestServer) -> None:
    names = ["en-rej-html-style.eml", "es-rej-html.eml", "de-ack-html.eml"]  # 60, 45 and 30 KB of <style>
    seed(imap, [_corpus_mail(name) for name in names])
    texts = dict(_fetch_all(imap))
    rejection = texts["Your application for Data Platform Lead"]
    assert rejection.startswith("Dear Robin,") and "you have not been shortlisted" in rejection
    assert "{" not in rejection and "dataLayer" not in rejection  # neither CSS nor script
    assert "no vamos a seguir adelante con tu candidatura" in texts["Actualización sobre tu solicitud"]
    assert "Ihre Bewerbung ist eingegangen" in texts["Bestätigung: Bewerbung eingegangen"]  # iso-8859-1, QP


def test_the_text_part_is_chosen_over_attachments_and_html(imap: ImapTestServer) -> None:
    msg = EmailMessage(policy=SMTP)
    msg["From"], msg["To"], msg["Subject"] = "Corvid Health <talent@corvid.example>", USER, "Offer attached"
    msg["Message-ID"] = "<attach-first@corvid.example>"
    msg.set_content("We are delighted to offer you the role. The offer letter is attached.")
    msg.add_alternative("<p>We are delighted to <b>offer you the role</b>.</p>", subtype="html")
    msg.add_attachment(b"%PDF-1.7 " + b"x" * 40000, maintype="application", subtype="pdf", filename="offer.pdf")
    msg.add_attachment("Not the mail's text: a contract.\n" * 500, filename="contract.txt")
    seed(imap, [Mail("attach", msg.as_bytes(), build("x", "a@b.c", "s", "t").when)])
    [(subject, text)] = _fetch_all(imap)
    assert text == "We are delighted to offer you the role. The offer letter is attached."


@pytest.fixture
def umlaut_server() -> Iterator[ImapTestServer]:
    server = ImapTestServer(password="Pässwörd-€uro-42")
    try:
        yield server
    finally:
        server.close()


def test_a_non_ascii_password_logs_in(
    umlaut_server: ImapTestServer, home: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(
        umlaut_server,
        [build("ack", "Acme <jobs@acme.example>", "Thanks for applying", "We received your application.")],
    )
    write_tracking_config(home, umlaut_server.port)
    monkeypatch.setenv(PASSWORD_ENV, "Pässwörd-€uro-42")
    result = cli("track", "sync")
    assert result.code == 0, result.err
    assert "fetched 1" in result.out
    monkeypatch.setenv(PASSWORD_ENV, "Pässwörd-falsch")
    wrong = cli("track", "sync")
    assert wrong.code == 1 and "login failed" in wrong.err and "internal error" not in wrong.err
    assert "Pässwörd-falsch" not in wrong.err


def test_implicit_tls_against_a_plain_port_says_so(
    imap: ImapTestServer, home: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    write_tracking_config(home, imap.port, tls="ssl")
    result = cli("track", "sync")
    assert result.code == 1
    assert f"port {imap.port} answered in plain text, not TLS" in result.err and 'tls = "starttls"' in result.err


def test_plain_or_starttls_against_an_implicit_tls_port_says_so(
    certificate: tuple[Path, Path],  # noqa: F811
    home: Path,
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = ImapTestServer(certificate, tls="ssl")
    try:
        monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
        write_tracking_config(home, server.port, tls="starttls", ca_file=str(certificate[0]))
        (home / "config.toml").write_text((home / "config.toml").read_text().replace("timeout = 5", "timeout = 1"))
        started = time.monotonic()
        result = cli("track", "sync")
    finally:
        server.close()
    assert result.code == 1 and time.monotonic() - started < 5
    assert "no IMAP greeting within 1 s" in result.err and 'use tls = "ssl"' in result.err
