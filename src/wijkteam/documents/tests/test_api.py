"""The documents API: a multipart upload through the same service as the screen, scanned for
viruses through a real socket (the fake clamd), with structured errors."""

import uuid
from typing import Any

import pytest

from wijkteam.audit.models import AuditEvent
from wijkteam.documents import samples
from wijkteam.documents.constants import DocumentType
from wijkteam.documents.models import Document
from wijkteam.testing.fake_clamd import EICAR, SIGNATURE, fake_clamd, unreachable_address

from .conftest import stored_files, upload

URL = "/api/documents/"
UNAVAILABLE = "We konden het bestand nu niet controleren op virussen. Probeer het later opnieuw."


@pytest.fixture
def clamd(settings: Any) -> Any:
    with fake_clamd() as server:
        settings.VIRUS_SCAN = "clamd"
        settings.CLAMD_ADDRESS = server.address
        settings.CLAMD_TIMEOUT = 5
        yield server


def post(client: Any, world: Any, name: str, data: bytes, **fields: Any) -> Any:
    payload = {
        "case": world.case.pk,
        "document_type": DocumentType.BRIEF,
        "file": upload(name, data),
        **fields,
    }
    return client.post(URL, payload)


def test_a_clean_upload_is_created_and_a_repeat_returns_it(world, client_for, storage, clamd):
    client = client_for(world.regisseur)
    token = str(uuid.uuid4())
    data = samples.pdf("api")
    first = post(client, world, "brief.pdf", data, upload_token=token)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["case"] == world.case.pk and body["content_type"] == "application/pdf"
    again = post(client, world, "brief.pdf", data, upload_token=token)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Document.objects.count() == 1 and len(stored_files(storage)) == 1
    assert clamd.received.streams == [data]


def test_an_infected_upload_is_a_structured_400(world, client_for, storage, clamd):
    response = post(client_for(world.regisseur), world, "Jansen.pdf", samples.pdf() + EICAR)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "virus_found"
    assert body["errors"]["file"] == [body["detail"]] and "virus" in body["detail"]
    assert not Document.objects.exists() and stored_files(storage) == []
    event = AuditEvent.objects.get(action="denied")
    assert event.changes["signature"] == SIGNATURE and "Jansen" not in str(event.changes)


def test_an_unreachable_scanner_is_a_503_and_nothing_is_stored(
    world, client_for, storage, settings
):
    settings.VIRUS_SCAN = "clamd"
    settings.CLAMD_ADDRESS = unreachable_address()
    response = post(client_for(world.regisseur), world, "brief.pdf", samples.pdf())
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "60"
    body = response.json()
    assert body["code"] == "scan_unavailable" and body["detail"] == UNAVAILABLE
    assert not Document.objects.exists() and stored_files(storage) == []


def test_a_wrong_kind_is_a_structured_400(world, client_for, storage):
    response = post(client_for(world.regisseur), world, "brief.pdf", samples.windows_program())
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "geen PDF-document" in body["errors"]["file"][0]
    assert not Document.objects.exists() and stored_files(storage) == []


def test_outside_the_scope_is_a_404_and_bad_input_a_400(world, client_for, storage):
    assert post(client_for(world.outsider), world, "brief.pdf", samples.pdf()).status_code == 404
    client = client_for(world.regisseur)
    missing = client.post(URL, {"case": world.case.pk, "document_type": "brief"})
    assert missing.status_code == 400 and "file" in missing.json()["errors"]
    huge = post(client, world, "brief.pdf", samples.pdf(), case=str(2**63))
    assert huge.status_code == 400
    assert not Document.objects.exists()
