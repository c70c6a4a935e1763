"""Evaluation: plan the moments to look back with the resident, and record the outcome."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from .. import policies
from ..constants import EvaluationOutcome
from ..models import Case, Evaluation

NOTES_MAX = 5000


def _household_resident_ids(case: Case) -> list[int]:
    return list(case.household.members.values_list("pk", flat=True))


def _require_worker(actor: User, case: Case) -> None:
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _("Alleen de regisseur, een betrokken teamlid of de teamleider legt evaluaties vast.")
        )


def _lock_open_case(case: Case) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if not locked.is_open:
        raise ValidationError(
            _("Deze casus is afgesloten: er kan geen evaluatie meer worden vastgelegd.")
        )
    return locked


def evaluation_plan(*, actor: User, case: Case, planned_on: datetime.date) -> Evaluation:
    """Plan an evaluation moment (today or later)."""
    _require_worker(actor, case)
    if planned_on < timezone.localdate():
        raise ValidationError(
            {"planned_on": _("Een evaluatie plant u vandaag of later, niet in het verleden.")}
        )
    with transaction.atomic():
        locked = _lock_open_case(case)
        evaluation = Evaluation(case=locked, planned_on=planned_on)
        evaluation.full_clean()
        evaluation.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=evaluation,
            object_repr=_("Evaluatie van casus %s") % locked.pk,
            changes={"planned_on": planned_on.isoformat()},
        )
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=_household_resident_ids(locked),
            obj=evaluation,
            purpose=_("evaluatie gepland"),
        )
    return evaluation


def evaluation_record(
    *,
    actor: User,
    evaluation: Evaluation,
    held_on: datetime.date,
    outcome: str,
    notes: str = "",
) -> Evaluation:
    """Record that a planned evaluation was held and what came out of it."""
    case = Case.objects.get(pk=evaluation.case_id)
    _require_worker(actor, case)
    errors: dict[str, str] = {}
    if held_on > timezone.localdate():
        errors["held_on"] = _("Een evaluatie kan niet in de toekomst zijn gehouden.")
    elif held_on < case.opened_on:
        errors["held_on"] = _("Een evaluatie kan niet vóór de opening van de casus zijn gehouden.")
    if outcome not in EvaluationOutcome.values:
        errors["outcome"] = _("Kies de uitkomst: voortzetten, afschalen, opschalen of afsluiten.")
    if len(notes) > NOTES_MAX:
        errors["notes"] = _("Gebruik hoogstens %d tekens.") % NOTES_MAX
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked_case = _lock_open_case(case)
        current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if current.held_on is not None:
            raise ValidationError(
                _("Deze evaluatie is al vastgelegd op %s. Plan een nieuwe evaluatie.")
                % current.held_on.strftime("%d-%m-%Y")
            )
        current.held_on = held_on
        current.outcome = outcome
        current.notes = notes.strip()
        current.held_by = actor
        current.full_clean()
        current.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            object_repr=_("Evaluatie van casus %s") % locked_case.pk,
            changes={"held_on": held_on.isoformat(), "outcome": outcome},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household_resident_ids(locked_case),
            obj=current,
            purpose=_("evaluatie vastgelegd"),
        )
    return current


# --------------------------------------------------------------------------------------------
# What follows an evaluation: a new measurement, and closing the case when that is the outcome.
# --------------------------------------------------------------------------------------------


def assessment_url(case: Case) -> str | None:
    """The form for a new ZRM measurement (the instrument used at intake)."""
    try:
        return reverse("cases:assessment_record", args=[case.pk, "zrm2017"])
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class NextSteps:
    remeasure_url: str | None
    close_url: str | None
    """Only when the outcome is ``afsluiten`` and the case is still open."""


def next_steps(evaluation: Evaluation, case: Case) -> NextSteps:
    close = None
    if evaluation.outcome == EvaluationOutcome.AFSLUITEN and case.is_open:
        close = reverse("cases:close", args=[case.pk])
    return NextSteps(remeasure_url=assessment_url(case), close_url=close)


def is_overdue(evaluation: Evaluation, today: datetime.date | None = None) -> bool:
    return evaluation.held_on is None and evaluation.planned_on < (today or timezone.localdate())
