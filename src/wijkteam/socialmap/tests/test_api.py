"""The social map's read API: scoped like the screens, filtered, errors as structured 400,
403 and 404, and an initiative's contact person only with their consent."""

import datetime

from django.test import Client

from wijkteam.conftest import verified_client
from wijkteam.socialmap.constants import InitiativeStatus, ServiceStatus
from wijkteam.socialmap.models import InitiativeSupport, Location, ServiceAtLocation
from wijkteam.testing.factories import (
    InitiativeFactory,
    MapOrganisationFactory,
    MapServiceFactory,
    UserFactory,
)


def _map(world):
    hulp = MapServiceFactory(
        organisation=world.org, name="Formulierenhulp", life_domains="|financien|"
    )
    loc = Location.objects.create(
        organisation=world.org,
        name="Bieb",
        address="Plein 1",
        city="Voorbeeld",
        neighbourhood=world.hood,
    )
    ServiceAtLocation.objects.create(service=hulp, location=loc, opening_hours="di 9-12")
    noord = MapServiceFactory(organisation=world.org, name="Taalcafé", whole_municipality=False)
    noord.districts.add(world.other_district)
    MapServiceFactory(organisation=world.org, name="Opgeheven", status=ServiceStatus.DEFUNCT)
    elders = MapServiceFactory(
        organisation=MapOrganisationFactory(municipality=world.other_municipality), name="Elders"
    )
    return hulp, elders


def test_services_are_listed_filtered_and_scoped(world):
    hulp, elders = _map(world)
    client = verified_client(world.member)
    data = client.get("/api/social-map/services/").json()
    assert data["count"] == 2
    assert [s["name"] for s in data["results"]] == ["Formulierenhulp", "Taalcafé"]
    first = data["results"][0]
    assert first["organisation"]["name"] == "Welzijn Voorbeeld"
    assert first["life_domains"] == ["financien"]
    assert first["locations"][0]["opening_hours"] == "di 9-12"
    assert first["locations"][0]["neighbourhood"] == world.hood.cbs_code

    def names(**q):
        return [s["name"] for s in client.get("/api/social-map/services/", q).json()["results"]]

    assert names(leefgebied="financien") == ["Formulierenhulp"]
    assert names(wijk=world.other_district.pk) == ["Formulierenhulp", "Taalcafé"]
    assert names(q="taal") == ["Taalcafé"]
    assert client.get(f"/api/social-map/services/{hulp.pk}/").json()["uuid"] == str(hulp.uuid)
    # Out of scope: another municipality's service is a 404, its wijk a 400 naming the field.
    missing = client.get(f"/api/social-map/services/{elders.pk}/")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    bad = client.get("/api/social-map/services/", {"wijk": world.foreign_district.pk})
    assert bad.status_code == 400 and "wijk" in bad.json()["errors"]
    bad = client.get("/api/social-map/services/", {"leefgebied": "onzin"})
    assert bad.status_code == 400 and "leefgebied" in bad.json()["errors"]
    assert client.get("/api/social-map/services/", {"wijk": "9" * 30}).status_code == 400
    assert client.get("/api/social-map/services/" + "9" * 19 + "/").status_code == 404
    # The beheerder reads every municipality.
    assert verified_client(world.beheerder).get("/api/social-map/services/").json()["count"] == 3


def test_organisations_with_their_service_count(world):
    _map(world)
    data = verified_client(world.member).get("/api/social-map/organisations/").json()
    assert [(o["name"], o["service_count"]) for o in data["results"]] == [("Welzijn Voorbeeld", 3)]


def test_initiatives_with_support_and_consented_contact_only(world):
    day = datetime.date.today()
    listed = InitiativeFactory(
        district=world.district,
        name="Moestuin",
        contact_name="Jan Contact",
        contact_phone="0612345678",
        contact_consent_on=day,
    )
    InitiativeFactory(district=world.other_district, name="Wijkkrant", status=InitiativeStatus.IDEE)
    InitiativeFactory(district=world.foreign_district, name="Elders")
    InitiativeSupport.objects.create(
        initiative=listed, team=world.team, kind="advies", started_on=day, created_by=world.member
    )
    client = verified_client(world.member)
    data = client.get("/api/social-map/initiatives/").json()
    rows = {r["name"]: r for r in data["results"]}
    assert set(rows) == {"Moestuin", "Wijkkrant"}
    assert rows["Moestuin"]["supported_now"] is True
    assert rows["Moestuin"]["contact"]["name"] == "Jan Contact"
    assert rows["Wijkkrant"]["contact"] is None and rows["Wijkkrant"]["supported_now"] is False
    only = client.get("/api/social-map/initiatives/", {"status": "idee"}).json()["results"]
    assert [r["name"] for r in only] == ["Wijkkrant"]
    in_wijk = client.get("/api/social-map/initiatives/", {"wijk": world.district.pk}).json()
    assert [r["name"] for r in in_wijk["results"]] == ["Moestuin"]
    bad = client.get("/api/social-map/initiatives/", {"wijk": world.foreign_district.pk})
    assert bad.status_code == 400 and "wijk" in bad.json()["errors"]
    bad = client.get("/api/social-map/initiatives/", {"status": "bloeiend"})
    assert bad.status_code == 400 and "status" in bad.json()["errors"]


def test_who_may_not_read_the_map(world):
    assert Client().get("/api/social-map/services/").status_code == 401
    for user in (UserFactory(beleid=True), UserFactory(wmoraad=True)):
        response = verified_client(user).get("/api/social-map/initiatives/")
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    # Writes: test_api_write.py. Organisations stay read-only.
    response = verified_client(world.beheerder).post("/api/social-map/services/", {})
    assert response.status_code == 400
    response = verified_client(world.beheerder).post("/api/social-map/organisations/", {})
    assert response.status_code == 405


def test_the_lists_cost_the_same_queries_with_more_data(world, django_assert_max_num_queries):
    _map(world)
    InitiativeFactory(district=world.district)
    client = verified_client(world.member)
    urls = ["/api/social-map/services/", "/api/social-map/initiatives/"]
    counts = {}
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(20) as before:
            assert client.get(url).status_code == 200
        counts[url] = len(before.captured_queries)
    _map(world)
    for n in range(3):
        InitiativeFactory(district=world.district, name=f"Meer {n}")
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            client.get(url)
