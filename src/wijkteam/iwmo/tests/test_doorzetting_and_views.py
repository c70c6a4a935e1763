"""Doorzettingsmacht, the resident's choice of provider, the catalogue and the screens."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wijkteam.cases.models import Allocation
from wijkteam.cases.services import intervention as interventions
from wijkteam.cases.tests.test_decision_fixtures import build_world, decided
from wijkteam.iwmo.constants import DeploymentStatus, EscalationStatus
from wijkteam.iwmo.models import Message, SpecialistDeployment
from wijkteam.iwmo.selectors import provider_performance
from wijkteam.iwmo.services import (
    OutsideMandate,
    escalation_answer,
    escalation_create,
    specialist_deploy,
    specialist_stop,
)
from wijkteam.organisation.constants import DecisionType, TeamRole
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.providers.models import ContractedProduct
from wijkteam.providers.services import contracted_product_add
from wijkteam.testing.factories import MandateRuleFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def deploy_args(w, volume=Decimal(4)):
    return {
        "actor": w.coordinator,
        "case": w.case,
        "provider": w.provider,
        "product_category": "02",
        "volume": volume,
        "unit": "04",
        "frequency": "2",
        "starts_on": TODAY,
        "ends_on": TODAY + datetime.timedelta(weeks=4),
        "reason": "Crisis thuis, specialist nu nodig",
    }


@pytest.fixture
def w(db):
    world = build_world()
    MandateRuleFactory(
        team=world.team,
        role=TeamRole.GENERALIST,
        decision_type=DecisionType.SPECIALIST_INZETTEN,
        volume_alone=Decimal(5),
        volume_max=Decimal(10),
    )
    return world


def test_without_doorzettingsmacht_the_member_must_escalate(w):
    with pytest.raises(OutsideMandate, match="doorzettingsmacht"):
        specialist_deploy(**deploy_args(w))


def test_within_the_mandate_deploy_and_stop(w):
    w.team.direct_specialist_deployment = True
    w.team.save()
    deployment = specialist_deploy(**deploy_args(w))
    assert deployment.status == DeploymentStatus.LOOPT
    with pytest.raises(ValidationError):
        specialist_stop(actor=w.coordinator, deployment=deployment, stopped_on=TODAY, reason="")
    specialist_stop(actor=w.coordinator, deployment=deployment, stopped_on=TODAY, reason="Klaar")
    with pytest.raises(ValidationError, match="al gestopt"):
        specialist_stop(actor=w.coordinator, deployment=deployment, stopped_on=TODAY, reason="x")
    with pytest.raises(PermissionDenied):
        specialist_deploy(**{**deploy_args(w), "actor": w.outsider})


def test_above_the_limit_escalate_and_the_teamleider_deploys(w):
    w.team.direct_specialist_deployment = True
    w.team.save()
    args = deploy_args(w, volume=Decimal(8))
    with pytest.raises(OutsideMandate) as exc:
        specialist_deploy(**args)
    escalation = escalation_create(**args, mandate_note=exc.value.reason)
    assert escalation.due_on > TODAY
    with pytest.raises(PermissionDenied):
        escalation_answer(actor=w.coordinator, escalation=escalation, deploy=True, answer="ja")
    answered = escalation_answer(actor=w.leader, escalation=escalation, deploy=True, answer="Ja")
    assert answered.status == EscalationStatus.INGEZET
    assert answered.deployment is not None and answered.deployment.deployed_by == w.leader
    assert (
        SpecialistDeployment.objects.filter(
            case__team=w.team, status=DeploymentStatus.LOOPT
        ).count()
        == 1
    )


def allocate(w, decision, **extra):
    return interventions.intervention_start(
        actor=w.coordinator,
        case=w.case,
        kind="maatwerk",
        description="Begeleiding",
        starts_on=decision.starts_on,
        decision=decision,
        provider=w.provider,
        volume=Decimal(2),
        unit=decision.unit,
        frequency=decision.frequency,
        **extra,
    )


def test_allocating_against_the_residents_choice_needs_a_reason(w):
    decision = decided(w)
    other = OrganisationFactory(aanbieder=True, municipality=w.team.municipality, name="Ander")
    offered = [w.provider, other]
    with pytest.raises(ValidationError) as exc:
        allocate(w, decision, offered_providers=offered, chosen_provider=other)
    assert "choice_deviation_reason" in exc.value.message_dict
    assert not Allocation.objects.exists()
    with pytest.raises(ValidationError) as exc:
        allocate(w, decision, offered_providers=[w.provider], chosen_provider=other)
    assert "chosen_provider" in exc.value.message_dict
    intervention = allocate(
        w,
        decision,
        offered_providers=offered,
        chosen_provider=other,
        team_advised=True,
        choice_deviation_reason="Wachtlijst bij de gekozen aanbieder",
    )
    allocation = intervention.allocation
    assert set(allocation.offered_providers.all()) == set(offered)
    assert allocation.team_advised and allocation.chosen_provider == other
    (row,) = provider_performance()
    assert (row.allocations, row.against_choice, row.started) == (1, 1, 0)


def test_the_catalogue_limits_providers_for_a_contracted_category(w):
    beheerder = UserFactory(beheerder=True)
    other = OrganisationFactory(aanbieder=True, municipality=w.team.municipality, name="Ander")
    contracted_product_add(
        actor=beheerder, provider=other, product_category="02", description="Begeleiding"
    )
    with pytest.raises(ValidationError, match="al in het contract"):
        contracted_product_add(
            actor=beheerder, provider=other, product_category="02", description="Dubbel"
        )
    with pytest.raises(PermissionDenied):
        contracted_product_add(
            actor=w.coordinator, provider=other, product_category="02", description="x"
        )
    with pytest.raises(ValidationError) as exc:
        allocate(w, decided(w))
    assert "geen contract" in exc.value.message_dict["provider"][0]
    assert ContractedProduct.objects.count() == 1


def test_the_allocation_form_is_prefilled_from_the_decision(w, client_for):
    decision = decided(w, volume=Decimal(3))
    url = reverse("cases:intervention_start", args=[w.case.pk, "maatwerk"])
    response = client_for(w.coordinator).get(url)
    form = response.context["form"]
    assert form.initial["decision"] == decision.pk
    assert form.initial["volume"] == Decimal(3) and form.initial["unit"] == decision.unit


def test_message_log_for_beheerder_and_teamleider(w, client_for, django_assert_max_num_queries):
    beheerder = UserFactory(beheerder=True)
    for n in range(3):
        Message.objects.create(
            standard="iwmo",
            message_type="305",
            direction="in",
            status="verwerkt",
            message_id=f"M{n}",
            sender="12345678",
            receiver="0001",
            case=w.case,
            resident=w.resident,
            raw_xml="<Bericht>geheim</Bericht>",
        )
    client = client_for(beheerder)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("iwmo:log"))
    assert response.status_code == 200 and b"M2" in response.content
    detail = client.get(reverse("iwmo:message", args=[Message.objects.first().pk]))
    assert b"geheim" not in detail.content
    leader = client_for(w.leader)
    before = AccessLogEntry.objects.count()
    detail = leader.get(reverse("iwmo:message", args=[Message.objects.first().pk]))
    assert b"geheim" in detail.content and AccessLogEntry.objects.count() > before
    assert client_for(w.coordinator).get(reverse("iwmo:log")).status_code == 404
    for n in range(3, 20):
        Message.objects.create(
            standard="iwmo", message_type="305", direction="in", status="verwerkt",
            message_id=f"M{n}", sender="12345678", receiver="0001", raw_xml="<x/>",
        )  # fmt: skip
    with django_assert_max_num_queries(12):
        assert client.get(reverse("iwmo:log")).status_code == 200


def test_case_page_and_screens_render(w, client_for):
    client = client_for(w.coordinator)
    assert client.get(reverse("iwmo:case", args=[w.case.pk])).status_code == 200
    page = client.get(reverse("iwmo:deploy", args=[w.case.pk]))
    assert page.status_code == 200
    data = {k: v for k, v in deploy_args(w).items() if k not in ("actor", "case")}
    data["provider"] = w.provider.pk
    refused = client.post(reverse("iwmo:deploy", args=[w.case.pk]), data)
    assert refused.status_code == 400 and b"teamleider" in refused.content
    data["escaleren"] = "1"
    done = client.post(reverse("iwmo:deploy", args=[w.case.pk]), data)
    assert done.status_code == 302, done.content.decode()[-3000:]
    assert client_for(w.outsider).get(reverse("iwmo:case", args=[w.case.pk])).status_code == 404
    beheerder = client_for(UserFactory(beheerder=True))
    assert beheerder.get(reverse("providers:catalogue")).status_code == 200
    bad = beheerder.post(
        reverse("providers:product_add"),
        {
            "provider": w.provider.pk,
            "product_category": "02",
            "product_code": "x",
            "description": "d",
        },
    )
    assert bad.status_code == 400 and b"vijf" in bad.content
