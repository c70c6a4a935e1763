"""Emergency access (doorbraak): opening a case outside one's scope for a limited time, and
the teamleider's review of it."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases import policies as case_policies
from wijkteam.cases.models import Case
from wijkteam.cases.policies_consent import may_review_emergency
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.services import notification_send
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.selectors import team_member_users
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import (
    EMERGENCY_DEFAULT_MINUTES,
    EMERGENCY_MAX_MINUTES,
    EMERGENCY_MIN_MINUTES,
    AccessAction,
    EmergencyVerdict,
)
from wijkteam.privacy.emergency import active_grant
from wijkteam.privacy.models import EmergencyAccess
from wijkteam.residents.models import Resident


def _household_resident_ids(case: Case) -> list[int]:
    return list(
        Resident.objects.filter(household_id=case.household_id).values_list("pk", flat=True)
    )


def emergency_access_open(
    *, actor: User, case: Case, reason: str, minutes: int = EMERGENCY_DEFAULT_MINUTES
) -> EmergencyAccess:
    """Open a case outside one's scope for a limited time, stating a reason.

    Refused (nothing stored, the attempt logged as REFUSED) without a reason; refused when the
    member already sees the case (no doorbraak needed) or already holds a running one. The
    grant is logged as EMERGENCY and waits in the teamleider's review queue.
    """
    residents = _household_resident_ids(case)
    if not org_policies.is_professional(actor) or not (
        org_policies.active_memberships(actor)
        .filter(team__municipality_id=case.team.municipality_id)
        .exists()
    ):
        log_access(
            user=actor,
            action=AccessAction.REFUSED,
            residents=residents,
            obj=case,
            purpose=_("doorbraak geweigerd: geen actief teamlid in deze gemeente"),
        )
        raise PermissionDenied(
            _("Alleen een actief teamlid in deze gemeente kan een doorbraak openen.")
        )
    errors: dict[str, Any] = {}
    if not reason.strip():
        errors["reason"] = _("Geef de reden voor de doorbraak: zonder reden krijgt u geen toegang.")
    if not isinstance(minutes, int) or not (
        EMERGENCY_MIN_MINUTES <= minutes <= EMERGENCY_MAX_MINUTES
    ):
        errors["minutes"] = _("Kies een duur van %(min)s tot %(max)s minuten.") % {
            "min": EMERGENCY_MIN_MINUTES,
            "max": EMERGENCY_MAX_MINUTES,
        }
    if errors:
        log_access(
            user=actor,
            action=AccessAction.REFUSED,
            residents=residents,
            obj=case,
            purpose=_("doorbraak geweigerd: geen geldige reden of duur"),
        )
        raise ValidationError(errors)
    if case_policies.can_view_case(actor, case):
        raise ValidationError(_("U heeft al toegang tot deze casus; een doorbraak is niet nodig."))
    running = active_grant(actor, case.pk)
    if running is not None:
        raise ValidationError(
            _("U heeft al een doorbraak op deze casus tot %s.")
            % timezone.localtime(running.expires_at).strftime("%H:%M")
        )
    now = timezone.now()
    grant = EmergencyAccess(
        user=actor,
        case=case,
        reason=reason.strip(),
        opened_at=now,
        expires_at=now + datetime.timedelta(minutes=minutes),
    )
    grant.full_clean()
    with transaction.atomic():
        grant.save()
        entry = log_access(
            user=actor,
            action=AccessAction.EMERGENCY,
            residents=residents,
            obj=case,
            purpose=_("doorbraak %(id)s geopend: %(reason)s")
            % {"id": grant.pk, "reason": grant.reason},
        )
        grant.access_log_entry_id = entry.pk
        grant.save(update_fields=["access_log_entry_id"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=grant,
            changes={"case": case.pk, "minutes": minutes},
        )
        notification_send(
            users=team_member_users(team_id=case.team_id, role=TeamRole.TEAMLEIDER).exclude(
                pk=actor.pk
            ),
            kind=NotificationKind.EMERGENCY_REVIEW,
            url=reverse("privacy:emergency_review", args=[grant.pk]),
            dedupe_key=f"emergency:{grant.pk}",
        )
    return grant


def emergency_review(
    *, actor: User, grant: EmergencyAccess, verdict: str, note: str = ""
) -> EmergencyAccess:
    """The teamleider of the case's team judges a doorbraak; an unjustified one ends at once."""
    case = grant.case
    if not may_review_emergency(actor, case):
        raise PermissionDenied(
            _("Alleen een teamleider van het team van de casus beoordeelt een doorbraak.")
        )
    if grant.user_id == actor.pk:
        raise PermissionDenied(_("U beoordeelt niet uw eigen doorbraak."))
    errors: dict[str, Any] = {}
    if verdict not in EmergencyVerdict.values:
        errors["verdict"] = _("Kies een oordeel.")
    elif verdict == EmergencyVerdict.NIET_GERECHTVAARDIGD and not note.strip():
        errors["note"] = _("Licht toe waarom de doorbraak niet gerechtvaardigd was.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = EmergencyAccess.objects.select_for_update().get(pk=grant.pk)
        if current.verdict:
            raise ValidationError(_("Deze doorbraak is al beoordeeld."))
        now = timezone.now()
        current.verdict = verdict
        current.review_note = note.strip()
        current.reviewed_by = actor
        current.reviewed_at = now
        fields = ["verdict", "review_note", "reviewed_by", "reviewed_at"]
        if verdict == EmergencyVerdict.NIET_GERECHTVAARDIGD and current.expires_at > now:
            current.expires_at = max(now, current.opened_at + datetime.timedelta(microseconds=1))
            fields.append("expires_at")
        current.save(update_fields=fields)
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=current, changes={"verdict": verdict}
        )
    return current
