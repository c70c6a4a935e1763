"""Privacy rules as small named functions: what a member may see of a case, who reviews, who
configures.

Need-to-know (DESIGN §2): a member employed by the organisation responsible for the team's
dossiers, and the teamleider, see the whole case. A member employed by another organisation
sees only the categories of data the household's residents consented to for that
organisation (valid today, not withdrawn), plus what was shared with it on a recorded legal
ground. A withdrawal takes effect at once: nothing here is cached.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.models import Case
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import Team

from .constants import ALL_CATEGORIES, DOMAIN_CATEGORIES, SECTION_CATEGORIES, DataCategory
from .models import Consent


def consent_filter(*, day: datetime.date) -> Q:
    """Consents and legal-ground sharings in force on ``day``."""
    return Q(withdrawn_at__isnull=True, valid_from__lte=day) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def visible_categories(
    user: User, case: Case, *, resident_id: int | None = None
) -> frozenset[str] | None:
    """The categories of ``case`` the user may see; ``None`` means everything.

    Everything: the teamleider of the case's team, a member employed by the team's responsible
    organisation, or a member with an active emergency access (doorbraak) to the case.
    Otherwise: the union of the categories consented to (or shared on a legal ground) for the
    user's employing organisation in that team, for the residents of the case's household (or
    only ``resident_id``), valid today and not withdrawn. A user without a membership in the
    team sees nothing. Two queries at most (three with the emergency check).
    """
    today = timezone.localdate()
    team: Team = case.team
    membership = org_policies.membership_in(user, case.team_id)
    organisation_id = None
    if membership is not None and org_policies.is_professional(user):
        organisation_id = membership.organisation_id
        if (
            TeamRole.TEAMLEIDER in membership.roles
            or organisation_id == team.responsible_organisation_id
        ):
            return None
    from .emergency import active_grant

    if org_policies.is_professional(user) and active_grant(user, case.pk) is not None:
        return None
    if organisation_id is None:
        return frozenset()
    consents = Consent.objects.filter(consent_filter(day=today), organisation_id=organisation_id)
    if resident_id is not None:
        consents = consents.filter(resident_id=resident_id)
    else:
        consents = consents.filter(resident__household_id=case.household_id)
    categories: set[str] = set()
    for value in consents.values_list("categories", flat=True):
        categories.update(c for c in value or [] if c in ALL_CATEGORIES)
    return frozenset(categories)


def may_see(visible: frozenset[str] | None, category: str) -> bool:
    return visible is None or category in visible


def require_category(user: User, case: Case, category: str) -> None:
    """For stage screens and API endpoints: refuse data of a category the user may not see."""
    if not may_see(visible_categories(user, case), category):
        raise PermissionDenied(
            _("Uw organisatie heeft voor deze gegevens (%s) geen toestemming van de inwoner.")
            % DataCategory(category).label
        )


def category_flags(visible: frozenset[str] | None) -> dict[str, bool]:
    """``{"plan": True, "gezondheid": False, ...}`` for templates (``page.categories.plan``)."""
    return {c: may_see(visible, c) for c in DataCategory.values}


def section_category(name: str) -> str | None:
    return SECTION_CATEGORIES.get(name)


def section_visible(name: str, visible: frozenset[str] | None) -> bool:
    """May a case-page section be shown? Unknown sections only to those who see everything."""
    if visible is None:
        return True
    category = section_category(name)
    return category is not None and category in visible


def domain_category(domain_code: str) -> str:
    """The category of an assessment domain: gezondheid, financiën or plain assessment."""
    return DOMAIN_CATEGORIES.get(domain_code, DataCategory.ASSESSMENT)


def domain_visible(domain_code: str, visible: frozenset[str] | None) -> bool:
    return may_see(visible, domain_category(domain_code))


# --------------------------------------------------------------------------------------------
# Who may do what
# --------------------------------------------------------------------------------------------


def may_record_legal_ground(user: User, case: Case) -> bool:
    """Sharing without consent is recorded by a case worker (regisseur, involved, teamleider)."""
    from wijkteam.cases import policies as case_policies

    return case_policies.is_case_worker(user, case)


def may_review_emergency(user: User, case: Case) -> bool:
    return org_policies.is_teamleader(user, case.team)


def leader_team_ids(user: User) -> list[int]:
    if not org_policies.is_professional(user):
        return []
    return org_policies.leader_team_ids(user)


def may_view_register(user: User) -> bool:
    """The register of processing: for the functioneel beheerder and the policy officer."""
    return org_policies.can_configure(user) or org_policies.can_view_aggregate_reports(user)


def may_manage_retention(user: User) -> bool:
    return org_policies.can_configure(user)


def case_ids_with_category(user: User, category: str) -> list[int]:
    """Ids of the cases in the user's scope whose ``category`` data the user may see.

    For list endpoints that span many cases (decisions, interventions, evaluations): the same
    rule as :func:`visible_categories`, evaluated for all cases at once in three queries.
    """
    from wijkteam.cases.policies import case_scope

    today = timezone.localdate()
    memberships = org_policies.memberships(user)
    full_teams = {
        m.team_id
        for m in memberships
        if TeamRole.TEAMLEIDER in m.roles or m.organisation_id == m.responsible_organisation_id
    }
    org_of_team = {m.team_id: m.organisation_id for m in memberships}
    households_by_org: dict[int, set[int]] = {}
    wanted_orgs = {org for team, org in org_of_team.items() if team not in full_teams}
    if wanted_orgs:
        for household, org, categories in Consent.objects.filter(
            consent_filter(day=today), organisation_id__in=wanted_orgs
        ).values_list("resident__household_id", "organisation_id", "categories"):
            if category in (categories or []):
                households_by_org.setdefault(org, set()).add(household)
    result = []
    for case_id, team_id, household_id in case_scope(user).values_list(
        "pk", "team_id", "household_id"
    ):
        if team_id in full_teams or household_id in households_by_org.get(
            org_of_team.get(team_id, -1), set()
        ):
            result.append(case_id)
    return result
