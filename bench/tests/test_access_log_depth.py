"""The access-log depth benchmark fills the log with a chain the app itself accepts."""

import pytest

from bench.access_log_depth import _fill
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.access_log_verify import ChainProblem, verify_chain
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry, AccessLogResident
from wijkteam.testing.factories import UserFactory


@pytest.mark.django_db
def test_bulk_fill_keeps_the_keyed_chain_valid_and_appendable() -> None:
    AccessLogEntry.objects.all().delete()
    _fill(300, resident_id=7)
    assert AccessLogEntry.objects.count() == 300
    assert AccessLogResident.objects.filter(resident_id=7).count() == 150
    log_access(user=UserFactory(), action=AccessAction.READ, residents=[7], purpose="daarna")
    results = list(verify_chain())
    assert not [r for r in results if isinstance(r, ChainProblem)]
    assert results[-1] == 301
