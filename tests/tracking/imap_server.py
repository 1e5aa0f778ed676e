"""A real IMAP server on 127.0.0.1 for the tracking tests: pymap's in-memory (dict) backend in a thread.

Mail is seeded the way a mail server receives it, with IMAP APPEND over a normal connection, and
inspected (flags, UIDVALIDITY) through separate imaplib connections, never through tracking's code.
"""

from __future__ import annotations

import argparse
import asyncio
import imaplib
import re
import socket
import ssl
import threading
from datetime import datetime
from pathlib import Path

from proxyprotocol.reader import ProxyProtocolReader
from pymap.backend.dict import Config, DictBackend
from pymap.imap import IMAPServer

USER = "alex@example.org"
PASSWORD = "s3cret-Imap-Pass!42"
TIMEOUT = 5.0


class _TestConfig(Config):
    @property
    def greeting(self) -> bytes:
        return b"Server ready jobber-tests"  # the default looks up this machine's FQDN (DNS)


class ImapTestServer:
    """Started on a free port; `close()` stops it. With `tls_files` (cert, key) it speaks implicit TLS
    (`tls="ssl"`, as on port 993) or offers STARTTLS and refuses LOGIN before it (`tls="starttls"`)."""

    def __init__(self, tls_files: tuple[Path, Path] | None = None, tls: str = "ssl", password: str = PASSWORD) -> None:
        self.tls_mode = tls if tls_files else "none"
        self.password = password
        self.host = "127.0.0.1"
        self.port = 0
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._error: BaseException | None = None
        self._tls = tls_files
        self._thread = threading.Thread(target=self._run, name="imap-test-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(TIMEOUT) or self._error:
            raise RuntimeError(f"IMAP test server did not start: {self._error!r}")

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # noqa: BLE001 - reported to the starting thread
            self._error = exc
            self._ready.set()

    async def _serve(self) -> None:
        context = None
        if self._tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*map(str, self._tls))
        starttls = self.tls_mode == "starttls"
        args = argparse.Namespace(
            host="127.0.0.1",
            port=0,
            debug=False,
            cert=None,
            key=None,
            tls=starttls,
            passlib_cfg=None,
            proxy_protocol=None,
            inherited_sockets=None,
            demo_data=False,
            demo_user=USER,
            demo_password=self.password,
        )
        backend, config = await _init(args, context if starttls else None)
        config.apply_context()
        handler = ProxyProtocolReader(config.proxy_protocol).get_callback(IMAPServer(backend.login, config))
        implicit = context if self.tls_mode == "ssl" else None
        server = await asyncio.start_server(handler, host=self.host, port=0, ssl=implicit)
        self.port = server.sockets[0].getsockname()[1]
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._ready.set()
        async with server:
            await self._stop.wait()

    def close(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(TIMEOUT)

    # -- seeding and inspection, over plain IMAP ----------------------------------------------
    def client(self) -> imaplib.IMAP4:
        context = ssl.create_default_context(cafile=str(self._tls[0])) if self._tls else None
        if self.tls_mode == "ssl":
            conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(self.host, self.port, ssl_context=context, timeout=TIMEOUT)
        else:
            conn = imaplib.IMAP4(self.host, self.port, timeout=TIMEOUT)
            if self.tls_mode == "starttls":
                conn.starttls(ssl_context=context)
        # APPEND waits for the server's "+" before sending the literal: without NODELAY each one costs 40 ms.
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.password.isascii():
            conn.login(USER, self.password)
        else:  # imaplib's LOGIN is ASCII only
            conn.authenticate("PLAIN", lambda _: f"\0{USER}\0{self.password}".encode())
        return conn

    def append(self, folder: str, messages: list[tuple[bytes, datetime]]) -> None:
        """APPEND each (message, arrival time) over one connection, as a mail server delivers them."""
        conn = self.client()
        try:
            if folder != "INBOX":
                conn.create(folder)  # NO when it exists: fine
            for message, when in messages:
                status, data = conn.append(folder, "", imaplib.Time2Internaldate(when), message)
                assert status == "OK", data
        finally:
            conn.logout()

    def recreate(self, folder: str) -> None:
        """Delete and create a folder: the server gives it a new UIDVALIDITY, as after a server migration."""
        conn = self.client()
        try:
            assert conn.delete(folder)[0] == "OK"
            assert conn.create(folder)[0] == "OK"
        finally:
            conn.logout()

    def uidvalidity(self, folder: str) -> int:
        conn = self.client()
        try:
            conn.select(folder, readonly=True)
            return int(conn.response("UIDVALIDITY")[1][-1])
        finally:
            conn.logout()

    def flags(self, folder: str = "INBOX") -> dict[int, set[str]]:
        """Each message's flags, read with EXAMINE (read-only) so the check itself changes nothing."""
        conn = self.client()
        try:
            conn.select(folder, readonly=True)
            status, data = conn.uid("FETCH", "1:*", "(FLAGS)")
            assert status == "OK"
            found = {}
            for line in data:
                text = line.decode() if isinstance(line, bytes) else ""
                uid, flags = re.search(r"UID (\d+)", text), re.search(r"FLAGS \(([^)]*)\)", text)
                if uid and flags:
                    found[int(uid.group(1))] = set(flags.group(1).split())
            return found
        finally:
            conn.logout()


async def _init(args: argparse.Namespace, starttls: ssl.SSLContext | None) -> tuple[DictBackend, Config]:
    """DictBackend.init with our config class: no DNS lookups, no login delays."""
    extra = {"ssl_context": starttls} if starttls else {}
    config = _TestConfig.from_args(args, reject_dnsbl=False, invalid_user_sleep=0.0, **extra)
    from pymap.backend.dict import Login

    login = Login(config)
    await DictBackend._add_demo_user(config, login)  # the documented way its demo user is made
    return DictBackend(login, config), config


class DribblingProxy:
    """A TCP proxy on 127.0.0.1 in front of a server: passes everything through until the client sends
    `trigger`, then hands the server's answer on one byte every `interval` seconds, as a broken or
    throttled server does. Closing it stops at once."""

    def __init__(self, target_port: int, trigger: bytes = b"FETCH", interval: float = 2.0) -> None:
        self.target_port, self.trigger, self.interval = target_port, trigger, interval
        self.triggered = threading.Event()
        self.closing = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        self.listener.settimeout(0.2)
        while not self.closing.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        source.settimeout(0.2)
        try:
            while not self.closing.is_set():
                try:
                    data = source.recv(65536)
                except TimeoutError:
                    continue
                if not data:
                    break
                if from_client and self.trigger in data:
                    self.triggered.set()
                if from_client or not self.triggered.is_set():
                    sink.sendall(data)
                    continue
                for index in range(len(data)):
                    if self.closing.wait(self.interval):
                        return
                    sink.sendall(data[index : index + 1])
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.close()
                except OSError:
                    pass

    def close(self) -> None:
        self.closing.set()
        self.listener.close()
