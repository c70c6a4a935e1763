"""What an account may do by its system role alone (a pure function per question).

Team-bound rights (memberships, roles in a team, the mandate) are in
``wijkteam.organisation.policies``, one floor up, which builds on these.
"""

from django.contrib.auth.models import AnonymousUser

from .constants import SystemRole
from .models import User

AnyUser = User | AnonymousUser


def _role(user: AnyUser) -> str | None:
    return getattr(user, "system_role", None) if user.is_authenticated else None


def is_professional(user: AnyUser) -> bool:
    return _role(user) == SystemRole.PROFESSIONAL


def can_configure(user: AnyUser) -> bool:
    """Functioneel beheerder: configures teams, mandate, organisations; sees no case content."""
    return _role(user) == SystemRole.FUNCTIONEEL_BEHEERDER


def can_view_aggregate_reports(user: AnyUser) -> bool:
    """Policy officers see aggregate figures only, never personal data."""
    return _role(user) == SystemRole.BELEIDSMEDEWERKER


def can_view_published_reports(user: AnyUser) -> bool:
    """The client council sees published aggregate reports (small cells suppressed)."""
    return _role(user) in (SystemRole.WMO_RAAD, SystemRole.BELEIDSMEDEWERKER)
