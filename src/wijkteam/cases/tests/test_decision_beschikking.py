import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from wijkteam import deadlines
from wijkteam.cases.constants import DecisionOutcome, LegalBasis
from wijkteam.cases.documents.beschikking import (
    amount_text,
    municipality_names,
    postcode_text,
    render_beschikking,
)
from wijkteam.cases.models import Decision
from wijkteam.cases.services import decision as decisions
from wijkteam.cases.services.terms import atw_calendar
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.pdf import pdf_text

from .test_decision_fixtures import decided, request_decision, today, world

__all__ = ["world"]

pytestmark = pytest.mark.django_db

BEZWAAR = "U kunt binnen zes weken na de dag waarop dit besluit is bekendgemaakt bezwaar maken"


def test_letter_states_decision_grounds_and_bezwaar_term_with_its_last_day(world):
    decision = decided(world)
    pdf = decisions.decision_beschikking(actor=world.coordinator, decision=decision)
    text = pdf_text(pdf)
    resident = world.resident
    due = deadlines.compute_due("bezwaar", today(), calendar=atw_calendar())
    assert "Gemeente Test" in text and "Gemeente Gemeente" not in text
    assert resident.full_name in text
    assert f"{resident.street} {resident.house_number}" in text
    assert "1234 AB Voorbeeld" in text
    assert "02 Begeleiding" in text
    assert "4 uur per week" in text
    assert "Wij kennen uw aanvraag toe." in text
    assert decision.motivation in text
    assert "Wmo 2015, art. 2.3.5 (maatwerkvoorziening)" in text
    assert BEZWAAR in text
    assert f"uiterlijk op {deadlines.format_date_nl(due)}" in text


def test_letter_uses_the_recorded_bekendmaking_and_the_atw(world):
    decision = decided(world)
    # Made known on Thursday 2 April 2026: six weeks later is Hemelvaartsdag (14 May), the
    # next day is equated by decree (15 May), so the last day is Monday 18 May 2026.
    Decision.objects.filter(pk=decision.pk).update(made_known_on=datetime.date(2026, 4, 2))
    decision.refresh_from_db()
    text = pdf_text(render_beschikking(decision))
    assert "Dit besluit is bekendgemaakt op 2 april 2026." in text
    assert "uiterlijk op maandag 18 mei 2026" in text
    assert "Datum 2 april 2026" in text


def test_letter_is_dutch_whatever_the_users_language(world):
    decision = decided(world)
    with translation.override("en"):
        text = pdf_text(render_beschikking(decision))
    assert BEZWAAR in text


def test_rejection_letter(world):
    decision = request_decision(world)
    decision = decisions.decision_take(
        actor=world.beslisser,
        decision=decision,
        outcome=DecisionOutcome.AFGEWEZEN,
        motivation="Een algemene voorziening is passend.",
        legal_basis=LegalBasis.VERORDENING,
    )
    text = pdf_text(render_beschikking(decision))
    assert "Wij wijzen uw aanvraag af." in text
    assert "Gevraagde omvang" in text
    assert BEZWAAR in text


def test_export_is_logged(world):
    decision = decided(world)
    decisions.decision_beschikking(actor=world.beslisser, decision=decision)
    entry = AccessLogEntry.objects.filter(action=AccessAction.EXPORT).get()
    assert entry.resident_ids == [world.resident.pk]
    assert entry.object_id == str(decision.pk)


def test_no_letter_before_the_decision_is_final(world):
    pending = decisions.decision_take(
        actor=world.beslisser,
        decision=request_decision(world, volume=Decimal(15)),
        outcome=DecisionOutcome.TOEGEKEND,
        motivation="Veel begeleiding nodig.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )
    for decision in (request_decision(world), pending):
        with pytest.raises(ValidationError, match="definitief"):
            decisions.decision_beschikking(actor=world.coordinator, decision=decision)
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()


def test_outsider_gets_no_letter(world):
    decision = decided(world)
    with pytest.raises(PermissionDenied):
        decisions.decision_beschikking(actor=world.outsider, decision=decision)
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()


def test_helpers():
    assert municipality_names("Utrecht") == ("Gemeente Utrecht", "Utrecht")
    assert municipality_names("Gemeente Test") == ("Gemeente Test", "Test")
    assert postcode_text("1234AB") == "1234 AB"
    assert amount_text(Decimal("2.50"), "16", "2") == "2,5 dagdeel (4 uur) per week"
