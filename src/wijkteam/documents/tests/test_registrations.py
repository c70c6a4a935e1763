"""Documents in the inzage export and in retention: the row and the stored file go together."""

import datetime

import pytest

from wijkteam.cases import links
from wijkteam.documents.models import Document
from wijkteam.privacy import registry
from wijkteam.rights import retention
from wijkteam.rights.inzage import build_export
from wijkteam.testing.factories import CaseFactory, DocumentFactory, UserFactory

from .conftest import stored_files

pytestmark = pytest.mark.django_db


def test_documents_are_registered_for_inzage_retention_and_the_case_page():
    assert "documents.Document" in [s.label for s in registry.inzage_sections()]
    case_rows = [r.label for r in registry.case_rows()]
    assert case_rows.index("documents.Document") < case_rows.index("cases.Case")
    assert "documenten" in links._LINKS


def test_the_inzage_export_lists_the_documents_of_the_household_and_of_the_resident():
    case = CaseFactory(residents=2)
    first, second = case.household.members.order_by("pk")
    household = DocumentFactory(case=case, description="over het huishouden")
    about_first = DocumentFactory(case=case, resident=first, medisch=True)
    about_second = DocumentFactory(case=case, resident=second, description="alleen de ander")
    DocumentFactory(description="andere casus")
    section = next(s for s in build_export(first)["sections"] if s["model"] == "documents.Document")
    ids = [r["id"] for r in section["records"]]
    assert ids == sorted([household.pk, about_first.pk])
    assert about_second.pk not in ids
    record = next(r for r in section["records"] if r["id"] == about_first.pk)
    assert record["document_type"] == {
        "value": "medische_verklaring",
        "label": "Medische verklaring of advies",
    }
    assert record["original_name"] == about_first.original_name
    assert record["sha256"] == about_first.sha256
    assert section["fields"]["original_name"] == "bestandsnaam"


def test_retention_destroys_the_documents_and_their_files(
    storage, django_capture_on_commit_callbacks
):
    case = CaseFactory(afgesloten=True, closed_on=datetime.date(2005, 1, 1))
    documents = [DocumentFactory(case=case), DocumentFactory(case=case, medisch=True)]
    kept = DocumentFactory()  # another, living case
    assert len(stored_files(storage)) == 3
    [dossier] = retention.find_due_dossiers()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = retention.destroy_dossier(dossier, actor=UserFactory())
    assert outcome.counts["documents.Document"] == 2
    assert not Document.objects.filter(pk__in=[d.pk for d in documents]).exists()
    assert stored_files(storage) == [kept.stored_name]


def test_a_dry_run_of_retention_keeps_the_files(storage, django_capture_on_commit_callbacks):
    case = CaseFactory(afgesloten=True, closed_on=datetime.date(2005, 1, 1))
    document = DocumentFactory(case=case)
    [dossier] = retention.find_due_dossiers()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outcome = retention.destroy_dossier(dossier, dry_run=True)
    assert outcome.counts["documents.Document"] == 1
    assert callbacks == []
    assert Document.objects.filter(pk=document.pk).exists()
    assert stored_files(storage) == [document.stored_name]


def test_a_queryset_delete_removes_the_files_on_commit_only(
    storage, django_capture_on_commit_callbacks
):
    document = DocumentFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Document.objects.filter(pk=document.pk).delete()
    assert stored_files(storage) == [document.stored_name]  # not yet: not committed
    for callback in callbacks:
        callback()
    assert stored_files(storage) == []
