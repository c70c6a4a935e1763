from dataclasses import dataclass

import pytest

from wijkteam.accounts.models import User
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.demo import DISTRICTS
from wijkteam.organisation.models import District, Municipality, Neighbourhood, Team
from wijkteam.testing.factories import (
    MembershipFactory,
    MunicipalityFactory,
    TeamFactory,
    UserFactory,
)


@dataclass
class Area:
    municipality: Municipality
    districts: dict[str, District]
    hoods: dict[str, Neighbourhood]
    team: Team
    other_team: Team
    leader: User
    member: User
    outsider: User
    beheerder: User


@pytest.fixture
def area(db) -> Area:
    """Gemeente Voorbeeld's wijken and buurten (the codes of the shipped CBS files), a team
    with a teamleider and a member, and a member of another team."""
    municipality = MunicipalityFactory(name="Gemeente Voorbeeld", cbs_code="GM9999")
    districts, hoods = {}, {}
    for code, name, buurten in DISTRICTS:
        districts[code] = District.objects.create(
            municipality=municipality, name=name, cbs_code=code
        )
        for bu_code, bu_name in buurten:
            hoods[bu_code] = Neighbourhood.objects.create(
                district=districts[code], name=bu_name, cbs_code=bu_code
            )
    team = TeamFactory(municipality=municipality, name="Wijkteam Centrum")
    team.neighbourhoods.set([h for c, h in hoods.items() if c.startswith("BU999901")])
    other_team = TeamFactory(municipality=municipality, name="Wijkteam Noord")
    return Area(
        municipality=municipality,
        districts=districts,
        hoods=hoods,
        team=team,
        other_team=other_team,
        leader=MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user,
        member=MembershipFactory(team=team).user,
        outsider=MembershipFactory(team=other_team, roles=[TeamRole.TEAMLEIDER]).user,
        beheerder=UserFactory(beheerder=True),
    )
