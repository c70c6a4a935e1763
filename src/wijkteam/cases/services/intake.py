"""Melding, triage and opening a case.

The case's state machine, closure, handover and team are in :mod:`.case_state`; their names
stay importable from here (``intake.case_transition`` and the like).
"""

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
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.services import notification_send
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Organisation, Team
from wijkteam.organisation.selectors import team_member_users
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident

from .. import policies
from ..constants import (
    TRIAGE_OPENS_CASE,
    CaseState,
    LawTrack,
    ReportStatus,
    TriageOutcome,
)
from ..models import Case, CaseTransition, CoordinatorAssignment, Report
from .case_state import (
    case_close,
    case_handover,
    case_involve_member,
    case_set_client_supporter,
    case_transition,
)
from .intake_consent import IntakeConsent, intake_consent_errors, intake_consent_record
from .terms import term_start

# The writes on an open case live in case_state; their names stay importable from here.
__all__ = [
    "case_close",
    "case_handover",
    "case_involve_member",
    "case_set_client_supporter",
    "case_transition",
    "report_create",
    "report_triage",
]


def report_create(
    *,
    actor: User,
    team: Team,
    resident: Resident,
    channel: str,
    referrer_kind: str,
    question: str,
    received_at: datetime.datetime,
    law_track: str,
    informed_about_client_support: bool,
    referrer_name: str = "",
) -> Report:
    """Register a melding for a resident with a team."""
    if not policies.can_create_report(actor, team):
        raise PermissionDenied(_("U bent geen lid van dit team."))
    report = Report(
        team=team,
        resident=resident,
        channel=channel,
        referrer_kind=referrer_kind,
        referrer_name=referrer_name,
        question=question,
        received_at=received_at,
        law_track=law_track,
        informed_about_client_support=informed_about_client_support,
        created_by=actor,
    )
    errors: dict[str, Any] = {}
    if received_at > timezone.now() + datetime.timedelta(minutes=5):
        errors["received_at"] = _("Een melding kan niet in de toekomst zijn ontvangen.")
    if law_track == LawTrack.WMO and not informed_about_client_support:
        errors["informed_about_client_support"] = _(
            "Bij een Wmo-melding wijst u de inwoner op gratis, onafhankelijke cliëntondersteuning "
            "(Wmo 2015 art. 2.3.2)."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report.full_clean()
        report.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=report)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=report,
            purpose=_("melding geregistreerd"),
        )
        notification_send(
            users=team_member_users(team_id=team.pk).exclude(pk=actor.pk),
            kind=NotificationKind.NEW_REPORT,
            url=reverse("cases:report_triage", args=[report.pk]),
            text=_("Nieuwe melding in de werkvoorraad van team %s") % team.name,
            dedupe_key=f"report:{report.pk}",
        )
    return report


def report_triage(
    *,
    actor: User,
    report: Report,
    outcome: str,
    note: str = "",
    referred_to: Organisation | None = None,
    coordinator: User | None = None,
    consent: IntakeConsent | None = None,
) -> Report:
    """Decide what a melding needs. Light support or onderzoek opens (or joins) the household's case.

    ``consent``: the resident's consent for the team's organisations, recorded in the same step
    (:mod:`.intake_consent`); only when the triage opens a case.
    """
    if not policies.can_triage(actor, report):
        raise PermissionDenied(
            _("Alleen een teamlid (geen cliëntondersteuner) beoordeelt meldingen.")
        )
    errors: dict[str, Any] = {}
    if outcome not in TriageOutcome.values:
        errors["outcome"] = _("Kies een uitkomst.")
    if outcome == TriageOutcome.INFORMATIE_ADVIES and not note.strip():
        errors["note"] = _("Leg vast welke informatie of welk advies is gegeven.")
    if outcome == TriageOutcome.VERWEZEN:
        if referred_to is None:
            errors["referred_to"] = _("Kies de organisatie waarnaar is verwezen.")
        if not note.strip():
            errors["note"] = _("Schrijf een overdrachtsnotitie voor de warme overdracht.")
    if outcome == TriageOutcome.GEEN_ACTIE and not note.strip():
        errors["note"] = _("Geef de reden waarom geen actie nodig is.")
    if consent is not None:
        if outcome not in TRIAGE_OPENS_CASE:
            errors["consent_given"] = _(
                "Toestemming voor het team legt u hier vast als de melding tot een casus leidt."
            )
        errors.update(intake_consent_errors(consent))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.OPEN:
            raise ValidationError(_("Deze melding is al beoordeeld."))
        report.triage_outcome = outcome
        report.triage_note = note
        report.referred_to = referred_to if outcome == TriageOutcome.VERWEZEN else None
        report.triaged_by = actor
        report.triaged_at = timezone.now()
        if outcome in TRIAGE_OPENS_CASE:
            report.case = _case_for_report(
                actor=actor, report=report, coordinator=coordinator or actor
            )
            report.status = ReportStatus.CASUS
            if consent is not None:
                intake_consent_record(
                    actor=actor,
                    team=report.case.team,
                    resident_id=report.resident_id,
                    consent=consent,
                )
        else:
            report.status = ReportStatus.AFGEHANDELD
        report.save()
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=report, changes={"triage_outcome": outcome}
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[report.resident_id],
            obj=report,
            purpose=_("triage van een melding"),
        )
    return report


def _case_for_report(*, actor: User, report: Report, coordinator: User) -> Case:
    household = report.resident.household
    existing = Case.objects.filter(household=household).exclude(state=CaseState.AFGESLOTEN).first()
    if existing is not None:
        return existing
    if not org_policies.is_team_member(coordinator, report.team):
        raise ValidationError({"coordinator": _("De regisseur moet lid zijn van het team.")})
    today = timezone.localdate()
    case = Case(
        household=household,
        team=report.team,
        law_track=report.law_track,
        coordinator=coordinator,
        opened_on=today,
        state=CaseState.AANGEMELD,
    )
    case.full_clean()
    case.save()
    CoordinatorAssignment.objects.create(case=case, coordinator=coordinator, assigned_by=actor)
    CaseTransition.objects.create(
        case=case,
        from_state="",
        to_state=CaseState.AANGEMELD,
        by=actor,
        reason=_("geopend na melding"),
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=case)
    melding_day = timezone.localdate(report.received_at)
    if report.law_track == LawTrack.WMO and report.triage_outcome == TriageOutcome.ONDERZOEK:
        term_start(case=case, key="wmo_onderzoek", starts_on=melding_day)
        term_start(case=case, key="wmo_persoonlijk_plan", starts_on=melding_day)
    return case
