"""Every read of complaints and objections for the staff screens: scoped with the policies,
and every read of a resident's complaint or objection written to the access log.

The team's handlers (teamleider, beslisser: ``policies.may_see_team_complaints``) see the
team's klachten and bezwaren; anyone else gets a 404 for a single record (logged as refused,
never revealing that it exists) and a 403 for the team's list.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.models import AuditEvent
from wijkteam.cases.constants import DecisionStatus
from wijkteam.cases.models import Case, Decision
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import OrganisationKind
from wijkteam.organisation.models import Organisation, Team
from wijkteam.privacy.reads import log_read, refuse

from .constants import ComplaintStatus, ObjectionStatus
from .models import Complaint, Objection
from .policies import HANDLER_ROLES


def handler_team_ids(user: User) -> list[int]:
    """The teams whose klachten and bezwaren the user handles (no query: memberships are
    read once per request)."""
    return [m.team_id for m in org_policies.memberships(user) if m.roles & HANDLER_ROLES]


def handler_teams(user: User) -> QuerySet[Team]:
    return Team.objects.filter(pk__in=handler_team_ids(user)).order_by("name", "pk")


def require_handler(user: User) -> list[int]:
    """The user's handler teams; a 403 (with a Dutch reason) for anyone without one."""
    teams = handler_team_ids(user)
    if not teams:
        raise PermissionDenied(
            _("Klachten en bezwaren zijn alleen te zien voor de teamleider en de beslissers.")
        )
    return teams


@dataclass(frozen=True)
class TermBadge:
    """The term as the work queue shows it: "verlopen" or "verloopt over N dagen"."""

    due_on: datetime.date
    days_left: int
    status: str  # on_time, due_soon, overdue, closed


def term_badge(due_on: datetime.date, is_open: bool, today: datetime.date) -> TermBadge:
    days = (due_on - today).days
    if not is_open:
        status = "closed"
    elif days < 0:
        status = "overdue"
    elif days <= 5:
        status = "due_soon"
    else:
        status = "on_time"
    return TermBadge(due_on=due_on, days_left=days, status=status)


@dataclass(frozen=True)
class Row:
    kind: str  # klacht, bezwaar
    obj: Complaint | Objection
    badge: TermBadge


def team_register(*, user: User, state: str = "open") -> list[Row]:
    """The klachten and bezwaren of the user's handler teams: open first, by term.

    ``state``: ``open``, ``afgehandeld`` or ``alle``. Logs the residents shown.
    """
    teams = require_handler(user)
    complaints = Complaint.objects.filter(team_id__in=teams).select_related(
        "team", "provider", "case__household"
    )
    objections = Objection.objects.filter(team_id__in=teams).select_related(
        "team", "term", "case__household", "decision"
    )
    if state == "open":
        complaints = complaints.exclude(status=ComplaintStatus.CLOSED)
        objections = objections.exclude(status=ObjectionStatus.DECIDED)
    elif state == "afgehandeld":
        complaints = complaints.filter(status=ComplaintStatus.CLOSED)
        objections = objections.filter(status=ObjectionStatus.DECIDED)
    today = timezone.localdate()
    rows = [Row("klacht", c, term_badge(c.due_on, c.is_open, today)) for c in complaints[:500]] + [
        Row("bezwaar", o, term_badge(o.term.due_on, o.is_open, today)) for o in objections[:500]
    ]
    rows.sort(key=lambda r: (not r.obj.is_open, r.badge.due_on, r.kind, r.obj.pk))
    residents = [r.obj.resident_id for r in rows if r.obj.resident_id]
    if residents:
        log_read(user=user, residents=residents, purpose=_("klachten en bezwaren bekeken"))
    return rows


def complaint_for(*, user: User, pk: int) -> Complaint:
    """One complaint for its handlers; a logged 404 for anyone else."""
    complaint = (
        Complaint.objects.select_related("team", "provider", "case__household", "resident")
        .filter(pk=pk)
        .first()
    )
    if complaint is None or not org_policies.team_roles(user, complaint.team) & HANDLER_ROLES:
        raise refuse(
            user=user,
            object_type="klacht",
            object_id=pk,
            residents=[complaint.resident_id] if complaint and complaint.resident_id else [],
        )
    if complaint.resident_id:
        log_read(
            user=user, residents=[complaint.resident_id], obj=complaint, purpose=_("klacht bekeken")
        )
    return complaint


def objection_for(*, user: User, pk: int) -> Objection:
    """One objection for its team's handlers; a logged 404 for anyone else."""
    objection = (
        Objection.objects.select_related(
            "team", "term", "case__household", "decision", "resident", "revised_decision"
        )
        .prefetch_related("term__extensions")
        .filter(pk=pk)
        .first()
    )
    if objection is None or not org_policies.team_roles(user, objection.team) & HANDLER_ROLES:
        raise refuse(
            user=user,
            object_type="bezwaar",
            object_id=pk,
            residents=[objection.resident_id] if objection else [],
        )
    log_read(
        user=user, residents=[objection.resident_id], obj=objection, purpose=_("bezwaar bekeken")
    )
    return objection


def history(obj: Complaint | Objection) -> list[AuditEvent]:
    """The audit trail of one complaint or objection, oldest first."""
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("at", "pk")
    )


def providers_for(user: User) -> QuerySet[Organisation]:
    """The organisations a klacht can be about: those of every municipality of the teams the
    user handles, but the municipalities themselves (the service checks that the provider is
    of the chosen team's municipality)."""
    municipalities = Team.objects.filter(pk__in=handler_team_ids(user)).values("municipality_id")
    return (
        Organisation.objects.filter(municipality_id__in=municipalities)
        .exclude(kind=OrganisationKind.GEMEENTE)
        .order_by("name", "pk")
    )


def case_for_complaint(*, user: User, case_pk: int) -> Case | None:
    """The case a klacht names by its number: one of a team the user handles. None for any
    other number (not revealing whether it exists), and the attempt logged as refused."""
    case = Case.objects.select_related("team", "household").filter(pk=case_pk).first()
    if case is None or case.team_id not in handler_team_ids(user):
        refuse(user=user, object_type="casus", object_id=case_pk)
        return None
    return case


def case_for_objection(*, user: User, case_pk: int) -> Case:
    """The case to register a bezwaar on: one of a team the user handles bezwaren for."""
    case = Case.objects.select_related("team", "household").filter(pk=case_pk).first()
    if case is None or not org_policies.team_roles(user, case.team) & HANDLER_ROLES:
        raise refuse(user=user, object_type="casus", object_id=case_pk)
    log_read(
        user=user,
        residents=list(case.household.members.values_list("pk", flat=True)),
        obj=case,
        purpose=_("bezwaar registreren"),
    )
    return case


def objectionable_decisions(case: Case) -> QuerySet[Decision]:
    """The case's final decisions that were made known and have no bezwaar yet."""
    return (
        Decision.objects.filter(
            case=case, status=DecisionStatus.BESLOTEN, made_known_on__isnull=False
        )
        .filter(objection__isnull=True)
        .order_by("-made_known_on", "-pk")
    )


def revision_candidates(objection: Objection) -> QuerySet[Decision]:
    """Decisions that may be the revised decision: final, same case, not the contested one."""
    return (
        Decision.objects.filter(case_id=objection.case_id, status=DecisionStatus.BESLOTEN)
        .exclude(pk=objection.decision_id)
        .order_by("-pk")
    )


def may_register_objection(user: User, case: Case) -> bool:
    """The case page's "Bezwaar registreren" link: a handler of the case's team (no query)."""
    membership = org_policies.membership_in(user, case.team_id)
    return membership is not None and bool(membership.roles & HANDLER_ROLES)


def earlier_objection(*, case: Case, token: str) -> Objection | None:
    """The objection a first submit of the same form stored (a double submit), if any: the
    second submit's decision is no longer offered, so the form would refuse it."""
    try:
        key = uuid.UUID(token)
    except ValueError:
        return None
    return Objection.objects.filter(case=case, submission_token=key).first()
