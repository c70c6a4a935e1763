"""Bezwaren: only against a decision made known, the Awb 6:7 and 7:10 terms, late filing,
the lifecycle, the revised decision, the work queue; nothing stored on a refusal."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkteam.cases.models import Decision, TrackedTerm
from wijkteam.cases.selectors_queue import work_queue
from wijkteam.cases.tests.test_decision_fixtures import World, decided, request_decision
from wijkteam.complaints import services
from wijkteam.complaints.constants import ObjectionOutcome, ObjectionStatus
from wijkteam.complaints.models import Objection

pytestmark = pytest.mark.django_db

KNOWN = datetime.date(2026, 9, 1)  # Tuesday; the bezwaar term ends Tuesday 13 October 2026


def known_decision(w: World, made_known_on: datetime.date = KNOWN) -> Decision:
    decision = decided(w)
    at = timezone.make_aware(datetime.datetime(2026, 8, 31, 12, 0))
    Decision.objects.filter(pk=decision.pk).update(decided_at=at, made_known_on=made_known_on)
    decision.refresh_from_db()
    return decision


def file(w: World, decision: Decision, **overrides: object) -> Objection:
    data: dict[str, object] = {
        "actor": w.coordinator,
        "decision": decision,
        "grounds": "Ik heb meer uren begeleiding nodig dan toegekend.",
        "received_on": datetime.date(2026, 10, 1),
    }
    data.update(overrides)
    return services.objection_file(**data)  # type: ignore[arg-type]


def test_decision_term_runs_from_the_end_of_the_bezwaar_term(world: World) -> None:
    objection = file(world, known_decision(world))
    assert objection.filing_due_on == datetime.date(2026, 10, 13)
    assert not objection.late
    assert objection.term.key == "beslissing_op_bezwaar"
    assert objection.term.due_on == datetime.date(2026, 11, 24)  # 6 weeks after 13 October


def test_with_an_advisory_committee_twelve_weeks(world: World) -> None:
    objection = file(world, known_decision(world), committee=True)
    assert objection.term.variant == "adviescommissie"
    assert objection.term.due_on == datetime.date(2027, 1, 5)


def test_late_objection_is_flagged_and_its_term_runs_from_receipt(world: World) -> None:
    objection = file(world, known_decision(world), received_on=datetime.date(2026, 10, 20))
    assert objection.late
    assert objection.term.due_on == datetime.date(2026, 12, 1)


def test_filing_meets_the_residents_bezwaar_term(world: World) -> None:
    decision = decided(world)
    from wijkteam.cases.services.decision import decision_made_known

    decision = decision_made_known(
        actor=world.coordinator, decision=decision, made_known_on=timezone.localdate()
    )
    file(world, decision, received_on=timezone.localdate())
    bezwaar = TrackedTerm.objects.get(decision=decision, key="bezwaar")
    assert bezwaar.met_on == timezone.localdate()


def test_a_decision_never_made_known_is_refused(world: World) -> None:
    decision = decided(world)
    with pytest.raises(ValidationError, match="nog niet bekendgemaakt"):
        file(world, decision, received_on=timezone.localdate())
    assert not Objection.objects.exists()
    assert not TrackedTerm.objects.filter(key="beslissing_op_bezwaar").exists()


def test_a_requested_decision_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="definitief"):
        file(world, request_decision(world), received_on=timezone.localdate())


def test_before_the_bekendmaking_or_in_the_future_is_refused(world: World) -> None:
    decision = known_decision(world)
    for day in (datetime.date(2026, 8, 20), datetime.date(2099, 1, 1)):
        with pytest.raises(ValidationError) as exc:
            file(world, decision, received_on=day)
        assert "received_on" in exc.value.message_dict
    assert not Objection.objects.exists()


def test_second_objection_and_double_submit(world: World) -> None:
    decision = known_decision(world)
    token = uuid.uuid4()
    first = file(world, decision, submission_token=token)
    assert file(world, decision, submission_token=token) == first
    with pytest.raises(ValidationError, match="loopt al een bezwaar") as refused:
        file(world, decision)
    assert list(refused.value.message_dict) == ["decision"]  # shown at the decision field
    assert Objection.objects.count() == 1


def test_outsiders_cannot_file(world: World) -> None:
    with pytest.raises(PermissionDenied):
        file(world, known_decision(world), actor=world.outsider)


def test_extension_at_most_six_weeks_once(world: World) -> None:
    objection = file(world, known_decision(world))
    with pytest.raises(ValidationError, match="6 weken"):
        services.objection_extend(actor=world.leader, objection=objection, weeks=7, reason="Druk")
    objection = services.objection_extend(
        actor=world.leader, objection=objection, weeks=6, reason="Advies van de commissie"
    )
    assert objection.term.due_on == datetime.date(2027, 1, 5)
    with pytest.raises(ValidationError):
        services.objection_extend(actor=world.leader, objection=objection, weeks=1, reason="Nog")
    objection.term.refresh_from_db()
    assert objection.term.due_on == datetime.date(2027, 1, 5)


def test_the_decider_does_not_handle_the_objection(world: World) -> None:
    objection = file(world, known_decision(world))
    with pytest.raises(PermissionDenied):
        services.objection_hear(
            actor=world.beslisser, objection=objection, heard_on=datetime.date(2026, 10, 5)
        )


def test_granted_needs_hearing_and_a_revised_decision(world: World) -> None:
    decision = known_decision(world)
    objection = file(world, decision)
    with pytest.raises(ValidationError, match="Hoor eerst"):
        services.objection_decide(
            actor=world.leader,
            objection=objection,
            outcome=ObjectionOutcome.ONGEGROND,
            motivation="Het besluit blijft.",
            decided_on=datetime.date(2026, 11, 1),
        )
    objection = services.objection_hear(
        actor=world.leader, objection=objection, heard_on=datetime.date(2026, 10, 20)
    )
    assert objection.status == ObjectionStatus.HEARD
    with pytest.raises(ValidationError) as exc:
        services.objection_decide(
            actor=world.leader,
            objection=objection,
            outcome=ObjectionOutcome.GEGROND,
            motivation="Meer uren zijn nodig.",
            decided_on=datetime.date(2026, 11, 1),
            revised_decision=decision,  # the objected decision itself is not a revision
        )
    assert "revised_decision" in exc.value.message_dict
    revised = decided(world, volume=Decimal(8))  # through the decision service
    objection = services.objection_decide(
        actor=world.leader,
        objection=objection,
        outcome=ObjectionOutcome.GEGROND,
        motivation="Meer uren zijn nodig.",
        decided_on=datetime.date(2026, 11, 1),
        revised_decision=revised,
    )
    assert objection.status == ObjectionStatus.DECIDED
    assert objection.term.met_on == datetime.date(2026, 11, 1)
    assert objection.revised_decision == revised


def test_late_objection_is_niet_ontvankelijk_unless_excusable(world: World) -> None:
    late = file(world, known_decision(world), received_on=datetime.date(2026, 10, 20))
    with pytest.raises(ValidationError, match="niet-ontvankelijk"):
        services.objection_decide(
            actor=world.leader,
            objection=late,
            outcome=ObjectionOutcome.ONGEGROND,
            motivation="x",
            decided_on=datetime.date(2026, 11, 1),
        )
    late = services.objection_decide(
        actor=world.leader,
        objection=late,
        outcome=ObjectionOutcome.NIET_ONTVANKELIJK,
        motivation="Te laat ingediend zonder verschoonbare reden.",
        decided_on=datetime.date(2026, 11, 1),
    )
    assert late.outcome == ObjectionOutcome.NIET_ONTVANKELIJK


def test_withdrawal_closes_it(world: World) -> None:
    objection = file(world, known_decision(world))
    objection = services.objection_withdraw(
        actor=world.leader, objection=objection, withdrawn_on=datetime.date(2026, 10, 10)
    )
    assert objection.outcome == ObjectionOutcome.INGETROKKEN
    assert objection.term.met_on == datetime.date(2026, 10, 10)


def test_the_open_decision_term_is_in_the_work_queue(world: World) -> None:
    objection = file(world, known_decision(world))
    items = [i for i in work_queue(user=world.coordinator) if i.kind == "termijn"]
    assert ("Beslissing op bezwaar", objection.term.due_on) in [(i.label, i.due_on) for i in items]
