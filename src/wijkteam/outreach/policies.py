"""Who may see and work on signals: the members of the team of the signal's area."""

from django.db.models import QuerySet

from wijkteam.accounts.models import User
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Team

from .constants import CloseReason, SignalSource
from .models import Signal

# How a signal's source is named on the melding it becomes.
SOURCE_REFERRER = {
    SignalSource.WONINGCORPORATIE: "woningcorporatie",
    SignalSource.POLITIE: "politie",
    SignalSource.SCHOOL: "school",
    SignalSource.BUREN: "buren",
    SignalSource.HUISARTS: "huisarts",
}

NOTE_REQUIRED = {CloseReason.ANDERS, CloseReason.DOORVERWEZEN}


def may_use_signals(user: User) -> bool:
    return org_policies.is_professional(user) and bool(org_policies.member_team_ids(user))


def signal_scope(user: User) -> QuerySet[Signal]:
    """Signals of the teams the user is an active member of (none for other accounts)."""
    if not org_policies.is_professional(user):
        return Signal.objects.none()
    return Signal.objects.filter(team_id__in=org_policies.member_team_ids(user))


def user_teams(user: User) -> QuerySet[Team]:
    return Team.objects.filter(pk__in=org_policies.member_team_ids(user)).order_by("name")


def may_configure(user: User) -> bool:
    return org_policies.can_configure(user)


def referrer_of(source: str) -> str:
    return SOURCE_REFERRER.get(SignalSource(source), "anders")
