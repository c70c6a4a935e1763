"""The nightly access-log check as a job: a summary when intact, a failure naming the entry."""

import pytest

from wijkteam.core.jobs import JobError
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.jobs import access_log_check
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_intact_chain_gives_a_count(db):
    user = UserFactory()
    for i in range(3):
        log_access(user=user, action=AccessAction.READ, residents=[i + 1], purpose="lezen")
    assert access_log_check() == "3 regels gecontroleerd; de keten is intact."


def test_a_changed_entry_fails_the_job_with_its_id(db):
    user = UserFactory()
    entries = [
        log_access(user=user, action=AccessAction.READ, residents=[i + 1], purpose="lezen")
        for i in range(3)
    ]
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    AccessLogEntry.objects.filter(pk=entries[1].pk).update(purpose="gewijzigd")
    with pytest.raises(JobError, match=f"regel {entries[1].pk}"):
        access_log_check()
