"""Reads of accounts: by system role (for notifying) and the current lock-outs."""

from typing import Any

from axes.models import AccessAttempt
from django.db.models import Max, QuerySet, Sum
from django.utils import timezone

from . import lockout
from .constants import SystemRole
from .models import User


def active_beheerders() -> QuerySet[User]:
    """The active functioneel beheerders: who hears of failed jobs and retention runs."""
    return User.objects.filter(system_role=SystemRole.FUNCTIONEEL_BEHEERDER, is_active=True)


def lockouts() -> dict[str, list[dict[str, Any]]]:
    """The current lock-outs and delays, for the functioneel beheerder (no case data).

    ``pairs``: a user name locked from one client; ``clients``: a client locked for every
    user name; ``delayed``: user names that must wait between tries.
    """
    since = timezone.now() - lockout.COOL_OFF
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)

    def grouped(fields: list[str], limit: int) -> list[dict[str, Any]]:
        rows = (
            recent.values(*fields)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=limit)
            .order_by("-last")
        )
        return list(rows[:200])

    return {
        "pairs": grouped(["username", "ip_address"], lockout.USER_CLIENT_LIMIT),
        "clients": grouped(["ip_address"], lockout.CLIENT_LIMIT),
        "delayed": grouped(["username"], lockout.DELAY_AFTER),
    }
