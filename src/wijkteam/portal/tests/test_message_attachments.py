"""One file with a message, both ways: checked like a case document, private, logged."""

import datetime
import re
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile

from wijkteam.documents import samples
from wijkteam.documents.storage import document_storage
from wijkteam.portal.constants import MessageDirection
from wijkteam.portal.models import Message, MessageAttachment
from wijkteam.portal.services.attachments import attach, check_attachment, store_attachment
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.rights import retention
from wijkteam.rights.inzage import build_export
from wijkteam.testing.factories import CaseFactory, UserFactory

from .conftest import BSN_A, BSN_B, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage(settings: Any) -> Storage:
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return document_storage()


def stored_files(storage: Storage, path: str = "") -> list[str]:
    folders, files = storage.listdir(path)
    found = [f"{path}/{name}".lstrip("/") for name in files]
    for folder in folders:
        found += stored_files(storage, f"{path}/{folder}".lstrip("/"))
    return found


def thread_url(case: Any) -> str:
    return f"/mijn/hulpvraag/{case.pk}/berichten/"


def pdf_upload(name: str = "brief huisarts.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else samples.pdf(), "application/pdf")


def send(client: Any, case: Any, file: Any, token: str = "") -> Any:
    data = {"body": "Hierbij de brief.", "attachment": file}
    if token:
        data["submission_token"] = token
    return client.post(thread_url(case), data)


def test_resident_sends_a_file_and_downloads_it_logged(setting: dict, storage: Storage) -> None:
    client = logged_in(BSN_A)
    response = send(client, setting["case"], pdf_upload())
    assert response.status_code == 302
    attachment = MessageAttachment.objects.get()
    assert attachment.message.direction == MessageDirection.INWONER
    assert attachment.content_type == "application/pdf" and attachment.original_name.endswith(
        ".pdf"
    )
    assert stored_files(storage) == [attachment.stored_name]
    assert "brief" not in attachment.stored_name
    url = f"{thread_url(setting['case'])}bijlage/{attachment.pk}/"
    assert url in client.get(thread_url(setting["case"])).content.decode()
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == samples.pdf()
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    entry = AccessLogEntry.objects.get(action=AccessAction.EXPORT)
    assert entry.user_id is None and "Mijn wijkteam" in entry.user_name
    assert entry.resident_ids == [setting["resident"].pk]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("virus.exe", b"MZ\x90\x00", "Dit soort bestand kan niet worden toegevoegd"),
        ("brief.pdf", b"dit is geen pdf", "maar de inhoud is geen"),
    ],
)
def test_wrong_type_is_refused_in_dutch_and_nothing_stored(
    setting: dict, storage: Storage, name: str, data: bytes, words: str
) -> None:
    client = logged_in(BSN_A)
    response = send(client, setting["case"], SimpleUploadedFile(name, data))
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Message.objects.exists() and not MessageAttachment.objects.exists()
    assert stored_files(storage) == []


def test_too_large_is_refused(setting: dict, storage: Storage, settings: Any) -> None:
    settings.DOCUMENTS_MAX_BYTES = 1024
    client = logged_in(BSN_A)
    response = send(client, setting["case"], pdf_upload(data=samples.pdf() + b" " * 2048))
    assert response.status_code == 400
    assert "Het bestand is te groot" in response.content.decode()
    assert not Message.objects.exists() and stored_files(storage) == []


def test_a_double_submit_stores_one_message_and_one_file(setting: dict, storage: Storage) -> None:
    client = logged_in(BSN_A)
    page = client.get(thread_url(setting["case"])).content.decode()
    assert 'enctype="multipart/form-data"' in page
    token = re.search(r'name="submission_token" value="([^"]+)"', page)
    assert token is not None
    for _ in range(2):
        assert send(client, setting["case"], pdf_upload(), token[1]).status_code == 302
    assert Message.objects.count() == 1 and MessageAttachment.objects.count() == 1
    assert len(stored_files(storage)) == 1


def test_another_households_attachment_is_404_and_logged(setting: dict) -> None:
    other = logged_in(BSN_B)
    assert send(other, setting["other_case"], pdf_upload()).status_code == 302
    attachment = MessageAttachment.objects.get()
    client = logged_in(BSN_A)
    # through the other case's url, and through my own case's url
    for case in (setting["other_case"], setting["case"]):
        url = f"{thread_url(case)}bijlage/{attachment.pk}/"
        assert client.get(url).status_code == 404
    refusals = AccessLogEntry.objects.filter(action=AccessAction.REFUSED)
    assert refusals.count() == 2 and all(r.resident_ids == [] for r in refusals)
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()


def test_team_answers_with_a_file_the_resident_downloads(
    setting: dict, client_for: Any, storage: Storage
) -> None:
    coordinator = client_for(setting["case"].coordinator)
    team_url = f"/casussen/{setting['case'].pk}/mijn-wijkteam/"
    png = SimpleUploadedFile("foto.png", samples.png(), "image/png")
    response = coordinator.post(team_url, {"body": "Zie de foto.", "attachment": png})
    assert response.status_code == 302
    attachment = MessageAttachment.objects.get(message__direction=MessageDirection.TEAM)
    team_download = coordinator.get(f"{team_url}bijlage/{attachment.pk}/")
    assert team_download.status_code == 200
    entry = AccessLogEntry.objects.filter(action=AccessAction.EXPORT).get()
    assert entry.user == setting["case"].coordinator
    assert setting["resident"].pk in entry.resident_ids
    refused = coordinator.post(
        team_url, {"body": "Nog een", "attachment": SimpleUploadedFile("x.exe", b"MZ")}
    )
    assert refused.status_code == 400 and Message.objects.count() == 1
    client = logged_in(BSN_A)
    url = f"{thread_url(setting['case'])}bijlage/{attachment.pk}/"
    assert url in client.get(thread_url(setting["case"])).content.decode()
    assert client.get(url).status_code == 200


def test_a_team_member_outside_the_scope_gets_404(setting: dict, client_for: Any) -> None:
    client = logged_in(BSN_A)
    send(client, setting["case"], pdf_upload())
    attachment = MessageAttachment.objects.get()
    outsider = client_for(UserFactory())
    url = f"/casussen/{setting['case'].pk}/mijn-wijkteam/bijlage/{attachment.pk}/"
    assert outsider.get(url).status_code in (403, 404)
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()


def test_the_inzage_export_contains_the_attachment(setting: dict) -> None:
    client = logged_in(BSN_A)
    send(client, setting["case"], pdf_upload("mijn brief.pdf"))
    attachment = MessageAttachment.objects.get()
    sections = build_export(setting["resident"])["sections"]
    section = next(s for s in sections if s["model"] == "portal.MessageAttachment")
    [record] = section["records"]
    assert record["id"] == attachment.pk and record["original_name"] == attachment.original_name
    other = next(
        s
        for s in build_export(setting["other"])["sections"]
        if s["model"] == "portal.MessageAttachment"
    )
    assert other["records"] == []


def test_retention_destroys_the_attachment_and_its_file(
    storage: Storage, django_capture_on_commit_callbacks: Any
) -> None:
    case = CaseFactory(afgesloten=True, closed_on=datetime.date(2005, 1, 1))
    message = Message.objects.create(
        case=case, direction=MessageDirection.TEAM, author=UserFactory(), body="Met bijlage"
    )
    file = ContentFile(samples.pdf(), name="brief.pdf")
    stored = store_attachment(file)
    attach(message=message, checked=check_attachment(file), stored=stored)
    [dossier] = retention.find_due_dossiers()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = retention.destroy_dossier(dossier, actor=UserFactory())
    assert outcome.counts["portal.MessageAttachment"] == 1
    assert not MessageAttachment.objects.exists() and stored_files(storage) == []
