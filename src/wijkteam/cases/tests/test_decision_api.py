import datetime
from decimal import Decimal

import pytest
from django.test import Client

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.models import AuditEvent
from wijkteam.cases.constants import DecisionStatus
from wijkteam.cases.models import Decision

from .test_decision_fixtures import build_world, decided, request_decision, today, world

__all__ = ["world"]

pytestmark = pytest.mark.django_db


def create_body(w, **overrides):
    body = {
        "case": w.case.pk,
        "resident": w.resident.pk,
        "law": "wmo",
        "product_category": "03",
        "volume": "5.00",
        "unit": "04",
        "frequency": "2",
        "starts_on": today().isoformat(),
        "ends_on": (today() + datetime.timedelta(days=30)).isoformat(),
        "requested_on": today().isoformat(),
    }
    body.update(overrides)
    return body


DECIDE = {
    "outcome": "toegekend",
    "motivation": "Persoonlijke verzorging is nodig.",
    "legal_basis": "wmo_2_3_5",
}


def post(client, path, body=None):
    return client.post(path, body or {}, content_type="application/json")


def test_unauthenticated_is_401(world):
    decision = request_decision(world)
    client = Client()
    assert client.get("/api/decisions/").status_code == 401
    assert post(client, "/api/decisions/", create_body(world)).status_code == 401
    assert post(client, f"/api/decisions/{decision.pk}/decide/", DECIDE).status_code == 401


def test_list_is_scoped_and_filterable(client_for, world):
    mine = request_decision(world)
    other = build_world()
    request_decision(other)
    data = client_for(world.coordinator).get("/api/decisions/").json()
    assert [d["id"] for d in data["results"]] == [mine.pk]
    filtered = client_for(world.leader).get("/api/decisions/", {"case": world.case.pk}).json()
    assert [d["id"] for d in filtered["results"]] == [mine.pk]
    assert client_for(world.outsider).get("/api/decisions/").json()["results"] == []
    bad = client_for(world.leader).get("/api/decisions/", {"case": "x"})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"


def test_create(client_for, world):
    response = post(client_for(world.coordinator), "/api/decisions/", create_body(world))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "aangevraagd" and body["product_category"] == "03"
    assert Decision.objects.get().pk == body["id"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"product_category": "99"}, "product_category", "Onbekende productcode/productcategorie"),
        ({"product_code": "A-1"}, "product_code", "Onbekende productcode/productcategorie"),
        ({"product_category": "45"}, "product_category", "hoort niet bij de Wmo 2015"),
        ({"volume": "0"}, "volume", "groter zijn dan 0"),
    ],
)
def test_create_invalid_is_400_and_nothing_stored(client_for, world, overrides, field, message):
    response = post(
        client_for(world.coordinator), "/api/decisions/", create_body(world, **overrides)
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert message in " ".join(body["errors"][field])
    assert not Decision.objects.exists()


def test_create_with_future_request_date_is_400(client_for, world):
    future = (today() + datetime.timedelta(days=1)).isoformat()
    response = post(
        client_for(world.coordinator),
        "/api/decisions/",
        create_body(world, requested_on=future),
    )
    assert response.status_code == 400
    assert "toekomst" in response.json()["errors"]["requested_on"][0]
    assert not Decision.objects.exists()


def test_create_out_of_scope_is_404(client_for, world):
    response = post(client_for(world.outsider), "/api/decisions/", create_body(world))
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert not Decision.objects.exists()


def test_decide_and_out_of_scope(client_for, world):
    decision = request_decision(world)
    assert (
        post(
            client_for(world.outsider), f"/api/decisions/{decision.pk}/decide/", DECIDE
        ).status_code
        == 404
    )
    response = post(client_for(world.beslisser), f"/api/decisions/{decision.pk}/decide/", DECIDE)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "besloten"
    again = post(client_for(world.beslisser), f"/api/decisions/{decision.pk}/decide/", DECIDE)
    assert again.status_code == 400


def test_decide_without_legal_basis_is_400(client_for, world):
    decision = request_decision(world)
    response = post(
        client_for(world.beslisser),
        f"/api/decisions/{decision.pk}/decide/",
        {**DECIDE, "legal_basis": ""},
    )
    assert response.status_code == 400
    assert "zonder wettelijke grondslag" in response.json()["errors"]["legal_basis"][0]
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.AANGEVRAAGD


def test_decide_by_supporter_is_403_and_recorded(client_for, world):
    decision = request_decision(world)
    response = post(client_for(world.supporter), f"/api/decisions/{decision.pk}/decide/", DECIDE)
    assert response.status_code == 403
    assert "cliëntondersteuner" in response.json()["detail"]
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, object_id=str(decision.pk)).exists()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.AANGEVRAAGD


def test_approve_flow(client_for, world):
    decision = request_decision(world, volume=Decimal(15))
    response = post(client_for(world.beslisser), f"/api/decisions/{decision.pk}/decide/", DECIDE)
    assert response.json()["status"] == "wacht_op_akkoord"
    own = post(client_for(world.beslisser), f"/api/decisions/{decision.pk}/approve/")
    assert own.status_code == 403
    approved = post(client_for(world.leader), f"/api/decisions/{decision.pk}/approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "besloten"
    assert approved.json()["approved_by"] == world.leader.pk


def test_retrieve(client_for, world):
    decision = decided(world)
    assert client_for(world.coordinator).get(f"/api/decisions/{decision.pk}/").json()["id"] == (
        decision.pk
    )
    assert client_for(world.outsider).get(f"/api/decisions/{decision.pk}/").status_code == 404
