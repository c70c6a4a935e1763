"""A klacht or a bezwaar from the portal, through the complaints services (channel *portaal*).

The portal has established who the resident is; the complaints services record the filing
with the portal's system account (``filed_by``) and the resident as complainant or objector.
The portal adds its own access-log entry with the resident as the actor.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.cases.models import Case, Decision
from wijkteam.complaints.constants import ComplaintSubject, FilingChannel
from wijkteam.complaints.models import Complaint, Objection
from wijkteam.complaints.services import complaint_file, objection_file
from wijkteam.organisation.models import Organisation, Team
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident

from .. import policies
from ..identity import PortalUser
from .common import portal_system_user

TEXT_MAX = 5000


def _text(value: str, field: str, empty: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: empty})
    if len(text) > TEXT_MAX:
        raise ValidationError({field: _("Gebruik hoogstens %(max)d tekens.") % {"max": TEXT_MAX}})
    return text


def portal_complaint_file(
    *,
    portal_user: PortalUser,
    resident: Resident,
    team: Team,
    subject: str,
    summary: str,
    case: Case | None = None,
    provider: Organisation | None = None,
    submission_token: uuid.UUID | None = None,
) -> Complaint:
    """File a klacht about the team or a provider; ``case`` must be one the resident sees."""
    if case is not None and (
        case.household_id != resident.household_id or not policies.sees_household_case(resident)
    ):
        raise PermissionDenied(_("Deze hulpvraag hoort niet bij u."))
    text = _text(summary, "summary", _("Schrijf op waarover u een klacht heeft."))
    with transaction.atomic():
        complaint = complaint_file(
            actor=portal_system_user(),
            team=team,
            subject=subject,
            summary=text,
            received_on=timezone.localdate(),
            provider=provider if subject == ComplaintSubject.PROVIDER else None,
            case=case,
            resident=resident,
            channel=FilingChannel.PORTAL,
            submission_token=submission_token,
        )
        log_access(
            **portal_user.log_context(),
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=complaint,
            purpose=_("klacht ingediend via Mijn wijkteam"),
        )
    return complaint


def portal_objection_file(
    *,
    portal_user: PortalUser,
    resident: Resident,
    decision: Decision,
    grounds: str,
    why_late: str = "",
    submission_token: uuid.UUID | None = None,
) -> Objection:
    """File a bezwaar against one of the resident's own decisions.

    A bezwaar after the six weeks is accepted and flagged ``late`` by the complaints service
    (the team judges whether the delay is excusable, Awb 6:11); the resident's explanation is
    kept with the grounds, never as the team's judgement.
    """
    if decision.resident_id != resident.pk:
        raise PermissionDenied(_("Dit besluit gaat niet over u."))
    text = _text(grounds, "grounds", _("Schrijf op waarom u het niet eens bent met het besluit."))
    late_note = (why_late or "").strip()
    if late_note:
        text = _("%(grounds)s\n\nWaarom later dan zes weken: %(why)s") % {
            "grounds": text,
            "why": late_note[:1000],
        }
    with transaction.atomic():
        objection = objection_file(
            actor=portal_system_user(),
            decision=decision,
            grounds=text,
            received_on=timezone.localdate(),
            channel=FilingChannel.PORTAL,
            submission_token=submission_token,
        )
        log_access(
            **portal_user.log_context(),
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=objection,
            purpose=_("bezwaar ingediend via Mijn wijkteam"),
        )
    return objection
