import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.models import Assessment, AssessmentScore, Case, Instrument
from wijkteam.cases.services.assessment import assessment_record
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import CaseFactory, MembershipFactory, ResidentFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def record(case: Case, **overrides: object) -> Assessment:
    args: dict[str, object] = {
        "actor": case.coordinator,
        "case": case,
        "resident": case.household.members.first(),
        "instrument_code": "zrm2017",
        "moment": "intake",
        "measured_on": timezone.localdate() - DAY,
        "scores": {
            "financien": (2, "Schulden maken de ondersteuning nodig."),
            "basale_adl": (3, "Douchen lukt niet zonder hulp."),
        },
    }
    args.update(overrides)
    return assessment_record(**args)  # type: ignore[arg-type]


def nothing_stored() -> bool:
    return not Assessment.objects.exists() and not AssessmentScore.objects.exists()


def test_reference_data_is_seeded():
    zrm = Instrument.objects.get(code="zrm2017")
    assert (zrm.scale_min, zrm.scale_max, zrm.domains.count()) == (1, 5, 13)
    assert zrm.labels.get(value=1).label == "Acute problematiek"
    assert all(d.criteria == "" for d in zrm.domains.all())  # copyrighted text is not shipped
    pg = Instrument.objects.get(code="positieve_gezondheid")
    assert (pg.scale_min, pg.scale_max, pg.domains.count()) == (0, 10, 6)


def test_record_stores_only_the_scored_domains():
    case = CaseFactory(onderzoek=True)
    assessment = record(case)
    scores = list(assessment.scores.order_by("domain__order"))
    assert [(s.domain.code, s.score) for s in scores] == [("financien", 2), ("basale_adl", 3)]
    assert AssessmentScore.objects.count() == 2  # the eleven other ZRM domains store nothing
    assert assessment.measured_by == case.coordinator and assessment.moment == "intake"
    event = AuditEvent.objects.get(object_type="cases.Assessment")
    assert event.changes == {"domains": ["financien", "basale_adl"], "moment": "intake"}
    assert "Schulden" not in str(event.changes)
    entry = AccessLogEntry.objects.get(action=AccessAction.CREATE)
    assert entry.resident_ids == [assessment.resident_id]


def test_scale_edges_are_accepted():
    case = CaseFactory()
    record(case, scores={"financien": (1, "a"), "justitie": (5, "b")})
    record(
        case,
        instrument_code="positieve_gezondheid",
        scores={"zingeving": (0, "c"), "meedoen": (10, "d")},
    )
    assert sorted(AssessmentScore.objects.values_list("score", flat=True)) == [0, 1, 5, 10]


@pytest.mark.parametrize(
    ("overrides", "key", "message"),
    [
        ({"instrument_code": "phq9"}, "instrument_code", "Onbekend instrument"),
        ({"moment": "ooit"}, "moment", "Kies het moment"),
        ({"measured_on": "tomorrow"}, "measured_on", "niet in de toekomst"),
        ({"scores": {}}, "scores", "Scoor minstens één domein"),
        ({"scores": {"geluk": (3, "x")}}, "scores", "Onbekend domein voor Zelfredzaamheid"),
        ({"scores": {"financien": (6, "x")}}, "score_financien", "tussen 1 en 5"),
        ({"scores": {"financien": (0, "x")}}, "score_financien", "tussen 1 en 5"),
        ({"scores": {"financien": (True, "x")}}, "score_financien", "geheel getal"),
        ({"scores": {"financien": (3, "  ")}}, "reason_financien", "Geef aan waarom Financiën"),
        ({"scores": {"financien": (3, "x" * 251)}}, "reason_financien", "hoogstens 250 tekens"),
        (
            {"instrument_code": "positieve_gezondheid", "scores": {"meedoen": (11, "x")}},
            "score_meedoen",
            "tussen 0 en 10",
        ),
        (
            {"instrument_code": "positieve_gezondheid", "scores": {"financien": (3, "x")}},
            "scores",
            "Onbekend domein voor Positieve Gezondheid: financien",
        ),
    ],
)
def test_refusals_store_nothing(overrides, key, message):
    case = CaseFactory()
    if overrides.get("measured_on") == "tomorrow":
        overrides = {**overrides, "measured_on": timezone.localdate() + DAY}
    with pytest.raises(ValidationError) as exc:
        record(case, **overrides)
    assert message in " ".join(exc.value.message_dict[key])
    assert nothing_stored()
    assert not AccessLogEntry.objects.filter(action=AccessAction.CREATE).exists()


def test_one_bad_domain_refuses_the_whole_measurement():
    case = CaseFactory()
    with pytest.raises(ValidationError) as exc:
        record(case, scores={"financien": (3, "goed"), "justitie": (9, "fout")})
    assert set(exc.value.message_dict) == {"score_justitie"}
    assert nothing_stored()


def test_resident_must_belong_to_the_household():
    case = CaseFactory()
    with pytest.raises(ValidationError) as exc:
        record(case, resident=ResidentFactory())
    assert "huishouden van deze casus" in exc.value.message_dict["resident"][0]
    assert nothing_stored()


def test_only_case_workers_record():
    case = CaseFactory()
    supporter = MembershipFactory(team=case.team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
    Case.objects.filter(pk=case.pk).update(client_supporter=supporter)
    case.refresh_from_db()
    for user in (supporter, MembershipFactory().user, MembershipFactory(team=case.team).user):
        with pytest.raises(PermissionDenied):
            record(case, actor=user)
    assert nothing_stored()
    leader = MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user
    assert record(case, actor=leader).measured_by == leader


def test_closed_case_takes_no_measurements():
    case = CaseFactory(afgesloten=True)
    with pytest.raises(ValidationError, match="afgesloten"):
        record(case)
    assert nothing_stored()


def test_second_resident_of_the_household():
    case = CaseFactory(residents=2)
    second = Resident.objects.filter(household=case.household).order_by("-pk").first()
    assert record(case, resident=second).resident == second
