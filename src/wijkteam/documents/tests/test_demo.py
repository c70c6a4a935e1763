"""The demo's documents go through the service: checked, stored, audited and logged."""

import datetime

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.models import Case
from wijkteam.documents import filetypes
from wijkteam.documents.models import Document
from wijkteam.privacy.models import Consent
from wijkteam.synthetic.demo_documents import add_demo_documents
from wijkteam.testing.factories import CaseFactory

from .conftest import stored_files


def test_demo_documents_are_added_through_the_service(world, storage):
    other = CaseFactory(team=world.case.team, coordinator=world.partner, onderzoek=True)
    Consent.objects.create(
        resident=other.household.members.get(),
        organisation=world.provider,
        purpose="Afstemmen",
        categories=["onderzoek"],
        given_how="mondeling",
        valid_from=datetime.date(2026, 1, 5),
        recorded_by=world.regisseur,
    )
    added = add_demo_documents(cases=Case.objects.filter(pk__in=[world.case.pk, other.pk]))
    documents = list(Document.objects.order_by("pk"))
    assert added == len(documents) >= 3
    assert sorted(stored_files(storage)) == sorted(d.stored_name for d in documents)
    for document in documents:
        with storage.open(document.stored_name, "rb") as handle:
            kind = filetypes.detect(handle)
        assert kind is not None and kind.content_type == document.content_type
    # The partner's case has only the types their organisation may see (onderzoek).
    assert {d.document_type for d in documents if d.case_id == other.pk} <= {
        "brief",
        "verslag_derden",
        "overig",
    }
    assert AuditEvent.objects.filter(object_type="documents.Document").count() == added
