"""A real ClamAV daemon for the tests, started from Debian's ``clamav-daemon`` package.

Without network there is no signature download, so :func:`running_clamd` writes a signature
database of its own: one body signature (``.ndb``) for the EICAR test string, anywhere in the
file. It writes a minimal ``clamd.conf`` in a temporary folder (a unix socket and a TCP socket
on a free local port, that database, ``Foreground``, no user switch, a small
``StreamMaxLength``), starts ``clamd`` as a subprocess and waits until it answers ``PING``.
With a one-signature database clamd starts in well under a second.

    with running_clamd(tmp_path) as clamd:
        settings.CLAMD_ADDRESS = clamd.unix_address   # or clamd.tcp_address
        ...
        clamd.stop()  # stopped mid-way: the next scan must fail closed

clamd names a signature from a database that is not ClamAV's own ``<name>.UNOFFICIAL``.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from wijkteam.testing.fake_clamd import EICAR

SIGNATURE = "Eicar-Test-Signature.UNOFFICIAL"
STREAM_MAX_BYTES = 1024 * 1024  # the test clamd's StreamMaxLength: 1 MiB
START_TIMEOUT = 30.0
REQUIRE_ENV = "WIJKTEAM_REQUIRE_CLAMD"


def clamd_binary() -> str | None:
    """Where ``clamd`` is (Debian puts it in ``/usr/sbin``, often not on a user's PATH)."""
    return shutil.which("clamd") or next(
        (p for p in ("/usr/sbin/clamd", "/usr/local/sbin/clamd") if os.access(p, os.X_OK)), None
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ask(path: str, command: bytes, timeout: float = 2.0) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(path)
        sock.sendall(b"z" + command + b"\0")
        reply = b""
        while not reply.endswith(b"\0"):
            part = sock.recv(4096)
            if not part:
                break
            reply += part
        return reply.rstrip(b"\0")


@dataclass
class RealClamd:
    process: subprocess.Popen[bytes]
    folder: Path
    socket_path: str
    port: int
    version: str
    started_in: float  # seconds from start to the first PONG

    @property
    def unix_address(self) -> str:
        return self.socket_path

    @property
    def tcp_address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log(self) -> str:
        path = self.folder / "clamd.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """Kill clamd at once (no clean shut-down) and wait until it is gone."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)


@contextmanager
def running_clamd(folder: Path, *, stream_max: int = STREAM_MAX_BYTES) -> Iterator[RealClamd]:
    """Start a real clamd with the EICAR signature in ``folder``; stopped on leaving."""
    binary = clamd_binary()
    if binary is None:
        raise FileNotFoundError("clamd")
    database = folder / "db"
    database.mkdir(parents=True, exist_ok=True)
    (database / "wijkteam-test.ndb").write_text(f"Eicar-Test-Signature:0:*:{EICAR.hex()}\n")
    socket_path = str(folder / "clamd.ctl")
    port = _free_port()
    config = folder / "clamd.conf"
    config.write_text(
        "\n".join(
            [
                f"LocalSocket {socket_path}",
                f"TCPSocket {port}",
                "TCPAddr 127.0.0.1",
                f"DatabaseDirectory {database}",
                f"TemporaryDirectory {folder}",
                f"PidFile {folder / 'clamd.pid'}",
                f"LogFile {folder / 'clamd.log'}",
                "Foreground yes",
                f"StreamMaxLength {stream_max}",
                "SelfCheck 3600",
                "",
            ]
        )
    )
    began = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 (our own clamd binary and config)
        [binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    clamd = None
    try:
        while time.monotonic() - began < START_TIMEOUT:
            if process.poll() is not None:
                log = (folder / "clamd.log").read_text(errors="replace")
                raise RuntimeError(f"clamd stopped at start (exit {process.returncode}):\n{log}")
            try:
                if _ask(socket_path, b"PING", timeout=0.5) == b"PONG":
                    break
            except OSError:
                pass
            time.sleep(0.05)
        else:
            raise RuntimeError(f"clamd did not answer PING within {START_TIMEOUT:.0f} s")
        started_in = time.monotonic() - began
        version = _ask(socket_path, b"VERSION").decode(errors="replace")
        clamd = RealClamd(process, folder, socket_path, port, version, started_in)
        yield clamd
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
