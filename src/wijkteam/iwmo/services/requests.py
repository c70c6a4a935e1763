"""Answering a provider's 315/317: with an allocation (its 301 carries the request's
ReferentieAanbieder), or a refusal with its WJ759 reason (319, VerzoekAntwoord 1); meanwhile
the team may tell the provider the request is being investigated (319, VerzoekAntwoord 2)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases import policies as case_policies
from wijkteam.cases.models import Allocation
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from ..constants import RefusalReason, RequestStatus, VerzoekAntwoord
from ..models import ProviderRequest
from .changes import products_after_changes
from .outgoing import answer_319_create, request_301_create


def _lock_open(actor: User, request: ProviderRequest) -> ProviderRequest:
    if not case_policies.is_case_worker(actor, request.case):
        raise PermissionDenied(
            _(
                "Alleen de regisseur, een betrokken teamlid of de teamleider beantwoordt dit verzoek."
            )
        )
    locked = ProviderRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != RequestStatus.OPEN:
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    return locked


def request_allocate(
    *, actor: User, request: ProviderRequest, allocation: Allocation | None
) -> ProviderRequest:
    """Answer the request with an allocation of this case to this provider: the allocation's
    301 is sent again with the request's ReferentieAanbieder (no 319 for a granted request)."""
    errors = {}
    if allocation is None:
        errors["allocation"] = _("Kies de toewijzing waarmee u het verzoek beantwoordt.")
    elif allocation.intervention.case_id != request.case_id:
        errors["allocation"] = _("Deze toewijzing hoort niet bij de casus van het verzoek.")
    elif allocation.provider_id != request.provider_id:
        errors["allocation"] = _("Deze toewijzing is aan een andere aanbieder gegeven.")
    elif allocation.product_category != request.product_category:
        errors["allocation"] = _("De productcategorie van de toewijzing past niet bij het verzoek.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _lock_open(actor, request)
        locked.status = RequestStatus.TOEGEWEZEN
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.answered_allocation = allocation
        locked.full_clean()
        locked.save()
        assert allocation is not None
        request_301_create(
            incoming=locked.message,
            allocation=allocation,
            reference=locked.reference,
            lines=products_after_changes(allocation),
        )
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=locked, changes={"antwoord": "301"}
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[locked.resident_id],
            obj=locked,
            purpose=_("verzoek van aanbieder toegewezen"),
        )
    return locked


def request_refuse(
    *, actor: User, request: ProviderRequest, reason: str, reason_code: str
) -> ProviderRequest:
    """Refuse the request: the 319 carries VerzoekAntwoord 1 and the WJ759 ``reason_code``; the
    team's own explanation ``reason`` stays in the file."""
    reason = reason.strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Geef de reden van de afwijzing.")
    elif len(reason) > 200:
        errors["reason"] = _("De reden is te lang (ten hoogste 200 tekens).")
    if reason_code not in RefusalReason.values:
        errors["reason_code"] = _("Kies de reden van afwijzing uit de lijst.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _lock_open(actor, request)
        locked.status = RequestStatus.AFGEWEZEN
        locked.answer_reason = reason
        locked.refusal_code = reason_code
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.full_clean()
        locked.save()
        answer_319_create(
            incoming=locked.message,
            answer=VerzoekAntwoord.AFGEWEZEN,
            reference=locked.reference,
            refusal_code=reason_code,
        )
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes={"antwoord": "1"})
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[locked.resident_id],
            obj=locked,
            purpose=_("verzoek van aanbieder afgewezen"),
        )
    return locked


def request_investigate(*, actor: User, request: ProviderRequest) -> ProviderRequest:
    """Tell the provider the request is being investigated: a 319 with VerzoekAntwoord 2
    ("aanvraag in onderzoek", WJ760) and the request's ReferentieAanbieder. The request stays
    open with its answer term; it is sent once."""
    with transaction.atomic():
        locked = _lock_open(actor, request)
        if locked.investigation_sent_at is not None:
            raise ValidationError(_("De aanbieder weet al dat de aanvraag in onderzoek is."))
        locked.investigation_sent_at = timezone.now()
        locked.save(update_fields=["investigation_sent_at"])
        answer_319_create(
            incoming=locked.message,
            answer=VerzoekAntwoord.IN_ONDERZOEK,
            reference=locked.reference,
        )
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes={"antwoord": "2"})
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[locked.resident_id],
            obj=locked,
            purpose=_("verzoek van aanbieder in onderzoek gemeld"),
        )
    return locked
