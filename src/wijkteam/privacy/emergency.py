"""Emergency access (doorbraak): does this user hold an active grant to a case?

Opening and reviewing are the rights app's services; the read of a case under a grant is
``wijkteam.cases.emergency``.
"""

from django.utils import timezone

from wijkteam.accounts.models import User

from .models import EmergencyAccess


def active_grant(user: User, case_id: int) -> EmergencyAccess | None:
    """The user's running emergency access to the case, if any (one query)."""
    if user.pk is None:
        return None
    return (
        EmergencyAccess.objects.filter(user=user, case_id=case_id, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )
