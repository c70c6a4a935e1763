"""Who may use the resident's rights screens: the emergency review, the register, retention."""

from wijkteam.accounts.models import User
from wijkteam.organisation import policies as org_policies


def leader_team_ids(user: User) -> list[int]:
    if not org_policies.is_professional(user):
        return []
    return org_policies.leader_team_ids(user)


def may_view_register(user: User) -> bool:
    """The register of processing: for the functioneel beheerder and the policy officer."""
    return org_policies.can_configure(user) or org_policies.can_view_aggregate_reports(user)


def may_manage_retention(user: User) -> bool:
    return org_policies.can_configure(user)


def may_review_access_log(user: User) -> bool:
    """The log-wide access-log overview (the NEN 7513 control): for the functioneel beheerder,
    who already runs the nightly chain check on the jobs page. There is no separate privacy
    officer role; an FG or privacy officer gets a beheerder account. Professionals never: they
    read the log only per resident, within their scope."""
    return org_policies.can_configure(user)
