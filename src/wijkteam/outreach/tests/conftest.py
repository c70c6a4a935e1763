import datetime
from dataclasses import dataclass

import pytest

from wijkteam.accounts.models import User
from wijkteam.organisation.models import Neighbourhood, Team
from wijkteam.outreach.constants import SignalSource
from wijkteam.outreach.models import Signal, SignalKind
from wijkteam.testing.factories import MembershipFactory, NeighbourhoodFactory, TeamFactory


@dataclass
class World:
    team: Team
    other_team: Team
    hood: Neighbourhood
    other_hood: Neighbourhood
    member: User
    outsider: User
    kind: SignalKind


@pytest.fixture
def world(db) -> World:
    team = TeamFactory()
    other_team = TeamFactory(municipality=team.municipality)
    hood = NeighbourhoodFactory(district__municipality=team.municipality)
    other_hood = NeighbourhoodFactory(district=hood.district)
    team.neighbourhoods.add(hood)
    other_team.neighbourhoods.add(other_hood)
    return World(
        team=team,
        other_team=other_team,
        hood=hood,
        other_hood=other_hood,
        member=MembershipFactory(team=team).user,
        outsider=MembershipFactory(team=other_team).user,
        kind=SignalKind.objects.get(code="huurachterstand"),
    )


def make_signal(world: World, **kwargs) -> Signal:
    values = {
        "team": world.team,
        "neighbourhood": world.hood,
        "address": "Dorpsstraat 1",
        "kind": world.kind,
        "source": SignalSource.WONINGCORPORATIE,
        "received_on": datetime.date(2026, 12, 1),
        "due_on": datetime.date(2026, 12, 8),
        "created_by": world.member,
    }
    values.update(kwargs)
    return Signal.objects.create(**values)
