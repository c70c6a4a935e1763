"""Access and mandate rules for the team set-up, as small named functions.

Access is decided by relationships (active team membership and the roles held in that team),
not by account kind alone (DESIGN §2). Every function here is pure with respect to writes.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User

# The role predicates live in accounts; organisation's callers keep asking them here.
from wijkteam.accounts.policies import can_configure as can_configure
from wijkteam.accounts.policies import can_view_aggregate_reports as can_view_aggregate_reports
from wijkteam.accounts.policies import can_view_published_reports as can_view_published_reports
from wijkteam.accounts.policies import is_professional as is_professional
from wijkteam.core import compiled, request_cache

from .constants import DECISION_TYPE_LAW, DecisionType, TeamRole, law_of_category
from .models import MandateRule, Membership, Team

AnyUser = User | AnonymousUser


def _today() -> datetime.date:
    """Today in the local time zone, once per request (``core.request_cache``; issue 17).

    ``memberships`` asks it on every call, some six times for the menu alone, and
    ``timezone.localdate`` costs some 35,000 instructions (the current time zone is an asgiref
    thread-local). A request is one moment: it keeps the day it first asked for. Outside a
    request (commands, services in tests) it is asked every time, as before."""
    return request_cache.memo("organisation.today", timezone.localdate)


def active_memberships(user: User, *, on: datetime.date | None = None) -> QuerySet[Membership]:
    """The user's memberships that are active on ``on`` (default today)."""
    day = on or _today()
    return Membership.objects.filter(user=user, active_from__lte=day).filter(
        Q(active_until__isnull=True) | Q(active_until__gte=day)
    )


@dataclass(frozen=True)
class TeamMembership:
    """One active membership of a user as the access rules need it (no personal data)."""

    team_id: int
    team_name: str
    organisation_id: int
    organisation_name: str
    responsible_organisation_id: int | None
    roles: frozenset[str]


def membership_rows(user_id: int, day: datetime.date) -> "QuerySet[Any]":
    """The rows of :func:`memberships`: one per active membership and role."""
    return (
        Membership.objects.filter(user_id=user_id, active_from__lte=day)
        .filter(Q(active_until__isnull=True) | Q(active_until__gte=day))
        .order_by("team__name", "team_id")
        .values_list(
            "team_id",
            "team__name",
            "organisation_id",
            "organisation__name",
            "team__responsible_organisation_id",
            "roles__role",
        )
    )


def _load_memberships(user: User, day: datetime.date) -> tuple[TeamMembership, ...]:
    # The same statement as active_memberships(user, on=day), compiled once (core/compiled.py);
    # the rows are read on every request.
    rows = compiled.rows("organisation.memberships", membership_rows, [user.pk], moments=[day])
    # One row per role (or one with role None): gather the roles per team, in team-name order.
    teams: dict[int, tuple[int, str, int, str, int | None]] = {}
    roles: dict[int, set[str]] = {}
    for team_id, team_name, org_id, org_name, responsible_id, role in rows:
        teams.setdefault(team_id, (team_id, team_name, org_id, org_name, responsible_id))
        roles.setdefault(team_id, set()).update([role] if role else [])
    return tuple(TeamMembership(*row, roles=frozenset(roles[t])) for t, row in teams.items())


def memberships(user: User) -> tuple[TeamMembership, ...]:
    """The user's memberships active today, with roles, ordered by team name.

    One query, asked once per request (:mod:`wijkteam.core.request_cache`): the scope, the
    consent check, the teamleider check and the access-log entry all read it.
    """
    if user.pk is None:
        return ()
    day = _today()
    return request_cache.memo(("memberships", user.pk, day), lambda: _load_memberships(user, day))


def membership_in(user: User, team_id: int) -> TeamMembership | None:
    """The user's active membership of the team, if any."""
    return next((m for m in memberships(user) if m.team_id == team_id), None)


def member_team_ids(user: User) -> list[int]:
    return [m.team_id for m in memberships(user)]


def leader_team_ids(user: User) -> list[int]:
    return [m.team_id for m in memberships(user) if TeamRole.TEAMLEIDER in m.roles]


def team_roles(user: User, team: Team, *, on: datetime.date | None = None) -> frozenset[str]:
    """The roles the user holds in ``team`` today (or ``on``); empty when not an active member."""
    if not is_professional(user):
        return frozenset()
    if on is None or on == _today():
        membership = membership_in(user, team.pk)
        return membership.roles if membership is not None else frozenset()
    return frozenset(
        active_memberships(user, on=on)
        .filter(team=team)
        .values_list("roles__role", flat=True)
        .exclude(roles__role__isnull=True)
    )


def may_see_case_content(user: AnyUser) -> bool:
    """Only professionals can ever see case content; configuration and reporting roles never."""
    return is_professional(user)


def is_team_member(user: User, team: Team) -> bool:
    return is_professional(user) and membership_in(user, team.pk) is not None


def is_teamleader(user: User, team: Team) -> bool:
    return TeamRole.TEAMLEIDER in team_roles(user, team)


def can_view_team_members(user: User, team: Team) -> bool:
    """A team's members and mandate are visible to the team itself and to the beheerder."""
    return can_configure(user) or is_team_member(user, team)


def visible_teams(user: User) -> QuerySet[Team]:
    """Teams whose set-up the user may open."""
    if can_configure(user):
        return Team.objects.all()
    if is_professional(user):
        return Team.objects.filter(pk__in=member_team_ids(user))
    return Team.objects.none()


# --------------------------------------------------------------------------------------------
# Mandate
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionRequest:
    """What a member wants to decide, in the terms the mandate speaks about."""

    decision_type: str
    product_category: str = ""
    volume: Decimal | None = None
    weeks: int | None = None
    budget: Decimal | None = None
    deviates_from_protocol: bool = False
    deviation_justification: str = ""


@dataclass(frozen=True)
class MandateVerdict:
    allowed: bool
    needs_second_approval: bool = False
    reason: str = ""
    rule: MandateRule | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return self.allowed


_ALONE, _APPROVAL, _OUTSIDE = 0, 1, 2


def _tier(rule: MandateRule, request: DecisionRequest) -> tuple[int, list[str]]:
    """Where the request falls for one rule: alone, with approval, or outside the mandate."""
    tier = _ALONE
    notes: list[str] = []
    checks = (
        ("volume", request.volume, _("omvang")),
        ("weeks", request.weeks, _("looptijd")),
        ("budget", request.budget, _("budget")),
    )
    for name, value, label in checks:
        if value is None:
            continue
        alone = getattr(rule, f"{name}_alone")
        maximum = getattr(rule, f"{name}_max")
        if maximum is not None and value > maximum:
            notes.append(
                _("%(label)s boven de mandaatgrens van %(max)s") % {"label": label, "max": maximum}
            )
            tier = max(tier, _OUTSIDE)
        elif alone is not None and value > alone:
            notes.append(
                _("%(label)s boven %(alone)s: tweede akkoord nodig")
                % {"label": label, "alone": alone}
            )
            tier = max(tier, _APPROVAL)
    return tier, notes


def _mandate_rules(team: Team, decision_type: str, roles: frozenset[str]) -> list[MandateRule]:
    """``team.mandate_rules.filter(decision_type=…, role__in=roles)``, from a statement compiled
    once per decision type and roles (:mod:`wijkteam.core.compiled`, issue 17)."""
    ordered = tuple(sorted(roles))

    def build(team_id: int) -> QuerySet[MandateRule]:
        return MandateRule.objects.filter(
            team_id=team_id, decision_type=decision_type, role__in=ordered
        )

    rules = compiled.instances(
        ("organisation.mandate_rules", decision_type, ordered), build, [team.pk]
    )
    for rule in rules:  # as the related manager leaves them
        rule.team = team
    return rules


def decision_mandate(
    *,
    user: User,
    team: Team,
    request: DecisionRequest,
    case_supporter_ids: Iterable[int] = (),
    on: datetime.date | None = None,
) -> MandateVerdict:
    """May ``user`` take this decision in ``team``? Answers with the reason.

    ``case_supporter_ids`` are the users who act as cliëntondersteuner on the case: they may
    never decide on it, whatever their mandate (independence of client support).
    """
    if user.pk in set(case_supporter_ids):
        return MandateVerdict(
            False,
            reason=_(
                "U bent cliëntondersteuner van deze casus en mag daarom nooit over deze casus "
                "beslissen."
            ),
        )
    roles = team_roles(user, team, on=on)
    if not roles:
        return MandateVerdict(False, reason=_("U bent geen actief lid van team %s.") % team.name)
    law = DECISION_TYPE_LAW.get(request.decision_type)
    if request.product_category:
        category_law = law_of_category(request.product_category)
        if category_law is None:
            return MandateVerdict(
                False, reason=_("Onbekende productcategorie %s.") % request.product_category
            )
        if law and category_law != law:
            return MandateVerdict(
                False, reason=_("Deze productcategorie hoort niet bij dit soort besluit.")
            )
    if request.decision_type == DecisionType.SPECIALIST_INZETTEN and not (
        team.direct_specialist_deployment
    ):
        return MandateVerdict(
            False,
            reason=_("Team %s heeft geen doorzettingsmacht om specialisten direct in te zetten.")
            % team.name,
        )
    if request.deviates_from_protocol:
        if not team.protocol_deviation_allowed:
            return MandateVerdict(
                False,
                reason=_("Het mandaat van team %s staat afwijken van protocol niet toe.")
                % team.name,
            )
        if not request.deviation_justification.strip():
            return MandateVerdict(
                False,
                reason=_("Afwijken van protocol kan alleen met een schriftelijke onderbouwing."),
            )

    rules = [
        r
        for r in _mandate_rules(team, request.decision_type, roles)
        if r.product_category in ("", request.product_category)
    ]
    if not rules:
        return MandateVerdict(
            False,
            reason=_("Het mandaat van team %(team)s geeft uw rol geen bevoegdheid voor: %(type)s.")
            % {"team": team.name, "type": DecisionType(request.decision_type).label},
        )
    # A rule for the specific category is preferred over a rule for all categories, per role;
    # across roles the most permissive outcome counts.
    by_role: dict[str, MandateRule] = {}
    for r in sorted(rules, key=lambda r: r.product_category == ""):
        by_role.setdefault(r.role, r)
    outcomes = sorted(((*_tier(r, request), r) for r in by_role.values()), key=lambda t: t[0])
    tier, notes, rule = outcomes[0]
    if tier == _OUTSIDE:
        return MandateVerdict(
            False,
            reason=_("Dit besluit valt buiten het mandaat van het team: %s.") % "; ".join(notes),
            rule=rule,
        )
    if tier == _APPROVAL:
        return MandateVerdict(
            True,
            needs_second_approval=True,
            reason=_("Binnen het mandaat, maar %s.") % "; ".join(notes),
            rule=rule,
            notes=tuple(notes),
        )
    return MandateVerdict(True, reason=_("Binnen het mandaat van uw rol."), rule=rule)


def may_give_second_approval(*, user: User, team: Team, decided_by: User) -> MandateVerdict:
    """A second approval comes from a teamleider of the team who is not the decider."""
    if user.pk == decided_by.pk:
        return MandateVerdict(
            False, reason=_("Een tweede akkoord geeft u niet op uw eigen besluit.")
        )
    if not is_teamleader(user, team):
        return MandateVerdict(
            False,
            reason=_("Alleen een teamleider van team %s geeft een tweede akkoord.") % team.name,
        )
    return MandateVerdict(True, reason=_("Teamleider van het team."))
