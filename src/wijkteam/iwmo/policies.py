"""Who sees the message log and the providers page of a case."""

from typing import Any

from wijkteam.accounts.policies import can_configure, is_professional
from wijkteam.cases.models import Case
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.constants import DataCategory
from wijkteam.privacy.policies import may_see

CATEGORY = DataCategory.INTERVENTIES


def may_view_message_log(user: Any) -> bool:
    """The functioneel beheerder (metadata only) and a teamleider (their teams' messages)."""
    if can_configure(user):
        return True
    return is_professional(user) and bool(org_policies.leader_team_ids(user))


def shows_case_link(_user: Any, _case: Case, categories: frozenset[str] | None) -> bool:
    return may_see(categories, CATEGORY)
