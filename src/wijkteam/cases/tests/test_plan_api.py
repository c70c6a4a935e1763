"""The plan API: read, replace with the version read (409 when stale), versions, action status."""

import pytest
from django.test import Client

from wijkteam.cases.models import Plan, PlanVersion
from wijkteam.organisation.constants import TeamRole
from wijkteam.testing.factories import CaseFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return CaseFactory(uitvoering=True)


@pytest.fixture
def worker(case):
    return case.coordinator


def url(case, suffix=""):
    return f"/api/plans/{case.pk}/{suffix}"


def body(expected_version=None, **kwargs):
    data = {
        "expected_version": expected_version,
        "goals": [{"text": "Ik wil weer zelf koken.", "domain": "instrumentele_adl"}],
        "actions": [
            {
                "description": "Kookcursus in het buurthuis",
                "owner_kind": "algemene_voorziening",
                "owner_name": "Buurthuis De Pijler",
                "goal": 0,
                "due_on": "2099-01-01",
            }
        ],
    }
    data.update(kwargs)
    return data


def put(client, case, data):
    return client.put(url(case), data, content_type="application/json")


def test_read_a_case_without_plan(client_for, case, worker):
    response = client_for(worker).get(url(case))
    assert response.status_code == 200
    assert response.json() == {
        "case": case.pk,
        "version": None,
        "discussed_on": None,
        "agreed_on": None,
        "agreement_note": "",
        "goals": [],
        "actions": [],
    }


def test_create_read_and_update(client_for, case, worker):
    client = client_for(worker)
    created = put(client, case, body())
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["version"] == 1
    assert data["goals"][0]["domain"] == "instrumentele_adl"
    assert data["actions"][0]["goal"] == 0
    assert data["actions"][0]["owner"] == "Algemene voorziening: Buurthuis De Pijler"
    read = client.get(url(case)).json()
    assert read == data
    # Round trip: change what was read and send it back with its version.
    read["goals"][0]["status"] = "bereikt"
    read["actions"][0]["status"] = "gedaan"
    updated = put(
        client,
        case,
        {
            "expected_version": read["version"],
            "goals": read["goals"],
            "actions": read["actions"],
            "discussed_on": None,
            "agreed_on": None,
            "agreement_note": "",
        },
    )
    assert updated.status_code == 200, updated.json()
    assert updated.json()["version"] == 2
    assert updated.json()["goals"][0]["id"] == data["goals"][0]["id"]


def test_stale_version_is_409_and_keeps_the_first_save(client_for, case, worker):
    colleague = MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user
    first, second = client_for(worker), client_for(colleague)
    put(first, case, body())
    seen = first.get(url(case)).json()
    assert second.get(url(case)).json()["version"] == seen["version"] == 1
    mine = body(expected_version=1, goals=[{"text": "Eerste editor", "id": seen["goals"][0]["id"]}])
    assert put(first, case, mine).status_code == 200
    response = put(second, case, body(expected_version=1, goals=[{"text": "Tweede editor"}]))
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "Iemand anders" in response.json()["detail"]
    plan = Plan.objects.get(case=case)
    assert plan.version == 2
    assert list(plan.goals.values_list("text", flat=True)) == ["Eerste editor"]


def test_creating_twice_is_409(client_for, case, worker):
    client = client_for(worker)
    put(client, case, body())
    assert put(client, case, body()).status_code == 409


def test_action_without_owner_is_400_with_field_errors(client_for, case, worker):
    data = body(actions=[{"description": "Boodschappen", "owner_kind": "inwoner"}])
    response = put(client_for(worker), case, data)
    assert response.status_code == 400
    payload = response.json()
    assert payload["code"] == "invalid"
    assert payload["errors"] == {
        "actions.0.owner_name": ["Elke actie heeft een eigenaar: vul in welke inwoner dit doet."]
    }
    assert not Plan.objects.exists()


def test_team_owner_outside_the_team_is_400(client_for, case, worker):
    outsider = MembershipFactory().user
    data = body(
        actions=[{"description": "Bellen", "owner_kind": "team", "owner_user": outsider.pk}]
    )
    response = put(client_for(worker), case, data)
    assert response.status_code == 400
    assert "geen actief lid" in response.json()["errors"]["actions.0.owner_user"][0]


def test_malformed_body_is_400(client_for, case, worker):
    client = client_for(worker)
    response = put(client, case, {"goals": "veel", "actions": [{"due_on": "morgen"}]})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "expected_version" in response.json()["errors"]
    assert not Plan.objects.exists()


def test_closed_case_plan_is_400(client_for):
    closed = CaseFactory(afgesloten=True)
    response = put(client_for(closed.coordinator), closed, body())
    assert response.status_code == 400
    assert "afgesloten" in response.json()["errors"]["non_field_errors"][0]


def test_unauthenticated_is_401(case):
    assert Client().get(url(case)).status_code == 401
    assert Client().put(url(case), body(), content_type="application/json").status_code == 401


def test_out_of_scope_is_404_and_reader_without_work_rights_cannot_write(client_for, case, worker):
    put(client_for(worker), case, body())
    outsider = MembershipFactory().user
    assert client_for(outsider).get(url(case)).status_code == 404
    assert put(client_for(outsider), case, body(expected_version=1)).status_code == 404
    assert client_for(outsider).get(url(case, "versions/")).status_code == 404
    supporter = MembershipFactory(team=case.team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
    case.client_supporter = supporter
    case.save()
    assert client_for(supporter).get(url(case)).status_code == 200
    assert put(client_for(supporter), case, body(expected_version=1)).status_code == 404
    assert client_for(UserFactory(beheerder=True)).get(url(case)).status_code == 404
    assert Plan.objects.get().version == 1


def test_versions_list_and_one_version(client_for, case, worker):
    client = client_for(worker)
    put(client, case, body())
    put(client, case, body(expected_version=1, goals=[{"text": "Nieuw doel"}], actions=[]))
    listing = client.get(url(case, "versions/"))
    assert listing.status_code == 200
    data = listing.json()
    assert data["count"] == 2
    assert [v["number"] for v in data["results"]] == [2, 1]
    assert data["results"][0]["changed_by"] == worker.pk
    assert data["results"][0]["changed_by_name"] == worker.display_name
    assert "Doel toegevoegd: „Nieuw doel”" in data["results"][0]["changes"]
    one = client.get(url(case, "versions/1/")).json()
    assert one["snapshot"]["goals"][0]["text"] == "Ik wil weer zelf koken."
    assert client.get(url(case, "versions/7/")).status_code == 404


def test_versions_of_a_case_without_plan_is_404(client_for, case, worker):
    assert client_for(worker).get(url(case, "versions/")).status_code == 404


def test_action_status_endpoint(client_for, case, worker):
    client = client_for(worker)
    plan = put(client, case, body()).json()
    action_id = plan["actions"][0]["id"]
    endpoint = url(case, f"actions/{action_id}/status/")
    ok = client.post(
        endpoint, {"status": "bezig", "expected_plan_version": 1}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["actions"][0]["status"] == "bezig"
    stale = client.post(
        endpoint, {"status": "gedaan", "expected_plan_version": 1}, content_type="application/json"
    )
    assert stale.status_code == 409
    bad = client.post(
        endpoint, {"status": "klaar", "expected_plan_version": 2}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert PlanVersion.objects.count() == 2
    assert client.post(url(case, "actions/99999/status/"), {}).status_code == 404


def test_schema_has_the_plan_endpoints(client_for, worker):
    schema = client_for(worker).get("/api/schema/").content.decode()
    assert "/api/plans/{case}/" in schema
    assert "/api/plans/{case}/versions/" in schema
