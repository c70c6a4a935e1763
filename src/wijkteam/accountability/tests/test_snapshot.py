"""The snapshot on a hand-built data set with known answers, and the nightly job."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from wijkteam.accountability import metrics
from wijkteam.accountability.models import Aggregate, SnapshotRun
from wijkteam.accountability.snapshot import build_snapshot_task, snapshot_build
from wijkteam.cases.models import Intervention, TrackedTerm
from wijkteam.complaints.models import SurveyResponse
from wijkteam.core import jobs
from wijkteam.testing.factories import CaseFactory, ReportFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 10, 5)


def total(metric: str) -> Decimal:
    return sum((a.value for a in Aggregate.objects.filter(metric=metric)), Decimal(0))


def test_known_answers() -> None:
    case = CaseFactory()
    other = CaseFactory()
    at = timezone.make_aware(datetime.datetime(2026, 10, 5, 10, 0))
    ReportFactory(team=case.team, channel="telefoon", received_at=at, case=case)
    ReportFactory(team=case.team, channel="telefoon", received_at=at)
    ReportFactory(team=case.team, channel="inloop", received_at=at)
    # Terms: one met in time, one met late, one overdue and unmet, one still running.
    for key, due, met in [
        ("wmo_onderzoek", DAY, DAY),
        ("wmo_beschikking", DAY, DAY + datetime.timedelta(days=3)),
    ]:
        TrackedTerm.objects.create(case=case, key=key, starts_on=DAY, due_on=due, met_on=met)
    TrackedTerm.objects.create(case=other, key="wmo_onderzoek", starts_on=DAY, due_on=DAY)
    TrackedTerm.objects.create(
        case=other, key="wmo_beschikking", starts_on=DAY, due_on=datetime.date(2099, 1, 1)
    )
    Intervention.objects.create(
        case=case,
        kind="algemene_voorziening",
        description="x",
        starts_on=DAY + datetime.timedelta(days=4),
        created_by=case.coordinator,
    )
    SurveyResponse.objects.create(team=case.team, law="wmo", period=DAY.replace(day=1), q1=4, q2=2)
    SurveyResponse.objects.create(team=case.team, law="wmo", period=DAY.replace(day=1), q1=2)

    run = snapshot_build(trigger="test")

    assert run.rows == Aggregate.objects.count() > 0
    assert total("melding.totaal") == 3
    assert total("melding.kanaal.telefoon") == 2
    assert total("melding.kanaal.inloop") == 1
    assert total("termijn.wmo_onderzoek.n") == 2  # in time + overdue; the running one not
    assert total("termijn.wmo_onderzoek.tijdig") == 1
    assert total("termijn.wmo_beschikking.n") == 1
    assert total("termijn.wmo_beschikking.tijdig") == 0
    assert total("inzet.algemene_voorziening") == 1
    assert total("start_steun.n") == 1 and total("start_steun.dagen") == 4
    assert total("cevo.q1.som") == 6 and total("cevo.q1.n") == 2
    assert total("cevo.q2.n") == 1
    assert not Aggregate.objects.filter(metric__startswith="cevo", district__isnull=False).exists()


def test_rebuild_replaces_and_the_task_and_job_run() -> None:
    ReportFactory()
    snapshot_build()
    first = Aggregate.objects.count()
    build_snapshot_task.enqueue()
    assert Aggregate.objects.count() == first
    job = jobs.get("accountability-snapshot")
    assert job is not None and "cijfers" in job.run()
    assert SnapshotRun.objects.count() == 3


def test_law_dimension() -> None:
    assert metrics.law_of("participatiewet") == "overig"
    assert metrics.law_of("jeugdwet") == "jeugdwet"


def test_governance_indicators_known_answers() -> None:
    from wijkteam.accountability.tests.test_performance import allocate
    from wijkteam.cases.models import Allocation, Decision, ScaleEvent
    from wijkteam.privacy.models import EmergencyAccess
    from wijkteam.testing.factories import OrganisationFactory

    case = CaseFactory()
    provider = OrganisationFactory(aanbieder=True)
    span = {"at": DAY, "begins": DAY, "ends": DAY, "volume": 2, "frequency": "2"}
    first = allocate(case, provider, "02", **span, number="G1")
    second = allocate(case, provider, "02", **span, number="G2")
    allocate(case, provider, "02", **span, number="G3")  # its decision is not taken
    at = timezone.make_aware(datetime.datetime(2026, 10, 5, 9, 0))
    Decision.objects.filter(pk=first.decision_id).update(decided_at=at)
    Decision.objects.filter(pk=second.decision_id).update(
        decided_at=at, deviates_from_protocol=True, deviation_justification="maatwerk nodig"
    )
    Allocation.objects.filter(pk=first.pk).update(own_employer=True, own_employer_reason="enige")
    for change in ("opschalen", "afschalen", "afschalen"):
        ScaleEvent.objects.create(
            intervention=first.intervention, change=change, reason="-", by=case.coordinator
        )
    EmergencyAccess.objects.create(
        user=case.coordinator,
        case=case,
        reason="crisis",
        opened_at=at,
        expires_at=at + datetime.timedelta(hours=4),
    )

    snapshot_build(trigger="test")

    assert total("besluit.genomen") == 2 and total("besluit.afwijking_protocol") == 1
    assert total("toewijzing.totaal") == 3 and total("toewijzing.eigen_werkgever") == 1
    assert total("schaal.opschalen") == 1 and total("schaal.afschalen") == 2
    assert total("doorbraak.geopend") == 1
    from wijkteam.accountability.indicators import INDICATORS, value

    sums = {m: float(total(m)) for m in Aggregate.objects.values_list("metric", flat=True)}
    by_key = {i.key: value(i, sums) for i in INDICATORS}
    assert by_key["afwijking_protocol"] == 50.0
    assert by_key["eigen_werkgever"] == round(100 / 3, 1)
    assert (by_key["opgeschaald"], by_key["afgeschaald"], by_key["doorbraak"]) == (1, 2, 1)
