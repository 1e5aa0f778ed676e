"""Implicit TLS (port 993 style) and STARTTLS against the test server with a self-signed certificate."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import CliResult

from .imap_home import PASSWORD_ENV, seed, write_tracking_config
from .imap_server import PASSWORD, ImapTestServer
from .mails import OFFER_HOOLI


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


@pytest.fixture(params=["ssl", "starttls"])
def tls_server(request: pytest.FixtureRequest, certificate: tuple[Path, Path]) -> Iterator[ImapTestServer]:
    server = ImapTestServer(certificate, tls=request.param)
    try:
        yield server
    finally:
        server.close()


def test_tls_modes_verify_the_certificate(
    tls_server: ImapTestServer,
    certificate: tuple[Path, Path],
    home: Path,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    seed(tls_server, [OFFER_HOOLI])
    write_tracking_config(home, tls_server.port, tls=tls_server.tls_mode)
    untrusted = cli("track", "sync")
    assert untrusted.code == 1 and "TLS certificate not trusted" in untrusted.err
    write_tracking_config(home, tls_server.port, tls=tls_server.tls_mode, ca_file=str(certificate[0]))
    trusted = cli("track", "sync")
    assert trusted.code == 0, trusted.err
    assert "fetched 1" in trusted.out and "to review 1" in trusted.out  # no Hooli job here: an unknown company


@pytest.mark.parametrize("content", [None, "not a certificate"])
def test_a_bad_ca_file_is_one_clear_line(
    home: Path, tmp_path: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, content: str | None
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    ca_file = tmp_path / "ca.pem"
    if content is not None:
        ca_file.write_text(content)
    write_tracking_config(home, 993, tls="ssl", ca_file=str(ca_file))
    result = cli("track", "sync")
    assert result.code == 2 and "internal error" not in result.err
    assert result.err.startswith("jobber: error:") and "ca_file" in result.err and str(ca_file) in result.err
