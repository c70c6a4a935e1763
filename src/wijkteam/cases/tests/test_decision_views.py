import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.models import AuditEvent
from wijkteam.cases.constants import DecisionOutcome, DecisionStatus, LegalBasis
from wijkteam.cases.models import Decision
from wijkteam.cases.services import decision as decisions
from wijkteam.cases.services import intervention as interventions
from wijkteam.organisation.constants import TeamRole
from wijkteam.testing.factories import MembershipFactory, OrganisationFactory

from .test_decision_fixtures import build_world, decided, request_decision, today, world

__all__ = ["world"]

pytestmark = pytest.mark.django_db


def request_data(w, **overrides):
    data = {
        "resident": w.resident.pk,
        "law": "wmo",
        "product_category": "01",
        "product_code": "",
        "volume": "3",
        "unit": "04",
        "frequency": "2",
        "starts_on": today().isoformat(),
        "ends_on": (today() + datetime.timedelta(days=60)).isoformat(),
        "budget": "",
        "requested_on": today().isoformat(),
    }
    data.update(overrides)
    return data


def decide_data(**overrides):
    data = {
        "outcome": "toegekend",
        "motivation": "Hulp bij het huishouden is nodig.",
        "legal_basis": LegalBasis.WMO_2_3_5,
        "deviation_justification": "",
    }
    data.update(overrides)
    return data


def url(name, decision):
    return reverse(f"cases:{name}", args=[decision.case_id, decision.pk])


# ---- aanvraag ----------------------------------------------------------------------------


def test_request_form_and_save(client_for, world):
    client = client_for(world.coordinator)
    target = reverse("cases:decision_request", args=[world.case.pk])
    assert client.get(target).status_code == 200
    response = client.post(target, request_data(world))
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("decision_detail", decision)
    assert decision.product_category == "01"


def test_request_with_unknown_product_category_shows_dutch_error(client_for, world):
    response = client_for(world.coordinator).post(
        reverse("cases:decision_request", args=[world.case.pk]),
        request_data(world, product_category="99"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Onbekende productcode/productcategorie: 99." in html
    assert 'aria-invalid="true"' in html
    assert not Decision.objects.exists()


def test_request_with_category_of_other_law_and_future_date(client_for, world):
    future = (today() + datetime.timedelta(days=5)).isoformat()
    response = client_for(world.coordinator).post(
        reverse("cases:decision_request", args=[world.case.pk]),
        request_data(world, product_category="45", requested_on=future),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "hoort niet bij de Wmo 2015" in html
    assert "kan niet in de toekomst liggen" in html
    assert not Decision.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "supporter"])
def test_request_form_is_404_for_non_workers(client_for, world, who):
    target = reverse("cases:decision_request", args=[world.case.pk])
    response = client_for(getattr(world, who)).post(target, request_data(world))
    assert response.status_code == 404
    assert not Decision.objects.exists()


# ---- besluit -----------------------------------------------------------------------------


def test_decide_page_previews_the_mandate(client_for, world):
    small = request_decision(world, volume=Decimal(4))
    large = request_decision(world, volume=Decimal(15))
    client = client_for(world.beslisser)
    assert "Binnen uw mandaat" in client.get(url("decision_take", small)).content.decode()
    html = client.get(url("decision_take", large)).content.decode()
    assert "Tweede akkoord nodig" in html and "omvang boven 10" in html
    # The cliëntondersteuner is not offered the form at all (issue 15), but told why.
    response = client_for(world.supporter).get(url("decision_take", small))
    assert response.status_code == 403
    assert "cliëntondersteuner van deze casus" in response.content.decode()


def test_decide_through_the_screen(client_for, world):
    decision = request_decision(world)
    response = client_for(world.beslisser).post(url("decision_take", decision), decide_data())
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.BESLOTEN


def test_decide_without_legal_basis_is_400_with_message(client_for, world):
    decision = request_decision(world)
    response = client_for(world.beslisser).post(
        url("decision_take", decision), decide_data(legal_basis="")
    )
    assert response.status_code == 400
    assert "zonder wettelijke grondslag" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.AANGEVRAAGD


def test_supporter_deciding_through_the_screen_is_403_and_recorded(client_for, world):
    decision = request_decision(world)
    response = client_for(world.supporter).post(url("decision_take", decision), decide_data())
    assert response.status_code == 403
    assert "nooit over deze casus beslissen" in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.DENIED, object_id=str(decision.pk), actor=world.supporter
    ).exists()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.AANGEVRAAGD and decision.outcome == ""


def test_decide_page_of_a_decided_decision_redirects(client_for, world):
    decision = decided(world)
    response = client_for(world.beslisser).get(url("decision_take", decision))
    assert response.status_code == 302


def test_decision_of_another_case_is_404(client_for, world):
    decision = request_decision(world)
    other = build_world()
    target = reverse("cases:decision_detail", args=[other.case.pk, decision.pk])
    assert client_for(other.coordinator).get(target).status_code == 404
    assert client_for(world.outsider).get(url("decision_detail", decision)).status_code == 404


def test_approve_by_teamleider_and_refusal_for_the_decider(client_for, db):
    w = build_world()
    boss = MembershipFactory(team=w.team, roles=[TeamRole.BESLISSER, TeamRole.TEAMLEIDER]).user
    decision = decisions.decision_take(
        actor=boss,
        decision=request_decision(w, volume=Decimal(15)),
        outcome=DecisionOutcome.TOEGEKEND,
        motivation="Veel begeleiding nodig.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )
    case_page = client_for(w.leader).get(
        reverse("cases:detail", args=[w.case.pk]) + "?onderdeel=besluiten"
    )
    assert "Tweede akkoord geven" in case_page.content.decode()
    own = client_for(boss).post(url("decision_approve", decision))
    assert own.status_code == 403
    assert "eigen besluit" in own.content.decode()
    assert client_for(boss).get(url("decision_approve", decision)).status_code == 405
    response = client_for(w.leader).post(url("decision_approve", decision))
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.BESLOTEN and decision.approved_by == w.leader


def test_detail_made_known_and_pdf(client_for, world):
    decision = decided(world)
    client = client_for(world.coordinator)
    html = client.get(url("decision_detail", decision)).content.decode()
    assert "Beschikking downloaden (PDF)" in html
    response = client.post(
        url("decision_made_known", decision), {"made_known_on": today().isoformat()}
    )
    assert response.status_code == 302
    pdf = client.get(url("decision_pdf", decision))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert f'filename="beschikking-{decision.pk}.pdf"' in pdf["Content-Disposition"]


def test_made_known_in_future_is_400(client_for, world):
    decision = decided(world)
    response = client_for(world.coordinator).post(
        url("decision_made_known", decision),
        {"made_known_on": (today() + datetime.timedelta(days=3)).isoformat()},
    )
    assert response.status_code == 400
    assert "kan niet in de toekomst liggen" in response.content.decode()


def test_pdf_of_a_pending_decision_is_400_and_outsider_404(client_for, world):
    decision = request_decision(world)
    response = client_for(world.coordinator).get(url("decision_pdf", decision))
    assert response.status_code == 400
    assert "definitief" in response.content.decode()
    assert client_for(world.outsider).get(url("decision_pdf", decided(world))).status_code == 404


# ---- accountability ------------------------------------------------------------------------


def test_accountability_page_for_teamleiders_only(client_for, db):
    w = build_world(flexible=True)
    decisions.decision_take(
        actor=w.beslisser,
        decision=request_decision(w),
        outcome=DecisionOutcome.TOEGEKEND,
        motivation="Past niet in het protocol.",
        legal_basis=LegalBasis.WMO_2_3_5,
        deviates_from_protocol=True,
        deviation_justification="Acute situatie, protocol te traag.",
    )
    final = decided(w)
    own_org = OrganisationFactory(aanbieder=True, municipality=w.team.municipality)
    allocator = MembershipFactory(team=w.team, organisation=own_org, roles=[TeamRole.GENERALIST])
    w.case.involved_members.add(allocator.user)
    allocation = interventions.intervention_start(
        actor=allocator.user,
        case=w.case,
        kind="maatwerk",
        description="Begeleiding",
        starts_on=today(),
        decision=final,
        provider=own_org,
        volume=Decimal(2),
        unit="04",
        frequency="2",
        own_employer_reason="Enige aanbieder met een plek deze maand.",
    ).allocation
    target = reverse("cases:accountability")
    response = client_for(w.leader).get(target)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Acute situatie, protocol te traag." in html
    assert allocation.allocation_number in html
    assert "Enige aanbieder met een plek deze maand." in html
    assert w.resident.last_name not in html
    for user in (w.beslisser, w.coordinator, w.outsider):
        assert client_for(user).get(target).status_code == 404
    other_leader = MembershipFactory(roles=[TeamRole.TEAMLEIDER]).user
    assert client_for(other_leader).get(target, {"team": w.team.pk}).status_code == 404
    assert client_for(other_leader).get(target).status_code == 200


# ---- the case page section ------------------------------------------------------------------


def test_section_adds_a_fixed_number_of_queries(client_for, world):
    client = client_for(world.leader)
    target = reverse("cases:detail", args=[world.case.pk]) + "?onderdeel=besluiten"
    client.get(target)
    with CaptureQueriesContext(connection) as small:
        response = client.get(target)
    assert response.status_code == 200
    assert "Nog geen aanvragen." in response.content.decode()
    for _ in range(3):
        decisions.decision_made_known(
            actor=world.coordinator, decision=decided(world), made_known_on=today()
        )
    request_decision(world)
    decisions.decision_take(
        actor=world.beslisser,
        decision=request_decision(world, volume=Decimal(15)),
        outcome=DecisionOutcome.TOEGEKEND,
        motivation="Veel begeleiding nodig.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )
    with CaptureQueriesContext(connection) as large:
        response = client.get(target)
    html = response.content.decode()
    assert html.count("Beschikking (PDF)") == 3
    assert "Tweede akkoord geven" in html
    assert len(large) == len(small)


def test_the_decide_form_is_not_offered_to_the_supporter(client_for, world):
    decision = request_decision(world)
    client = client_for(world.supporter)
    detail = client.get(url("decision_detail", decision)).content.decode()
    assert url("decision_take", decision) not in detail
    response = client.get(url("decision_take", decision))
    assert response.status_code == 403
    page = response.content.decode()
    assert "nooit over deze casus" in page and "Een beslisser van het team" in page
    assert 'name="motivation"' not in page
    # The beslisser still gets the form.
    form = client_for(world.beslisser).get(url("decision_take", decision))
    assert form.status_code == 200 and 'name="motivation"' in form.content.decode()


def test_decide_page_warns_about_an_overlapping_grant_for_the_same_support(client_for, world):
    granted = decided(world)  # 02 begeleiding, today + 90 days
    again = request_decision(
        world, starts_on=today() + datetime.timedelta(days=30), requested_on=today()
    )
    other_support = request_decision(world, product_category="01", product_code="")
    later = request_decision(
        world,
        starts_on=granted.ends_on + datetime.timedelta(days=1),
        ends_on=granted.ends_on + datetime.timedelta(days=60),
    )
    client = client_for(world.beslisser)
    html = client.get(url("decision_take", again)).content.decode()
    assert "Let op: er is al een toekenning in deze periode" in html
    assert f"{granted.ends_on:%Y}" in html
    for no_overlap in (other_support, later):
        html = client.get(url("decision_take", no_overlap)).content.decode()
        assert "Let op: er is al een toekenning" not in html


def test_overlap_is_scoped_to_cases_the_user_may_see(world):
    from wijkteam.cases.selectors_decision import overlapping_grants

    decided(world)
    again = request_decision(world)
    assert len(overlapping_grants(user=world.beslisser, decision=again)) == 1
    assert overlapping_grants(user=world.outsider, decision=again) == []
