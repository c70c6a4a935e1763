"""The social map's write API: POST and PATCH of services by the functioneel beheerder only,
the form's checks, idempotent creates, stale versions refused, nothing partly stored."""

import json

from django.test import Client

from wijkteam.audit.models import AuditEvent
from wijkteam.conftest import verified_client
from wijkteam.core.idempotency import new_key
from wijkteam.socialmap.models import Initiative, Location, Service
from wijkteam.testing.factories import (
    InitiativeFactory,
    MapOrganisationFactory,
    MapServiceFactory,
    NeighbourhoodFactory,
)

URL = "/api/social-map/services/"


def _body(world, **extra):
    return {
        "organisation": world.org.pk,
        "name": "Repair café",
        "description": "Samen spullen repareren.",
        "life_domains": ["tijdsbesteding"],
        "target_groups": ["iedereen"],
        "districts": [world.district.pk],
        **extra,
    }


def _post(client, body, **headers):
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


def _patch(client, pk, body):
    return client.patch(f"{URL}{pk}/", json.dumps(body), content_type="application/json")


def test_the_beheerder_creates_a_service(world):
    loc = Location.objects.create(
        organisation=world.org, name="Buurthuis", address="Plein 1", city="Voorbeeld"
    )
    client = verified_client(world.beheerder)
    response = _post(
        client,
        _body(world, locations=[{"location": loc.pk, "opening_hours": "za 10-13"}]),
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["name"] == "Repair café" and data["version"] == 1
    assert data["general_provision"] is True and data["status"] == "active"
    assert data["districts"] == [world.district.cbs_code]
    assert data["locations"][0]["opening_hours"] == "za 10-13"
    service = Service.objects.get(pk=data["id"])
    assert service.life_domain_codes == ["tijdsbesteding"]
    assert AuditEvent.objects.filter(object_id=str(service.pk)).exists()
    # The professionals read it.
    assert verified_client(world.member).get(f"{URL}{service.pk}/").status_code == 200


def test_only_the_beheerder_writes(world):
    service = MapServiceFactory(organisation=world.org)
    member = verified_client(world.member)
    response = _post(member, _body(world))
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    response = _patch(member, service.pk, {"name": "Anders", "expected_version": 1})
    assert response.status_code == 403
    assert _post(verified_client(world.foreign_member), _body(world)).status_code == 403
    anonymous = _post(Client(), _body(world))
    assert anonymous.status_code in (401, 403)
    assert not Service.objects.exclude(pk=service.pk).exists()
    service.refresh_from_db()
    assert service.name != "Anders"


def test_bad_input_is_a_structured_400_and_stores_nothing(world):
    client = verified_client(world.beheerder)
    foreign = MapOrganisationFactory(municipality=world.other_municipality)
    other_loc = Location.objects.create(
        organisation=foreign, name="Elders", address="Weg 2", city="Elders"
    )
    cases = [
        ({"name": ""}, "name"),
        ({"life_domains": ["onzin"]}, "life_domains"),
        ({"organisation": 2**63}, "organisation"),
        ({"organisation": 999999}, "organisation"),
        ({"districts": [999999]}, "districts"),
        ({"districts": [world.foreign_district.pk]}, "districts"),
        ({"districts": [], "whole_municipality": False}, "districts"),
        ({"locations": [{"location": other_loc.pk}]}, "location"),
        ({"website": "geen url"}, "website"),
        ({"status": "weg"}, "status"),
    ]
    for change, field in cases:
        response = _post(client, _body(world, **change))
        assert response.status_code == 400, (change, response.status_code)
        body = response.json()
        assert body["code"] == "invalid" and field in body["errors"], (change, body)
    assert _post(client, ["geen", "object"]).status_code == 400
    assert not Service.objects.exists()


def test_post_with_an_idempotency_key_makes_one_service(world):
    client = verified_client(world.beheerder)
    key = new_key()
    first = _post(client, _body(world), HTTP_IDEMPOTENCY_KEY=key)
    second = _post(client, _body(world), HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert second.json()["id"] == first.json()["id"]
    assert Service.objects.count() == 1
    other = _post(client, _body(world, name="Anders"), HTTP_IDEMPOTENCY_KEY=key)
    assert other.status_code == 409
    assert Service.objects.count() == 1


def test_patch_changes_the_given_fields_and_refuses_a_stale_version(world):
    service = MapServiceFactory(organisation=world.org, name="Taalcafé", costs="gratis")
    service.districts.add(world.district)
    client = verified_client(world.beheerder)
    response = _patch(client, service.pk, {"name": "Taalcafé Centrum", "expected_version": 1})
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["name"] == "Taalcafé Centrum" and data["version"] == 2
    assert data["costs"] == "gratis" and data["districts"] == [world.district.cbs_code]
    # Someone read version 1: refused, nothing changed.
    stale = _patch(client, service.pk, {"costs": "€ 2", "expected_version": 1})
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    service.refresh_from_db()
    assert service.costs == "gratis" and service.version == 2
    # A list replaces the list.
    response = _patch(
        client,
        service.pk,
        {"districts": [world.other_district.pk], "status": "inactive", "expected_version": 2},
    )
    assert response.status_code == 200
    assert response.json()["districts"] == [world.other_district.cbs_code]
    # Bad input on PATCH: 400, the service as it was.
    for body in (
        {"name": "x"},
        {"expected_version": "x"},
        {"districts": [world.foreign_district.pk], "expected_version": 3},
    ):
        assert _patch(client, service.pk, body).status_code == 400, body
    service.refresh_from_db()
    assert service.version == 3 and service.status == "inactive"
    assert _patch(client, 2**63, {"expected_version": 1}).status_code == 404
    assert client.put(f"{URL}{service.pk}/", {}, content_type="application/json").status_code == 405


def test_the_beheerder_form_refuses_a_stale_version(world):
    service = MapServiceFactory(organisation=world.org, name="Taalcafé")
    client = verified_client(world.beheerder)
    form = {
        "organisation": world.org.pk,
        "name": "Taalcafé Noord",
        "description": "Nederlands oefenen.",
        "status": "active",
        "whole_municipality": "on",
        "expected_version": "1",
    }
    assert (
        'name="expected_version" value="1"'
        in client.get(f"/sociale-kaart/dienst/{service.pk}/wijzigen/").content.decode()
    )
    _patch(client, service.pk, {"costs": "gratis", "expected_version": 1})
    response = client.post(f"/sociale-kaart/dienst/{service.pk}/wijzigen/", form)
    assert response.status_code == 400
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in response.content.decode()
    service.refresh_from_db()
    assert service.name == "Taalcafé" and service.version == 2
    form["expected_version"] = "2"
    assert client.post(f"/sociale-kaart/dienst/{service.pk}/wijzigen/", form).status_code == 302
    service.refresh_from_db()
    assert service.name == "Taalcafé Noord" and service.version == 3


def test_the_schema_documents_the_writes(world):
    schema = verified_client(world.beheerder).get("/api/schema/?format=json")
    assert schema.status_code == 200
    operations = schema.json()["paths"]["/api/social-map/services/{id}/"]
    patch = operations["patch"]
    assert {"200", "400", "403", "404", "409"} <= set(patch["responses"])
    post = schema.json()["paths"]["/api/social-map/services/"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in post["parameters"])


INITIATIVES = "/api/social-map/initiatives/"


def test_a_professional_registers_and_changes_an_initiative(world):
    client = verified_client(world.member)
    body = {
        "name": "Buurtmoestuin",
        "description": "Samen groente kweken.",
        "district": world.district.pk,
        "neighbourhood": world.hood.pk,
        "life_domains": ["tijdsbesteding"],
        "contact_name": "Els",
        "contact_phone": "0612345678",
        "contact_consent_on": "2026-01-05",
    }
    key = new_key()
    response = client.post(
        INITIATIVES, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["version"] == 1 and data["contact"]["name"] == "Els"
    assert data["neighbourhood"] == world.hood.cbs_code
    again = client.post(
        INITIATIVES, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert again.json()["id"] == data["id"] and Initiative.objects.count() == 1
    url = f"{INITIATIVES}{data['id']}/"
    changed = client.patch(
        url, json.dumps({"status": "gestopt", "expected_version": 1}), "application/json"
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert changed.json()["contact"]["name"] == "Els"
    stale = client.patch(url, json.dumps({"name": "x", "expected_version": 1}), "application/json")
    assert stale.status_code == 409
    item = Initiative.objects.get()
    assert item.name == "Buurtmoestuin" and item.status == "gestopt"
    # Another municipality's professional neither sees nor changes it.
    other = verified_client(world.foreign_member)
    assert (
        other.patch(url, json.dumps({"expected_version": 2}), "application/json").status_code == 404
    )


def test_initiative_bad_input_stores_nothing(world):
    client = verified_client(world.member)
    base = {"name": "Koffie", "description": "Koffie drinken.", "district": world.district.pk}
    cases = [
        ({"contact_name": "Els"}, "contact_consent_on"),  # no consent: not listed
        ({"district": world.foreign_district.pk}, "district"),
        ({"district": 2**63}, "district"),
        (
            {"neighbourhood": NeighbourhoodFactory(district=world.other_district).pk},
            "neighbourhood",
        ),
        ({"status": "weg"}, "status"),
        ({"life_domains": ["onzin"]}, "life_domains"),
    ]
    for change, field in cases:
        response = client.post(INITIATIVES, json.dumps(base | change), "application/json")
        assert response.status_code == 400, (change, response.status_code)
        assert field in response.json()["errors"], (change, response.json())
    assert not Initiative.objects.exists()
    item = InitiativeFactory(district=world.district, name="Wijkkrant")
    response = client.patch(
        f"{INITIATIVES}{item.pk}/",
        json.dumps({"contact_email": "a@example.org", "expected_version": 1}),
        "application/json",
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.contact_email == "" and item.version == 1


def test_the_initiative_form_refuses_a_stale_version(world):
    item = InitiativeFactory(district=world.district, name="Wijkkrant")
    client = verified_client(world.member)
    page = client.get(f"/initiatieven/{item.pk}/wijzigen/").content.decode()
    assert 'name="expected_version" value="1"' in page
    client.patch(
        f"{INITIATIVES}{item.pk}/",
        json.dumps({"status": "gestopt", "expected_version": 1}),
        "application/json",
    )
    form = {
        "name": "Wijkkrant Centrum",
        "description": "Nieuws.",
        "district": world.district.pk,
        "status": "actief",
        "expected_version": "1",
    }
    response = client.post(f"/initiatieven/{item.pk}/wijzigen/", form)
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.name == "Wijkkrant" and item.status == "gestopt"
