"""API of the assessment: instruments, measurements of a case, recording one, intake vs now."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from wijkteam.cases.models import Case
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import CaseFactory, MembershipFactory, UserFactory

from .test_assessment_services import nothing_stored, record

pytestmark = pytest.mark.django_db


def ago(days: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()


def body(case: Case, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "case": case.pk,
        "resident": case.household.members.first().pk,
        "instrument": "zrm2017",
        "moment": "intake",
        "measured_on": ago(1),
        "scores": {"financien": {"score": 2, "reason": "Schulden"}},
    }
    data.update(overrides)
    return data


def post(client: Client, data: dict[str, object]):
    return client.post("/api/assessments/", data, content_type="application/json")


@pytest.mark.parametrize(
    "url", ["/api/instruments/", "/api/assessments/?case=1", "/api/assessments/progress/?case=1"]
)
def test_unauthenticated_is_structured_401(url):
    response = Client().get(url)
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


def test_unauthenticated_create_is_401():
    case = CaseFactory()
    response = post(Client(), body(case))
    assert response.status_code == 401
    assert nothing_stored()


def test_instruments_are_reference_data(client_for):
    data = client_for(MembershipFactory().user).get("/api/instruments/").json()
    by_code = {i["code"]: i for i in data}
    zrm = by_code["zrm2017"]
    assert len(zrm["domains"]) == 13 and zrm["domains"][0]["code"] == "financien"
    assert [lab["value"] for lab in zrm["labels"]] == [1, 2, 3, 4, 5]
    assert "criteria" not in zrm["domains"][0]
    assert len(by_code["positieve_gezondheid"]["domains"]) == 6
    assert client_for(UserFactory(beheerder=True)).get("/api/instruments/").status_code == 404


def test_list_measurements_of_a_case(client_for):
    case = CaseFactory()
    record(case)
    record(CaseFactory(), scores={"justitie": (1, "elders")})
    client = client_for(case.coordinator)
    data = client.get(f"/api/assessments/?case={case.pk}").json()
    [measurement] = data
    assert measurement["instrument"] == "zrm2017" and measurement["case"] == case.pk
    assert [s["domain"] for s in measurement["scores"]] == ["financien", "basale_adl"]
    assert measurement["scores"][0]["reason"] == "Schulden maken de ondersteuning nodig."
    assert AccessLogEntry.objects.filter(
        action=AccessAction.READ, purpose="metingen opgevraagd via de API"
    ).exists()


def test_list_needs_a_case_in_scope(client_for):
    case = CaseFactory()
    client = client_for(case.coordinator)
    missing = client.get("/api/assessments/")
    assert missing.status_code == 400 and "case" in missing.json()["errors"]
    assert client.get("/api/assessments/?case=abc").status_code == 400
    outsider = client_for(MembershipFactory().user)
    response = outsider.get(f"/api/assessments/?case={case.pk}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert outsider.get(f"/api/assessments/progress/?case={case.pk}").status_code == 404


def test_create_a_measurement(client_for):
    case = CaseFactory()
    response = post(
        client_for(case.coordinator),
        body(
            case,
            scores={
                "financien": {"score": 2, "reason": "Schulden"},
                "justitie": {"score": 4, "reason": "Taakstraf loopt af"},
            },
        ),
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert [(s["domain"], s["score"]) for s in data["scores"]] == [
        ("financien", 2),
        ("justitie", 4),
    ]


@pytest.mark.parametrize(
    ("overrides", "key", "message"),
    [
        (
            {"scores": {"financien": {"score": 6, "reason": "x"}}},
            "score_financien",
            "tussen 1 en 5",
        ),
        ({"scores": {"financien": {"score": 3, "reason": ""}}}, "reason_financien", "waarom"),
        ({"scores": {"geluk": {"score": 3, "reason": "x"}}}, "scores", "Onbekend domein"),
        ({"scores": {}}, "scores", "Scoor minstens één domein"),
        ({"instrument": "phq9"}, "instrument_code", "Onbekend instrument"),
        ({"measured_on": "2999-01-01"}, "measured_on", "toekomst"),
        ({"moment": "ooit"}, "moment", ""),
        ({"scores": {"financien": {"score": "drie", "reason": "x"}}}, "scores", ""),
        ({"scores": "alles"}, "scores", ""),
    ],
)
def test_invalid_measurement_is_structured_400(client_for, overrides, key, message):
    case = CaseFactory()
    response = post(client_for(case.coordinator), body(case, **overrides))
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid"
    assert key in data["errors"]
    assert message in str(data["errors"][key])
    assert nothing_stored()


def test_resident_of_another_household_is_400(client_for):
    case = CaseFactory()
    other = CaseFactory(team=case.team)
    response = post(
        client_for(case.coordinator), body(case, resident=other.household.members.first().pk)
    )
    assert response.status_code == 400
    assert "huishouden van deze casus" in response.json()["errors"]["resident"][0]
    assert nothing_stored()


def test_create_out_of_scope_or_without_work_rights_is_404(client_for):
    case = CaseFactory()
    assert post(client_for(MembershipFactory().user), body(case)).status_code == 404
    supporter = MembershipFactory(team=case.team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
    Case.objects.filter(pk=case.pk).update(client_supporter=supporter)
    supporter_client = client_for(supporter)
    assert supporter_client.get(f"/api/assessments/?case={case.pk}").status_code == 200
    assert post(supporter_client, body(case)).status_code == 404
    assert post(client_for(case.coordinator), {**body(case), "case": 999999}).status_code == 404
    assert nothing_stored()


def test_progress_endpoint(client_for):
    case = CaseFactory()
    record(case, measured_on=timezone.localdate() - datetime.timedelta(days=30))
    record(
        case,
        moment="tussentijds",
        measured_on=timezone.localdate(),
        scores={"financien": (4, "Beter")},
    )
    [progress] = (
        client_for(case.coordinator).get(f"/api/assessments/progress/?case={case.pk}").json()
    )
    assert progress["instrument"] == "zrm2017" and progress["measurements"] == 2
    fin, adl = progress["domains"]
    assert fin["domain"] == "financien" and fin["intake"]["score"] == 2
    assert fin["now"]["score"] == 4 and fin["change"] == 2
    assert fin["now"]["label"] == "Voldoende zelfredzaam"
    assert adl["now"] is None and adl["change"] is None
