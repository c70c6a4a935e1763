"""Writes of signals: register, close with a reason, convert into a melding, configure.

Keyword-only, one transaction each, with an audit row inside. A signal holds no resident, so
its own writes log no resident in the access log; converting it logs the melding's resident
(through the melding service).
"""

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases.constants import Channel
from wijkteam.cases.models import Report
from wijkteam.cases.services import intake
from wijkteam.cases.services.terms import atw_calendar
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Municipality, Neighbourhood, Team
from wijkteam.residents.models import Resident

from . import policies
from .constants import DEFAULT_RETENTION_MONTHS, SignalStatus
from .models import Signal, SignalKind, SignalRetention


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """``days`` working days after ``start`` (weekends and Atw holidays skipped)."""
    calendar = atw_calendar()
    day = start
    left = days
    while left > 0:
        day += datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            left -= 1
    return day


def signal_create(
    *,
    actor: User,
    team: Team,
    kind: SignalKind,
    source: str,
    received_on: datetime.date,
    address: str = "",
    description: str = "",
    neighbourhood: Neighbourhood | None = None,
    source_name: str = "",
    submit_token: uuid.UUID | None = None,
) -> Signal:
    """Register a signal for a team of the user. A second submit of the same form (same
    ``submit_token``) returns the signal the first one stored."""
    if submit_token is not None:
        existing = policies.signal_scope(actor).filter(submit_token=submit_token).first()
        if existing is not None:
            return existing
    if not org_policies.is_team_member(actor, team):
        raise PermissionDenied(_("U bent geen lid van dit team."))
    errors: dict[str, Any] = {}
    address, description = address.strip(), description.strip()
    if not address and not description:
        errors["address"] = _(
            "Vul een adres of een omschrijving in, zodat het team weet waar het signaal over gaat."
        )
    if received_on > timezone.localdate():
        errors["received_on"] = _("Een signaal kan niet in de toekomst zijn ontvangen.")
    if not kind.active:
        errors["kind"] = _("Deze soort signaal is niet meer in gebruik.")
    if neighbourhood is not None and not team.neighbourhoods.filter(pk=neighbourhood.pk).exists():
        errors["neighbourhood"] = (
            _("Deze buurt hoort niet bij het werkgebied van team %s. Kies het team van de buurt.")
            % team.name
        )
    if errors:
        raise ValidationError(errors)
    signal = Signal(
        team=team,
        neighbourhood=neighbourhood,
        address=address,
        description=description,
        kind=kind,
        source=source,
        source_name=source_name.strip(),
        received_on=received_on,
        due_on=add_working_days(received_on, kind.follow_up_days),
        submit_token=submit_token,
        created_by=actor,
    )
    signal.full_clean(exclude=["submit_token"])
    try:
        with transaction.atomic():
            signal.save()
            audit_record(
                actor=actor, action=AuditAction.CREATE, obj=signal, object_repr=str(signal)
            )
    except IntegrityError:
        existing = Signal.objects.filter(submit_token=submit_token).first()
        if submit_token is not None and existing is not None:
            return existing
        raise
    return signal


def _locked_open(actor: User, signal: Signal) -> Signal:
    locked = policies.signal_scope(actor).select_for_update().filter(pk=signal.pk).first()
    if locked is None:
        raise PermissionDenied(_("Dit signaal hoort niet bij uw team."))
    if locked.status != SignalStatus.OPEN:
        raise ValidationError(
            _("Dit signaal is al afgehandeld (%s).") % locked.get_status_display()
        )
    return locked


def signal_close(*, actor: User, signal: Signal, reason: str, note: str = "") -> Signal:
    """Close an open signal without a melding, with a reason (and a note where needed)."""
    note = note.strip()
    if reason in policies.NOTE_REQUIRED and not note:
        raise ValidationError({"close_note": _("Licht de reden toe.")})
    with transaction.atomic():
        locked = _locked_open(actor, signal)
        locked.status = SignalStatus.GESLOTEN
        locked.close_reason = reason
        locked.close_note = note
        locked.closed_on = timezone.localdate()
        locked.full_clean(exclude=["submit_token"])
        locked.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            object_repr=str(locked),
            changes={"status": locked.status, "close_reason": reason},
        )
    return locked


def signal_convert(
    *,
    actor: User,
    signal: Signal,
    resident: Resident,
    question: str,
    law_track: str,
    informed_about_client_support: bool,
) -> Report:
    """Turn an open signal into a melding about ``resident`` with the signal's team; the
    signal keeps the link to the melding. All or nothing."""
    with transaction.atomic():
        locked = _locked_open(actor, signal)
        report = intake.report_create(
            actor=actor,
            team=locked.team,
            resident=resident,
            channel=Channel.OUTREACH,
            referrer_kind=policies.referrer_of(locked.source),
            referrer_name=locked.source_name or locked.get_source_display(),
            question=question,
            received_at=timezone.now(),
            law_track=law_track,
            informed_about_client_support=informed_about_client_support,
        )
        locked.status = SignalStatus.OMGEZET
        locked.report = report
        locked.closed_on = timezone.localdate()
        locked.save(update_fields=["status", "report", "closed_on"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            object_repr=str(locked),
            changes={"status": locked.status, "report": report.pk},
        )
    return report


def signal_kind_update(
    *, actor: User, kind: SignalKind, name: str, follow_up_days: int, active: bool
) -> SignalKind:
    if not policies.may_configure(actor):
        raise PermissionDenied(_("Alleen de functioneel beheerder stelt de soorten signalen in."))
    if not 1 <= follow_up_days <= 60:
        raise ValidationError(
            {"follow_up_days": _("Kies een termijn van 1 tot en met 60 werkdagen.")}
        )
    with transaction.atomic():
        before = {"name": kind.name, "follow_up_days": kind.follow_up_days, "active": kind.active}
        kind.name, kind.follow_up_days, kind.active = name.strip(), follow_up_days, active
        kind.full_clean()
        kind.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=kind,
            changes={"before": before, "follow_up_days": follow_up_days, "active": active},
        )
    return kind


def signal_retention_set(
    *, actor: User, municipality: Municipality, months: int, source: str = ""
) -> SignalRetention:
    if not policies.may_configure(actor):
        raise PermissionDenied(_("Alleen de functioneel beheerder stelt de bewaartermijn in."))
    if not 1 <= months <= 24:
        raise ValidationError({"months": _("Kies een bewaartermijn van 1 tot en met 24 maanden.")})
    with transaction.atomic():
        rule, _created = SignalRetention.objects.select_for_update().get_or_create(
            municipality=municipality, defaults={"months": DEFAULT_RETENTION_MONTHS}
        )
        rule.months = months
        if source.strip():
            rule.source = source.strip()
        rule.save()
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=rule, changes={"months": months})
    return rule
