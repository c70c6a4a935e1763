"""Inzage and correction requests the resident files themselves (in Mijn wijkteam).

The staff services (``requests.py``) check that the registering professional has the resident
in scope. Here the caller has established who the resident is (the portal's DigiD log-in);
``account`` is the account recorded as registering (the portal's system account). The term is
the same: one month, Atw applied (AVG art. 12 lid 3). One open inzage request at a time: a
second while one is open gives the open one back.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.privacy.constants import InzageStatus, RequestChannel, RequestedBy
from wijkteam.residents.models import Resident
from wijkteam.rights.models import CorrectionRequest, InzageRequest

from .requests import _avg_due

OPEN_CORRECTIONS_MAX = 5


def inzage_request_by_resident(
    *,
    account: User,
    resident: Resident,
    requested_by: str = RequestedBy.INWONER,
    note: str = "",
) -> tuple[InzageRequest, bool]:
    """The resident (or their representative) asks for the inzage export, received today.

    Returns the request and whether it is new (False: the open one given back)."""
    if requested_by not in RequestedBy.values:
        raise ValidationError({"requested_by": _("Kies wie het verzoek indient.")})
    if len(note.strip()) > 250:
        raise ValidationError({"note": _("Houd de toelichting korter dan 250 tekens.")})
    today = timezone.localdate()
    with transaction.atomic():
        Resident.objects.select_for_update().filter(pk=resident.pk).first()
        open_request = InzageRequest.objects.filter(
            resident=resident, status=InzageStatus.ONTVANGEN
        ).first()
        if open_request is not None:
            return open_request, False
        request = InzageRequest(
            resident=resident,
            received_on=today,
            requested_by=requested_by,
            received_via=RequestChannel.PORTAAL,
            note=note.strip(),
            due_on=_avg_due(today),
            registered_by=account,
        )
        request.full_clean()
        request.save()
        audit_record(
            actor=account, action=AuditAction.CREATE, obj=request, changes={"by": requested_by}
        )
    return request, True


def correction_request_by_resident(
    *, account: User, resident: Resident, concerns: str, requested_change: str
) -> CorrectionRequest:
    """The resident asks to correct data; decided within one month like the staff's."""
    errors: dict[str, Any] = {}
    if not concerns.strip():
        errors["concerns"] = _("Schrijf op welke gegevens niet kloppen.")
    elif len(concerns.strip()) > 2000:
        errors["concerns"] = _("Gebruik hoogstens 2000 tekens.")
    if not requested_change.strip():
        errors["requested_change"] = _("Schrijf op wat er wel moet staan.")
    elif len(requested_change.strip()) > 2000:
        errors["requested_change"] = _("Gebruik hoogstens 2000 tekens.")
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    with transaction.atomic():
        Resident.objects.select_for_update().filter(pk=resident.pk).first()
        open_count = CorrectionRequest.objects.filter(resident=resident, outcome="").count()
        if open_count >= OPEN_CORRECTIONS_MAX:
            raise ValidationError(
                _(
                    "U heeft al %(count)d verzoeken die nog lopen. Wacht op ons antwoord, of bel "
                    "het wijkteam."
                )
                % {"count": open_count}
            )
        correction = CorrectionRequest(
            resident=resident,
            received_on=today,
            concerns=concerns.strip(),
            requested_change=requested_change.strip(),
            due_on=_avg_due(today),
            registered_by=account,
        )
        correction.full_clean()
        correction.save()
        audit_record(actor=account, action=AuditAction.CREATE, obj=correction)
    return correction
