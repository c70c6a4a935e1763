"""Known answers for the complaint, objection, closed-case and client-support metrics of the
snapshot (docs/indicators.md): each count, its day and law, and the indicators over them."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from wijkteam.accountability.indicators import INDICATORS, value
from wijkteam.accountability.models import Aggregate
from wijkteam.accountability.snapshot import snapshot_build
from wijkteam.cases.models import Case, Decision, Intervention, TrackedTerm
from wijkteam.complaints.models import Complaint, Objection
from wijkteam.testing.factories import CaseFactory, ReportFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 10, 5)


def plus(n: int) -> datetime.date:
    return DAY + datetime.timedelta(days=n)


def total(metric: str, **filters: object) -> Decimal:
    rows = Aggregate.objects.filter(metric=metric, **filters)
    return sum((a.value for a in rows), Decimal(0))


def objection(case, law: str, *, due: int, decided: int | None, outcome: str = "") -> None:
    by = case.coordinator
    resident = case.household.members.first()
    decision = Decision.objects.create(
        case=case, resident=resident, law=law, product_category="02", volume=Decimal(1),
        unit="04", frequency="2", starts_on=DAY, ends_on=plus(30), requested_on=DAY,
        motivation="-", created_by=by,
    )  # fmt: skip
    met = plus(decided) if decided is not None else None
    term = TrackedTerm.objects.create(
        case=case, key="beslissing_op_bezwaar", starts_on=DAY, due_on=plus(due), met_on=met,
        decision=decision,
    )  # fmt: skip
    Objection.objects.create(
        decision=decision, case=case, team=case.team, law=law, resident=resident,
        channel="professional", received_on=DAY, filing_due_on=plus(42), term=term,
        status="besloten" if met else "ontvangen", outcome=outcome, decided_on=met,
        decided_by=by if met else None, filed_by=by,
    )  # fmt: skip


def test_complaints_objections_closed_cases_and_client_support() -> None:
    case = CaseFactory()
    other = CaseFactory(team=case.team)
    by = case.coordinator
    # Complaints: gegrond in time, ongegrond late (closed after its due day), one still open.
    for closed, outcome, due in ((plus(3), "gegrond", plus(5)), (plus(9), "ongegrond", plus(7)),
                                 (None, "", plus(40))):  # fmt: skip
        Complaint.objects.create(
            team=case.team, subject="team", channel="professional", summary="-",
            received_on=DAY, due_on=due, filed_by=by, case=case, closed_on=closed,
            status="afgehandeld" if closed else "ontvangen", outcome=outcome,
        )  # fmt: skip
    # Objections: decided in time (Wmo), decided late (Jeugdwet), still running (future due).
    objection(case, "wmo", due=10, decided=5, outcome="gegrond")
    objection(other, "jeugdwet", due=2, decided=6, outcome="niet_ontvankelijk")
    objection(other, "wmo", due=3000, decided=None)
    # Closed cases: one with maatwerk, one with a general provision only.
    for on, kind in ((case, "maatwerk"), (other, "algemene_voorziening")):
        Intervention.objects.create(
            case=on, kind=kind, description="-", starts_on=DAY, created_by=by
        )
    Case.objects.filter(pk__in=[case.pk, other.pk]).update(state="afgesloten", closed_on=plus(20))
    at = timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(10)))
    for informed in (True, False, False, True):
        ReportFactory(team=case.team, received_at=at, informed_about_client_support=informed)

    snapshot_build(trigger="test")

    assert total("klacht.ontvangen", day=DAY) == 3
    assert total("klacht.afgehandeld") == 2 and total("klacht.afgehandeld.tijdig") == 1
    assert total("klacht.uitkomst.gegrond", day=plus(3)) == 1
    assert total("klacht.uitkomst.ongegrond", day=plus(9)) == 1
    assert total("bezwaar.ontvangen") == 3
    assert total("bezwaar.uitkomst.gegrond", law="wmo", day=plus(5)) == 1
    assert total("bezwaar.uitkomst.niet_ontvankelijk", law="jeugdwet", day=plus(6)) == 1
    assert total("termijn.beslissing_op_bezwaar.n") == 2  # the running one is not counted
    assert total("termijn.beslissing_op_bezwaar.tijdig", day=plus(5)) == 1
    assert total("casus.afgesloten", day=plus(20)) == 2
    assert total("casus.afgesloten.zonder_maatwerk") == 1
    assert total("inzet.maatwerk", day=DAY) == 1 and total("inzet.algemene_voorziening") == 1
    assert total("clientondersteuning.geinformeerd") == 2 and total("melding.totaal") == 4
    sums = {m: float(total(m)) for m in Aggregate.objects.values_list("metric", flat=True)}
    by_key = {i.key: value(i, sums) for i in INDICATORS}
    assert (by_key["klachten"], by_key["klacht_tijdig"]) == (3, 50.0)
    assert (by_key["klacht_uitkomst_gegrond"], by_key["klacht_uitkomst_ongegrond"]) == (1, 1)
    assert (by_key["bezwaren"], by_key["bezwaar_tijdig"]) == (3, 50.0)
    assert by_key["bezwaar_uitkomst_niet_ontvankelijk"] == 1
    assert by_key["bezwaar_uitkomst_ingetrokken"] == 0
    assert (by_key["zonder_maatwerk"], by_key["inzet_maatwerk"], by_key["inzet_algemeen"]) == (
        50.0,
        1,
        1,
    )
    assert by_key["co_geinformeerd"] == 50.0
