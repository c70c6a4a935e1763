"""Adding and removing documents: checks by content, nothing written on a refusal, no
duplicates, the audit trail and the access log."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.models import Action, Decision, Plan
from wijkteam.documents import samples, services
from wijkteam.documents.constants import TYPE_CATEGORIES, DocumentType
from wijkteam.documents.models import Document
from wijkteam.privacy.constants import AccessAction, DataCategory
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import CaseFactory, DocumentFactory

from .conftest import stored_files, upload

ALLOWED = [
    ("verklaring.pdf", "application/pdf"),
    ("foto.png", "image/png"),
    ("foto.jpg", "image/jpeg"),
    ("foto.jpeg", "image/jpeg"),
    ("brief.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("begroting.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("verslag.odt", "application/vnd.oasis.opendocument.text"),
    ("overzicht.ods", "application/vnd.oasis.opendocument.spreadsheet"),
]


def add(world, name="brief.pdf", data=None, **kwargs):
    kwargs.setdefault("document_type", DocumentType.BRIEF)
    kwargs.setdefault("actor", world.regisseur)
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    content = data if data is not None else samples.BY_EXTENSION[ext.lower()]()
    return services.document_upload(case=world.case, file=upload(name, content), **kwargs)


def test_every_type_has_a_consent_category():
    assert set(TYPE_CATEGORIES) == set(DocumentType.values)
    assert set(TYPE_CATEGORIES.values()) <= set(DataCategory.values)
    assert TYPE_CATEGORIES[DocumentType.MEDISCHE_VERKLARING] == DataCategory.GEZONDHEID
    assert DataCategory.BASISGEGEVENS not in TYPE_CATEGORIES.values()


@pytest.mark.parametrize(("name", "content_type"), ALLOWED)
def test_each_allowed_kind_is_stored_under_a_random_name(world, storage, name, content_type):
    data = samples.BY_EXTENSION["." + name.rsplit(".", 1)[-1]]()
    document = add(world, name, data)
    assert document.content_type == content_type
    assert document.original_name == name
    assert document.size == len(data)
    assert len(document.sha256) == 64
    assert stored_files(storage) == [document.stored_name]
    assert name not in document.stored_name and "." not in document.stored_name
    with storage.open(document.stored_name, "rb") as handle:
        assert handle.read() == data


def test_an_upload_is_audited_and_logged_without_the_file_name(world):
    document = add(world, "Brief Jansen.pdf")
    event = AuditEvent.objects.get(object_type="documents.Document", action="create")
    assert event.object_id == str(document.pk)
    assert "Jansen" not in event.object_repr and "Jansen" not in str(event.changes)
    entry = AccessLogEntry.objects.get(action=AccessAction.CREATE)
    assert entry.object_type == "documents.Document"
    assert sorted(entry.resident_ids) == sorted(r.pk for r in world.residents)
    assert "Jansen" not in entry.purpose


@pytest.mark.parametrize(
    ("name", "data", "code_fragment"),
    [
        ("leeg.pdf", b"", "leeg"),
        ("groot.pdf", samples.pdf() + b" " * 2048, "te groot"),
        ("programma.exe", samples.windows_program(), "Dit soort bestand"),
        ("verklaring.pdf", samples.windows_program(), "de inhoud is geen PDF-document"),
        ("brief.docx", samples.plain_zip(), "de inhoud is geen Word-document"),
        ("foto.png", samples.pdf(), "de inhoud is een PDF-document"),
    ],
)
def test_a_refused_file_writes_nothing(world, storage, settings, name, data, code_fragment):
    settings.DOCUMENTS_MAX_BYTES = 1024
    audit_before = AuditEvent.objects.count()
    log_before = AccessLogEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        add(world, name, data)
    assert code_fragment in " ".join(caught.value.message_dict["file"])
    assert not Document.objects.exists()
    assert stored_files(storage) == []
    assert AuditEvent.objects.count() == audit_before
    assert AccessLogEntry.objects.count() == log_before


def test_a_failure_after_the_file_was_written_removes_it_again(world, storage, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        add(world)
    assert not Document.objects.exists()
    assert stored_files(storage) == []


def test_the_same_form_sent_twice_adds_one_document(world, storage):
    token = uuid.uuid4()
    first = add(world, upload_token=token)
    second = add(world, upload_token=token)
    assert first.pk == second.pk
    assert Document.objects.count() == 1
    assert len(stored_files(storage)) == 1
    assert AuditEvent.objects.filter(object_type="documents.Document").count() == 1


def test_the_same_file_twice_on_one_case_is_refused(world, storage):
    data = samples.pdf("Een brief")
    add(world, "brief.pdf", data, upload_token=uuid.uuid4())
    with pytest.raises(ValidationError) as caught:
        add(world, "kopie van brief.pdf", data, upload_token=uuid.uuid4())
    assert caught.value.message_dict["file"] == [
        "Dit bestand is al eerder aan deze casus toegevoegd."
    ]
    assert Document.objects.count() == 1 and len(stored_files(storage)) == 1
    other = CaseFactory(team=world.case.team)  # another case may hold the same file
    services.document_upload(
        actor=other.coordinator,
        case=other,
        document_type=DocumentType.BRIEF,
        file=upload("brief.pdf", data),
    )
    assert Document.objects.count() == 2


def test_a_race_of_two_same_forms_keeps_one_and_removes_the_second_file(
    world, storage, monkeypatch
):
    token = uuid.uuid4()
    first = add(world, upload_token=token)
    # The second request checked before the first was saved: it gets past the early check.
    real_filter = Document.objects.filter
    calls = {"n": 0}

    def late_filter(*args, **kwargs):
        if "upload_token" in kwargs and calls["n"] == 0:
            calls["n"] += 1
            return Document.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Document.objects, "filter", late_filter)
    monkeypatch.setattr(Document, "validate_constraints", lambda self, exclude=None: None)
    monkeypatch.setattr(Document, "validate_unique", lambda self, exclude=None: None)
    second = services.document_upload(
        actor=world.regisseur,
        case=world.case,
        document_type=DocumentType.OVERIG,
        file=upload("ander.pdf", samples.pdf("ander")),
        upload_token=token,
    )
    assert second.pk == first.pk
    assert Document.objects.count() == 1
    assert stored_files(storage) == [first.stored_name]


def test_a_document_links_only_to_an_action_and_a_resident_of_its_case(world, storage):
    plan = Plan.objects.create(case=world.case)
    action = Action.objects.create(
        plan=plan, description="Huishoudelijke hulp", owner_kind="inwoner"
    )
    other_plan = Plan.objects.create(case=CaseFactory(team=world.case.team))
    foreign_action = Action.objects.create(
        plan=other_plan, description="Vervoer", owner_kind="inwoner"
    )
    document = add(world, action=action, resident=world.residents[1])
    assert document.action == action and document.resident == world.residents[1]
    with pytest.raises(ValidationError) as caught:
        add(world, "ander.pdf", samples.pdf("ander"), action=foreign_action)
    assert caught.value.message_dict["action"] == [
        "Deze actie hoort niet bij het plan van deze casus."
    ]
    outsider = CaseFactory(team=world.case.team).household.members.first()
    with pytest.raises(ValidationError) as caught:
        add(world, "derde.pdf", samples.pdf("derde"), resident=outsider)
    assert "resident" in caught.value.message_dict
    assert Document.objects.count() == 1 and len(stored_files(storage)) == 1


def test_a_document_links_only_to_a_decision_of_its_case(world):
    other = CaseFactory(team=world.case.team)
    day = datetime.date(2026, 2, 2)
    common = {
        "law": "wmo",
        "product_category": "02",
        "volume": Decimal("2"),
        "unit": "04",
        "frequency": "2",
        "starts_on": day,
        "ends_on": day,
        "requested_on": day,
        "created_by": world.regisseur,
    }
    mine = Decision.objects.create(case=world.case, resident=world.residents[0], **common)
    theirs = Decision.objects.create(case=other, resident=other.household.members.first(), **common)
    assert add(world, decision=mine).decision == mine
    with pytest.raises(ValidationError) as caught:
        add(world, "b.pdf", samples.pdf("b"), decision=theirs)
    assert caught.value.message_dict["decision"] == ["Dit besluit hoort niet bij deze casus."]


def test_only_case_workers_add_documents(world, storage):
    team_member = world.outsider
    with pytest.raises(PermissionDenied):
        add(world, actor=team_member)
    assert not Document.objects.exists() and stored_files(storage) == []


def test_a_partner_adds_only_types_of_a_category_they_may_see(world, storage):
    assert add(world, actor=world.partner, document_type=DocumentType.VERSLAG_DERDEN)
    with pytest.raises(PermissionDenied) as caught:
        add(
            world,
            "verklaring.pdf",
            samples.pdf("medisch"),
            actor=world.partner,
            document_type=DocumentType.MEDISCHE_VERKLARING,
        )
    assert "Gezondheid" in str(caught.value)
    assert Document.objects.count() == 1 and len(stored_files(storage)) == 1


def test_an_unknown_type_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        add(world, document_type="paspoort")
    assert "document_type" in caught.value.message_dict


def test_removal_deletes_the_file_when_the_transaction_commits(
    world, storage, django_capture_on_commit_callbacks
):
    document = add(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(actor=world.regisseur, document=document)
    assert not Document.objects.exists()
    assert stored_files(storage) == []
    assert AuditEvent.objects.filter(action="delete", object_type="documents.Document").exists()
    assert AccessLogEntry.objects.filter(action=AccessAction.DELETE).exists()


def test_removal_is_for_case_workers_who_may_see_the_document(world, storage):
    medical = DocumentFactory(case=world.case, medisch=True)
    with pytest.raises(PermissionDenied):
        services.document_delete(actor=world.partner, document=medical)
    with pytest.raises(PermissionDenied):
        services.document_delete(actor=world.outsider, document=medical)
    assert Document.objects.filter(pk=medical.pk).exists()
    assert stored_files(storage) == [medical.stored_name]
