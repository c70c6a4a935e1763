"""A new app adds its models to inzage and retention by registering, without editing rights."""

import datetime

import pytest
from django.db.models import Q

from wijkteam.audit.models import AuditEvent
from wijkteam.privacy import registry
from wijkteam.rights import retention
from wijkteam.rights.inzage import build_export
from wijkteam.testing.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean_registry(monkeypatch):
    """Registrations made in a test are gone afterwards."""
    monkeypatch.setattr(registry, "_inzage", dict(registry._inzage))
    monkeypatch.setattr(registry, "_case_rows", dict(registry._case_rows))
    monkeypatch.setattr(registry, "_resident_rows", dict(registry._resident_rows))


def _event_about(case_id: int) -> AuditEvent:
    # Stands in for a higher app's model with rows about a case (a message, a document).
    return AuditEvent.objects.create(
        actor=None, action="create", object_type="test.Thing", object_id=str(case_id)
    )


def test_every_app_registered_its_models_in_order():
    labels = [s.label for s in registry.inzage_sections()]
    assert labels[:3] == ["residents.Resident", "residents.Household", "residents.NetworkMember"]
    assert labels.index("cases.Report") < labels.index("privacy.Consent")
    assert labels[-2:] == ["rights.InzageRequest", "rights.CorrectionRequest"]
    case_rows = [r.label for r in registry.case_rows()]
    assert case_rows[0] == "privacy.EmergencyAccess"
    assert case_rows[-1] == "cases.Case"
    resident_rows = [r.label for r in registry.resident_rows()]
    assert resident_rows[-2:] == ["residents.Resident", "residents.Household"]


def test_a_registered_section_is_in_the_inzage_export(clean_registry):
    case = CaseFactory()
    resident = case.household.members.first()
    _event_about(case.pk)
    _event_about(case.pk + 1000)
    registry.register_inzage(
        "audit.AuditEvent",
        lambda s: Q(object_type="test.Thing", object_id__in=[str(pk) for pk in s.case_ids]),
        order=650,
    )
    data = build_export(resident)
    section = next(s for s in data["sections"] if s["model"] == "audit.AuditEvent")
    assert [r["object_id"] for r in section["records"]] == [str(case.pk)]
    assert data["sections"][-1]["model"] == "audit.AuditEvent"  # after the rights records


def test_registered_case_rows_are_destroyed_with_the_case(clean_registry):
    case = CaseFactory(afgesloten=True, closed_on=datetime.date(2005, 1, 1))
    mine = _event_about(case.pk)
    other = _event_about(case.pk + 1000)
    registry.register_case_rows(
        "audit.AuditEvent:test",
        lambda pk: AuditEvent.objects.filter(object_type="test.Thing", object_id=str(pk)),
        order=5,
    )
    [dossier] = retention.find_due_dossiers()
    outcome = retention.destroy_dossier(dossier, actor=UserFactory())
    assert outcome.counts["audit.AuditEvent"] == 1
    assert not AuditEvent.objects.filter(pk=mine.pk).exists()
    assert AuditEvent.objects.filter(pk=other.pk).exists()
