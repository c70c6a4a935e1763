"""The resident's decisions (beschikkingen) in the portal, only their own final decisions, with
the bezwaar term in words; their complaints and what a complaint may name. Every read of
personal data is logged with the resident as actor."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wijkteam.cases.constants import DecisionStatus
from wijkteam.cases.models import Case, Decision
from wijkteam.cases.services.decision import bezwaar_due
from wijkteam.complaints.models import Complaint, Objection
from wijkteam.organisation.constants import OrganisationKind
from wijkteam.organisation.models import Organisation, Team
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident

from . import policies
from .identity import PortalUser
from .selectors import _log, _refuse


@dataclass
class DecisionView:
    decision: Decision
    objection_until: datetime.date | None  # the last day for bezwaar; None before bekendmaking
    objection: Objection | None

    @property
    def objection_open(self) -> bool:
        """May the resident still file a bezwaar in the portal (a late one is flagged)."""
        return self.objection_until is not None and self.objection is None


def _view(decision: Decision) -> DecisionView:
    until = bezwaar_due(decision)[1] if decision.made_known_on is not None else None
    objection = getattr(decision, "objection", None)
    return DecisionView(decision=decision, objection_until=until, objection=objection)


def _own_decisions(resident: Resident) -> "list[Decision]":
    return list(
        Decision.objects.filter(resident=resident, status=DecisionStatus.BESLOTEN)
        .select_related("case__team__municipality", "resident", "decided_by", "objection__term")
        .order_by("-made_known_on", "-pk")
    )


def my_decisions(*, portal_user: PortalUser, resident: Resident) -> list[DecisionView]:
    """My final decisions, newest first; a decision on another household member is not mine."""
    decisions = _own_decisions(resident)
    _log(portal_user, resident, _("eigen besluiten bekeken via Mijn wijkteam"))
    return [_view(d) for d in decisions]


def my_decision(
    *, portal_user: PortalUser, resident: Resident, pk: int, export: bool = False
) -> DecisionView:
    """One of my final decisions; anyone else's is a logged refusal (404)."""
    decision = (
        Decision.objects.filter(pk=pk, status=DecisionStatus.BESLOTEN, resident=resident)
        .select_related("case__team__municipality", "resident", "decided_by", "objection__term")
        .first()
    )
    if decision is None:
        raise _refuse(portal_user, "besluit", pk)
    log_access(
        **portal_user.log_context(),
        action=AccessAction.EXPORT if export else AccessAction.READ,
        residents=[resident.pk],
        obj=decision,
        purpose=_("beschikking gedownload via Mijn wijkteam")
        if export
        else _("besluit bekeken via Mijn wijkteam"),
    )
    return _view(decision)


def my_complaints(*, portal_user: PortalUser, resident: Resident) -> list[Complaint]:
    """The klachten I filed (in the portal or through the team), newest first."""
    complaints = list(
        Complaint.objects.filter(resident=resident)
        .select_related("team", "provider")
        .order_by("-received_on", "-pk")
    )
    _log(portal_user, resident, _("eigen klachten bekeken via Mijn wijkteam"))
    return complaints


def complaint_cases(resident: Resident) -> QuerySet[Case]:
    """The cases a complaint may name: my household's, when I see them."""
    if not policies.sees_household_case(resident):
        return Case.objects.none()
    return (
        Case.objects.filter(household_id=resident.household_id)
        .select_related("team")
        .order_by("-opened_on", "-pk")
    )


def complaint_providers(resident: Resident) -> QuerySet[Organisation]:
    """The providers in my municipality (a complaint about a provider names one)."""
    return (
        Organisation.objects.filter(municipality_id=resident.municipality_id)
        .exclude(kind=OrganisationKind.GEMEENTE)
        .order_by("name")
    )


def complaint_team(resident: Resident, case: Case | None) -> Team | None:
    """The team that handles my complaint: the case's, else the team of my household's latest
    case, of my buurt, or of my intake."""
    if case is not None:
        return case.team
    latest = (
        Case.objects.filter(household_id=resident.household_id)
        .select_related("team")
        .order_by("-opened_on", "-pk")
        .first()
    )
    if latest is not None:
        return latest.team
    if resident.neighbourhood_id:
        team = Team.objects.filter(neighbourhoods=resident.neighbourhood_id).order_by("pk").first()
        if team is not None:
            return team
    if resident.intake_team_id:
        return Team.objects.filter(pk=resident.intake_team_id).first()
    return None
