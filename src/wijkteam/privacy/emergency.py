"""Emergency access (doorbraak): reading a case outside one's scope, time-limited and logged.

Opening and reviewing are services (:mod:`wijkteam.privacy.services`); this module answers
"does this user hold an active grant?" and serves the read of a case under a grant, which the
case selectors call when a case is out of scope.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.models import Case
from wijkteam.organisation import policies as org_policies

from .access_log import log_access
from .constants import AccessAction
from .models import EmergencyAccess

_GRANT_ATTRIBUTE = "_privacy_emergency_grant"


def active_grant(user: User, case_id: int) -> EmergencyAccess | None:
    """The user's running emergency access to the case, if any (one query)."""
    if user.pk is None:
        return None
    return (
        EmergencyAccess.objects.filter(user=user, case_id=case_id, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )


def case_for_emergency(*, user: User, pk: int, purpose: str = "") -> Case | None:
    """The case under an active grant, its read logged as EMERGENCY; None without a grant.

    Call this from ``cases.selectors.case_get`` when the case is outside the user's scope.
    """
    if not org_policies.is_professional(user):
        return None
    grant = active_grant(user, pk)
    if grant is None:
        return None
    case = (
        Case.objects.select_related("household", "team", "coordinator", "client_supporter")
        .prefetch_related("household__members")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        return None
    setattr(case, _GRANT_ATTRIBUTE, grant)  # lets the case page show the doorbraak banner
    log_access(
        user=user,
        action=AccessAction.EMERGENCY,
        residents=[r.pk for r in case.household.members.all()],
        obj=case,
        purpose=_("doorbraak %(id)s: %(purpose)s")
        % {"id": grant.pk, "purpose": purpose or _("casus geopend")},
    )
    return case


def grant_of(case: Case) -> EmergencyAccess | None:
    """The grant under which :func:`case_for_emergency` returned this case (no query)."""
    grant = getattr(case, _GRANT_ATTRIBUTE, None)
    return grant if isinstance(grant, EmergencyAccess) else None
