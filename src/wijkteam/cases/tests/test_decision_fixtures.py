"""Shared set-up for the decision and intervention tests (no tests of its own).

A Wmo case in uitvoering with: a coordinator (generalist), a beslisser involved in the case
(mandate: maatwerk alone up to 10, with second approval up to 20; afwijzing alone), two
teamleiders, a cliëntondersteuner of the case who also holds the beslisser role, and an
outsider in another team.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.cases.constants import DecisionOutcome, LegalBasis
from wijkteam.cases.models import Case, Decision
from wijkteam.cases.services import decision as decisions
from wijkteam.organisation.constants import DecisionType, TeamRole
from wijkteam.organisation.models import Organisation, Team
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import (
    CaseFactory,
    MandateRuleFactory,
    MembershipFactory,
    OrganisationFactory,
)


def today() -> datetime.date:
    return timezone.localdate()


@dataclass
class World:
    case: Case
    team: Team
    resident: Resident
    coordinator: User
    beslisser: User
    beslisser_employer: Organisation
    leader: User
    leader2: User
    supporter: User
    outsider: User
    provider: Organisation


def build_world(*, jeugd: bool = False, flexible: bool = False) -> World:
    case = CaseFactory(uitvoering=True, jeugd=jeugd)
    team = case.team
    if flexible:
        team.protocol_deviation_allowed = True
        team.save()
    beslisser_membership = MembershipFactory(team=team, roles=[TeamRole.BESLISSER])
    beslisser = beslisser_membership.user
    case.involved_members.add(beslisser)
    leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
    leader2 = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
    supporter = MembershipFactory(
        team=team, roles=[TeamRole.CLIENTONDERSTEUNER, TeamRole.BESLISSER]
    ).user
    case.client_supporter = supporter
    case.save()
    for decision_type in (DecisionType.MAATWERKVOORZIENING, DecisionType.INDIVIDUELE_VOORZIENING):
        MandateRuleFactory(
            team=team,
            role=TeamRole.BESLISSER,
            decision_type=decision_type,
            volume_alone=Decimal(10),
            volume_max=Decimal(20),
        )
    MandateRuleFactory(team=team, role=TeamRole.BESLISSER, decision_type=DecisionType.AFWIJZING)
    outsider = MembershipFactory().user
    provider = OrganisationFactory(aanbieder=True, municipality=team.municipality)
    return World(
        case=case,
        team=team,
        resident=case.household.members.get(),
        coordinator=case.coordinator,
        beslisser=beslisser,
        beslisser_employer=beslisser_membership.organisation,
        leader=leader,
        leader2=leader2,
        supporter=supporter,
        outsider=outsider,
        provider=provider,
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def request_decision(w: World, **overrides: object) -> Decision:
    data: dict[str, object] = {
        "actor": w.coordinator,
        "case": w.case,
        "resident": w.resident,
        "law": "wmo",
        "product_category": "02",
        "product_code": "02A01",
        "volume": Decimal(4),
        "unit": "04",
        "frequency": "2",
        "starts_on": today(),
        "ends_on": today() + datetime.timedelta(days=90),
        "budget": None,
        "requested_on": today() - datetime.timedelta(days=3),
    }
    data.update(overrides)
    return decisions.decision_request(**data)  # type: ignore[arg-type]


def decided(w: World, *, volume: Decimal = Decimal(4), **overrides: object) -> Decision:
    """A final (besloten, toegekend) decision of the world's case."""
    decision = request_decision(w, volume=volume, **overrides)
    return decisions.decision_take(
        actor=w.beslisser,
        decision=decision,
        outcome=DecisionOutcome.TOEGEKEND,
        motivation="Zelf en met het netwerk lukt het niet; begeleiding is nodig.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )
