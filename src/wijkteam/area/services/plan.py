"""Writes of the team development plan: goals, actions (owner, date, status), reviews. Every
write adds a ``PlanEvent`` (the plan's history) and an audit event, in one transaction."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError

from .. import policies
from ..constants import ActionStatus, PlanEventKind
from ..models import DevelopmentAction, DevelopmentGoal, PlanEvent, PlanReview, TeamDesign


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month + 1, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def _require(actor: User, design: TeamDesign) -> None:
    if not policies.may_edit_design(actor, design):
        raise PermissionDenied(
            _("Alleen de teamleider of de functioneel beheerder werkt het ontwikkelplan bij.")
        )


def _event(
    actor: User, design: TeamDesign, kind: str, subject: str, changes: dict[str, Any]
) -> None:
    PlanEvent.objects.create(
        design=design, kind=kind, subject=subject[:300], changes=changes, actor=actor
    )


def goal_add(
    *, actor: User, design: TeamDesign, title: str, description: str = ""
) -> DevelopmentGoal:
    _require(actor, design)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Vul het doel in.")})
    with transaction.atomic():
        goal = DevelopmentGoal.objects.create(
            design=design, title=title, description=description.strip(), created_by=actor
        )
        _event(actor, design, PlanEventKind.GOAL_ADDED, title, {})
        audit_record(actor=actor, action=AuditAction.CREATE, obj=goal, object_repr=title)
    return goal


def action_add(
    *, actor: User, goal: DevelopmentGoal, description: str, owner: str, due_on: datetime.date
) -> DevelopmentAction:
    _require(actor, goal.design)
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = _("Vul de actie in.")
    if not owner.strip():
        errors["owner"] = _("Vul in wie eigenaar is van de actie.")
    if due_on < goal.created_at.date() - datetime.timedelta(days=366):
        errors["due_on"] = _("Deze datum ligt te ver in het verleden.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = DevelopmentAction.objects.create(
            goal=goal, description=description.strip(), owner=owner.strip(), due_on=due_on
        )
        _event(
            actor,
            goal.design,
            PlanEventKind.ACTION_ADDED,
            action.description,
            {"owner": action.owner, "due_on": due_on.isoformat()},
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=action)
    return action


def action_status_set(
    *, actor: User, action: DevelopmentAction, status: str, expected_version: int
) -> DevelopmentAction:
    design = action.goal.design
    _require(actor, design)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Kies een van de statussen.")})
    with transaction.atomic():
        locked = DevelopmentAction.objects.select_for_update().get(pk=action.pk)
        if locked.version != expected_version:
            raise ConcurrentEditError
        if locked.status == status:
            return locked
        old = locked.status
        locked.status = status
        locked.version += 1
        locked.save(update_fields=["status", "version"])
        _event(
            actor,
            design,
            PlanEventKind.ACTION_CHANGED,
            locked.description,
            {"status": [old, status]},
        )
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=locked, changes={"status": [old, status]}
        )
    return locked


def review_record(
    *,
    actor: User,
    design: TeamDesign,
    reviewed_on: datetime.date,
    summary: str,
    next_review_on: datetime.date | None = None,
) -> PlanReview:
    """Record a periodic discussion of the plan; the next one defaults to the design's term."""
    _require(actor, design)
    errors: dict[str, str] = {}
    if reviewed_on > timezone.localdate():
        errors["reviewed_on"] = _("Een bespreking kan niet in de toekomst hebben plaatsgevonden.")
    if not summary.strip():
        errors["summary"] = _("Schrijf de uitkomst van de bespreking op.")
    next_on = next_review_on or add_months(reviewed_on, design.review_months)
    if next_on <= reviewed_on:
        errors["next_review_on"] = _("De volgende bespreking ligt na deze bespreking.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review = PlanReview.objects.create(
            design=design,
            reviewed_on=reviewed_on,
            summary=summary.strip(),
            next_review_on=next_on,
            reviewed_by=actor,
        )
        _event(
            actor,
            design,
            PlanEventKind.REVIEWED,
            summary.strip()[:300],
            {"next_review_on": next_on.isoformat()},
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=review)
    return review
