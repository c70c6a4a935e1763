"""Every write of accountability: composing an overview and publishing a frozen version.

Keyword-only ``<noun>_<verb>``, one transaction each with the audit event inside, nothing
stored on a refusal (a Dutch ``ValidationError``).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record

from . import policies
from .models import AggregateMonth, Overview, PublishedOverview
from .notify import notify_overview_published
from .publications import build_sections, overview_period
from .sections import check_published
from .selectors import parse_period
from .suppression import MIN_THRESHOLD


def _checked(*, title: str, period_kind: str, period_month: str, threshold: int) -> datetime.date:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Geef het overzicht een titel.")]
    if threshold < MIN_THRESHOLD:
        errors["threshold"] = [
            _("De drempel voor kleine aantallen is ten minste %(min)s.") % {"min": MIN_THRESHOLD}
        ]
    start = None
    try:
        start = parse_period(period_kind, period_month).start
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors["period_month" if field == "van" else "period_kind"] = messages
    if errors:
        raise ValidationError(errors)
    assert start is not None
    return start


def overview_save(
    *,
    actor: User,
    title: str,
    period_kind: str,
    period_month: str,
    threshold: int,
    explanation: str = "",
    overview: Overview | None = None,
) -> Overview:
    """Create a draft overview, or change one (``overview``); published versions stay as they are."""
    if not policies.may_compose(actor):
        raise PermissionDenied
    start = _checked(
        title=title, period_kind=period_kind, period_month=period_month, threshold=threshold
    )
    with transaction.atomic():
        if overview is None:
            overview = Overview(created_by=actor)
            action = AuditAction.CREATE
        else:
            overview = Overview.objects.select_for_update().get(pk=overview.pk)
            action = AuditAction.UPDATE
        overview.title = title.strip()
        overview.period_kind = period_kind
        overview.period_start = start
        overview.threshold = threshold
        overview.explanation = explanation.strip()
        overview.full_clean()
        overview.save()
        audit_record(
            actor=actor,
            action=action,
            obj=overview,
            changes={"period": f"{period_kind} {start:%Y-%m}", "threshold": threshold},
        )
    return overview


def overview_publish(*, actor: User, overview: Overview) -> PublishedOverview:
    """Freeze the overview as its next version: the suppressed tables as they are now.

    Refused (nothing stored) for a threshold below the minimum, a period without figures, or a
    table that would show a small count or let a hidden value be computed.
    """
    if not policies.may_compose(actor):
        raise PermissionDenied
    with transaction.atomic():
        locked = Overview.objects.select_for_update().get(pk=overview.pk)
        if locked.threshold < MIN_THRESHOLD:
            raise ValidationError(
                _("De drempel voor kleine aantallen is ten minste %(min)s.")
                % {"min": MIN_THRESHOLD}
            )
        period = overview_period(locked)
        if not AggregateMonth.objects.filter(
            month__gte=period.start, month__lte=period.end
        ).exists():
            raise ValidationError(
                _("Over %(period)s zijn er geen cijfers. Kies een andere periode.")
                % {"period": period.label}
            )
        sections, tables = build_sections(period, locked.threshold, reveal=False)
        for table in tables:
            check_published(table, locked.threshold)
        last = locked.versions.order_by("-number").values_list("number", flat=True).first()
        version = PublishedOverview.objects.create(
            overview=locked,
            number=(last or 0) + 1,
            title=locked.title,
            period_label=period.label,
            period_start=period.start,
            period_end=period.end,
            threshold=locked.threshold,
            explanation=locked.explanation,
            sections=sections,
            published_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=version,
            changes={"version": version.number, "period": period.label},
        )
        notify_overview_published(version=version, actor=actor)
    return version
