"""The consent rule of a case: what a member may see of it (DESIGN §2), and who records a
sharing on a legal ground or reviews an emergency access.

Need-to-know: a member employed by the organisation responsible for the team's dossiers, and
the teamleider, see the whole case. A member employed by another organisation sees only the
categories of data the household's residents consented to for that organisation (valid today,
not withdrawn), plus what was shared with it on a recorded legal ground. A withdrawal takes
effect at once: nothing here is cached. The consent records and the category rules are the
privacy foundation's (``wijkteam.privacy.policies``).
"""

import datetime
from collections.abc import Hashable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.core import compiled
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import Team
from wijkteam.privacy.constants import DataCategory
from wijkteam.privacy.emergency import active_grant
from wijkteam.privacy.models import Consent
from wijkteam.privacy.policies import consent_filter, consented_categories, may_see

from .models import Case, Report
from .policies import case_scope, is_case_worker
from .selectors_queue_sql import IdsText, ids_text, vendor_of


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
    if org_policies.is_professional(user) and active_grant(user, case.pk) is not None:
        return None
    if organisation_id is None:
        return frozenset()
    if resident_id is not None:
        return consented_categories(
            organisation_id=organisation_id, day=today, resident_ids=[resident_id]
        )
    return consented_categories(
        organisation_id=organisation_id, day=today, household_id=case.household_id
    )


def require_category(user: User, case: Case, category: str) -> None:
    """For stage screens and API endpoints: refuse data of a category the user may not see."""
    if not may_see(visible_categories(user, case), category):
        raise PermissionDenied(
            _(
                "Uw organisatie heeft voor deze gegevens (%(category)s) geen toestemming van "
                "de inwoner. De regisseur van de casus (%(coordinator)s) kan de toestemming of "
                "een wettelijke grondslag vastleggen."
            )
            % {
                "category": DataCategory(category).label,
                "coordinator": case.coordinator.display_name,
            }
        )


def may_record_legal_ground(user: User, case: Case) -> bool:
    """Sharing without consent is recorded by a case worker (regisseur, involved, teamleider)."""
    return is_case_worker(user, case)


def may_review_emergency(user: User, case: Case) -> bool:
    return org_policies.is_teamleader(user, case.team)


def case_ids_with_category(user: User, category: str) -> list[int]:
    """Ids of the cases in the user's scope whose ``category`` data the user may see.

    For list endpoints that span many cases (decisions, interventions, evaluations): the same
    rule as :func:`visible_categories`, evaluated for all cases at once in three queries.
    """
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


def case_ids_showing(user: User, cases: Iterable[Case], category: str) -> set[int]:
    """Of ``cases`` (a page of a list, already in the user's scope), the ids whose ``category``
    the user may see: the rule of :func:`visible_categories` for a page at once, in at most
    one query (none when the user's teams show everything). An emergency grant is not
    consulted: a list shows less, never more."""
    return _ids_showing(user, [(c.pk, c.team_id, c.household_id) for c in cases], category)


def report_ids_showing(user: User, reports: Iterable[Report], category: str) -> set[int]:
    """Of ``reports`` (meldingen in the user's scope, their ``resident`` loaded), the ids whose
    ``category`` the user may see: the case page's rule with the melding's team in place of
    the case's and the resident's household, in at most one query."""
    return _ids_showing(
        user, [(r.pk, r.team_id, r.resident.household_id) for r in reports], category
    )


def case_and_report_ids_showing(
    user: User, cases: Iterable[Case], reports: Iterable[Report], category: str
) -> tuple[set[int], set[int]]:
    """:func:`case_ids_showing` and :func:`report_ids_showing` of a page that lists both (the
    work queue): the same rule for each, the consents of both read in one statement at most
    (none when the user's teams show everything)."""
    rows: list[tuple[tuple[str, int], int, int]] = [
        (("case", c.pk), c.team_id, c.household_id) for c in cases
    ]
    rows += [(("report", r.pk), r.team_id, r.resident.household_id) for r in reports]
    shown = _ids_showing(user, rows, category)
    return (
        {pk for kind, pk in shown if kind == "case"},
        {pk for kind, pk in shown if kind == "report"},
    )


def _ids_showing[K: Hashable](user: User, rows: list[tuple[K, int, int]], category: str) -> set[K]:
    """``rows``: (id, team id, household id). The ids whose ``category`` the user may see."""
    memberships = org_policies.memberships(user)
    full_teams = {
        m.team_id
        for m in memberships
        if TeamRole.TEAMLEIDER in m.roles or m.organisation_id == m.responsible_organisation_id
    }
    org_of_team = {m.team_id: m.organisation_id for m in memberships}
    shown = {pk for pk, team_id, _household in rows if team_id in full_teams}
    partial = [row for row in rows if row[1] not in full_teams and row[1] in org_of_team]
    if not partial:
        return shown
    consented = consenting_pairs(
        organisations={org_of_team[team_id] for _pk, team_id, _h in partial},
        households={household_id for _pk, _t, household_id in partial},
        category=category,
        day=timezone.localdate(),
    )
    shown |= {
        pk
        for pk, team_id, household_id in partial
        if (household_id, org_of_team[team_id]) in consented
    }
    return shown


def consenting_pairs(
    *, organisations: set[int], households: set[int], category: str, day: datetime.date
) -> set[tuple[int, int]]:
    """(household id, organisation id) of the consents (or legal-ground sharings) in force on
    ``day`` (``privacy.policies.consent_filter``) for ``category`` by a resident of one of
    ``households`` to one of ``organisations``. One statement, compiled once per number of
    organisations (``core/compiled.py``; the households as one ``InIds`` text parameter,
    ``day`` a parameter of every call: a withdrawal counts at once); none without either."""
    if not organisations or not households:
        return set()

    def build(on: datetime.date, text: str, orgs: list[int]) -> "QuerySet[Any]":
        return Consent.objects.filter(
            consent_filter(day=on),
            IdsText("resident__household_id", text),
            organisation_id__in=orgs,
        ).values_list("resident__household_id", "organisation_id", "categories")

    found = compiled.rows(
        ("consent", "pairs"),
        build,
        [],
        moments=[day],
        texts=[ids_text(households, vendor_of(Consent))],
        lists=[sorted(organisations)],
    )
    return {
        (household_id, organisation_id)
        for household_id, organisation_id, categories in found
        if category in (categories or [])
    }
