"""The exchange adapter: how messages leave and arrive.

Municipalities reach providers through the GGk (StUF envelope) and providers reach them
through VECOZO; many municipal message brokers hand over files in folders. The application
only produces and reads messages; a :class:`Transport` moves them. ``FolderTransport`` is
shipped; another (a GGk web service, a broker API) implements the same three methods and is
named in ``IWMO_TRANSPORT``.
"""

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.utils.module_loading import import_string

from . import conf


@dataclass(frozen=True)
class Incoming:
    name: str  # a handle the transport understands (a file name)
    content: bytes


class Transport(Protocol):
    def send(self, *, name: str, content: bytes) -> None:
        """Deliver one message; raise ``OSError`` (or any exception) to have it retried."""

    def receive(self) -> Iterator[Incoming]:
        """The messages waiting, oldest first."""

    def done(self, item: Incoming, *, ok: bool) -> None:
        """The message was handled (``ok``: accepted, else rejected); never offer it again."""


class FolderTransport:
    """Outbox and inbox directories; handled files move to ``verwerkt/`` or ``fout/``."""

    max_bytes = 2 * 1024 * 1024

    def __init__(self) -> None:
        self.outbox = conf.outbox_dir()
        self.inbox = conf.inbox_dir()
        self.processed = conf.processed_dir()
        self.failed = conf.failed_dir()

    def send(self, *, name: str, content: bytes) -> None:
        self.outbox.mkdir(parents=True, exist_ok=True)
        target = self.outbox / _safe_name(name)
        # Written under a temporary name and renamed: a broker never sees half a file.
        handle, tmp = tempfile.mkstemp(dir=self.outbox, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            os.chmod(tmp, 0o640)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def receive(self) -> Iterator[Incoming]:
        if not self.inbox.is_dir():
            return
        files = sorted(
            (p for p in self.inbox.iterdir() if p.is_file() and not p.name.startswith(".")),
            key=lambda p: (p.stat().st_mtime, p.name),
        )
        for path in files:
            with path.open("rb") as handle:
                content = handle.read(self.max_bytes + 1)
            yield Incoming(name=path.name, content=content)

    def done(self, item: Incoming, *, ok: bool) -> None:
        target_dir = self.processed if ok else self.failed
        target_dir.mkdir(parents=True, exist_ok=True)
        source = self.inbox / _safe_name(item.name)
        target = target_dir / _safe_name(item.name)
        if target.exists():
            target = target_dir / f"{target.stem}-{os.urandom(4).hex()}{target.suffix}"
        if source.exists():
            os.replace(source, target)


def _safe_name(name: str) -> str:
    cleaned = "".join(c for c in Path(name).name if c.isalnum() or c in "-_.")
    return cleaned.lstrip(".") or "bericht.xml"


def get_transport() -> Transport:
    cls = import_string(conf.transport_path())
    transport: Transport = cls()
    return transport
