"""The privacy API: valid, invalid (400 with Dutch errors), unauthenticated 401, out of scope 404."""

import json

import pytest
from django.test import Client

from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry, Consent, EmergencyAccess
from wijkteam.rights.models import InzageRequest
from wijkteam.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("wijkteam.rights.tests.urls_for_tests")]


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def consent_body(world, **overrides):
    body = {
        "resident": world.resident.pk,
        "organisation": world.provider.pk,
        "purpose": "Afstemmen",
        "categories": ["plan"],
        "given_how": "portaal",
        "valid_from": "2026-01-01",
    }
    body.update(overrides)
    return body


def test_unauthenticated_is_401():
    client = Client()
    for url in (
        "/api/consents/?resident=1",
        "/api/emergency-access/",
        "/api/access-overview/?resident=1",
        "/api/processing-register/",
    ):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"


def test_consents_create_list_withdraw(client_for, world):
    client = client_for(world.coordinator)
    created = post(client, "/api/consents/", consent_body(world))
    assert created.status_code == 201, created.content
    consent_id = created.json()["id"]
    listing = client.get(f"/api/consents/?resident={world.resident.pk}").json()
    assert [c["id"] for c in listing] == [consent_id]
    assert listing[0]["in_force"] is True
    withdrawn = post(client, f"/api/consents/{consent_id}/withdraw/", {"note": "per mail"})
    assert withdrawn.status_code == 200
    again = post(client, f"/api/consents/{consent_id}/withdraw/", {})
    assert again.status_code == 400
    assert "al ingetrokken" in json.dumps(again.json(), ensure_ascii=False)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"organisation": 999999}, "organisation", "Onbekende organisatie"),
        (
            {"valid_from": "2030-05-01", "valid_until": "2030-04-01"},
            "valid_until",
            "vóór de begindatum",
        ),
        ({"categories": ["dagboek"]}, "categories", "Onbekende soort gegevens"),
        ({"categories": []}, "categories", "ten minste één"),
        (
            {"basis": "grondslag", "legal_ground": "", "justification": ""},
            "legal_ground",
            "wettelijke grondslag",
        ),
    ],
)
def test_consent_bad_input_is_400(client_for, world, overrides, field, message):
    response = post(
        client_for(world.coordinator), "/api/consents/", consent_body(world, **overrides)
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert message in json.dumps(body["errors"][field], ensure_ascii=False)
    assert not Consent.objects.exists()


def test_consents_out_of_scope_is_404(client_for, world):
    client = client_for(world.outsider)
    assert client.get(f"/api/consents/?resident={world.resident.pk}").status_code == 404
    assert post(client, "/api/consents/", consent_body(world)).status_code == 404
    assert not Consent.objects.exists()
    assert AccessLogEntry.objects.filter(action=AccessAction.REFUSED).count() == 2


def test_emergency_access_api(client_for, world):
    client = client_for(world.outsider)
    bad = post(client, "/api/emergency-access/", {"case": world.case.pk, "reason": ""})
    assert bad.status_code == 400
    assert "reason" in bad.json()["errors"]
    assert not EmergencyAccess.objects.exists()
    assert (
        post(client, "/api/emergency-access/", {"case": 999999, "reason": "x"}).status_code == 404
    )
    ok = post(
        client, "/api/emergency-access/", {"case": world.case.pk, "reason": "Acuut", "minutes": 15}
    )
    assert ok.status_code == 201
    grant_id = ok.json()["id"]
    assert [g["id"] for g in client.get("/api/emergency-access/").json()] == [grant_id]
    assert (
        post(
            client_for(world.coordinator),
            f"/api/emergency-access/{grant_id}/review/",
            {"verdict": "gerechtvaardigd"},
        ).status_code
        == 404
    )
    reviewed = post(
        client_for(world.leader),
        f"/api/emergency-access/{grant_id}/review/",
        {"verdict": "gerechtvaardigd"},
    )
    assert reviewed.status_code == 200
    assert reviewed.json()["verdict"] == "gerechtvaardigd"


def test_inzage_api(client_for, world):
    client = client_for(world.coordinator)
    body = {
        "resident": world.resident.pk,
        "received_on": "2026-04-30",
        "requested_by": "inwoner",
        "received_via": "email",
    }
    created = post(client, "/api/inzage-requests/", body)
    assert created.status_code == 201
    assert created.json()["due_on"] == "2026-06-01"
    item = created.json()["id"]
    assert client.get(f"/api/inzage-requests/{item}/").status_code == 200
    export = client.get(f"/api/inzage-requests/{item}/export/").json()
    assert export["format"] == "wijkteam-inzage"
    bad = post(client, "/api/inzage-requests/", {**body, "received_on": "2099-01-01"})
    assert bad.status_code == 400
    assert "toekomst" in json.dumps(bad.json(), ensure_ascii=False)
    outsider = client_for(world.outsider)
    assert post(outsider, "/api/inzage-requests/", body).status_code == 404
    assert outsider.get(f"/api/inzage-requests/{item}/").status_code == 404
    assert InzageRequest.objects.count() == 1


def test_access_overview_api(client_for, world):
    client_for(world.coordinator).get(f"/api/consents/?resident={world.resident.pk}")
    client = client_for(world.own)
    page = client.get(f"/api/access-overview/?resident={world.resident.pk}").json()
    assert page["count"] >= 1
    assert page["results"][0]["who"] == world.coordinator.display_name
    assert (
        client.get(
            f"/api/access-overview/?resident={world.resident.pk}&from=2026-05-01&to=2026-04-01"
        ).status_code
        == 400
    )
    assert (
        client.get(f"/api/access-overview/?resident={world.resident.pk}&from=gisteren").status_code
        == 400
    )
    assert client.get("/api/access-overview/").status_code == 400
    assert (
        client_for(world.outsider)
        .get(f"/api/access-overview/?resident={world.resident.pk}")
        .status_code
        == 404
    )


def test_processing_register_api(client_for, world):
    assert (
        client_for(UserFactory(beheerder=True)).get("/api/processing-register/").status_code == 200
    )
    assert client_for(world.coordinator).get("/api/processing-register/").status_code == 403
