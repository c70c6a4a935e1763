"""Helpers shared by the privacy services: is a resident in the actor's scope, and the
refusal (logged, because it concerns access) when they are not."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases import policies as case_policies
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident


def _resident_in_scope(actor: User, resident: Resident) -> bool:
    return case_policies.resident_scope(actor).filter(pk=resident.pk).exists()


def _refuse_resident(actor: User, resident: Resident, what: str) -> PermissionDenied:
    """Log the refused attempt (it concerns access) and return the error to raise."""
    log_access(
        user=actor,
        action=AccessAction.REFUSED,
        residents=[resident.pk],
        purpose=_("geweigerd: %(what)s voor een inwoner buiten bereik") % {"what": what},
    )
    return PermissionDenied(
        _("U mag de gegevens van deze inwoner niet inzien. Er is niets vastgelegd.")
    )
