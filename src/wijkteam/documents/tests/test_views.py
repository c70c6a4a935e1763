"""The documents screens: list, upload, download and removal, with their access checks,
access-log entries and query counts."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.cases.models import Action, Plan
from wijkteam.documents import samples
from wijkteam.documents.constants import DocumentType
from wijkteam.documents.models import Document
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.rights.services import emergency_access_open
from wijkteam.testing.factories import DocumentFactory

from .conftest import stored_files, upload


def list_url(world):
    return reverse("documents:list", args=[world.case.pk])


def upload_url(world):
    return reverse("documents:upload", args=[world.case.pk])


def download_url(document):
    return reverse("documents:download", args=[document.case_id, document.pk])


def post_upload(client, world, name, data, **fields):
    payload = {
        "document_type": DocumentType.BRIEF,
        "description": "",
        "upload_token": str(uuid.uuid4()),
        "file": upload(name, data),
        **fields,
    }
    return client.post(upload_url(world), payload)


# ---- the case page links here ---------------------------------------------------------------


def test_the_case_page_links_to_the_documents(world, client_for):
    page = client_for(world.regisseur).get(reverse("cases:detail", args=[world.case.pk]))
    assert page.status_code == 200
    assert f'href="{list_url(world)}"' in page.content.decode()


def test_the_documents_page_shows_the_case_tabs_with_documents_current(world, client_for):
    page = client_for(world.regisseur).get(list_url(world)).content.decode()
    assert 'aria-label="Onderdelen van de casus"' in page
    assert f'href="{list_url(world)}" aria-current="page">Documenten' in page
    assert "?onderdeel=plan" in page


# ---- the list ---------------------------------------------------------------------------------


def test_the_list_shows_only_documents_of_categories_the_member_may_see(world, client_for):
    DocumentFactory(
        case=world.case, original_name="verslag-school.pdf", document_type="verslag_derden"
    )
    DocumentFactory(case=world.case, original_name="verklaring-huisarts.pdf", medisch=True)
    own = client_for(world.regisseur).get(list_url(world)).content.decode()
    assert "verslag-school.pdf" in own and "verklaring-huisarts.pdf" in own
    partner = client_for(world.partner).get(list_url(world)).content.decode()
    assert "verslag-school.pdf" in partner
    assert "verklaring-huisarts.pdf" not in partner
    assert "Gezondheid" in partner  # says which categories it does not show


def test_the_list_read_is_logged_and_out_of_scope_is_a_404_with_a_refused_entry(world, client_for):
    assert client_for(world.regisseur).get(list_url(world)).status_code == 200
    entry = AccessLogEntry.objects.filter(action=AccessAction.READ).last()
    assert entry.purpose == "casus geopend: documenten"
    assert client_for(world.outsider).get(list_url(world)).status_code == 404
    refused = AccessLogEntry.objects.filter(action=AccessAction.REFUSED).get()
    assert refused.user_id == world.outsider.pk


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_the_list_costs_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    plan = Plan.objects.create(case=world.case)
    action = Action.objects.create(plan=plan, description="Hulp", owner_kind="inwoner")
    DocumentFactory(case=world.case, action=action, resident=world.residents[0])
    client = client_for(world.partner)
    client.get(list_url(world))  # the session's first request
    few = _count(client, list_url(world))
    for _ in range(8):
        DocumentFactory(case=world.case, action=action, resident=world.residents[1])
        DocumentFactory(case=world.case, medisch=True)
    assert _count(client, list_url(world)) == few
    regisseur = client_for(world.regisseur)
    regisseur.get(list_url(world))
    with django_assert_max_num_queries(15):
        assert regisseur.get(list_url(world)).status_code == 200


# ---- upload -------------------------------------------------------------------------------------


def test_the_upload_form_offers_only_types_the_member_may_see(world, client_for):
    partner = client_for(world.partner).get(upload_url(world)).content.decode()
    assert 'value="verslag_derden"' in partner
    assert 'value="medische_verklaring"' not in partner
    assert 'enctype="multipart/form-data"' in partner
    own = client_for(world.regisseur).get(upload_url(world)).content.decode()
    assert 'value="medische_verklaring"' in own
    assert 'name="resident"' in own
    assert client_for(world.outsider).get(upload_url(world)).status_code == 404


@pytest.mark.parametrize("ext", [".pdf", ".png", ".jpg", ".docx", ".xlsx", ".odt", ".ods"])
def test_upload_through_the_form(world, client_for, storage, ext):
    response = post_upload(
        client_for(world.regisseur), world, f"bijlage{ext}", samples.BY_EXTENSION[ext]()
    )
    assert response.status_code == 302
    assert response["Location"] == list_url(world)
    document = Document.objects.get()
    assert document.original_name == f"bijlage{ext}"
    assert stored_files(storage) == [document.stored_name]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leeg.pdf", b"", "Het bestand is leeg. Kies een bestand met inhoud."),
        ("virus.exe", samples.windows_program(), "Dit soort bestand kan niet worden toegevoegd."),
        (
            "brief.pdf",
            samples.windows_program(),
            "De naam van dit bestand eindigt op .pdf, maar de inhoud is geen PDF-document.",
        ),
        ("archief.docx", samples.plain_zip(), "maar de inhoud is geen Word-document (docx)"),
        ("groot.pdf", samples.pdf() + b" " * 4096, "Het bestand is te groot"),
    ],
)
def test_a_refused_upload_shows_a_dutch_message_and_stores_nothing(
    world, client_for, storage, settings, name, data, message
):
    settings.DOCUMENTS_MAX_BYTES = 2048
    response = post_upload(client_for(world.regisseur), world, name, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'aria-invalid="true"' in page
    assert not Document.objects.exists() and stored_files(storage) == []


def test_a_double_submit_adds_one_document(world, client_for, storage):
    client = client_for(world.regisseur)
    token = str(uuid.uuid4())
    data = samples.pdf("dubbel")
    for _ in range(2):
        response = post_upload(client, world, "brief.pdf", data, upload_token=token)
        assert response.status_code == 302
    assert Document.objects.count() == 1 and len(stored_files(storage)) == 1
    again = post_upload(client, world, "brief.pdf", data)  # a new form, the same file
    assert again.status_code == 400
    assert "al eerder aan deze casus toegevoegd" in again.content.decode()


def test_upload_without_a_file_says_so(world, client_for):
    response = client_for(world.regisseur).post(
        upload_url(world), {"document_type": "brief", "upload_token": str(uuid.uuid4())}
    )
    assert response.status_code == 400
    assert "Kies een bestand." in response.content.decode()


# ---- download -------------------------------------------------------------------------------


def test_the_regisseur_downloads_with_safe_headers_and_the_export_is_logged(world, client_for):
    data = samples.pdf("verklaring")
    document = DocumentFactory(
        case=world.case, content=data, original_name="Verklaring huisarts é.pdf", medisch=True
    )
    response = client_for(world.regisseur).get(download_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Verklaring" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    export = AccessLogEntry.objects.get(action=AccessAction.EXPORT)
    assert export.object_type == "documents.Document" and export.object_id == str(document.pk)
    assert sorted(export.resident_ids) == sorted(r.pk for r in world.residents)
    assert export.purpose == "document gedownload: Medische verklaring of advies"


def test_a_partner_without_consent_for_the_category_is_refused_and_logged(world, client_for):
    medical = DocumentFactory(case=world.case, medisch=True)
    response = client_for(world.partner).get(download_url(medical))
    assert response.status_code == 403
    refused = AccessLogEntry.objects.get(action=AccessAction.REFUSED)
    assert refused.user_id == world.partner.pk
    assert refused.object_id == str(medical.pk)
    assert "Gezondheid" in refused.purpose
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()
    allowed = DocumentFactory(case=world.case, document_type="verslag_derden")
    assert client_for(world.partner).get(download_url(allowed)).status_code == 200


def test_a_member_of_another_team_gets_a_404_and_a_refused_entry(world, client_for):
    document = DocumentFactory(case=world.case)
    response = client_for(world.outsider).get(download_url(document))
    assert response.status_code == 404
    refused = AccessLogEntry.objects.get(action=AccessAction.REFUSED)
    assert refused.user_id == world.outsider.pk
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()


def test_a_document_of_another_case_or_an_unknown_one_is_a_404(world, client_for):
    elsewhere = DocumentFactory()
    client = client_for(world.regisseur)
    wrong_case = reverse("documents:download", args=[world.case.pk, elsewhere.pk])
    assert client.get(wrong_case).status_code == 404
    unknown = reverse("documents:download", args=[world.case.pk, 999999])
    assert client.get(unknown).status_code == 404
    assert AccessLogEntry.objects.filter(action=AccessAction.REFUSED).count() == 2


# ---- removal ---------------------------------------------------------------------------------


def test_a_case_worker_removes_a_document_after_confirming(
    world, client_for, storage, django_capture_on_commit_callbacks
):
    document = DocumentFactory(case=world.case)
    url = reverse("documents:delete", args=[world.case.pk, document.pk])
    client = client_for(world.regisseur)
    assert "Ja, verwijderen" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not Document.objects.exists() and stored_files(storage) == []


def test_removal_is_refused_to_others(world, client_for, storage):
    medical = DocumentFactory(case=world.case, medisch=True)
    url = reverse("documents:delete", args=[world.case.pk, medical.pk])
    assert client_for(world.partner).post(url).status_code == 403
    assert client_for(world.outsider).post(url).status_code == 404
    assert Document.objects.filter(pk=medical.pk).exists()
    assert stored_files(storage) == [medical.stored_name]


def test_under_a_doorbraak_documents_are_read_only_and_logged_as_emergency(world, client_for):
    medical = DocumentFactory(case=world.case, medisch=True)
    emergency_access_open(actor=world.outsider, case=world.case, reason="Acute zorg", minutes=30)
    client = client_for(world.outsider)
    page = client.get(list_url(world)).content.decode()
    assert medical.original_name in page
    assert "doorbraak" in page
    assert "Document toevoegen" not in page and "Verwijderen" not in page
    assert client.get(download_url(medical)).status_code == 200
    assert AccessLogEntry.objects.filter(action=AccessAction.EMERGENCY).count() >= 2
    assert AccessLogEntry.objects.filter(action=AccessAction.EXPORT).count() == 1
    assert client.get(upload_url(world)).status_code == 404
    delete = reverse("documents:delete", args=[world.case.pk, medical.pk])
    assert client.post(delete).status_code == 404
    assert Document.objects.filter(pk=medical.pk).exists()
