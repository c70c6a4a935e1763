"""Every document upload is scanned for viruses through a real socket (the fake clamd):
clean files are stored, an infected file is refused and audited, an unreachable scanner
refuses the upload (fail closed) and nothing is stored."""

import logging
import uuid
from typing import Any

import pytest

from wijkteam.audit.models import AuditEvent
from wijkteam.documents import samples
from wijkteam.documents.models import Document
from wijkteam.testing.fake_clamd import EICAR, SIGNATURE, fake_clamd, unreachable_address

from .conftest import stored_files
from .test_views import list_url, post_upload

UNAVAILABLE = "We konden het bestand nu niet controleren op virussen. Probeer het later opnieuw."


@pytest.fixture
def clamd(settings: Any) -> Any:
    with fake_clamd() as server:
        settings.VIRUS_SCAN = "clamd"
        settings.CLAMD_ADDRESS = server.address
        settings.CLAMD_TIMEOUT = 5
        yield server


def infected_pdf() -> bytes:
    return samples.pdf("bijlage") + b"\n" + EICAR


def test_a_clean_upload_is_scanned_and_stored(world, client_for, storage, clamd):
    data = samples.pdf("schoon")
    response = post_upload(client_for(world.regisseur), world, "brief.pdf", data)
    assert response.status_code == 302 and response["Location"] == list_url(world)
    document = Document.objects.get()
    assert stored_files(storage) == [document.stored_name]
    assert clamd.received.streams == [data]


def test_an_infected_upload_is_refused_audited_and_not_stored(
    world, client_for, storage, clamd, caplog
):
    with caplog.at_level(logging.DEBUG):
        response = post_upload(
            client_for(world.regisseur), world, "Brief Jansen.pdf", infected_pdf()
        )
    assert SIGNATURE in caplog.text and "Jansen" not in caplog.text  # the app log: no file name
    assert response.status_code == 400
    page = response.content.decode()
    assert "In dit bestand zit een virus. Het is niet opgeslagen." in page
    assert 'aria-invalid="true"' in page
    assert not Document.objects.exists() and stored_files(storage) == []
    event = AuditEvent.objects.get(action="denied")
    assert event.actor_id == world.regisseur.pk
    assert event.changes["reason"] == "virus" and event.changes["signature"] == SIGNATURE
    assert event.changes["case"] == world.case.pk and event.changes["where"] == "documents"
    assert "Jansen" not in event.object_repr and "Jansen" not in str(event.changes)


def test_an_unreachable_scanner_refuses_then_one_document_after_a_retry(
    world, client_for, storage, settings
):
    settings.VIRUS_SCAN = "clamd"
    settings.CLAMD_ADDRESS = unreachable_address()
    client = client_for(world.regisseur)
    token = str(uuid.uuid4())
    data = samples.pdf("later")
    response = post_upload(client, world, "brief.pdf", data, upload_token=token)
    assert response.status_code == 400
    assert UNAVAILABLE in response.content.decode()
    assert not Document.objects.exists() and stored_files(storage) == []
    assert not AuditEvent.objects.filter(action="denied").exists()
    with fake_clamd() as server:  # clamd is back: the same form sent again, twice
        settings.CLAMD_ADDRESS = server.address
        for _ in range(2):
            again = post_upload(client, world, "brief.pdf", data, upload_token=token)
            assert again.status_code == 302
    assert Document.objects.count() == 1 and len(stored_files(storage)) == 1


def test_an_error_from_clamd_fails_closed(world, client_for, storage, clamd):
    clamd.answer("Can't allocate memory ERROR")
    response = post_upload(client_for(world.regisseur), world, "brief.pdf", samples.pdf())
    assert response.status_code == 400 and UNAVAILABLE in response.content.decode()
    assert not Document.objects.exists() and stored_files(storage) == []


def test_a_file_over_clamds_stream_limit_is_refused_as_too_large(
    world, client_for, storage, settings
):
    # as real clamd past StreamMaxLength: it answers and hangs up while the upload still sends
    with fake_clamd(stream_max=64 * 1024) as server:
        settings.VIRUS_SCAN = "clamd"
        settings.CLAMD_ADDRESS = server.address
        data = samples.pdf("groot") + b" " * (4 * 1024 * 1024)
        response = post_upload(client_for(world.regisseur), world, "groot.pdf", data)
    assert response.status_code == 400
    assert "Dit bestand is te groot om op virussen te controleren" in response.content.decode()
    assert not Document.objects.exists() and stored_files(storage) == []


def test_a_file_larger_than_one_chunk_arrives_whole(world, client_for, storage, clamd):
    data = samples.pdf("groot") + b" " * (200 * 1024)
    response = post_upload(client_for(world.regisseur), world, "groot.pdf", data)
    assert response.status_code == 302
    assert len(clamd.received.chunks) > 1 and sum(clamd.received.chunks) == len(data)
    assert clamd.received.streams == [data]
    with storage.open(Document.objects.get().stored_name, "rb") as handle:
        assert handle.read() == data
