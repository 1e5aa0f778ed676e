"""imaplib with one overall deadline per command: a socket timeout alone resets with each byte, so a
server dribbling a byte every two seconds would otherwise hold a sync forever."""

from __future__ import annotations

import imaplib
import socket
import time


class DeadlineExceeded(TimeoutError):
    """A command and its answer took longer than the deadline (the server may still be sending)."""


class _DeadlineMixin:
    """imaplib with one deadline per command: reads go through `_fill`, which never waits past it."""

    command_timeout: float = 30.0
    broken = False
    """A deadline passed mid-answer: the stream is out of step, so the session ends without LOGOUT."""
    _deadline: float | None = None
    _buffer: bytes = b""
    sock: socket.socket

    def open(self, host: str = "", port: int | None = 143, timeout: float | None = None) -> None:
        self._buffer = b""
        self._deadline = time.monotonic() + self.command_timeout  # the greeting is the first answer
        super().open(host, port, timeout)  # type: ignore[misc]  # a mixin: super() is the IMAP4 class it joins

    def _command(self, name: str, *args: object) -> object:
        self._deadline = time.monotonic() + self.command_timeout
        return super()._command(name, *args)  # type: ignore[misc]  # (as in `open`; _command is imaplib's own)

    def readline(self) -> bytes:
        while b"\n" not in self._buffer:
            limit: int = imaplib._MAXLINE  # type: ignore[attr-defined]  # imaplib's own line limit, not in typeshed
            if len(self._buffer) > limit:
                raise imaplib.IMAP4.error(f"got more than {limit} bytes")
            if not self._fill():
                line, self._buffer = self._buffer, b""
                return line
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line + b"\n"

    def read(self, size: int) -> bytes:
        while len(self._buffer) < size and self._fill():
            pass
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def _fill(self) -> bool:
        """Read what the server sent, waiting at most until the deadline; False at the end of the stream."""
        left = (self._deadline - time.monotonic()) if self._deadline is not None else self.command_timeout
        if left <= 0:
            self.broken = True
            raise DeadlineExceeded(f"the server did not finish answering within {self.command_timeout:g} s")
        self.sock.settimeout(left)
        try:
            chunk = self.sock.recv(65536)
        except TimeoutError:
            self.broken = True
            raise DeadlineExceeded(f"the server did not finish answering within {self.command_timeout:g} s") from None
        self._buffer += chunk
        return bool(chunk)


class Imap(_DeadlineMixin, imaplib.IMAP4):
    pass


class ImapSsl(_DeadlineMixin, imaplib.IMAP4_SSL):
    pass
