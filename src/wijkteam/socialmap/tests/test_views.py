import json
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from wijkteam.socialmap.models import Initiative, Service
from wijkteam.testing.factories import (
    InitiativeFactory,
    MapServiceFactory,
    NeighbourhoodFactory,
    UserFactory,
)


def test_a_professional_searches_the_map(world, client_for, django_assert_max_num_queries):
    for n in range(5):
        MapServiceFactory(organisation=world.org, name=f"Taalcafé {n}")
    MapServiceFactory(organisation=world.org, name="Formulierenhulp", life_domains="|financien|")
    client = client_for(world.member)
    with django_assert_max_num_queries(25):
        response = client.get("/sociale-kaart/", {"leefgebied": "financien"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Formulierenhulp" in body and "Taalcafé" not in body
    service = Service.objects.get(name="Formulierenhulp")
    assert client.get(f"/sociale-kaart/dienst/{service.pk}/").status_code == 200
    assert (
        client_for(world.foreign_member).get(f"/sociale-kaart/dienst/{service.pk}/").status_code
        == 404
    )


def test_other_roles_do_not_see_the_professional_map(world, client_for):
    assert client_for(UserFactory(beleid=True)).get("/sociale-kaart/").status_code == 403
    assert client_for(world.member).get("/sociale-kaart/dienst/nieuw/").status_code == 403


def test_the_beheerder_adds_a_service_through_the_form(world, client_for):
    client = client_for(world.beheerder)
    data = {
        "organisation": world.org.pk,
        "name": "Repair café",
        "description": "Samen repareren.",
        "general_provision": "on",
        "status": "active",
        "life_domains": ["tijdsbesteding"],
        "districts": [world.district.pk],
    }
    response = client.post("/sociale-kaart/dienst/nieuw/", data)
    assert response.status_code == 302
    service = Service.objects.get(name="Repair café")
    assert list(service.districts.all()) == [world.district]
    edit = client.post(f"/sociale-kaart/dienst/{service.pk}/wijzigen/", {**data, "districts": []})
    assert edit.status_code == 400
    assert "Geef aan waar de dienst voor is" in edit.content.decode()


def test_hsds_export_download_and_a_bad_import(world, client_for):
    MapServiceFactory(organisation=world.org, name="Koffieochtend")
    client = client_for(world.beheerder)
    response = client.get("/sociale-kaart/hsds/export/", {"gemeente": world.municipality.pk})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["contents"][0]["name"] == "Koffieochtend"
    bad = SimpleUploadedFile("kaart.json", b'{"contents": [{"name": "x"}]}')
    response = client.post(
        "/sociale-kaart/hsds/",
        {"municipality": world.municipality.pk, "file": bad, "dry_run": "on"},
    )
    assert response.status_code == 400
    assert "voldoet niet aan het HSDS 3.0-schema" in response.content.decode()
    assert client_for(world.member).get("/sociale-kaart/hsds/").status_code == 403


def test_registering_an_initiative_without_consent_for_the_contact(world, client_for):
    client = client_for(world.member)
    data = {
        "name": "Moestuin",
        "description": "Samen tuinieren.",
        "district": world.district.pk,
        "status": "actief",
        "contact_name": "Fatima",
    }
    response = client.post("/initiatieven/nieuw/", data)
    assert response.status_code == 400
    assert "alleen vermeld met zijn of haar toestemming" in response.content.decode()
    assert not Initiative.objects.exists()
    response = client.post("/initiatieven/nieuw/", {**data, "contact_consent_on": "2026-11-01"})
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    page = client.get(f"/initiatieven/{initiative.pk}/")
    assert "Fatima" in page.content.decode()
    response = client.post(
        f"/initiatieven/{initiative.pk}/steun/",
        {"team": world.team.pk, "kind": "ruimte", "started_on": "2026-11-02"},
    )
    assert response.status_code == 302
    assert initiative.supports.get().team == world.team


def test_the_initiative_list_counts_per_wijk(world, client_for):
    InitiativeFactory(district=world.district, name="Buurtmaaltijd")
    InitiativeFactory(district=world.foreign_district, name="Elders")
    body = client_for(world.member).get("/initiatieven/").content.decode()
    assert "Buurtmaaltijd" in body and "Elders" not in body
    assert "Initiatieven per wijk" in body


def test_the_hsds_import_is_scanned_for_viruses_and_fails_closed(world, client_for, settings):
    from wijkteam.audit.models import AuditEvent
    from wijkteam.testing.fake_clamd import EICAR, fake_clamd, unreachable_address

    client = client_for(world.beheerder)
    settings.VIRUS_SCAN = "clamd"
    settings.CLAMD_ADDRESS = unreachable_address()
    data = {"municipality": world.municipality.pk, "dry_run": "on"}
    file = SimpleUploadedFile("kaart.json", b'{"contents": []}')
    response = client.post("/sociale-kaart/hsds/", {**data, "file": file})
    assert response.status_code == 400
    assert "We konden het bestand nu niet controleren op virussen" in response.content.decode()
    with fake_clamd() as clamd:
        settings.CLAMD_ADDRESS = clamd.address
        infected = SimpleUploadedFile("kaart.json", b'{"contents": []}' + EICAR)
        response = client.post("/sociale-kaart/hsds/", {**data, "file": infected})
        assert response.status_code == 400
        assert "In dit bestand zit een virus" in response.content.decode()
        assert AuditEvent.objects.get(action="denied").changes["where"] == "hsds-import"
        assert len(clamd.received.streams) == 1


def test_the_initiative_list_filters_by_wijk_buurt_and_status_and_pages(
    world, client_for, django_assert_max_num_queries
):
    other_hood = NeighbourhoodFactory(district=world.district, name="Nieuwe Kern")
    InitiativeFactory(district=world.district, neighbourhood=world.hood, name="Buurtmoestuin")
    InitiativeFactory(district=world.district, neighbourhood=other_hood, name="Koffieochtend")
    InitiativeFactory(district=world.district, name="Wijkkrant", status="gestopt")
    InitiativeFactory(district=world.other_district, name="Repair café Noord")
    client = client_for(world.member)

    def names(**params):
        response = client.get("/initiatieven/", params)
        assert response.status_code == 200
        body = response.content.decode()
        found = {
            n
            for n in ("Buurtmoestuin", "Koffieochtend", "Wijkkrant", "Repair café Noord")
            if n in body
        }
        return found

    assert names(wijk=world.other_district.pk) == {"Repair café Noord"}
    # A buurt: its own initiatives and those of the whole wijk, not another buurt's.
    assert names(buurt=world.hood.pk) == {"Buurtmoestuin", "Wijkkrant"}
    assert names(wijk=world.district.pk, status="gestopt") == {"Wijkkrant"}
    # Bad filters: a clear message, the whole list, no 500.
    response = client.get(
        "/initiatieven/", {"wijk": world.other_district.pk, "buurt": world.hood.pk}
    )
    assert response.status_code == 400
    assert "Deze buurt ligt niet in de gekozen wijk." in response.content.decode()
    assert client.get("/initiatieven/", {"wijk": world.foreign_district.pk}).status_code == 400
    assert client.get("/initiatieven/", {"status": "onzin"}).status_code == 400


def test_the_initiative_list_pages_by_25_and_keeps_the_filters(
    world, client_for, django_assert_max_num_queries
):
    for n in range(30):
        InitiativeFactory(district=world.district, name=f"Initiatief {n:02}")
    InitiativeFactory(district=world.other_district, name="Elders")
    client = client_for(world.member)
    with django_assert_max_num_queries(25):
        response = client.get("/initiatieven/", {"wijk": world.district.pk})
    body = response.content.decode()
    assert "30 initiatieven gevonden" in body
    assert len(re.findall(r'href="/initiatieven/[0-9]+/"', body)) == 25
    assert f'href="?wijk={world.district.pk}&amp;pagina=2"' in body
    assert 'aria-label="Paginering"' in body and 'aria-current="page"' in body
    second = client.get("/initiatieven/", {"wijk": world.district.pk, "pagina": 2})
    body = second.content.decode()
    assert "Initiatief 29" in body and "Initiatief 00" not in body and "Elders" not in body
    assert 'rel="prev"' in body and 'rel="next"' not in body
    # A page number past the end shows the last page.
    assert "Initiatief 29" in client.get("/initiatieven/", {"pagina": 99}).content.decode()
