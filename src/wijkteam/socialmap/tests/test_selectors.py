import datetime

import pytest

from wijkteam.socialmap import selectors
from wijkteam.socialmap.constants import InitiativeStatus, ServiceStatus
from wijkteam.socialmap.models import InitiativeSupport, Location, ServiceAtLocation
from wijkteam.testing.factories import (
    InitiativeFactory,
    MapOrganisationFactory,
    MapServiceFactory,
    NeighbourhoodFactory,
)


def test_search_filters_by_text_domain_group_and_area(world):
    everywhere = MapServiceFactory(
        organisation=world.org,
        name="Formulierenhulp",
        life_domains="|financien|",
        target_groups="|volwassenen|",
    )
    centrum = MapServiceFactory(
        organisation=world.org, name="Repair café", whole_municipality=False
    )
    centrum.districts.add(world.district)
    noord_hood = NeighbourhoodFactory(district=world.other_district)
    at_noord = MapServiceFactory(organisation=world.org, name="Taalcafé", whole_municipality=False)
    loc = Location.objects.create(
        organisation=world.org,
        name="Bieb",
        address="Plein 1",
        city="Voorbeeld",
        neighbourhood=noord_hood,
    )
    ServiceAtLocation.objects.create(service=at_noord, location=loc)
    MapServiceFactory(organisation=world.org, name="Oud", status=ServiceStatus.DEFUNCT)

    def names(**kwargs):
        return {s.name for s in selectors.service_search(user=world.member, **kwargs)}

    assert names() == {"Formulierenhulp", "Repair café", "Taalcafé"}
    assert names(text="formulieren") == {"Formulierenhulp"}
    assert names(text="welzijn voorbeeld") == {"Formulierenhulp", "Repair café", "Taalcafé"}
    assert names(life_domain="financien") == {"Formulierenhulp"}
    assert names(target_group="volwassenen") == {"Formulierenhulp"}
    assert names(district=world.district) == {"Formulierenhulp", "Repair café"}
    assert names(neighbourhood=world.hood) == {"Formulierenhulp", "Repair café"}
    assert names(neighbourhood=noord_hood) == {"Formulierenhulp", "Taalcafé"}
    in_area = selectors.services_in_area(user=world.member, district=world.other_district)
    assert {s.name for s in in_area} == {"Formulierenhulp", "Taalcafé"}
    assert everywhere in selectors.service_choices(
        user=world.member, municipality_id=world.municipality.pk
    )


def test_the_map_is_scoped_to_the_users_municipalities(world):
    MapServiceFactory(organisation=world.org, name="Hier")
    elders = MapOrganisationFactory(municipality=world.other_municipality)
    MapServiceFactory(organisation=elders, name="Daar")
    assert {s.name for s in selectors.service_search(user=world.member)} == {"Hier"}
    assert {s.name for s in selectors.service_search(user=world.beheerder)} == {"Hier", "Daar"}
    with pytest.raises(Exception) as exc:
        selectors.service_get(user=world.foreign_member, pk=world.org.services.get().pk)
    assert exc.typename == "Http404"


def test_services_in_area_needs_exactly_one_area(world):
    with pytest.raises(ValueError):
        selectors.services_in_area(user=world.member)


def test_initiatives_in_area_and_counts_per_wijk(world):
    in_hood = InitiativeFactory(district=world.district, neighbourhood=world.hood)
    whole_wijk = InitiativeFactory(district=world.district)
    InitiativeFactory(district=world.district, status=InitiativeStatus.GESTOPT)
    InitiativeFactory(district=world.other_district, status=InitiativeStatus.IDEE)
    InitiativeFactory(district=world.foreign_district)
    InitiativeSupport.objects.create(
        initiative=in_hood,
        team=world.team,
        kind="advies",
        started_on=datetime.date(2026, 1, 1),
        created_by=world.member,
    )
    InitiativeSupport.objects.create(
        initiative=whole_wijk,
        team=world.team,
        kind="advies",
        started_on=datetime.date(2025, 1, 1),
        ended_on=datetime.date(2025, 6, 1),
        created_by=world.member,
    )
    assert set(selectors.initiatives_in_area(user=world.member, neighbourhood=world.hood)) == {
        in_hood,
        whole_wijk,
    }
    counts = selectors.initiative_counts_per_district(
        user=world.member, on=datetime.date(2026, 12, 1)
    )
    by_name = {row.district.name: row for row in counts}
    assert set(by_name) == {"Centrum", "Noord"}
    assert by_name["Centrum"].total == 3
    assert by_name["Centrum"].live == 2
    assert by_name["Centrum"].supported == 1
    assert by_name["Noord"].by_status == {"idee": 1}
    assert by_name["Noord"].status_counts == [1, 0, 0, 0]
