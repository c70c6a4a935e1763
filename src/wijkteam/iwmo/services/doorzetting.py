"""Doorzettingsmacht (seed 000): deploying a second-line specialist directly from the case.

Where the team has doorzettingsmacht (``Team.direct_specialist_deployment``) and the member's
mandate rule for ``specialist`` reaches the volume and duration alone, the member deploys the
specialist at once; they (or a colleague on the case) can stop it again. Where it does not
reach (no doorzettingsmacht, no rule, above a limit, or a second approval would be needed),
the member escalates to the teamleider with a reason; the teamleider answers within
``ESCALATION_ANSWER_WORKING_DAYS`` working days, and an answer "inzetten" deploys.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases import policies as case_policies
from wijkteam.cases.constants import Frequency, Unit
from wijkteam.cases.models import Case
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import DecisionType, ProductCategory
from wijkteam.organisation.models import Organisation
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.providers.policies import PROVIDER_KINDS

from ..constants import ESCALATION_ANSWER_WORKING_DAYS, DeploymentStatus, EscalationStatus
from ..models import Escalation, SpecialistDeployment
from .common import add_working_days


class OutsideMandate(Exception):
    """The mandate does not reach: the caller offers an escalation to the teamleider."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _weeks(starts_on: datetime.date, ends_on: datetime.date) -> int:
    return ((ends_on - starts_on).days + 1 + 6) // 7


def _household(case: Case) -> list[int]:
    return list(case.household.members.values_list("pk", flat=True))


def _validate(
    *,
    case: Case,
    provider: Organisation | None,
    product_category: str,
    volume: Decimal | None,
    unit: str,
    frequency: str,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    reason: str,
) -> None:
    errors: dict[str, Any] = {}
    if not case.is_open:
        errors["__all__"] = _("Deze casus is afgesloten.")
    if provider is None:
        errors["provider"] = _("Kies de aanbieder van de specialist.")
    elif provider.kind not in PROVIDER_KINDS or (
        provider.municipality_id != case.team.municipality_id
    ):
        errors["provider"] = _("Kies een aanbieder uit de gemeente van het team.")
    if product_category not in ProductCategory.values:
        errors["product_category"] = _("Kies een productcategorie uit de lijst.")
    if volume is None or volume <= 0:
        errors["volume"] = _("De omvang moet groter zijn dan 0.")
    if unit not in Unit.values:
        errors["unit"] = _("Kies een eenheid uit de lijst (WJ756).")
    if frequency not in Frequency.values:
        errors["frequency"] = _("Kies een frequentie uit de lijst (WMO757).")
    if starts_on is None:
        errors["starts_on"] = _("Geef de startdatum.")
    if ends_on is None:
        errors["ends_on"] = _("Geef de einddatum.")
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("Het einde ligt vóór de start.")
    if not reason.strip():
        errors["reason"] = _("Geef de reden van de directe inzet.")
    if errors:
        raise ValidationError(errors)


def specialist_deploy(
    *,
    actor: User,
    case: Case,
    provider: Organisation | None,
    product_category: str,
    volume: Decimal | None,
    unit: str,
    frequency: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str,
) -> SpecialistDeployment:
    """Deploy directly within the mandate; :class:`OutsideMandate` when it does not reach."""
    if not case_policies.is_case_worker(actor, case):
        raise PermissionDenied(_("Alleen wie aan deze casus werkt, zet een specialist in."))
    _validate(
        case=case,
        provider=provider,
        product_category=product_category,
        volume=volume,
        unit=unit,
        frequency=frequency,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
    )
    verdict = org_policies.decision_mandate(
        user=actor,
        team=case.team,
        request=org_policies.DecisionRequest(
            decision_type=DecisionType.SPECIALIST_INZETTEN,
            product_category=product_category,
            volume=volume,
            weeks=_weeks(starts_on, ends_on),
        ),
        case_supporter_ids=[case.client_supporter_id] if case.client_supporter_id else [],
    )
    if not verdict.allowed:
        raise OutsideMandate(verdict.reason)
    if verdict.needs_second_approval:
        raise OutsideMandate(
            _("Voor deze inzet is de teamleider nodig: %s") % "; ".join(verdict.notes)
        )
    return _deploy(
        actor=actor,
        case=case,
        provider=provider,
        product_category=product_category,
        volume=volume,
        unit=unit,
        frequency=frequency,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
    )


def _deploy(*, actor: User, case: Case, **fields: Any) -> SpecialistDeployment:
    deployment = SpecialistDeployment(case=case, deployed_by=actor, **fields)
    deployment.reason = deployment.reason.strip()
    deployment.full_clean()
    with transaction.atomic():
        deployment.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=deployment)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=_household(case),
            obj=deployment,
            purpose=_("specialist direct ingezet (doorzettingsmacht)"),
        )
    return deployment


def specialist_stop(
    *, actor: User, deployment: SpecialistDeployment, stopped_on: datetime.date, reason: str
) -> SpecialistDeployment:
    case = deployment.case
    if not case_policies.is_case_worker(actor, case):
        raise PermissionDenied(_("Alleen wie aan deze casus werkt, stopt deze inzet."))
    errors: dict[str, Any] = {}
    if not reason.strip():
        errors["reason"] = _("Geef de reden van het stoppen.")
    if stopped_on < deployment.starts_on:
        errors["stopped_on"] = _("De stopdatum ligt vóór de start (%(day)s).") % {
            "day": f"{deployment.starts_on:%d-%m-%Y}"
        }
    elif stopped_on > timezone.localdate():
        errors["stopped_on"] = _("De stopdatum kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = SpecialistDeployment.objects.select_for_update().get(pk=deployment.pk)
        if locked.status != DeploymentStatus.LOOPT:
            raise ValidationError(_("Deze inzet is al gestopt."))
        locked.status = DeploymentStatus.GESTOPT
        locked.stopped_on = stopped_on
        locked.stop_reason = reason.strip()[:250]
        locked.stopped_by = actor
        locked.stopped_at = timezone.now()
        locked.save(
            update_fields=["status", "stopped_on", "stop_reason", "stopped_by", "stopped_at"]
        )
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=locked, changes={"status": "gestopt"}
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household(case),
            obj=locked,
            purpose=_("directe inzet specialist gestopt"),
        )
    return locked


def escalation_create(
    *,
    actor: User,
    case: Case,
    provider: Organisation | None,
    product_category: str,
    volume: Decimal | None,
    unit: str,
    frequency: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str,
    mandate_note: str,
) -> Escalation:
    """Ask the teamleider to decide on a deployment the member's mandate does not reach."""
    if not case_policies.is_case_worker(actor, case):
        raise PermissionDenied(_("Alleen wie aan deze casus werkt, vraagt de teamleider."))
    _validate(
        case=case,
        provider=provider,
        product_category=product_category,
        volume=volume,
        unit=unit,
        frequency=frequency,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
    )
    assert volume is not None and provider is not None
    escalation = Escalation(
        case=case,
        provider=provider,
        product_category=product_category,
        volume=volume,
        unit=unit,
        frequency=frequency,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        mandate_note=(mandate_note.strip() or _("Het mandaat van de rol reikt niet zo ver."))[:250],
        requested_by=actor,
        due_on=add_working_days(timezone.localdate(), ESCALATION_ANSWER_WORKING_DAYS),
    )
    escalation.full_clean()
    with transaction.atomic():
        escalation.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=escalation)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=_household(case),
            obj=escalation,
            purpose=_("escalatie naar de teamleider"),
        )
    return escalation


def escalation_answer(
    *, actor: User, escalation: Escalation, deploy: bool, answer: str
) -> Escalation:
    """The teamleider's answer; "inzetten" deploys the specialist in the same transaction."""
    if not org_policies.is_teamleader(actor, escalation.case.team):
        raise PermissionDenied(_("Alleen een teamleider van het team beantwoordt de escalatie."))
    if not answer.strip():
        raise ValidationError({"answer": _("Geef uw antwoord met de reden.")})
    with transaction.atomic():
        locked = Escalation.objects.select_for_update().get(pk=escalation.pk)
        if locked.status != EscalationStatus.OPEN:
            raise ValidationError(_("Deze escalatie is al beantwoord."))
        locked.status = EscalationStatus.INGEZET if deploy else EscalationStatus.AFGEWEZEN
        locked.answer = answer.strip()
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        if deploy:
            locked.deployment = _deploy(
                actor=actor,
                case=locked.case,
                provider=locked.provider,
                product_category=locked.product_category,
                volume=locked.volume,
                unit=locked.unit,
                frequency=locked.frequency,
                starts_on=max(locked.starts_on, timezone.localdate()),
                ends_on=max(locked.ends_on, locked.starts_on, timezone.localdate()),
                reason=_("Na escalatie: %(reason)s") % {"reason": locked.reason},
            )
        locked.save(update_fields=["status", "answer", "answered_by", "answered_at", "deployment"])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=locked, changes={"status": locked.status}
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household(locked.case),
            obj=locked,
            purpose=_("escalatie beantwoord"),
        )
    return locked
