"""A message's attachment is scanned for viruses through a real socket (the fake clamd), both
ways: an infected file or an unreachable scanner refuses the whole message, nothing stored."""

import re
from typing import Any

import pytest
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile

from wijkteam.audit.models import AuditEvent
from wijkteam.documents import samples
from wijkteam.documents.storage import document_storage
from wijkteam.portal.models import Message, MessageAttachment
from wijkteam.testing.fake_clamd import EICAR, SIGNATURE, fake_clamd, unreachable_address

from .conftest import BSN_A, logged_in
from .test_message_attachments import send, stored_files, thread_url

pytestmark = pytest.mark.django_db

UNAVAILABLE = "We konden het bestand nu niet controleren op virussen. Probeer het later opnieuw."


@pytest.fixture(autouse=True)
def storage(settings: Any) -> Storage:
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return document_storage()


@pytest.fixture
def clamd(settings: Any) -> Any:
    with fake_clamd() as server:
        settings.VIRUS_SCAN = "clamd"
        settings.CLAMD_ADDRESS = server.address
        settings.CLAMD_TIMEOUT = 5
        yield server


def pdf(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/pdf")


def test_a_clean_attachment_is_scanned_and_sent(setting: dict, storage: Any, clamd: Any) -> None:
    client = logged_in(BSN_A)
    data = samples.pdf("schoon")
    assert send(client, setting["case"], pdf("brief.pdf", data)).status_code == 302
    assert MessageAttachment.objects.count() == 1 and len(stored_files(storage)) == 1
    assert clamd.received.streams == [data]


def test_an_infected_attachment_refuses_the_message_with_an_audit_row(
    setting: dict, storage: Any, clamd: Any
) -> None:
    client = logged_in(BSN_A)
    infected = pdf("Brief Jansen.pdf", samples.pdf() + b"\n" + EICAR)
    response = send(client, setting["case"], infected)
    assert response.status_code == 400
    assert "In dit bestand zit een virus. Het is niet opgeslagen." in response.content.decode()
    assert not Message.objects.exists() and not MessageAttachment.objects.exists()
    assert stored_files(storage) == []
    event = AuditEvent.objects.get(action="denied")
    assert event.changes["signature"] == SIGNATURE and event.changes["where"] == "portal-bericht"
    assert event.changes["case"] == setting["case"].pk
    # the resident who sent it is the actor (as at log-in), not the portal's system account
    assert event.actor_id is None
    assert event.actor_name == f"inwoner {setting['resident'].pk} (Mijn wijkteam)"
    assert "Jansen" not in event.object_repr and "Jansen" not in str(event.changes)


def test_an_unreachable_scanner_refuses_and_a_retry_sends_once(
    setting: dict, storage: Any, settings: Any
) -> None:
    settings.VIRUS_SCAN = "clamd"
    settings.CLAMD_ADDRESS = unreachable_address()
    client = logged_in(BSN_A)
    page = client.get(thread_url(setting["case"])).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', page)
    assert token is not None
    response = send(client, setting["case"], pdf("brief.pdf", samples.pdf()), token[1])
    assert response.status_code == 400 and UNAVAILABLE in response.content.decode()
    assert not Message.objects.exists() and stored_files(storage) == []
    with fake_clamd() as server:
        settings.CLAMD_ADDRESS = server.address
        for _ in range(2):  # the same form again, twice
            again = send(client, setting["case"], pdf("brief.pdf", samples.pdf()), token[1])
            assert again.status_code == 302
    assert Message.objects.count() == 1 and MessageAttachment.objects.count() == 1
    assert len(stored_files(storage)) == 1


def test_a_message_without_attachment_needs_no_scanner(setting: dict, settings: Any) -> None:
    settings.VIRUS_SCAN = "clamd"
    settings.CLAMD_ADDRESS = unreachable_address()
    client = logged_in(BSN_A)
    response = client.post(thread_url(setting["case"]), {"body": "Alleen tekst."})
    assert response.status_code == 302 and Message.objects.count() == 1


def test_the_team_cannot_send_an_infected_file_either(
    setting: dict, storage: Any, clamd: Any, client_for: Any
) -> None:
    coordinator = setting["case"].coordinator
    team_url = f"/casussen/{setting['case'].pk}/mijn-wijkteam/"
    infected = pdf("rapport.pdf", samples.pdf() + EICAR)
    response = client_for(coordinator).post(
        team_url, {"body": "Zie bijlage", "attachment": infected}
    )
    assert response.status_code == 400
    assert "In dit bestand zit een virus" in response.content.decode()
    assert not Message.objects.exists() and stored_files(storage) == []
    assert AuditEvent.objects.get(action="denied").actor_id == coordinator.pk
