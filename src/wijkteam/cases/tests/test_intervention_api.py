import datetime
from decimal import Decimal

import pytest
from django.test import Client

from wijkteam.cases.models import Allocation, Intervention, TimeEntry
from wijkteam.cases.services import intervention as interventions

from .test_decision_fixtures import build_world, decided, today, world

__all__ = ["world"]

pytestmark = pytest.mark.django_db


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


def light(w):
    return interventions.intervention_start(
        actor=w.coordinator,
        case=w.case,
        kind="lichte_ondersteuning",
        description="Thuisadministratie",
        starts_on=today() - datetime.timedelta(days=5),
        delivered_by=w.coordinator,
    )


def allocation_body(w, final, **overrides):
    body = {
        "case": w.case.pk,
        "kind": "maatwerk",
        "description": "Begeleiding",
        "starts_on": today().isoformat(),
        "decision": final.pk,
        "provider": w.provider.pk,
        "volume": "3.00",
        "unit": "04",
        "frequency": "2",
    }
    body.update(overrides)
    return body


def test_unauthenticated_is_401(world):
    client = Client()
    assert client.get("/api/interventions/").status_code == 401
    assert post(client, "/api/time-entries/", {}).status_code == 401


def test_list_is_scoped(client_for, world):
    mine = light(world)
    light(build_world())
    data = client_for(world.coordinator).get("/api/interventions/").json()
    assert [i["id"] for i in data["results"]] == [mine.pk]
    assert data["results"][0]["allocation"] is None
    assert client_for(world.outsider).get("/api/interventions/").json()["results"] == []


def test_create_allocation(client_for, world):
    decision = decided(world)
    response = post(
        client_for(world.coordinator), "/api/interventions/", allocation_body(world, decision)
    )
    assert response.status_code == 201, response.json()
    allocation = response.json()["allocation"]
    assert allocation["allocation_number"].startswith(f"TW{today().year}")
    assert allocation["own_employer"] is False
    listed = client_for(world.leader).get("/api/interventions/", {"case": world.case.pk}).json()
    assert listed["results"][0]["allocation"]["volume"] == "3.00"


def test_create_allocation_to_own_employer(client_for, world):
    decision = decided(world)
    body = allocation_body(world, decision, provider=world.beslisser_employer.pk)
    client = client_for(world.beslisser)
    refused = post(client, "/api/interventions/", body)
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid"
    assert "eigen werkgever" in refused.json()["errors"]["own_employer_reason"][0]
    assert not Intervention.objects.exists()
    body["own_employer_reason"] = "Spoed; andere aanbieders hebben een wachtlijst."
    accepted = post(client, "/api/interventions/", body)
    assert accepted.status_code == 201
    assert accepted.json()["allocation"]["own_employer"] is True


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"decision": 999999}, "decision"),
        ({"provider": 999999}, "provider"),
        ({"volume": "50"}, "volume"),
        ({"kind": "anders"}, "kind"),
    ],
)
def test_create_invalid_is_400(client_for, world, overrides, field):
    decision = decided(world)
    response = post(
        client_for(world.coordinator),
        "/api/interventions/",
        allocation_body(world, decision, **overrides),
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Allocation.objects.exists()


def test_create_out_of_scope_is_404(client_for, world):
    body = {
        "case": world.case.pk,
        "kind": "algemene_voorziening",
        "description": "Verwijzing",
        "provision_name": "Voedselbank",
        "starts_on": today().isoformat(),
    }
    assert post(client_for(world.outsider), "/api/interventions/", body).status_code == 404
    assert post(client_for(world.coordinator), "/api/interventions/", body).status_code == 201


def test_time_entries(client_for, world):
    intervention = light(world)
    client = client_for(world.coordinator)
    body = {"intervention": intervention.pk, "worked_on": today().isoformat(), "hours": "1.50"}
    created = post(client, "/api/time-entries/", body)
    assert created.status_code == 201, created.json()
    assert created.json()["member"] == world.coordinator.pk
    future = {**body, "worked_on": (today() + datetime.timedelta(days=1)).isoformat()}
    refused = post(client, "/api/time-entries/", future)
    assert refused.status_code == 400
    assert "toekomst" in refused.json()["errors"]["worked_on"][0]
    too_many = post(client, "/api/time-entries/", {**body, "hours": "23.00"})
    assert too_many.status_code == 400
    assert TimeEntry.objects.get().hours == Decimal("1.50")
    assert post(client_for(world.outsider), "/api/time-entries/", body).status_code == 404
    assert TimeEntry.objects.count() == 1
