"""Case page section: aanvragen and besluiten (beschikkingen) with their legal terms."""

from collections import defaultdict
from dataclasses import dataclass, field

from wijkteam.accounts.models import User
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole

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


@register("decision", order=40)
def load(case: Case, user: User) -> DecisionSection:
    """Four queries whatever the number of decisions: decisions, their terms, roles, rules."""
    decisions = list(
        Decision.objects.filter(case=case)
        .select_related("resident", "decided_by", "approved_by")
        .order_by("-requested_on", "-id")
    )
    # One query even without decisions (a prefetch would be skipped, changing the count).
    terms: dict[int, list[TrackedTerm]] = defaultdict(list)
    for term in TrackedTerm.objects.filter(case=case, decision__isnull=False).order_by(
        "due_on", "id"
    ):
        terms[term.decision_id].append(term)  # type: ignore[index]
    roles = org_policies.team_roles(user, case.team)
    is_leader = TeamRole.TEAMLEIDER in roles
    is_supporter = case.client_supporter_id == user.pk
    may_decide = bool(
        roles and not is_supporter and case.team.mandate_rules.filter(role__in=roles).exists()
    )
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
