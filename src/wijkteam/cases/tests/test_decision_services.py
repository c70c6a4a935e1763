import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from wijkteam import deadlines
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.models import AuditEvent
from wijkteam.cases.constants import DecisionOutcome, DecisionStatus, LegalBasis
from wijkteam.cases.models import Decision, TrackedTerm
from wijkteam.cases.services import decision as decisions
from wijkteam.cases.services.terms import atw_calendar
from wijkteam.organisation.constants import DecisionType, TeamRole
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import CaseFactory, MembershipFactory

from .test_decision_fixtures import build_world, decided, request_decision, today, world

__all__ = ["world"]

pytestmark = pytest.mark.django_db

MOTIVATION = "De inwoner kan zonder begeleiding de dag niet structureren."


def take(w, decision, *, actor=None, **overrides):
    data = {
        "actor": actor or w.beslisser,
        "decision": decision,
        "outcome": DecisionOutcome.TOEGEKEND,
        "motivation": MOTIVATION,
        "legal_basis": LegalBasis.WMO_2_3_5,
    }
    data.update(overrides)
    return decisions.decision_take(**data)


def denied_events(decision):
    return AuditEvent.objects.filter(
        action=AuditAction.DENIED, object_type="cases.Decision", object_id=str(decision.pk)
    )


def assert_untouched(decision):
    fresh = Decision.objects.get(pk=decision.pk)
    assert fresh.status == DecisionStatus.AANGEVRAAGD
    assert fresh.outcome == "" and fresh.legal_basis == "" and fresh.motivation == ""
    assert fresh.decided_by_id is None and fresh.decided_at is None
    assert not AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="cases.Decision", object_id=str(decision.pk)
    ).exists()


# ---- aanvraag ----------------------------------------------------------------------------


def test_wmo_request_starts_the_two_week_term(world):
    decision = request_decision(world)
    assert decision.status == DecisionStatus.AANGEVRAAGD
    term = TrackedTerm.objects.get(decision=decision)
    assert term.key == "wmo_beschikking"
    assert term.starts_on == decision.requested_on
    assert term.due_on == deadlines.compute_due(
        "wmo_beschikking", decision.requested_on, calendar=atw_calendar()
    )
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(decision.pk)).exists()
    entry = AccessLogEntry.objects.filter(action=AccessAction.CREATE).latest("id")
    assert entry.resident_ids == [world.resident.pk]


def test_jeugdwet_request_starts_the_eight_week_term(db):
    w = build_world(jeugd=True)
    decision = request_decision(w, law="jeugdwet", product_category="45", product_code="")
    term = TrackedTerm.objects.get(decision=decision)
    assert term.key == "jeugd_beslissing"
    assert (term.due_on - decision.requested_on).days >= 56


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"product_category": "99"}, "product_category", "Onbekende productcode/productcategorie"),
        ({"product_category": ""}, "product_category", "Onbekende productcode/productcategorie"),
        ({"product_code": "AB!"}, "product_code", "Onbekende productcode/productcategorie"),
        ({"product_category": "45"}, "product_category", "hoort niet bij de Wmo 2015"),
        ({"law": "participatiewet"}, "law", "Kies de wet"),
        ({"volume": Decimal(0)}, "volume", "groter zijn dan 0"),
        ({"unit": "99"}, "unit", "WJ756"),
        ({"frequency": "9"}, "frequency", "WMO757"),
        ({"budget": Decimal(-1)}, "budget", "negatief"),
        (
            {"requested_on": "FUTURE"},
            "requested_on",
            "kan niet in de toekomst liggen",
        ),
    ],
)
def test_bad_aanvraag_is_refused_in_dutch_and_nothing_is_stored(world, overrides, field, message):
    if overrides.get("requested_on") == "FUTURE":
        overrides = {"requested_on": today() + datetime.timedelta(days=2)}
    with pytest.raises(ValidationError) as exc:
        request_decision(world, **overrides)
    assert message in " ".join(exc.value.message_dict[field])
    assert not Decision.objects.exists()
    assert not TrackedTerm.objects.exists()


def test_period_must_not_be_inverted(world):
    with pytest.raises(ValidationError) as exc:
        request_decision(world, ends_on=today() - datetime.timedelta(days=1))
    assert "vóór de ingangsdatum" in exc.value.message_dict["ends_on"][0]
    assert not Decision.objects.exists()


def test_resident_must_belong_to_the_household(world):
    other = CaseFactory(team=world.team).household.members.get()
    with pytest.raises(ValidationError) as exc:
        request_decision(world, resident=other)
    assert "huishouden van deze casus" in exc.value.message_dict["resident"][0]
    assert not Decision.objects.exists()


@pytest.mark.parametrize("who", ["supporter", "outsider"])
def test_only_case_workers_register_an_aanvraag(world, who):
    with pytest.raises(PermissionDenied):
        request_decision(world, actor=getattr(world, who))
    assert not Decision.objects.exists()


def test_closed_case_takes_no_aanvraag(db):
    case = CaseFactory(afgesloten=True)
    leader = MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user
    with pytest.raises(ValidationError, match="afgesloten"):
        decisions.decision_request(
            actor=leader,
            case=case,
            resident=case.household.members.get(),
            law="wmo",
            product_category="01",
            volume=Decimal(3),
            unit="04",
            frequency="2",
            starts_on=today(),
            ends_on=today(),
            requested_on=today(),
        )
    assert not Decision.objects.exists()


# ---- besluit -----------------------------------------------------------------------------


def test_decision_within_mandate_is_final_and_meets_the_term(world):
    decision = take(world, request_decision(world))
    assert decision.status == DecisionStatus.BESLOTEN
    assert decision.needs_second_approval is False
    assert decision.decided_by == world.beslisser
    term = TrackedTerm.objects.get(decision=decision, key="wmo_beschikking")
    assert term.met_on == today()
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(decision.pk))
    assert event.changes["status"] == ["aangevraagd", "besloten"]


def test_decision_without_legal_basis_is_refused_and_nothing_stored(world):
    decision = request_decision(world)
    with pytest.raises(ValidationError) as exc:
        take(world, decision, legal_basis="")
    assert "zonder wettelijke grondslag" in exc.value.message_dict["legal_basis"][0]
    assert_untouched(decision)


def test_decision_without_motivation_is_refused(world):
    decision = request_decision(world)
    with pytest.raises(ValidationError) as exc:
        take(world, decision, motivation="   ")
    assert "gemotiveerd" in exc.value.message_dict["motivation"][0]
    assert_untouched(decision)


def test_legal_basis_of_the_other_law_is_refused(world):
    decision = request_decision(world)
    with pytest.raises(ValidationError) as exc:
        take(world, decision, legal_basis=LegalBasis.JW_2_3)
    assert "Wmo 2015" in exc.value.message_dict["legal_basis"][0]
    assert_untouched(decision)


def test_client_supporter_is_refused_and_the_attempt_is_recorded(world):
    decision = request_decision(world)
    with pytest.raises(PermissionDenied) as exc:
        take(world, decision, actor=world.supporter)
    assert "cliëntondersteuner" in str(exc.value)
    event = denied_events(decision).get()
    assert event.actor == world.supporter
    assert "cliëntondersteuner" in event.changes["reden"]
    refused = AccessLogEntry.objects.filter(action=AccessAction.REFUSED, user=world.supporter)
    assert refused.get().resident_ids == [world.resident.pk]
    assert_untouched(decision)


def test_client_supporter_is_refused_even_with_bad_input(world):
    """The attempt is recorded before any input check."""
    decision = request_decision(world)
    with pytest.raises(PermissionDenied):
        take(world, decision, actor=world.supporter, legal_basis="", motivation="")
    assert denied_events(decision).count() == 1
    assert_untouched(decision)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_refusal_record_is_committed_while_the_decision_is_not_changed():
    """Without a test transaction around it: the record must be really committed."""
    w = build_world()
    decision = request_decision(w)
    assert not connection.in_atomic_block
    with pytest.raises(PermissionDenied):
        take(w, decision, actor=w.supporter)
    assert not connection.in_atomic_block
    assert denied_events(decision).count() == 1
    assert AccessLogEntry.objects.filter(action=AccessAction.REFUSED).count() == 1
    assert_untouched(decision)


def test_member_without_mandate_is_refused_and_recorded(world):
    decision = request_decision(world)
    with pytest.raises(PermissionDenied) as exc:
        take(world, decision, actor=world.coordinator)
    assert "geeft uw rol geen bevoegdheid" in str(exc.value)
    assert denied_events(decision).count() == 1
    assert_untouched(decision)


def test_above_the_mandate_maximum_is_refused_and_recorded(world):
    decision = request_decision(world, volume=Decimal(25))
    with pytest.raises(PermissionDenied) as exc:
        take(world, decision)
    assert "buiten het mandaat" in str(exc.value)
    assert denied_events(decision).count() == 1
    assert_untouched(decision)


def test_above_the_limit_waits_for_a_second_approval_by_a_teamleider(world):
    decision = take(world, request_decision(world, volume=Decimal(15)))
    assert decision.status == DecisionStatus.WACHT_OP_AKKOORD
    assert decision.needs_second_approval is True
    term = TrackedTerm.objects.get(decision=decision, key="wmo_beschikking")
    assert term.met_on is None
    approved = decisions.decision_approve(actor=world.leader, decision=decision)
    assert approved.status == DecisionStatus.BESLOTEN
    assert approved.approved_by == world.leader and approved.approved_at is not None
    term.refresh_from_db()
    assert term.met_on == today()


def test_second_approval_by_the_decider_is_refused_and_recorded(db):
    w = build_world()
    # The decider is a teamleider too: still no approval of their own decision.
    boss = MembershipFactory(team=w.team, roles=[TeamRole.BESLISSER, TeamRole.TEAMLEIDER]).user
    decision = take(w, request_decision(w, volume=Decimal(15)), actor=boss)
    assert decision.status == DecisionStatus.WACHT_OP_AKKOORD
    with pytest.raises(PermissionDenied) as exc:
        decisions.decision_approve(actor=boss, decision=decision)
    assert "eigen besluit" in str(exc.value)
    assert denied_events(decision).get().changes["poging"].startswith("tweede akkoord")
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.WACHT_OP_AKKOORD
    approved = decisions.decision_approve(actor=w.leader2, decision=decision)
    assert approved.status == DecisionStatus.BESLOTEN


def test_second_approval_by_a_non_leader_is_refused(world):
    decision = take(world, request_decision(world, volume=Decimal(15)))
    with pytest.raises(PermissionDenied, match="teamleider"):
        decisions.decision_approve(actor=world.coordinator, decision=decision)
    assert Decision.objects.get(pk=decision.pk).approved_by_id is None


def test_approval_of_a_final_decision_is_refused(world):
    decision = take(world, request_decision(world))
    with pytest.raises(ValidationError, match="wacht niet"):
        decisions.decision_approve(actor=world.leader, decision=decision)


def test_deciding_twice_is_refused(world):
    decision = take(world, request_decision(world))
    with pytest.raises(ValidationError, match="al besloten"):
        take(world, decision)


def test_rejection_uses_the_afwijzing_rule(world):
    decision = request_decision(world, volume=Decimal(50))  # above every maatwerk limit
    rejected = take(world, decision, outcome=DecisionOutcome.AFGEWEZEN)
    assert rejected.status == DecisionStatus.BESLOTEN
    assert rejected.outcome == DecisionOutcome.AFGEWEZEN


def test_decision_type_mapping():
    assert decisions.decision_type_for(law="wmo", outcome="toegekend") == (
        DecisionType.MAATWERKVOORZIENING
    )
    assert decisions.decision_type_for(law="jeugdwet", outcome="deels") == (
        DecisionType.INDIVIDUELE_VOORZIENING
    )
    assert decisions.decision_type_for(law="jeugdwet", outcome="afgewezen") == (
        DecisionType.AFWIJZING
    )


def test_partial_grant_lowers_the_volume(world):
    decision = request_decision(world, volume=Decimal(15))
    partly = take(
        world, decision, outcome=DecisionOutcome.DEELS, granted_volume=Decimal(8)
    )  # 8 is within the limit for deciding alone
    assert partly.status == DecisionStatus.BESLOTEN
    assert partly.volume == Decimal(8)
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(decision.pk))
    assert event.changes["volume"] == ["15.00", "8"]


@pytest.mark.parametrize(
    ("outcome", "volume"),
    [(DecisionOutcome.DEELS, Decimal(4)), (DecisionOutcome.TOEGEKEND, Decimal(2))],
)
def test_bad_granted_volume_is_refused(world, outcome, volume):
    decision = request_decision(world, volume=Decimal(4))
    with pytest.raises(ValidationError) as exc:
        take(world, decision, outcome=outcome, granted_volume=volume)
    assert "granted_volume" in exc.value.message_dict
    assert_untouched(decision)


def test_deviation_needs_a_justification(db):
    w = build_world(flexible=True)
    decision = request_decision(w)
    with pytest.raises(ValidationError) as exc:
        take(w, decision, deviates_from_protocol=True, deviation_justification=" ")
    assert "schriftelijke onderbouwing" in exc.value.message_dict["deviation_justification"][0]
    assert_untouched(decision)


def test_deviation_where_the_team_does_not_allow_it_is_refused(world):
    decision = request_decision(world)
    with pytest.raises(PermissionDenied, match="afwijken van protocol niet toe"):
        take(world, decision, deviates_from_protocol=True, deviation_justification="Maatwerk.")
    assert denied_events(decision).count() == 1
    assert_untouched(decision)


def test_justified_deviation_is_listed_for_accountability(db):
    w = build_world(flexible=True)
    plain = take(w, request_decision(w))
    deviating = take(
        w,
        request_decision(w),
        deviates_from_protocol=True,
        deviation_justification="Mantelzorger valt weg; protocol past niet.",
    )
    listed = list(decisions.protocol_deviations(w.team))
    assert listed == [deviating]
    assert plain not in listed
    assert list(decisions.protocol_deviations(build_world().team)) == []


# ---- bekendmaking -----------------------------------------------------------------------


def test_made_known_starts_the_bezwaar_term(world):
    decision = decided(world)
    day = today()
    decisions.decision_made_known(actor=world.coordinator, decision=decision, made_known_on=day)
    term = TrackedTerm.objects.get(decision=decision, key="bezwaar")
    assert term.starts_on == day
    assert term.due_on == deadlines.compute_due("bezwaar", day, calendar=atw_calendar())
    assert term.due_on >= day + datetime.timedelta(weeks=6)
    assert Decision.objects.get(pk=decision.pk).made_known_on == day


def test_made_known_in_the_future_or_before_the_decision_is_refused(world):
    decision = decided(world)
    for day, message in (
        (today() + datetime.timedelta(days=1), "toekomst"),
        (today() - datetime.timedelta(days=10), "vóórdat het genomen is"),
    ):
        with pytest.raises(ValidationError, match=message):
            decisions.decision_made_known(
                actor=world.coordinator, decision=decision, made_known_on=day
            )
    assert not TrackedTerm.objects.filter(key="bezwaar").exists()


def test_only_a_final_decision_is_made_known(world):
    decision = take(world, request_decision(world, volume=Decimal(15)))
    with pytest.raises(ValidationError, match="definitief"):
        decisions.decision_made_known(
            actor=world.coordinator, decision=decision, made_known_on=today()
        )


def test_made_known_twice_is_refused(world):
    decision = decided(world)
    decisions.decision_made_known(actor=world.beslisser, decision=decision, made_known_on=today())
    decision.refresh_from_db()
    with pytest.raises(ValidationError, match="al bekendgemaakt"):
        decisions.decision_made_known(
            actor=world.beslisser, decision=decision, made_known_on=today()
        )


def test_outsider_cannot_make_known(world):
    decision = decided(world)
    with pytest.raises(PermissionDenied):
        decisions.decision_made_known(
            actor=world.outsider, decision=decision, made_known_on=today()
        )
