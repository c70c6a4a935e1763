"""The plan service tests' case, its coordinator and a colleague."""

import pytest

from wijkteam.organisation.constants import TeamRole
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
)


@pytest.fixture
def case():
    return CaseFactory(uitvoering=True)


@pytest.fixture
def worker(case):
    return case.coordinator


@pytest.fixture
def colleague(case):
    """A second person who may work the case (the teamleider)."""
    return MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user
