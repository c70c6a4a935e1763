"""Connect a resident of the case to a citizen initiative, only with their consent."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident
from wijkteam.socialmap.constants import InitiativeStatus
from wijkteam.socialmap.models import Initiative

from .. import policies
from ..models import Case, InitiativeConnection

LIVE = (InitiativeStatus.IDEE, InitiativeStatus.ACTIEF)


def initiative_connect(
    *,
    actor: User,
    case: Case,
    resident: Resident,
    initiative: Initiative,
    consent_given: bool,
    consent_on: datetime.date | None,
    consent_note: str = "",
) -> InitiativeConnection:
    """Record that the resident is connected to the initiative. Refused, nothing stored,
    without the resident's consent and its date."""
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(_("Alleen wie aan de casus werkt, verbindt een inwoner."))
    errors: dict[str, str] = {}
    if not consent_given or consent_on is None:
        errors["consent_given"] = _(
            "Verbind een inwoner alleen met een initiatief als de inwoner daar toestemming voor "
            "geeft. Vink de toestemming aan en vul de datum in."
        )
    elif consent_on > timezone.localdate():
        errors["consent_on"] = _("De datum van de toestemming ligt in de toekomst.")
    if resident.household_id != case.household_id:
        errors["resident"] = _("Kies een inwoner uit het huishouden van deze casus.")
    if initiative.municipality_id != case.team.municipality_id or initiative.status not in LIVE:
        errors["initiative"] = _("Kies een lopend initiatief in de gemeente van het team.")
    if errors:
        raise ValidationError(errors)
    assert consent_on is not None
    connection = InitiativeConnection(
        case=case,
        resident=resident,
        initiative=initiative,
        consent_on=consent_on,
        consent_note=consent_note.strip(),
        connected_by=actor,
    )
    try:
        with transaction.atomic():
            connection.save()
            audit_record(actor=actor, action=AuditAction.CREATE, obj=connection)
            log_access(
                user=actor,
                action=AccessAction.CREATE,
                residents=[resident.pk],
                obj=connection,
                purpose=_("inwoner verbonden met initiatief"),
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"initiative": _("Deze inwoner is al verbonden met dit initiatief.")}
        ) from exc
    return connection
