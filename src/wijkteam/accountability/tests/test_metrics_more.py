"""The further indicators on a hand-built data set with known answers (docs/indicators.md)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from wijkteam.accountability.indicators import INDICATORS, value
from wijkteam.accountability.metrics_more import units
from wijkteam.accountability.models import Aggregate
from wijkteam.accountability.snapshot import snapshot_build
from wijkteam.accountability.tests.test_performance import allocate
from wijkteam.cases.models import (
    Action,
    Case,
    Conversation,
    Decision,
    InitiativeConnection,
    Investigation,
    Plan,
)
from wijkteam.cases.selectors_plan import general_provision_actions
from wijkteam.iwmo.models import Escalation, SpecialistDeployment
from wijkteam.organisation.models import Membership
from wijkteam.privacy.models import Consent
from wijkteam.residents.models import NetworkMember
from wijkteam.rights.models import InzageRequest
from wijkteam.socialmap.models import InitiativeSupport
from wijkteam.testing.factories import (
    CaseFactory,
    DistrictFactory,
    InitiativeFactory,
    MapServiceFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    ResidentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 10, 5)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def total(metric: str) -> Decimal:
    return sum((a.value for a in Aggregate.objects.filter(metric=metric)), Decimal(0))


def by_key() -> dict[str, float | int | None]:
    sums: dict[str, float] = {}
    for metric, v in Aggregate.objects.values_list("metric", "value"):
        sums[metric] = sums.get(metric, 0.0) + float(v)
    return {i.key: value(i, sums) for i in INDICATORS}


def day_plus(n: int) -> datetime.date:
    return DAY + datetime.timedelta(days=n)


@pytest.fixture
def world():
    case = CaseFactory()
    other = CaseFactory(team=case.team, opened_on=DAY)
    return case, other


def test_first_contact_involvement_and_client_support(world) -> None:
    case, other = world
    ReportFactory(team=case.team, case=case, received_at=at(DAY))
    ReportFactory(team=case.team, case=other, received_at=at(DAY))  # no conversation: not counted
    investigation = Investigation.objects.create(case=case, started_on=DAY)
    for held, present in ((day_plus(3), False), (day_plus(7), True)):
        Conversation.objects.create(
            investigation=investigation,
            held_on=held,
            place="thuis",
            summary="-",
            recorded_by=case.coordinator,
            client_supporter_present=present,
        )
    # Who is involved: the coordinator (responsible organisation, welzijnswerker), a nurse of
    # another organisation, a second welzijnswerker of the same organisation, and a provider.
    nurse_org = OrganisationFactory(municipality=case.team.municipality)
    nurse = MembershipFactory(
        team=case.team, organisation=nurse_org, discipline="wijkverpleegkundige"
    ).user
    colleague = MembershipFactory(team=case.team).user
    outsider = MembershipFactory(discipline="mee_consulent").user  # another team: not counted
    case.involved_members.add(nurse, colleague, outsider)
    provider = OrganisationFactory(aanbieder=True)
    span = {"at": DAY, "begins": DAY, "ends": DAY, "volume": 2, "frequency": "2"}
    allocate(case, provider, "02", **span, number="M1")
    Case.objects.filter(pk=case.pk).update(state="afgesloten", closed_on=day_plus(10))

    snapshot_build(trigger="test")

    assert total("eerste_contact.n") == 1 and total("eerste_contact.dagen") == 3
    assert total("casus.afgesloten") == 1
    assert total("casus.organisaties") == 3  # responsible organisation, nurse's, provider
    assert total("casus.disciplines") == 2  # welzijnswerker, wijkverpleegkundige
    assert total("casus.geopend") == 2 and total("clientondersteuning.gebruikt") == 1
    values = by_key()
    assert values["dagen_tot_contact"] == 3.0
    assert values["organisaties"] == 3.0 and values["disciplines"] == 2.0
    assert values["co_gebruikt"] == 50.0
    # A client supporter assigned to the other case counts too.
    Case.objects.filter(pk=other.pk).update(client_supporter=colleague)
    snapshot_build(trigger="test")
    assert by_key()["co_gebruikt"] == 100.0
    assert Membership.objects.filter(user=case.coordinator, discipline="welzijnswerker").exists()


def test_doorzettingsmacht(world) -> None:
    case, _other = world
    provider = OrganisationFactory(aanbieder=True)
    leader = MembershipFactory(team=case.team).user
    common = {
        "case": case,
        "provider": provider,
        "product_category": "41",
        "volume": Decimal(1),
        "unit": "14",
        "frequency": "2",
        "starts_on": DAY,
        "ends_on": day_plus(30),
        "reason": "-",
        "mandate_note": "boven het mandaat",
        "requested_by": case.coordinator,
        "due_on": day_plus(3),
    }
    Escalation.objects.create(**common)
    Escalation.objects.create(
        **common, status="ingezet", answer="ja", answered_by=leader, answered_at=at(day_plus(1))
    )
    Escalation.objects.create(
        **common, status="afgewezen", answer="nee", answered_by=leader, answered_at=at(day_plus(2))
    )
    fields = {
        k: v for k, v in common.items() if k not in ("mandate_note", "requested_by", "due_on")
    }
    SpecialistDeployment.objects.create(**fields, deployed_by=case.coordinator)

    snapshot_build(trigger="test")

    assert total("doorzettingsmacht.gevraagd") == 3
    assert total("doorzettingsmacht.ingezet") == 1
    assert total("doorzettingsmacht.afgewezen") == 1
    assert total("doorzettingsmacht.direct") == 1
    values = by_key()
    assert (values["doorzettingsmacht_gevraagd"], values["doorzettingsmacht"]) == (3, 2)


def test_carers_consents_and_inzage(world) -> None:
    case, _other = world
    resident = case.household.members.first()
    for load, assessed in ((3, DAY), (1, DAY), (4, None)):
        NetworkMember.objects.create(
            household=case.household, name="Mantelzorger", relation="mantelzorger", load=load,
            load_assessed_on=assessed,
        )  # fmt: skip
    organisation = OrganisationFactory(municipality=case.team.municipality)
    base = {
        "resident": resident,
        "organisation": organisation,
        "purpose": "Samenwerking",
        "categories": ["zorg"],
        "valid_from": DAY,
        "recorded_by": case.coordinator,
    }
    given = Consent.objects.create(**base, basis="toestemming", given_how="mondeling")
    Consent.objects.create(**base, basis="toestemming", given_how="schriftelijk")
    Consent.objects.create(
        **base, basis="grondslag", legal_ground="acute_veiligheid", justification="gevaar"
    )
    Consent.objects.filter(pk=given.pk).update(withdrawn_at=at(day_plus(2)))
    Consent.objects.update(recorded_at=at(DAY))
    # A resident without a case: no team to count for.
    Consent.objects.create(
        **{**base, "resident": ResidentFactory()}, basis="toestemming", given_how="mondeling"
    )
    registered = {
        "requested_by": "inwoner",
        "received_via": "brief",
        "registered_by": UserFactory(),
    }
    for received, due, provided in (
        (DAY, day_plus(30), day_plus(10)),  # in time
        (DAY, day_plus(30), day_plus(31)),  # late
        (DAY, day_plus(30), None),  # overdue (DAY + 30 is before today)
        (timezone.localdate(), timezone.localdate() + datetime.timedelta(days=30), None),  # runs
    ):
        InzageRequest.objects.create(
            resident=resident, received_on=received, due_on=due, provided_on=provided,
            status="verstrekt" if provided else "ontvangen", **registered,
        )  # fmt: skip

    snapshot_build(trigger="test")

    assert total("mantelzorg.beoordeeld") == 2 and total("mantelzorg.risico") == 1
    assert total("toestemming.gegeven") == 2
    assert total("toestemming.grondslag") == 1
    assert total("toestemming.ingetrokken") == 1
    assert total("inzage.n") == 3 and total("inzage.tijdig") == 1
    values = by_key()
    assert values["mantelzorg_risico"] == 50.0
    assert (values["toestemming_gegeven"], values["toestemming_ingetrokken"]) == (2, 1)
    assert values["inzage_tijdig"] == round(100 / 3, 1)


def test_maatwerk_per_category(world) -> None:
    case, _other = world
    provider = OrganisationFactory(aanbieder=True)
    leader = case.coordinator
    # 3 hours a week for four weeks (12), budget 1000; 10 hours in total, no budget; refused.
    first = allocate(case, provider, "02", at=DAY, begins=DAY, ends=day_plus(27), volume=3,
                     frequency="2", number="B1")  # fmt: skip
    second = allocate(case, provider, "02", at=DAY, begins=DAY, ends=day_plus(27), volume=10,
                      frequency="6", number="B2")  # fmt: skip
    third = allocate(case, provider, "03", at=DAY, begins=DAY, ends=day_plus(27), volume=5,
                     frequency="2", number="B3")  # fmt: skip
    for allocation, outcome, budget in ((first, "toegekend", 1000), (second, "deels", None),
                                        (third, "afgewezen", 50)):  # fmt: skip
        Decision.objects.filter(pk=allocation.decision_id).update(
            decided_at=at(DAY), outcome=outcome, budget=budget, decided_by=leader
        )

    snapshot_build(trigger="test")

    assert total("maatwerk.besluit.02") == 2
    assert total("maatwerk.budget.02") == 1000
    assert total("maatwerk.omvang.02.04") == 22
    assert not Aggregate.objects.filter(
        metric__startswith="maatwerk.", metric__contains=".03"
    ).exists()
    values = by_key()
    assert (values["maatwerk_besluiten"], values["maatwerk_budget"]) == (2, 1000)


def test_maatwerk_per_case(world) -> None:
    case, other = world
    third = CaseFactory(team=case.team)
    provider = OrganisationFactory(aanbieder=True)
    grants = [  # case, number, frequency, volume, unit, days, outcome, budget, decided, law
        (case, "C1", "2", 3, "04", 28, "toegekend", 1000, DAY, "wmo"),  # 12 uur
        (case, "C2", "6", 10, "04", 28, "deels", 500, day_plus(40), "wmo"),  # 10 uur, later
        (case, "C3", "2", 9, "04", 28, "afgewezen", 70, DAY, "wmo"),  # refused: not counted
        (other, "C4", "1", 2, "04", 10, "toegekend", 300, day_plus(1), "wmo"),  # 20 uur
        (third, "C5", "6", 5, "14", 10, "toegekend", None, day_plus(2), "wmo"),  # 5 etmaal
        (third, "C6", "6", 4, "14", 10, "toegekend", None, day_plus(3), "jeugdwet"),  # 4 etmaal
    ]
    for on, number, frequency, volume, unit, days, outcome, budget, decided, law in grants:
        allocation = allocate(on, provider, "02", at=DAY, begins=DAY, ends=day_plus(days - 1),
                              volume=volume, frequency=frequency, number=number)  # fmt: skip
        Decision.objects.filter(pk=allocation.decision_id).update(
            decided_at=at(decided), outcome=outcome, budget=budget, unit=unit, law=law,
            decided_by=case.coordinator,
        )  # fmt: skip

    snapshot_build(trigger="test")

    # A case counts once per law, on its first grant, with every grant of that law (cohort).
    assert total("maatwerkcasus.n") == 4
    assert Aggregate.objects.get(metric="maatwerkcasus.n", day=DAY).value == 1
    assert Aggregate.objects.get(metric="maatwerkcasus.budget.som", day=DAY).value == 1500
    assert Aggregate.objects.get(metric="maatwerkcasus.omvang.04", day=DAY).value == 22
    assert Aggregate.objects.get(metric="maatwerkcasus.n", law="jeugdwet").day == day_plus(3)
    assert (total("maatwerkcasus.budget.n"), total("maatwerkcasus.budget.som")) == (2, 1800)
    assert (total("maatwerkcasus.eenheid.04"), total("maatwerkcasus.omvang.04")) == (2, 42)
    assert (total("maatwerkcasus.eenheid.14"), total("maatwerkcasus.omvang.14")) == (2, 9)
    values = by_key()
    assert values["maatwerk_casussen"] == 4
    assert values["maatwerk_budget_per_casus"] == 900.0  # (1500 + 300) / 2: without budget out
    assert values["maatwerk_omvang_per_casus_04"] == 21.0  # (22 + 20) / 2 uur
    assert values["maatwerk_omvang_per_casus_14"] == 4.5  # (5 + 4) / 2 etmaal
    assert values["maatwerk_omvang_per_casus_01"] is None  # no case with minutes


def test_units() -> None:
    assert units(3, "2", DAY, day_plus(27)) == pytest.approx(12)
    assert units(2, "1", DAY, day_plus(9)) == pytest.approx(20)
    assert units(10, "6", DAY, day_plus(9)) == 10
    assert units(1, "2", DAY, DAY - datetime.timedelta(days=1)) == 0


def test_plan_actions_and_initiatives(world) -> None:
    case, other = world
    plan = Plan.objects.create(case=case, agreed_on=day_plus(4))
    general = MapServiceFactory(general_provision=True)
    custom = MapServiceFactory(general_provision=False)
    for service in (general, custom, None):
        Action.objects.create(plan=plan, description="-", owner_kind="inwoner", service=service)
    draft = Plan.objects.create(case=other)  # not agreed: not counted
    Action.objects.create(plan=draft, description="-", owner_kind="inwoner", service=general)
    district = DistrictFactory(municipality=case.team.municipality)
    initiative = InitiativeFactory(district=district, municipality=district.municipality)
    InitiativeConnection.objects.create(
        case=case, resident=case.household.members.first(), initiative=initiative,
        consent_on=DAY, connected_by=case.coordinator,
    )  # fmt: skip
    InitiativeConnection.objects.update(connected_at=at(DAY))
    InitiativeSupport.objects.create(
        initiative=initiative, team=case.team, kind="advies", started_on=DAY,
        created_by=case.coordinator,
    )  # fmt: skip

    snapshot_build(trigger="test")

    assert total("plan.actie") == 3 and total("plan.actie.voorliggend") == 1
    october = general_provision_actions(
        team_ids=[case.team.pk], start=DAY.replace(day=1), end=datetime.date(2026, 10, 31)
    )
    assert october[case.team.pk] == {"actions": 3, "general": 1}
    assert total("initiatief.verbinding") == 1 and total("initiatief.steun") == 1
    assert Aggregate.objects.get(metric="initiatief.verbinding").district_id == district.pk
    assert Aggregate.objects.get(metric="initiatief.steun").district_id == district.pk
    assert by_key()["plan_voorliggend"] == round(100 / 3, 1)
