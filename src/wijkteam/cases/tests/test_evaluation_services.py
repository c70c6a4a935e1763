"""Evaluation services: plan (not in the past), record (not in the future), refusals store nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.models import Evaluation
from wijkteam.cases.services import evaluation as services
from wijkteam.cases.services.evaluation import evaluation_plan, evaluation_record
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import CaseFactory, MembershipFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def case():
    return CaseFactory(uitvoering=True)


@pytest.fixture
def worker(case):
    return case.coordinator


def test_plan_an_evaluation(case, worker):
    evaluation = evaluation_plan(actor=worker, case=case, planned_on=TODAY + 30 * DAY)
    assert evaluation.planned_on == TODAY + 30 * DAY
    assert evaluation.held_on is None and evaluation.outcome == ""
    assert AuditEvent.objects.filter(object_type="cases.Evaluation", action="create").exists()
    entry = AccessLogEntry.objects.get(object_type="cases.Evaluation")
    assert entry.action == "create" and entry.resident_ids


def test_planning_today_is_fine_but_the_past_is_refused(case, worker):
    assert evaluation_plan(actor=worker, case=case, planned_on=TODAY).planned_on == TODAY
    with pytest.raises(ValidationError) as exc:
        evaluation_plan(actor=worker, case=case, planned_on=TODAY - DAY)
    assert exc.value.message_dict == {
        "planned_on": ["Een evaluatie plant u vandaag of later, niet in het verleden."]
    }
    assert Evaluation.objects.count() == 1


def test_closed_case_gets_no_evaluation(worker):
    closed = CaseFactory(afgesloten=True)
    with pytest.raises(ValidationError) as exc:
        evaluation_plan(actor=closed.coordinator, case=closed, planned_on=TODAY)
    assert "afgesloten" in exc.value.messages[0]
    assert not Evaluation.objects.exists()


def test_only_case_workers(case):
    bystander = MembershipFactory(team=case.team).user
    with pytest.raises(PermissionDenied):
        evaluation_plan(actor=bystander, case=case, planned_on=TODAY)
    evaluation = evaluation_plan(actor=case.coordinator, case=case, planned_on=TODAY)
    with pytest.raises(PermissionDenied):
        evaluation_record(
            actor=bystander, evaluation=evaluation, held_on=TODAY, outcome="voortzetten"
        )
    evaluation.refresh_from_db()
    assert evaluation.held_on is None


def test_record_the_outcome(case, worker):
    evaluation = evaluation_plan(actor=worker, case=case, planned_on=TODAY)
    recorded = evaluation_record(
        actor=worker,
        evaluation=evaluation,
        held_on=TODAY,
        outcome="afschalen",
        notes="  Gaat goed, minder vaak langs.  ",
    )
    recorded.refresh_from_db()
    assert recorded.held_on == TODAY
    assert recorded.outcome == "afschalen"
    assert recorded.notes == "Gaat goed, minder vaak langs."
    assert recorded.held_by == worker
    assert AccessLogEntry.objects.filter(object_type="cases.Evaluation", action="change").exists()


@pytest.mark.parametrize(
    ("held_on", "outcome", "key", "message"),
    [
        (TODAY + DAY, "voortzetten", "held_on", "niet in de toekomst"),
        (datetime.date(2000, 1, 1), "voortzetten", "held_on", "vóór de opening van de casus"),
        (TODAY, "", "outcome", "Kies de uitkomst"),
        (TODAY, "stoppen", "outcome", "voortzetten, afschalen, opschalen of afsluiten"),
    ],
)
def test_record_refusals_store_nothing(case, worker, held_on, outcome, key, message):
    evaluation = evaluation_plan(actor=worker, case=case, planned_on=TODAY)
    with pytest.raises(ValidationError) as exc:
        evaluation_record(actor=worker, evaluation=evaluation, held_on=held_on, outcome=outcome)
    assert message in exc.value.message_dict[key][0]
    evaluation.refresh_from_db()
    assert evaluation.held_on is None and evaluation.outcome == ""


def test_an_evaluation_is_recorded_once(case, worker):
    evaluation = evaluation_plan(actor=worker, case=case, planned_on=TODAY)
    evaluation_record(actor=worker, evaluation=evaluation, held_on=TODAY, outcome="voortzetten")
    with pytest.raises(ValidationError) as exc:
        evaluation_record(actor=worker, evaluation=evaluation, held_on=TODAY, outcome="afsluiten")
    assert "al vastgelegd" in exc.value.messages[0]
    evaluation.refresh_from_db()
    assert evaluation.outcome == "voortzetten"


def test_next_steps_prompt_to_remeasure_and_to_close(case, worker):
    evaluation = evaluation_plan(actor=worker, case=case, planned_on=TODAY)
    evaluation = evaluation_record(
        actor=worker, evaluation=evaluation, held_on=TODAY, outcome="afsluiten"
    )
    steps = services.next_steps(evaluation, case)
    assert steps.close_url == reverse("cases:close", args=[case.pk])
    assert steps.remeasure_url == services.assessment_url(case)
    second = evaluation_plan(actor=worker, case=case, planned_on=TODAY)
    second = evaluation_record(actor=worker, evaluation=second, held_on=TODAY, outcome="opschalen")
    assert services.next_steps(second, case).close_url is None


def test_assessment_url_tolerates_a_missing_route(case, monkeypatch):
    from django.urls import NoReverseMatch

    def missing(*args, **kwargs):
        raise NoReverseMatch("cases:assessment_create")

    monkeypatch.setattr(services, "reverse", missing)
    assert services.assessment_url(case) is None


def test_is_overdue():
    evaluation = Evaluation(planned_on=TODAY - DAY)
    assert services.is_overdue(evaluation, TODAY)
    assert not services.is_overdue(Evaluation(planned_on=TODAY), TODAY)
    evaluation.held_on = TODAY
    assert not services.is_overdue(evaluation, TODAY)
