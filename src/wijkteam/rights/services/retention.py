"""Retention rules: configuration by the functioneel beheerder, no resident data."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.rights.models import RetentionRule
from wijkteam.rights.policies import may_manage_retention


def retention_rule_update(
    *, actor: User, rule: RetentionRule, years: int | None, source: str, to_confirm: bool
) -> RetentionRule:
    if not may_manage_retention(actor):
        raise PermissionDenied(_("Alleen de functioneel beheerder stelt bewaartermijnen in."))
    errors: dict[str, Any] = {}
    if years is None or not (1 <= years <= 115):
        errors["years"] = _("Een bewaartermijn ligt tussen 1 en 115 jaar.")
    if not source.strip():
        errors["source"] = _("Noem de bron van de bewaartermijn (wet, selectielijst of besluit).")
    if errors:
        raise ValidationError(errors)
    assert years is not None
    with transaction.atomic():
        current = RetentionRule.objects.select_for_update().get(pk=rule.pk)
        before = {
            "years": current.years,
            "source": current.source,
            "to_confirm": current.to_confirm,
        }
        current.years = years
        current.source = source.strip()
        current.to_confirm = to_confirm
        current.full_clean()
        current.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                k: [before[k], getattr(current, k)]
                for k in before
                if before[k] != getattr(current, k)
            },
        )
    return current
