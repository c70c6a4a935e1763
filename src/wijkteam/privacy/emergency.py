"""Emergency access (doorbraak): does this user hold an active grant to a case?

Opening and reviewing are the rights app's services; the read of a case under a grant is
``wijkteam.cases.emergency``.
"""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.core import compiled

from .models import EmergencyAccess


def running_grants(user_id: int, case_id: int, now: datetime.datetime) -> QuerySet[EmergencyAccess]:
    """The user's grants to the case that run at ``now``, the longest running first."""
    return EmergencyAccess.objects.filter(
        user_id=user_id, case_id=case_id, expires_at__gt=now
    ).order_by("-expires_at")[:1]


def active_grant(user: User, case_id: int) -> EmergencyAccess | None:
    """The user's running emergency access to the case, if any (one query, asked every time:
    a grant that has expired opens nothing). The statement is compiled once
    (:mod:`wijkteam.core.compiled`); the moment is a parameter of every call."""
    if user.pk is None:
        return None
    found = compiled.instances(
        "privacy.active_grant", running_grants, [user.pk, case_id], moments=[timezone.now()]
    )
    return found[0] if found else None
