import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.models import AuditEvent
from wijkteam.cases.constants import DecisionOutcome, InterventionStatus, LegalBasis
from wijkteam.cases.models import Allocation, Intervention, ScaleEvent, TimeEntry
from wijkteam.cases.services import decision as decisions
from wijkteam.cases.services import intervention as interventions
from wijkteam.organisation.constants import OrganisationKind, TeamRole
from wijkteam.organisation.models import Membership
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import MembershipFactory, OrganisationFactory

from .test_decision_fixtures import build_world, decided, request_decision, today, world

__all__ = ["world"]

pytestmark = pytest.mark.django_db


def light(w, **overrides):
    data = {
        "actor": w.coordinator,
        "case": w.case,
        "kind": "lichte_ondersteuning",
        "description": "Administratie op orde brengen",
        "starts_on": today() - datetime.timedelta(days=7),
        "delivered_by": w.coordinator,
    }
    data.update(overrides)
    return interventions.intervention_start(**data)


def allocate(w, decision, **overrides):
    data = {
        "actor": w.coordinator,
        "case": w.case,
        "kind": "maatwerk",
        "description": "Begeleiding thuis",
        "starts_on": decision.starts_on,
        "decision": decision,
        "provider": w.provider,
        "volume": Decimal(4),
        "unit": decision.unit,
        "frequency": decision.frequency,
    }
    data.update(overrides)
    return interventions.intervention_start(**data)


def assert_nothing_stored():
    assert not Intervention.objects.exists()
    assert not Allocation.objects.exists()


# ---- light support and general provisions ----------------------------------------------


def test_light_support_by_a_team_member(world):
    intervention = light(world)
    assert intervention.status == InterventionStatus.LOOPT
    assert intervention.delivered_by == world.coordinator
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="cases.Intervention"
    ).exists()
    entry = AccessLogEntry.objects.filter(action=AccessAction.CREATE).latest("id")
    assert entry.resident_ids == [world.resident.pk]


def test_light_support_starting_later_is_planned(world):
    assert light(world, starts_on=today() + datetime.timedelta(days=3)).status == "gepland"


@pytest.mark.parametrize("who", [None, "outsider"])
def test_light_support_needs_an_active_team_member(world, who):
    with pytest.raises(ValidationError) as exc:
        light(world, delivered_by=getattr(world, who) if who else None)
    assert "delivered_by" in exc.value.message_dict
    assert_nothing_stored()


def test_general_provision_needs_its_name(world):
    with pytest.raises(ValidationError) as exc:
        light(world, kind="algemene_voorziening", delivered_by=None, provision_name=" ")
    assert "algemene voorziening" in exc.value.message_dict["provision_name"][0]
    assert_nothing_stored()
    referral = light(
        world, kind="algemene_voorziening", delivered_by=None, provision_name="Buurthuis De Linde"
    )
    assert referral.provision_name == "Buurthuis De Linde" and referral.delivered_by is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "iets"}, "kind"),
        ({"description": ""}, "description"),
        ({"ends_on": "BEFORE"}, "ends_on"),
    ],
)
def test_bad_intervention_input_is_refused(world, overrides, field):
    if overrides.get("ends_on") == "BEFORE":
        overrides = {"ends_on": today() - datetime.timedelta(days=30)}
    with pytest.raises(ValidationError) as exc:
        light(world, **overrides)
    assert field in exc.value.message_dict
    assert_nothing_stored()


@pytest.mark.parametrize("who", ["supporter", "outsider"])
def test_only_case_workers_start_interventions(world, who):
    with pytest.raises(PermissionDenied):
        light(world, actor=getattr(world, who))
    assert_nothing_stored()


# ---- allocations -------------------------------------------------------------------------


def test_allocation_to_a_provider(world):
    decision = decided(world)
    intervention = allocate(world, decision)
    allocation = intervention.allocation
    assert allocation.allocation_number == f"TW{allocation.allocated_at.year}{allocation.pk:06d}"
    assert allocation.own_employer is False and allocation.own_employer_reason == ""
    assert allocation.product_category == decision.product_category
    assert allocation.product_code == decision.product_code
    assert intervention.ends_on == decision.ends_on  # the decision's period by default
    assert list(interventions.conflict_of_interest_allocations(world.team)) == []


def test_allocation_numbers_are_unique_and_follow_the_id(world):
    decision = decided(world, volume=Decimal(8))
    first = allocate(world, decision).allocation
    second = allocate(world, decision).allocation
    assert first.allocation_number != second.allocation_number
    assert second.allocation_number.endswith(f"{second.pk:06d}")


def test_allocation_to_own_employer_without_reason_is_refused(world):
    decision = decided(world)
    with pytest.raises(ValidationError) as exc:
        allocate(world, decision, actor=world.beslisser, provider=world.beslisser_employer)
    message = exc.value.message_dict["own_employer_reason"][0]
    assert "eigen werkgever" in message
    assert_nothing_stored()


def test_allocation_to_own_employer_with_reason_is_flagged(world):
    decision = decided(world)
    world.beslisser_employer.kind = OrganisationKind.ZORGAANBIEDER
    world.beslisser_employer.save()
    intervention = allocate(
        world,
        decision,
        actor=world.beslisser,
        provider=world.beslisser_employer,
        own_employer_reason="Enige aanbieder met Turkstalige begeleiders.",
    )
    allocation = intervention.allocation
    assert allocation.own_employer is True
    assert allocation.own_employer_reason == "Enige aanbieder met Turkstalige begeleiders."
    assert list(interventions.conflict_of_interest_allocations(world.team)) == [allocation]
    # Another member, employed elsewhere, allocating to the same provider is not flagged.
    Membership.objects.filter(team=world.team, user=world.coordinator).update(
        organisation=OrganisationFactory(municipality=world.team.municipality)
    )
    other = allocate(world, decided(world), provider=world.beslisser_employer).allocation
    assert other.own_employer is False
    assert list(interventions.conflict_of_interest_allocations(world.team)) == [allocation]


def test_reason_is_not_kept_when_not_own_employer(world):
    allocation = allocate(world, decided(world), own_employer_reason="n.v.t.").allocation
    assert allocation.own_employer is False and allocation.own_employer_reason == ""


def _pending_decision(w):
    return decisions.decision_take(
        actor=w.beslisser,
        decision=request_decision(w, volume=Decimal(15)),
        outcome=DecisionOutcome.TOEGEKEND,
        motivation="Veel nodig.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )


def _rejected_decision(w):
    return decisions.decision_take(
        actor=w.beslisser,
        decision=request_decision(w),
        outcome=DecisionOutcome.AFGEWEZEN,
        motivation="Algemene voorziening volstaat.",
        legal_basis=LegalBasis.VERORDENING,
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (request_decision, "definitief"),
        (_pending_decision, "definitief"),
        (_rejected_decision, "afgewezen"),
        (lambda w: decided(build_world()), "hoort niet bij deze casus"),
    ],
)
def test_allocation_needs_a_final_grant_of_this_case(world, make, message):
    decision = make(world)
    with pytest.raises(ValidationError) as exc:
        allocate(world, decision)
    assert message in exc.value.message_dict["decision"][0]
    assert_nothing_stored()


def test_allocation_without_decision_or_provider(world):
    with pytest.raises(ValidationError) as exc:
        interventions.intervention_start(
            actor=world.coordinator,
            case=world.case,
            kind="maatwerk",
            description="Begeleiding",
            starts_on=today(),
            volume=Decimal(1),
            unit="04",
            frequency="2",
        )
    assert {"decision", "provider"} <= set(exc.value.message_dict)
    assert_nothing_stored()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"product_category": "01"}, "product_category", "gelijk zijn aan die van het besluit"),
        ({"product_category": "77"}, "product_category", "Onbekende productcode/productcategorie"),
        ({"volume": Decimal(5)}, "volume", "groter dan in het besluit is toegekend"),
        ({"volume": Decimal(0)}, "volume", "groter zijn dan 0"),
        ({"unit": "01"}, "unit", "gelijk zijn aan die van het besluit"),
        ({"frequency": "1"}, "frequency", "gelijk zijn aan die van het besluit"),
        ({"unit": "xx"}, "unit", "WJ756"),
    ],
)
def test_allocation_must_fit_the_decision(world, overrides, field, message):
    decision = decided(world)  # 4 uur per week
    with pytest.raises(ValidationError) as exc:
        allocate(world, decision, **overrides)
    assert message in " ".join(exc.value.message_dict[field])
    assert_nothing_stored()


def test_allocation_period_must_fit_the_decision(world):
    decision = decided(world)
    with pytest.raises(ValidationError) as exc:
        allocate(
            world,
            decision,
            starts_on=decision.starts_on - datetime.timedelta(days=1),
            ends_on=decision.ends_on + datetime.timedelta(days=1),
        )
    assert {"starts_on", "ends_on"} <= set(exc.value.message_dict)
    assert_nothing_stored()


def test_running_allocations_together_stay_within_the_decision(world):
    decision = decided(world, volume=Decimal(6))
    first = allocate(world, decision, volume=Decimal(4))
    with pytest.raises(ValidationError, match="lopende toewijzingen"):
        allocate(world, decision, volume=Decimal(3))
    assert Allocation.objects.count() == 1
    interventions.intervention_end(actor=world.coordinator, intervention=first, ends_on=today())
    assert allocate(world, decision, volume=Decimal(3)).allocation.volume == Decimal(3)


@pytest.mark.parametrize("kind", [OrganisationKind.POLITIE, OrganisationKind.GEMEENTE])
def test_provider_must_be_a_provider_of_the_municipality(world, kind):
    decision = decided(world)
    police = OrganisationFactory(municipality=world.team.municipality, kind=kind)
    with pytest.raises(ValidationError, match="geen aanbieder"):
        allocate(world, decision, provider=police)
    elsewhere = OrganisationFactory(
        aanbieder=True, municipality__cbs_code="GM0999", municipality__name="Elders"
    )
    with pytest.raises(ValidationError, match="gemeente van het team"):
        allocate(world, decision, provider=elsewhere)
    assert_nothing_stored()


# ---- time registration -----------------------------------------------------------------------


def test_time_entry(world):
    intervention = light(world)
    entry = interventions.time_entry_add(
        actor=world.coordinator, intervention=intervention, worked_on=today(), hours=Decimal("1.5")
    )
    assert entry.member == world.coordinator and entry.hours == Decimal("1.5")
    assert AccessLogEntry.objects.filter(action=AccessAction.CREATE).latest("id").object_id == str(
        entry.pk
    )


def test_deliverer_may_write_time_without_being_a_case_worker(world):
    deliverer = MembershipFactory(team=world.team, roles=[TeamRole.GENERALIST]).user
    intervention = light(world, delivered_by=deliverer)
    entry = interventions.time_entry_add(
        actor=deliverer, intervention=intervention, worked_on=today(), hours=Decimal(2)
    )
    assert entry.member == deliverer
    with pytest.raises(PermissionDenied):
        interventions.time_entry_add(
            actor=world.outsider, intervention=intervention, worked_on=today(), hours=Decimal(1)
        )


@pytest.mark.parametrize(
    ("hours", "day", "field", "message"),
    [
        (Decimal(0), 0, "hours", "groter zijn dan 0"),
        (Decimal(25), 0, "hours", "ten hoogste 24"),
        (Decimal("-1"), 0, "hours", "groter zijn dan 0"),
        (Decimal("1.005"), 0, "hours", "twee decimalen"),
        (Decimal(1), 1, "worked_on", "toekomst"),
        (Decimal(1), -30, "worked_on", "vóór de start"),
    ],
)
def test_bad_time_entry_is_refused(world, hours, day, field, message):
    intervention = light(world)
    with pytest.raises(ValidationError) as exc:
        interventions.time_entry_add(
            actor=world.coordinator,
            intervention=intervention,
            worked_on=today() + datetime.timedelta(days=day),
            hours=hours,
        )
    assert message in exc.value.message_dict[field][0]
    assert not TimeEntry.objects.exists()


def test_no_more_than_24_hours_a_day(world):
    intervention = light(world)
    interventions.time_entry_add(
        actor=world.coordinator, intervention=intervention, worked_on=today(), hours=Decimal(20)
    )
    with pytest.raises(ValidationError, match="al 20"):
        interventions.time_entry_add(
            actor=world.coordinator, intervention=intervention, worked_on=today(), hours=Decimal(5)
        )
    assert TimeEntry.objects.count() == 1


def test_time_only_on_light_support(world):
    referral = light(world, kind="algemene_voorziening", provision_name="Formulierenbrigade")
    with pytest.raises(ValidationError, match="lichte ondersteuning"):
        interventions.time_entry_add(
            actor=world.coordinator, intervention=referral, worked_on=today(), hours=Decimal(1)
        )
    assert not TimeEntry.objects.exists()


# ---- scaling and ending ----------------------------------------------------------------------


def test_scale_down_an_allocation_changes_its_volume_and_keeps_history(world):
    intervention = allocate(world, decided(world))
    event = interventions.intervention_scale(
        actor=world.coordinator,
        intervention=intervention,
        change="afschalen",
        new_volume=Decimal(2),
        reason="Gaat beter",
    )
    assert (event.old_volume, event.new_volume) == (Decimal(4), Decimal(2))
    assert Allocation.objects.get().volume == Decimal(2)
    interventions.intervention_scale(
        actor=world.coordinator,
        intervention=Intervention.objects.get(pk=intervention.pk),
        change="opschalen",
        new_volume=Decimal(3),
        reason="Terugval",
    )
    assert list(ScaleEvent.objects.values_list("change", flat=True)) == ["afschalen", "opschalen"]
    assert Allocation.objects.get().volume == Decimal(3)


@pytest.mark.parametrize(
    ("change", "volume", "message"),
    [
        ("opschalen", Decimal(5), "nieuw besluit"),
        ("opschalen", Decimal(3), "groter dan de huidige"),
        ("afschalen", Decimal(4), "kleiner dan de huidige"),
        ("afschalen", None, "nieuwe omvang"),
        ("afschalen", Decimal(0), "groter zijn dan 0"),
    ],
)
def test_bad_scaling_of_an_allocation_is_refused(world, change, volume, message):
    intervention = allocate(world, decided(world))
    with pytest.raises(ValidationError) as exc:
        interventions.intervention_scale(
            actor=world.coordinator,
            intervention=intervention,
            change=change,
            new_volume=volume,
            reason="Reden",
        )
    assert message in exc.value.message_dict["new_volume"][0]
    assert not ScaleEvent.objects.exists()
    assert Allocation.objects.get().volume == Decimal(4)


def test_scaling_light_support_and_reason_required(world):
    intervention = light(world)
    with pytest.raises(ValidationError) as exc:
        interventions.intervention_scale(
            actor=world.coordinator, intervention=intervention, change="opschalen", reason=""
        )
    assert "reason" in exc.value.message_dict
    event = interventions.intervention_scale(
        actor=world.coordinator, intervention=intervention, change="opschalen", reason="Crisis"
    )
    assert event.old_volume is None and event.new_volume is None
    with pytest.raises(PermissionDenied):
        interventions.intervention_scale(
            actor=world.supporter, intervention=intervention, change="afschalen", reason="x"
        )
    assert ScaleEvent.objects.count() == 1


def test_end_an_intervention(world):
    intervention = light(world)
    ended = interventions.intervention_end(
        actor=world.coordinator, intervention=intervention, ends_on=today()
    )
    assert ended.status == InterventionStatus.BEEINDIGD and ended.ends_on == today()
    with pytest.raises(ValidationError, match="al beëindigd"):
        interventions.intervention_end(actor=world.coordinator, intervention=ended, ends_on=today())
    with pytest.raises(ValidationError, match="beëindigd"):
        interventions.intervention_scale(
            actor=world.coordinator, intervention=ended, change="opschalen", reason="x"
        )


@pytest.mark.parametrize(("days", "message"), [(1, "toekomst"), (-30, "vóór de start")])
def test_bad_end_date_is_refused(world, days, message):
    intervention = light(world)
    with pytest.raises(ValidationError, match=message):
        interventions.intervention_end(
            actor=world.coordinator,
            intervention=intervention,
            ends_on=today() + datetime.timedelta(days=days),
        )
    assert Intervention.objects.get().status == InterventionStatus.LOOPT
