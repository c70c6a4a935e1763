"""The resident's answer to their plan, recorded with the plan version it is about."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases.models import Plan
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident

from ..constants import AgreementChoice
from ..identity import PortalUser
from ..models import PlanAgreement
from .common import portal_system_user


def plan_answer(
    *,
    portal_user: PortalUser,
    resident: Resident,
    plan: Plan,
    seen_version: int,
    choice: str,
    comment: str = "",
) -> PlanAgreement:
    """Agree, or say what you disagree with, for the version of the plan you saw.

    A plan changed since the page was loaded is refused (the resident reads it again); one
    answer per version (a double submit changes nothing).
    """
    comment = comment.strip()
    if choice not in AgreementChoice.values:
        raise ValidationError({"choice": _("Kies of u akkoord gaat met het plan.")})
    if choice == AgreementChoice.NIET_AKKOORD and not comment:
        raise ValidationError({"comment": _("Schrijf op waar u het niet mee eens bent.")})
    if len(comment) > 2000:
        raise ValidationError({"comment": _("Gebruik hoogstens 2000 tekens.")})
    with transaction.atomic():
        current = Plan.objects.select_for_update().get(pk=plan.pk)
        if current.version != seen_version:
            raise ValidationError(
                _("Het plan is net veranderd. Lees het nieuwe plan en geef dan uw antwoord.")
            )
        existing = PlanAgreement.objects.filter(
            plan=current, plan_version=current.version, resident=resident
        ).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                agreement = PlanAgreement.objects.create(
                    plan=current,
                    plan_version=current.version,
                    resident=resident,
                    choice=choice,
                    comment=comment,
                )
        except IntegrityError:
            return PlanAgreement.objects.get(
                plan=current, plan_version=current.version, resident=resident
            )
        audit_record(
            actor=portal_system_user(),
            action=AuditAction.CREATE,
            obj=agreement,
            changes={"choice": choice, "plan_version": current.version},
        )
        log_access(
            **portal_user.log_context(),
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=agreement,
            purpose=_("antwoord op het plan gegeven via Mijn wijkteam"),
        )
    return agreement
