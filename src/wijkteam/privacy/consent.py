"""Storing a resident's consent: the one write both the rights screens and the intake use.

Callers check first: whether the actor may record it for this resident (scope) and whether the
input is valid. Here the record is stored with its audit event and access-log entry, in one
transaction; ``Consent.full_clean`` guards the model's own rules.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.organisation.models import Organisation

from .access_log import log_access
from .constants import AccessAction, SharingBasis
from .models import Consent
from .policies import consent_filter


def consent_store(
    *,
    actor: User,
    resident_id: int,
    organisation: Organisation,
    purpose: str,
    categories: list[str],
    given_how: str,
    valid_from: datetime.date,
    valid_until: datetime.date | None = None,
) -> Consent:
    consent = Consent(
        resident_id=resident_id,
        organisation=organisation,
        basis=SharingBasis.TOESTEMMING,
        purpose=purpose.strip(),
        categories=categories,
        given_how=given_how,
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=actor,
    )
    consent.full_clean()
    with transaction.atomic():
        consent.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=consent,
            changes={"categories": categories, "organisation": organisation.pk},
        )
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident_id],
            obj=consent,
            purpose=_("toestemming vastgelegd"),
        )
    return consent


def organisations_without_consent(
    *,
    resident_id: int,
    organisations: Iterable[Organisation],
    categories: Iterable[str],
    day: datetime.date,
) -> list[Organisation]:
    """Those of ``organisations`` for which no consent or legal ground in force on ``day``
    already covers every one of ``categories`` for the resident."""
    wanted = set(categories)
    covered: dict[int, set[str]] = {}
    for organisation_id, shared in Consent.objects.filter(
        consent_filter(day=day), resident_id=resident_id
    ).values_list("organisation_id", "categories"):
        covered.setdefault(organisation_id, set()).update(shared)
    return [o for o in organisations if not wanted <= covered.get(o.pk, set())]
