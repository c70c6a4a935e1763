"""Who may register and handle complaints and objections (small pure functions)."""

from wijkteam.accounts.models import User
from wijkteam.accounts.policies import is_professional
from wijkteam.cases.models import Decision
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import Team

from .constants import FilingChannel
from .models import Complaint, Objection

HANDLER_ROLES = frozenset({TeamRole.TEAMLEIDER, TeamRole.BESLISSER})


def may_register(user: User, team: Team, channel: str) -> bool:
    """A professional registers for their own team; the portal files for its logged-in resident.

    For ``FilingChannel.PORTAL`` the portal has established that ``user`` is the resident it
    files for (the resident's own session); a professional account never files "as portal".
    """
    if channel == FilingChannel.PORTAL:
        return user.is_authenticated and not is_professional(user)
    return org_policies.is_team_member(user, team)


def may_see_team_complaints(user: User, team: Team) -> bool:
    """The complaints and objections of a team: its teamleiders and beslissers."""
    return bool(org_policies.team_roles(user, team) & HANDLER_ROLES)


def may_handle_complaint(user: User, complaint: Complaint) -> bool:
    """Awb 9:7: handled by someone other than the person the complaint is about.

    The teamleider of the team handles it; when the complaint concerns a case, its regisseur
    does not (they are the likely subject of the complaint).
    """
    if not org_policies.is_teamleader(user, complaint.team):
        return False
    return complaint.case is None or complaint.case.coordinator_id != user.pk


def may_handle_objection(user: User, objection: Objection) -> bool:
    """Awb 7:5: the objection is heard and decided by someone not involved in the decision."""
    decision: Decision = objection.decision
    if not (org_policies.team_roles(user, objection.team) & HANDLER_ROLES):
        return False
    return user.pk not in (decision.decided_by_id, decision.approved_by_id)
