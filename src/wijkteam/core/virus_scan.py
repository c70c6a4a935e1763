"""Virus scanning of uploads: every file a person sends in is scanned before it is stored.

Settings (from the environment in ``settings/base.py``):

- ``VIRUS_SCAN`` (``WIJKTEAM_VIRUS_SCAN``): ``"none"`` (the default, for the demo and the
  tests: nothing is scanned) or ``"clamd"``: every upload is streamed to a ClamAV daemon.
- ``CLAMD_ADDRESS`` (``WIJKTEAM_CLAMD_ADDRESS``): ``host:port`` (``127.0.0.1:3310``,
  ``[::1]:3310``) or the path of clamd's unix socket (``/run/clamav/clamd.ctl``).
- ``CLAMD_TIMEOUT`` (``WIJKTEAM_CLAMD_TIMEOUT``): seconds to wait for clamd, default 30.

**Fail closed**: when clamd cannot be reached, times out or answers anything but ``OK`` or
``FOUND``, :func:`scan` raises :class:`ScanUnavailable` and the caller refuses the upload. A
file larger than clamd's ``StreamMaxLength`` raises :class:`ScanTooLarge` (a kind of
``ScanUnavailable``): clamd then answers ``INSTREAM size limit exceeded. ERROR`` and closes the
connection while the client is still sending, so the client reads that answer after the broken
pipe instead of only seeing the pipe break (verified against clamd 1.4.6, see
``docs/operations.md``).

The client speaks clamd's ``INSTREAM`` command itself: ``zINSTREAM\\0``, then the file in
chunks each preceded by its length as a 4-byte big-endian number, a zero length to end, and
one reply ``stream: OK`` or ``stream: <signature> FOUND`` (or ``... ERROR``). Why no library:
the PyPI clients are unmaintained (``clamd`` 2014, ``pyclamd`` 2017) or small one-person
forks of them under the LGPL (``clamdpy``, ``clamav-client``) that bring a whole command set
for one command of about forty lines, with their own exception and timeout behaviour that we
would have to wrap to fail closed anyway; a dependency in the hashed lock for that was not
worth it. The protocol is clamd's documented one (``man clamd``, section INSTREAM).
"""

import logging
import socket
import struct
from dataclasses import dataclass
from typing import IO

from django.conf import settings

logger = logging.getLogger(__name__)

NONE = "none"
CLAMD = "clamd"
CHOICES = (NONE, CLAMD)
CHUNK_BYTES = 64 * 1024
DEFAULT_TIMEOUT = 30.0
MAX_REPLY_BYTES = 4096


class ScanUnavailable(Exception):
    """The file could not be scanned (clamd unreachable, timed out, or answered an error)."""


class ScanTooLarge(ScanUnavailable):
    """clamd refused the stream as larger than its ``StreamMaxLength``: sending the same file
    again will not help; a smaller file (or a larger ``StreamMaxLength``) will."""


class VirusFound(Exception):
    """The scanner found a virus; ``signature`` is clamd's name for it."""

    def __init__(self, signature: str) -> None:
        super().__init__(signature)
        self.signature = signature


@dataclass(frozen=True)
class Address:
    """Where clamd listens: a TCP ``host`` and ``port``, or a unix socket ``path``."""

    host: str = ""
    port: int = 0
    path: str = ""


def parse_address(value: str) -> Address:
    """``"127.0.0.1:3310"``, ``"[::1]:3310"``, ``"clamav:3310"`` or ``"/run/clamav/clamd.ctl"``;
    a ``ValueError`` for anything else."""
    value = (value or "").strip()
    if value.startswith("/"):
        return Address(path=value)
    host, sep, port = value.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(value)
    return Address(host=host, port=int(port))


def _connect(address: Address, timeout: float) -> socket.socket:
    if address.path:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(address.path)
        except BaseException:
            sock.close()
            raise
        return sock
    return socket.create_connection((address.host, address.port), timeout=timeout)


def _read_reply(sock: socket.socket) -> bytes:
    reply = b""
    while b"\0" not in reply and len(reply) < MAX_REPLY_BYTES:
        part = sock.recv(MAX_REPLY_BYTES)
        if not part:
            break
        reply += part
    return reply


def clamd_scan(
    stream: IO[bytes], *, address: Address, timeout: float, chunk_bytes: int = CHUNK_BYTES
) -> None:
    """Stream the file to clamd with INSTREAM. Returns when clean; raises :class:`VirusFound`,
    :class:`ScanTooLarge` or :class:`ScanUnavailable`. Leaves the stream at its start."""
    stream.seek(0)
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            try:
                while chunk := stream.read(chunk_bytes):
                    sock.sendall(struct.pack(">I", len(chunk)) + chunk)
                sock.sendall(struct.pack(">I", 0))
            except (BrokenPipeError, ConnectionResetError) as exc:
                # clamd stops reading when the stream passes StreamMaxLength: it answers, then
                # closes. Read that answer; without one (clamd died) the scan is unavailable.
                reply = _read_reply(sock)
                if not reply:
                    raise ScanUnavailable(type(exc).__name__) from exc
            else:
                reply = _read_reply(sock)
    except OSError as exc:  # refused, unreachable, reset, timed out
        raise ScanUnavailable(type(exc).__name__) from exc
    finally:
        stream.seek(0)
    answer = reply.split(b"\0", 1)[0].decode("utf-8", "replace").strip()
    _, _, verdict = answer.partition(": ")
    if verdict == "OK":
        return
    if verdict.endswith(" FOUND"):
        raise VirusFound(verdict.removesuffix(" FOUND").strip() or "?")
    if "size limit exceeded" in answer:
        raise ScanTooLarge(answer[:200])
    raise ScanUnavailable(answer[:200] or "no reply")


def mode() -> str:
    return str(getattr(settings, "VIRUS_SCAN", NONE) or NONE).strip().lower()


def scan(stream: IO[bytes]) -> None:
    """Scan an upload as configured. Returns when the file may be stored; raises
    :class:`VirusFound` or :class:`ScanUnavailable` (also for a setting that makes no sense:
    fail closed). The application log names neither the file nor whose it is."""
    current = mode()
    if current == NONE:
        return
    if current != CLAMD:
        logger.error("Virusscan: onbekende instelling VIRUS_SCAN=%r; upload geweigerd", current)
        raise ScanUnavailable("unknown VIRUS_SCAN")
    try:
        address = parse_address(str(getattr(settings, "CLAMD_ADDRESS", "") or ""))
    except ValueError:
        logger.error("Virusscan: CLAMD_ADDRESS ontbreekt of is ongeldig; upload geweigerd")
        raise ScanUnavailable("no CLAMD_ADDRESS") from None
    timeout = float(getattr(settings, "CLAMD_TIMEOUT", DEFAULT_TIMEOUT) or DEFAULT_TIMEOUT)
    try:
        clamd_scan(stream, address=address, timeout=timeout)
    except ScanTooLarge as exc:
        logger.error(
            "Virusscan niet mogelijk: bestand groter dan StreamMaxLength van clamd (%s); upload "
            "geweigerd. Zet StreamMaxLength minstens op WIJKTEAM_DOCUMENTS_MAX_BYTES.",
            exc,
        )
        raise
    except ScanUnavailable as exc:
        logger.error("Virusscan niet mogelijk (%s); upload geweigerd", exc)
        raise
    except VirusFound as exc:
        logger.warning("Virusscan: virus gevonden (%s); upload geweigerd", exc.signature)
        raise
