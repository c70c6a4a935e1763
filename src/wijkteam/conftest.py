"""Shared fixtures: factories are in ``wijkteam.testing``; here, logged-in clients."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts.models import User
from wijkteam.testing.db_markers import unserialized_transactional
from wijkteam.testing.factories import UserFactory


def verified_client(user: User) -> Client:
    """A client logged in with a verified second factor, as after a real log-in."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    return verified_client


@pytest.fixture
def beheerder(db: None) -> User:
    return UserFactory(beheerder=True)


@pytest.fixture(autouse=True)
def _fresh_access_log_checkpoints() -> Iterator[None]:
    """Checkpoints of the access log name entries of one test's database: none survive it."""
    from django.conf import settings

    yield
    from wijkteam.privacy.access_log_checkpoints import FILE_NAME

    (Path(settings.ACCESS_LOG_CHECKPOINT_DIR) / FILE_NAME).unlink(missing_ok=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse to run a transactional test whose flush would break the tests after it."""
    offenders = unserialized_transactional(items)
    if offenders:
        raise pytest.UsageError(
            "transaction=True without serialized_rollback=True (see wijkteam/testing/db_markers.py): "
            + ", ".join(offenders)
        )
