import copy
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wijkteam.socialmap import selectors
from wijkteam.socialmap.hsds.export import export_page
from wijkteam.socialmap.hsds.validation import page_validator, schema_errors
from wijkteam.socialmap.models import Location, MapOrganisation, Service, ServiceAtLocation
from wijkteam.socialmap.services.hsds import hsds_import
from wijkteam.testing.factories import MapServiceFactory, MunicipalityFactory


@pytest.fixture
def filled(world):
    loc = Location.objects.create(
        organisation=world.org,
        name="Buurthuis",
        address="Kerkstraat 1",
        postal_code="1234 AB",
        city="Voorbeeld",
        neighbourhood=world.hood,
        accessibility="Rolstoeltoegankelijk",
    )
    koffie = MapServiceFactory(
        organisation=world.org,
        name="Koffieochtend",
        whole_municipality=False,
        life_domains="|sociaal_netwerk|tijdsbesteding|",
        target_groups="|ouderen|",
        costs="Gratis",
        email="koffie@example.org",
        website="https://example.org/koffie",
        phone="010-1234567",
    )
    koffie.districts.add(world.district)
    koffie.neighbourhoods.add(world.hood)
    ServiceAtLocation.objects.create(service=koffie, location=loc, opening_hours="di 10–12")
    MapServiceFactory(organisation=world.org, name="Schuldhulp", general_provision=False)
    return world


def _export(world) -> dict:
    services = selectors.hsds_services(user=world.beheerder, municipality_id=world.municipality.pk)
    return export_page(services)


def test_the_export_validates_against_the_hsds_3_schema(filled):
    document = json.loads(json.dumps(_export(filled)))
    page_validator().validate(document)  # raises on any violation
    assert schema_errors(document) == []
    assert document["total_items"] == 2
    koffie = next(s for s in document["contents"] if s["name"] == "Koffieochtend")
    assert koffie["organization"]["name"] == "Welzijn Voorbeeld"
    assert {a["extent"] for a in koffie["service_areas"]} == {
        filled.district.cbs_code,
        filled.hood.cbs_code,
    }
    location = koffie["service_at_locations"][0]["location"]
    assert location["addresses"][0]["address_1"] == "Kerkstraat 1"
    assert koffie["service_at_locations"][0]["schedules"][0]["description"] == "di 10–12"
    codes = {a["taxonomy_term"]["code"] for a in koffie["attributes"]}
    assert {"sociaal_netwerk", "tijdsbesteding", "ouderen", "ja"} <= codes


def test_the_validator_catches_a_broken_document(filled):
    document = json.loads(json.dumps(_export(filled)))
    broken = copy.deepcopy(document)
    broken["contents"][0]["status"] = "open"
    del broken["contents"][1]["id"]
    broken["contents"][0]["organization"]["id"] = "geen-uuid"
    problems = schema_errors(broken)
    assert len(problems) == 3
    assert any("status" in p for p in problems)


def test_an_export_imports_into_an_empty_map_and_again_without_changes(filled):
    raw = json.dumps(_export(filled)).encode()
    ServiceAtLocation.objects.all().delete()
    Location.objects.all().delete()
    Service.objects.all().delete()
    MapOrganisation.objects.all().delete()

    dry = hsds_import(
        actor=filled.beheerder, municipality=filled.municipality, raw=raw, dry_run=True
    )
    assert dry.created == {"organisations": 1, "locations": 1, "services": 2}
    assert not Service.objects.exists()

    hsds_import(actor=filled.beheerder, municipality=filled.municipality, raw=raw, dry_run=False)
    koffie = Service.objects.get(name="Koffieochtend")
    assert koffie.life_domain_codes == ["sociaal_netwerk", "tijdsbesteding"]
    assert koffie.target_group_codes == ["ouderen"]
    assert set(koffie.districts.all()) == {filled.district}
    assert set(koffie.neighbourhoods.all()) == {filled.hood}
    assert koffie.at_locations.get().opening_hours == "di 10–12"
    assert koffie.at_locations.get().location.neighbourhood == filled.hood
    assert koffie.costs == "Gratis"
    assert not Service.objects.get(name="Schuldhulp").general_provision
    assert Service.objects.get(name="Schuldhulp").whole_municipality

    again = hsds_import(
        actor=filled.beheerder, municipality=filled.municipality, raw=raw, dry_run=False
    )
    assert again.created == {"organisations": 0, "locations": 0, "services": 0}
    assert again.changed == {"organisations": 0, "locations": 0, "services": 0}

    def without_dates(document):
        return [{k: v for k, v in s.items() if k != "last_modified"} for s in document["contents"]]

    assert without_dates(json.loads(raw)) == without_dates(json.loads(json.dumps(_export(filled))))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe niet json", "geen JSON"),
        (b'{"contents": "x"}', "HSDS 3.0-schema"),
        (b'[{"id": 1}]', "HSDS 3.0-schema"),
    ],
)
def test_a_wrong_file_is_refused_in_dutch(world, raw, message):
    with pytest.raises(ValidationError) as exc:
        hsds_import(actor=world.beheerder, municipality=world.municipality, raw=raw)
    assert message in exc.value.messages[0]


def test_an_area_outside_the_municipality_stores_nothing(filled):
    document = _export(filled)
    document["contents"].sort(key=lambda s: s["name"])  # Koffieochtend first, then Schuldhulp
    document["contents"][1]["service_areas"][0]["extent"] = "GM0001"
    document["contents"][0]["name"] = "Koffieochtend (nieuw)"
    raw = json.dumps(document).encode()
    with pytest.raises(ValidationError) as exc:
        hsds_import(
            actor=filled.beheerder, municipality=filled.municipality, raw=raw, dry_run=False
        )
    assert "niets opgeslagen" in exc.value.messages[0]
    assert any("GM0001" in m for m in exc.value.messages)
    assert not Service.objects.filter(name="Koffieochtend (nieuw)").exists()


def test_ids_of_another_municipality_are_refused(filled):
    other = MunicipalityFactory(name="Gemeente Anders", cbs_code="GM9997")
    raw = json.dumps(_export(filled)).encode()
    with pytest.raises(ValidationError) as exc:
        hsds_import(actor=filled.beheerder, municipality=other, raw=raw, dry_run=False)
    assert any("andere gemeente" in m for m in exc.value.messages)


def test_an_unknown_life_domain_is_refused(filled):
    document = _export(filled)
    for service in document["contents"]:
        for attribute in service["attributes"]:
            if attribute["taxonomy_term"]["code"] == "tijdsbesteding":
                attribute["taxonomy_term"]["code"] = "vrije_tijd"
    with pytest.raises(ValidationError) as exc:
        hsds_import(
            actor=filled.beheerder,
            municipality=filled.municipality,
            raw=json.dumps(document).encode(),
        )
    assert any("vrije_tijd" in m for m in exc.value.messages)


def test_only_the_beheerder_imports(world):
    with pytest.raises(PermissionDenied):
        hsds_import(actor=world.member, municipality=world.municipality, raw=b"{}")
