"""Reading a case under an emergency access (doorbraak), time-limited and logged.

The grant itself is the privacy foundation's (``wijkteam.privacy.emergency``); the case
selectors call :func:`case_for_emergency` when a case is outside the user's scope.
"""

from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.emergency import active_grant
from wijkteam.privacy.models import EmergencyAccess

from .models import Case

_GRANT_ATTRIBUTE = "_privacy_emergency_grant"


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
