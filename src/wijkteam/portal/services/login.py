"""From verified OpenID Connect claims to a portal session identity."""

from django.utils.translation import gettext as _

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.residents.models import Resident
from wijkteam.residents.validators import normalise_bsn, validate_bsn

from ..conf import BASIC_LOA, SUBSTANTIAL_LOA
from ..constants import Assurance
from ..identity import PortalUser


class LoginRefused(Exception):
    """The claims are not good enough to log in; the message is for the resident."""


def portal_login(*, bsn: str, loa: str) -> PortalUser:
    """Check the BSN (elfproef) and the level of assurance, and find the resident.

    Refusals are written to the audit trail without the BSN.
    """
    from django.core.exceptions import ValidationError

    value = normalise_bsn(bsn)
    try:
        if not value:
            raise ValidationError("empty")
        validate_bsn(value)
    except ValidationError as exc:
        audit_record(
            actor=None, action=AuditAction.LOGIN_FAILED, object_repr="Mijn wijkteam: BSN ongeldig"
        )
        raise LoginRefused(
            _(
                "Wij konden uw burgerservicenummer niet controleren. Log opnieuw in. Lukt het "
                "niet? Bel dan het wijkteam."
            )
        ) from exc
    if loa in SUBSTANTIAL_LOA:
        assurance = Assurance.SUBSTANTIEEL
    elif loa in BASIC_LOA:
        assurance = Assurance.BASIS
    else:
        audit_record(
            actor=None,
            action=AuditAction.LOGIN_FAILED,
            object_repr="Mijn wijkteam: geen betrouwbaarheidsniveau",
        )
        raise LoginRefused(
            _(
                "Wij weten niet hoe zeker uw inlog is (het betrouwbaarheidsniveau ontbreekt). "
                "Log opnieuw in met DigiD."
            )
        )
    resident_id = (
        Resident.objects.filter(bsn=value).order_by("pk").values_list("pk", flat=True).first()
    )
    portal_user = PortalUser(bsn=value, assurance=assurance, resident_id=resident_id)
    audit_record(
        actor=portal_user.log_actor(),
        action=AuditAction.LOGIN,
        object_repr=f"Mijn wijkteam ({assurance})",
    )
    return portal_user
