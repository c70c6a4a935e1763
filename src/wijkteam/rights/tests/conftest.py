"""Fixtures of the privacy tests: a case with a team, its members and organisations."""

from dataclasses import dataclass

import pytest

from wijkteam.accounts.models import User
from wijkteam.cases.models import Case
from wijkteam.organisation.constants import OrganisationKind, TeamRole
from wijkteam.organisation.models import Organisation
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)


@dataclass
class World:
    case: Case
    residents: list[Resident]
    coordinator: User  # employed by another organisation than the responsible one
    own: User  # employed by the responsible organisation, involved in the case
    leader: User  # teamleider of the team
    provider: Organisation  # the coordinator's employer
    outsider: User  # member of another team in the same municipality

    @property
    def resident(self) -> Resident:
        return self.residents[0]


def member(team, *, organisation=None, roles=None, involve: Case | None = None) -> User:
    kwargs = {"team": team, "roles": roles or [TeamRole.GENERALIST]}
    if organisation is not None:
        kwargs["organisation"] = organisation
    user = MembershipFactory(**kwargs).user
    if involve is not None:
        involve.involved_members.add(user)
    return user


@pytest.fixture
def world(db) -> World:
    team = TeamFactory()
    provider = OrganisationFactory(
        municipality=team.municipality, kind=OrganisationKind.ZORGAANBIEDER
    )
    coordinator = member(team, organisation=provider)
    case = CaseFactory(team=team, coordinator=coordinator, uitvoering=True, residents=2)
    own = member(team, organisation=team.responsible_organisation, involve=case)
    leader = member(team, organisation=team.responsible_organisation, roles=[TeamRole.TEAMLEIDER])
    other_team = TeamFactory(municipality=team.municipality)
    outsider = member(other_team, organisation=provider)
    return World(
        case=case,
        residents=list(case.household.members.order_by("pk")),
        coordinator=coordinator,
        own=own,
        leader=leader,
        provider=provider,
        outsider=outsider,
    )


@pytest.fixture
def other_org(world: World) -> Organisation:
    return OrganisationFactory(municipality=world.case.team.municipality)
