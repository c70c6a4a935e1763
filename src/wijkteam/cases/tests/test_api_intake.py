"""The API of residents, meldingen and cases: valid, invalid, unauthenticated, out of scope."""

import pytest
from django.test import Client
from django.utils import timezone

from wijkteam.cases.models import Case, Report
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    ReportFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/residents/?q=a", "/api/reports/", "/api/cases/", "/api/work-queue/"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_unauthenticated_is_structured_401(url):
    response = Client().get(url)
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("url", ENDPOINTS)
def test_reporting_roles_get_404(client_for, url):
    for user in (UserFactory(beheerder=True), UserFactory(beleid=True)):
        assert client_for(user).get(url).status_code == 404


def test_resident_create_search_and_duplicate(client_for):
    team = TeamFactory()
    client = client_for(MembershipFactory(team=team).user)
    body = {
        "team": team.pk,
        "first_name": "Kees",
        "last_name": "Bakker",
        "date_of_birth": "1948-06-01",
        "household_relation": "hoofdbewoner",
        "postcode": "1234 AB",
        "bsn": "111222333",
    }
    response = client.post("/api/residents/", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["bsn"] == "******333"
    again = client.post("/api/residents/", body, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "duplicate"
    found = client.get("/api/residents/?bsn=111222333").json()
    assert [r["id"] for r in found] == [response.json()["id"]]


def test_resident_invalid_input_is_structured_400(client_for):
    team = TeamFactory()
    client = client_for(MembershipFactory(team=team).user)
    response = client.post(
        "/api/residents/",
        {
            "team": team.pk,
            "first_name": "A",
            "last_name": "B",
            "date_of_birth": "2999-01-01",
            "household_relation": "hoofdbewoner",
            "bsn": "123456789",
            "postcode": "12",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and {"bsn", "postcode", "date_of_birth"} <= set(body["errors"])
    assert not Resident.objects.exists()


def test_report_and_triage_via_api(client_for):
    case_team = TeamFactory()
    user = MembershipFactory(team=case_team).user
    client = client_for(user)
    resident = client.post(
        "/api/residents/",
        {
            "team": case_team.pk,
            "first_name": "Fatma",
            "last_name": "Yilmaz",
            "date_of_birth": "1985-02-03",
            "household_relation": "hoofdbewoner",
        },
        content_type="application/json",
    ).json()
    response = client.post(
        "/api/reports/",
        {
            "team": case_team.pk,
            "resident": resident["id"],
            "channel": "email",
            "referrer_kind": "school",
            "question": "Zorgen over schoolverzuim van de kinderen.",
            "received_at": timezone.now().isoformat(),
            "law_track": "jeugdwet",
            "informed_about_client_support": False,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    report_id = response.json()["id"]
    bad = client.post(
        f"/api/reports/{report_id}/triage/",
        {"outcome": "bestaat-niet"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "outcome" in bad.json()["errors"]
    ok = client.post(
        f"/api/reports/{report_id}/triage/",
        {"outcome": "onderzoek"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["case"] == Case.objects.get().pk


def test_case_endpoints_scope_and_transitions(client_for):
    case = CaseFactory()
    client = client_for(case.coordinator)
    assert client.get("/api/cases/").json()["count"] == 1
    detail = client.get(f"/api/cases/{case.pk}/").json()
    assert detail["state"] == "aangemeld" and len(detail["residents"]) == 1
    illegal = client.post(
        f"/api/cases/{case.pk}/transition/",
        {"to_state": "evaluatie", "expected_version": 1},
        content_type="application/json",
    )
    assert illegal.status_code == 400 and illegal.json()["code"] == "invalid"
    ok = client.post(
        f"/api/cases/{case.pk}/transition/",
        {"to_state": "onderzoek", "expected_version": 1},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.post(
        f"/api/cases/{case.pk}/transition/",
        {"to_state": "plan", "expected_version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    outsider = client_for(MembershipFactory().user)
    assert outsider.get(f"/api/cases/{case.pk}/").status_code == 404
    assert outsider.get("/api/cases/").json()["count"] == 0


def test_report_out_of_scope_is_404(client_for):
    report = ReportFactory()
    assert client_for(MembershipFactory().user).get(f"/api/reports/{report.pk}/").status_code == 404
    assert Report.objects.count() == 1


def test_resident_patch_without_expected_version_is_a_400_naming_the_field(client_for):
    team = TeamFactory()
    client = client_for(MembershipFactory(team=team).user)
    body = {
        "team": team.pk,
        "first_name": "Lies",
        "last_name": "Vermeer",
        "date_of_birth": "1951-02-03",
        "household_relation": "hoofdbewoner",
        "postcode": "1234 AB",
    }
    created = client.post("/api/residents/", body, content_type="application/json").json()
    url = f"/api/residents/{created['id']}/"
    response = client.patch(url, {"first_name": "Liesbeth"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "expected_version" in response.json()["errors"]
    assert Resident.objects.get(pk=created["id"]).first_name == "Lies"
    version = Resident.objects.get(pk=created["id"]).version
    ok = client.patch(
        url,
        {"first_name": "Liesbeth", "expected_version": version},
        content_type="application/json",
    )
    assert ok.status_code == 200, ok.json()
