"""Case page section: aanvragen and besluiten (beschikkingen) with their legal terms.

Its three statements (the decisions, their terms, whether the user's roles have a mandate rule)
are compiled once (:mod:`wijkteam.core.compiled`, issue 17): the same statements and rows as
the querysets gave (proved in ``cases/tests/test_decision_tab_reads.py``).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet, Value

from wijkteam.accounts.models import User
from wijkteam.core import compiled
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import MandateRule

from ..constants import DecisionStatus
from ..models import Case, Decision, TrackedTerm
from ..sections import register
from ..services.terms import TermView, term_view


@dataclass
class DecisionRow:
    decision: Decision
    terms: list[TermView]
    can_approve: bool


@dataclass
class DecisionSection:
    rows: list[DecisionRow] = field(default_factory=list)
    may_decide: bool = False
    is_teamleader: bool = False


def case_decisions(case_id: int) -> "QuerySet[Decision]":
    """``Decision.objects.filter(case=case)`` with resident, decider and approver, newest first."""
    return (
        Decision.objects.filter(case_id=case_id)
        .select_related("resident", "decided_by", "approved_by")
        .order_by("-requested_on", "-id")
    )


def case_decision_terms(case_id: int) -> "QuerySet[TrackedTerm]":
    """``TrackedTerm.objects.filter(case=case, decision__isnull=False)``, by due date."""
    return TrackedTerm.objects.filter(case_id=case_id, decision__isnull=False).order_by(
        "due_on", "id"
    )


def has_mandate_rule(team_id: int, roles: tuple[str, ...]) -> "QuerySet[Any, tuple[int]]":
    """The statement of ``team.mandate_rules.filter(role__in=roles).exists()`` (``SELECT 1 AS
    "a" … LIMIT 1``) as a ``values_list``: one row when the team has a rule for these roles."""
    return (
        MandateRule.objects.filter(team_id=team_id)
        .filter(role__in=roles)
        .order_by()
        .annotate(a=Value(1))
        .values_list("a")[:1]
    )


def _may_decide(team_id: int, roles: frozenset[str]) -> bool:
    ordered = tuple(sorted(roles))
    key = ("cases.decision_tab.mandate", ordered)
    return bool(compiled.rows(key, lambda team: has_mandate_rule(team, ordered), [team_id]))


@register("decision", order=40)
def load(case: Case, user: User) -> DecisionSection:
    """Four queries whatever the number of decisions: decisions, their terms, roles, rules."""
    decisions: list[Decision] = compiled.instances(
        "cases.decision_tab.decisions", case_decisions, [case.pk]
    )
    # One query even without decisions (a prefetch would be skipped, changing the count).
    terms: dict[int, list[TrackedTerm]] = defaultdict(list)
    for term in compiled.instances("cases.decision_tab.terms", case_decision_terms, [case.pk]):
        terms[term.decision_id].append(term)  # type: ignore[index]
    roles = org_policies.team_roles(user, case.team)
    is_leader = TeamRole.TEAMLEIDER in roles
    is_supporter = case.client_supporter_id == user.pk
    may_decide = bool(roles and not is_supporter and _may_decide(case.team_id, roles))
    rows = [
        DecisionRow(
            decision=d,
            terms=[term_view(t) for t in terms[d.pk]],
            can_approve=is_leader
            and d.status == DecisionStatus.WACHT_OP_AKKOORD
            and d.decided_by_id != user.pk,
        )
        for d in decisions
    ]
    return DecisionSection(rows=rows, may_decide=may_decide, is_teamleader=is_leader)
