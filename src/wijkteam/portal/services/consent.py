"""The resident withdraws or gives a consent themselves; a withdrawal works at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction, ConsentMethod, SharingBasis
from wijkteam.privacy.models import Consent
from wijkteam.residents.models import Resident

from ..identity import PortalUser
from .common import portal_system_user


def _own(resident: Resident, consent_pk: int) -> Consent:
    consent = (
        Consent.objects.select_for_update()
        .filter(pk=consent_pk, resident=resident, basis=SharingBasis.TOESTEMMING)
        .first()
    )
    if consent is None:
        raise ValidationError(_("Deze toestemming hoort niet bij u."))
    return consent


def portal_consent_withdraw(
    *, portal_user: PortalUser, resident: Resident, consent_pk: int
) -> Consent:
    with transaction.atomic():
        consent = _own(resident, consent_pk)
        if consent.withdrawn_at is not None:
            return consent  # a double submit: already withdrawn, nothing changes
        system = portal_system_user()
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = system
        consent.withdrawal_note = _("ingetrokken door de inwoner via Mijn wijkteam")
        consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"])
        audit_record(
            actor=system,
            action=AuditAction.UPDATE,
            obj=consent,
            changes={"withdrawn_at": consent.withdrawn_at.isoformat(), "by": "inwoner"},
        )
        log_access(
            **portal_user.log_context(),
            action=AccessAction.CHANGE,
            residents=[resident.pk],
            obj=consent,
            purpose=_("toestemming ingetrokken via Mijn wijkteam"),
        )
    return consent


def portal_consent_give(*, portal_user: PortalUser, resident: Resident, consent_pk: int) -> Consent:
    """Give again a consent the resident withdrew earlier: a new record from today."""
    with transaction.atomic():
        earlier = _own(resident, consent_pk)
        if earlier.withdrawn_at is None:
            return earlier
        already = Consent.objects.filter(
            resident=resident,
            organisation=earlier.organisation,
            basis=SharingBasis.TOESTEMMING,
            withdrawn_at__isnull=True,
            categories=earlier.categories,
            purpose=earlier.purpose,
        ).first()
        if already is not None:
            return already
        system = portal_system_user()
        consent = Consent(
            resident=resident,
            organisation=earlier.organisation,
            basis=SharingBasis.TOESTEMMING,
            purpose=earlier.purpose,
            categories=list(earlier.categories),
            given_how=ConsentMethod.PORTAAL,
            valid_from=timezone.localdate(),
            valid_until=earlier.valid_until
            if earlier.valid_until and earlier.valid_until >= timezone.localdate()
            else None,
            recorded_by=system,
        )
        consent.full_clean()
        consent.save()
        audit_record(
            actor=system, action=AuditAction.CREATE, obj=consent, changes={"by": "inwoner"}
        )
        log_access(
            **portal_user.log_context(),
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=consent,
            purpose=_("toestemming gegeven via Mijn wijkteam"),
        )
    return consent
