"""The iwmo tests' shared world: an exchange folder and an allocation made through the service
(so its 301 is in the outbox)."""

from decimal import Decimal

import pytest

from wijkteam.cases.services import intervention as interventions
from wijkteam.cases.tests.test_decision_fixtures import build_world, decided

BSN = "111222333"


@pytest.fixture
def folder(tmp_path, settings):
    settings.IWMO_FOLDER = str(tmp_path)
    return tmp_path


@pytest.fixture
def w(folder, django_capture_on_commit_callbacks):
    world = build_world()
    world.resident.bsn = BSN
    world.resident.save()
    decision = decided(world)
    with django_capture_on_commit_callbacks(execute=True):
        world.intervention = interventions.intervention_start(
            actor=world.coordinator,
            case=world.case,
            kind="maatwerk",
            description="Begeleiding",
            starts_on=decision.starts_on,
            decision=decision,
            provider=world.provider,
            volume=Decimal(4),
            unit=decision.unit,
            frequency=decision.frequency,
        )
    world.allocation = world.intervention.allocation
    return world
