from dataclasses import dataclass

import pytest

from wijkteam.accounts.models import User
from wijkteam.organisation.models import District, Municipality, Neighbourhood, Team
from wijkteam.socialmap.models import MapOrganisation
from wijkteam.testing.factories import (
    DistrictFactory,
    MapOrganisationFactory,
    MembershipFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    TeamFactory,
    UserFactory,
)


@dataclass
class Map:
    municipality: Municipality
    other_municipality: Municipality
    district: District
    other_district: District
    hood: Neighbourhood
    foreign_district: District
    team: Team
    member: User
    foreign_member: User
    beheerder: User
    org: MapOrganisation


@pytest.fixture
def world(db) -> Map:
    municipality = MunicipalityFactory(name="Gemeente Voorbeeld", cbs_code="GM9999")
    other = MunicipalityFactory(name="Gemeente Elders", cbs_code="GM9998")
    district = DistrictFactory(municipality=municipality, name="Centrum")
    other_district = DistrictFactory(municipality=municipality, name="Noord")
    hood = NeighbourhoodFactory(district=district, name="Oude Kern")
    foreign_district = DistrictFactory(municipality=other, name="Elderswijk")
    team = TeamFactory(municipality=municipality)
    foreign_team = TeamFactory(municipality=other)
    return Map(
        municipality=municipality,
        other_municipality=other,
        district=district,
        other_district=other_district,
        hood=hood,
        foreign_district=foreign_district,
        team=team,
        member=MembershipFactory(team=team).user,
        foreign_member=MembershipFactory(team=foreign_team).user,
        beheerder=UserFactory(beheerder=True),
        org=MapOrganisationFactory(municipality=municipality, name="Welzijn Voorbeeld"),
    )
