"""Asking for help in the portal: a melding (channel *portaal*) in the team queue of the buurt."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam import deadlines
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases.constants import Channel, LawTrack, ReferrerKind
from wijkteam.cases.models import Report
from wijkteam.cases.services.terms import atw_calendar
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.services import notification_send
from wijkteam.organisation.models import Neighbourhood, Team
from wijkteam.organisation.selectors import team_member_users
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.constants import HouseholdRelation
from wijkteam.residents.models import Household, Resident

from ..constants import REPORTS_PER_DAY
from ..identity import PortalUser
from ..models import PortalReport
from .common import portal_system_user

# the term a melding starts: the onderzoek is done within six weeks (Wmo 2015 art. 2.3.2)
MELDING_TERM = "wmo_onderzoek"
QUESTION_MAX = 2000


@dataclass(frozen=True)
class NewResident:
    first_name: str
    last_name: str
    date_of_birth: datetime.date
    neighbourhood: Neighbourhood


@dataclass(frozen=True)
class ReportReceipt:
    report: Report
    team: Team
    answer_by: datetime.date
    duplicate: bool = False


def answer_due(received_on: datetime.date) -> datetime.date:
    return deadlines.compute_due(MELDING_TERM, received_on, calendar=atw_calendar())


def _team_for(neighbourhood: Neighbourhood | None) -> Team | None:
    if neighbourhood is None:
        return None
    return Team.objects.filter(neighbourhoods=neighbourhood).order_by("pk").first()


def portal_report_create(
    *,
    portal_user: PortalUser,
    question: str,
    domains: list[str],
    contact_preference: str,
    contact_value: str = "",
    new_resident: NewResident | None = None,
) -> ReportReceipt:
    """File a melding for the logged-in resident (creating the resident when unknown).

    Refused with a Dutch message when the question is empty or too long, when the resident
    already asked ``REPORTS_PER_DAY`` questions today, or when no team works in the buurt. The
    same question sent twice within ten minutes (a double submit) gives the first melding back.
    """
    text = question.strip()
    if not text:
        raise ValidationError({"question": _("Schrijf in een paar woorden waar u hulp bij zoekt.")})
    if len(text) > QUESTION_MAX:
        raise ValidationError(
            {"question": _("Uw vraag is te lang. Gebruik hoogstens %d tekens.") % QUESTION_MAX}
        )
    now = timezone.now()
    system = portal_system_user()
    with transaction.atomic():
        resident = (
            Resident.objects.select_for_update().filter(pk=portal_user.subject_id).first()
            if portal_user.subject_id
            else None
        )
        if resident is not None:
            earlier = Report.objects.filter(
                resident=resident,
                channel=Channel.PORTAAL,
                received_at__gte=now - datetime.timedelta(days=1),
            )
            same = earlier.filter(
                question=text, received_at__gte=now - datetime.timedelta(minutes=10)
            ).first()
            if same is not None:
                return ReportReceipt(
                    report=same,
                    team=same.team,
                    answer_by=answer_due(timezone.localdate(same.received_at)),
                    duplicate=True,
                )
            if earlier.count() >= REPORTS_PER_DAY:
                raise ValidationError(
                    _(
                        "U heeft vandaag al %d vragen gesteld. Wij nemen contact met u op. Is het "
                        "dringend? Bel dan het wijkteam."
                    )
                    % REPORTS_PER_DAY
                )
            team = _team_for(resident.neighbourhood)
        else:
            if new_resident is None:
                raise ValidationError(_("Vul uw naam, geboortedatum en buurt in."))
            team = _team_for(new_resident.neighbourhood)
        if team is None:
            raise ValidationError(
                _(
                    "Voor uw buurt is geen wijkteam gevonden. Bel de gemeente, dan helpen wij u verder."
                )
            )
        if resident is None:
            assert new_resident is not None
            municipality = team.municipality
            household = Household(
                municipality=municipality, name=_("Huishouden %s") % new_resident.last_name
            )
            household.full_clean()
            household.save()
            resident = Resident(
                municipality=municipality,
                household=household,
                household_relation=HouseholdRelation.HOOFDBEWONER,
                bsn=portal_user.bsn,
                first_name=new_resident.first_name.strip(),
                last_name=new_resident.last_name.strip(),
                date_of_birth=new_resident.date_of_birth,
                neighbourhood=new_resident.neighbourhood,
            )
            resident.full_clean()
            resident.save()
            audit_record(actor=system, action=AuditAction.CREATE, obj=resident)
        report = Report(
            team=team,
            resident=resident,
            channel=Channel.PORTAAL,
            referrer_kind=ReferrerKind.ZELF,
            question=text,
            received_at=now,
            law_track=LawTrack.WMO,
            # the form tells the resident about free client support (Wmo 2015 art. 2.3.2)
            informed_about_client_support=True,
            created_by=system,
        )
        report.full_clean()
        report.save()
        detail = PortalReport(
            report=report,
            contact_preference=contact_preference,
            contact_value=contact_value.strip()[:150],
            domains=sorted(set(domains)),
        )
        detail.full_clean()
        detail.save()
        audit_record(actor=system, action=AuditAction.CREATE, obj=report)
        log_access(
            **portal_user.log_context(),
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=report,
            purpose=_("vraag gesteld via Mijn wijkteam"),
        )
        notification_send(
            users=team_member_users(team_id=team.pk),
            kind=NotificationKind.NEW_REPORT,
            url=reverse("cases:report_triage", args=[report.pk]),
            text=_("Nieuwe melding via Mijn wijkteam voor team %s") % team.name,
            dedupe_key=f"report:{report.pk}",
        )
    return ReportReceipt(report=report, team=team, answer_by=answer_due(timezone.localdate(now)))
