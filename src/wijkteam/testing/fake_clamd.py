"""A tiny clamd for the tests: a real socket server that speaks the INSTREAM protocol.

It answers ``stream: Eicar-Test-Signature FOUND`` when the stream contains the EICAR test
string (anywhere; real clamd wants it at the start) and ``stream: OK`` otherwise, or a fixed
``reply`` (for example an ``ERROR``) when one is set. It records the length of every chunk it
received, so a test can see a large file arrive in several chunks. With ``stream_max`` set it
does what real clamd does past its ``StreamMaxLength``: answers ``INSTREAM size limit exceeded.
ERROR`` and closes the connection without reading the rest (the client's send then breaks).

    with fake_clamd() as server:
        settings.CLAMD_ADDRESS = server.address
"""

import socketserver
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

# Built from parts so that this source file is not itself a virus test file.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-" + b"TEST-FILE!$H+H*"
SIGNATURE = "Eicar-Test-Signature"


@dataclass
class Received:
    commands: list[bytes] = field(default_factory=list)
    chunks: list[int] = field(default_factory=list)
    streams: list[bytes] = field(default_factory=list)


class _Handler(socketserver.StreamRequestHandler):
    server: "_Server | _UnixServer"

    def _exactly(self, size: int) -> bytes:
        data = self.rfile.read(size)
        if len(data) != size:
            raise EOFError
        return data

    def handle(self) -> None:
        command = b""
        while not command.endswith(b"\0") and len(command) < 64:
            byte = self.rfile.read(1)
            if not byte:
                return
            command += byte
        self.server.received.commands.append(command)
        if command != b"zINSTREAM\0":
            self.wfile.write(b"UNKNOWN COMMAND\0")
            return
        data = bytearray()
        try:
            while size := struct.unpack(">I", self._exactly(4))[0]:
                self.server.received.chunks.append(size)
                limit = self.server.stream_max
                if limit is not None and len(data) + size > limit:
                    self.wfile.write(b"INSTREAM size limit exceeded. ERROR\0")
                    return
                data += self._exactly(size)
        except EOFError:
            return
        self.server.received.streams.append(bytes(data))
        if self.server.reply is not None:
            answer = self.server.reply
        elif EICAR in data:
            answer = f"stream: {SIGNATURE} FOUND"
        else:
            answer = "stream: OK"
        self.wfile.write(answer.encode() + b"\0")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    received: Received
    reply: str | None
    stream_max: int | None


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    received: Received
    reply: str | None
    stream_max: int | None


@dataclass
class FakeClamd:
    server: _Server | _UnixServer

    @property
    def address(self) -> str:
        """``host:port``, or the unix socket's path."""
        if isinstance(self.server, _UnixServer):
            return str(self.server.server_address)
        host, port = self.server.server_address[:2]
        return f"{host}:{port}"

    @property
    def received(self) -> Received:
        return self.server.received

    def answer(self, reply: str | None) -> None:
        """Answer every scan with ``reply`` (``None``: decide by the content again)."""
        self.server.reply = reply


@contextmanager
def fake_clamd(unix_path: str | None = None, stream_max: int | None = None) -> Iterator[FakeClamd]:
    """A running fake clamd on a free local port, or on the unix socket ``unix_path``;
    ``stream_max``: clamd's ``StreamMaxLength`` (none by default)."""
    server: _Server | _UnixServer = (
        _UnixServer(unix_path, _Handler) if unix_path else _Server(("127.0.0.1", 0), _Handler)
    )
    server.received = Received()
    server.reply = None
    server.stream_max = stream_max
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FakeClamd(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def unreachable_address() -> str:
    """A local address where nothing listens (connection refused)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"127.0.0.1:{port}"
