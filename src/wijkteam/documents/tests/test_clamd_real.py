"""The virus scan against a real ClamAV daemon (Debian's ``clamav-daemon``), not the fake: the
documents API (``POST /api/documents/``, through ``audit.upload_scan.scan_upload``) with a clean
file, the EICAR test file, a file of several INSTREAM chunks, a file over clamd's
``StreamMaxLength``, and clamd killed in the middle of a scan.

Skipped when the ``clamd`` binary is missing, unless ``WIJKTEAM_REQUIRE_CLAMD=1`` (CI sets it):
then the missing binary fails the test. See ``wijkteam.testing.real_clamd``."""

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wijkteam.audit.models import AuditEvent
from wijkteam.core import virus_scan
from wijkteam.documents import samples
from wijkteam.documents.models import Document
from wijkteam.testing.fake_clamd import EICAR
from wijkteam.testing.real_clamd import (
    REQUIRE_ENV,
    SIGNATURE,
    STREAM_MAX_BYTES,
    RealClamd,
    clamd_binary,
    running_clamd,
)

from .conftest import stored_files
from .test_api import post

pytestmark = pytest.mark.clamd

TOO_LARGE = "Dit bestand is te groot om op virussen te controleren. Het is niet opgeslagen."
UNAVAILABLE = "We konden het bestand nu niet controleren op virussen. Probeer het later opnieuw."


def _need_clamd() -> None:
    if clamd_binary() is None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"clamd ontbreekt en {REQUIRE_ENV}=1: apt-get install clamav-daemon")
        pytest.skip("clamd is not installed (apt-get install clamav-daemon)")


@pytest.fixture(scope="module")
def real_clamd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealClamd]:
    _need_clamd()
    with running_clamd(tmp_path_factory.mktemp("clamd")) as clamd:
        yield clamd


@pytest.fixture(params=["unix", "tcp"])
def scanning(request: Any, real_clamd: RealClamd, settings: Any) -> RealClamd:
    settings.VIRUS_SCAN = "clamd"
    settings.CLAMD_ADDRESS = (
        real_clamd.unix_address if request.param == "unix" else real_clamd.tcp_address
    )
    settings.CLAMD_TIMEOUT = 10
    return real_clamd


def test_clamd_starts_in_seconds_with_the_test_signature(real_clamd: RealClamd) -> None:
    assert real_clamd.version.startswith("ClamAV ")
    assert real_clamd.started_in < 15, real_clamd.started_in
    assert "Loaded 1 signatures" in real_clamd.log()


def test_a_clean_file_is_stored(world, client_for, storage, scanning) -> None:
    response = post(client_for(world.regisseur), world, "brief.pdf", samples.pdf("schoon"))
    assert response.status_code == 201, response.content
    assert stored_files(storage) == [Document.objects.get().stored_name]


def test_eicar_in_a_pdf_is_refused_with_clamds_signature(
    world, client_for, storage, scanning
) -> None:
    data = samples.pdf("bijlage") + b"\n" + EICAR
    response = post(client_for(world.regisseur), world, "brief.pdf", data)
    assert response.status_code == 400 and response.json()["code"] == "virus_found"
    assert not Document.objects.exists() and stored_files(storage) == []
    event = AuditEvent.objects.get(action="denied")
    assert event.changes["signature"] == SIGNATURE and event.changes["where"] == "documents"


def test_a_file_of_several_chunks_is_scanned_whole(world, client_for, storage, scanning) -> None:
    # past four 64 KiB chunks and under the 1 MiB limit: clamd must join the chunks to find
    # the test string at the end, and must pass the same file without it
    body = samples.pdf("groot") + b" " * (5 * virus_scan.CHUNK_BYTES)
    assert virus_scan.CHUNK_BYTES < len(body) < STREAM_MAX_BYTES
    client = client_for(world.regisseur)
    infected = post(client, world, "groot.pdf", body + EICAR)
    assert infected.status_code == 400 and infected.json()["code"] == "virus_found"
    clean = post(client, world, "groot.pdf", body)
    assert clean.status_code == 201 and Document.objects.count() == 1


def test_a_file_over_clamds_stream_limit_is_refused_as_too_large(
    world, client_for, storage, scanning, settings
) -> None:
    data = samples.pdf("te groot") + b" " * (2 * STREAM_MAX_BYTES)
    assert len(data) < settings.DOCUMENTS_MAX_BYTES  # our own size check lets it through
    response = post(client_for(world.regisseur), world, "groot.pdf", data)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "scan_too_large" and body["detail"].startswith(TOO_LARGE)
    assert not Document.objects.exists() and stored_files(storage) == []
    # the scanner is still there for the next file
    assert post(client_for(world.regisseur), world, "b.pdf", samples.pdf()).status_code == 201


class KillsClamdAfterFirstChunk(io.BytesIO):
    def __init__(self, data: bytes, clamd: RealClamd) -> None:
        super().__init__(data)
        self.clamd = clamd
        self.reads = 0

    def read(self, size: int | None = -1) -> bytes:
        self.reads += 1
        if self.reads == 2:
            self.clamd.stop()
        return super().read(size)


def test_clamd_killed_mid_scan_and_stopped_fails_closed(
    world, client_for, storage, settings, tmp_path: Path
) -> None:
    _need_clamd()
    with running_clamd(tmp_path) as clamd:
        settings.VIRUS_SCAN = "clamd"
        settings.CLAMD_ADDRESS = clamd.unix_address
        settings.CLAMD_TIMEOUT = 10
        stream = KillsClamdAfterFirstChunk(b"a" * (4 * virus_scan.CHUNK_BYTES), clamd)
        with pytest.raises(virus_scan.ScanUnavailable) as refused:
            virus_scan.scan(stream)
        assert not isinstance(refused.value, virus_scan.ScanTooLarge)
        assert clamd.process.poll() is not None and stream.tell() == 0
        # and the upload while clamd is down: 503, nothing stored
        response = post(client_for(world.regisseur), world, "brief.pdf", samples.pdf())
        assert response.status_code == 503 and response.json()["code"] == "scan_unavailable"
        assert response.json()["detail"] == UNAVAILABLE
        assert not Document.objects.exists() and stored_files(storage) == []
