"""Case page section: the plan (goals per life domain, actions with owners, agreement)."""

from dataclasses import dataclass, field

from django.utils import timezone

from wijkteam.accounts.models import User

from ..constants import ActionStatus
from ..models import Action, Case, Goal, Plan, PlanVersion
from ..sections import register
from ..selectors_plan import latest_version, plan_for_case

OPEN_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.BEZIG})


@dataclass
class PlanSection:
    plan: Plan | None
    goals: list[Goal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    latest: PlanVersion | None = None
    status_choices: list[tuple[str, str]] = field(default_factory=list)
    overdue_ids: frozenset[int] = frozenset()

    @property
    def agreed(self) -> bool:
        return self.plan is not None and self.plan.agreed_on is not None


@register("plan", order=30)
def load(case: Case, user: User) -> PlanSection:
    """1 query without a plan, 4 with one, whatever the number of goals and actions."""
    plan = plan_for_case(case)
    if plan is None:
        return PlanSection(plan=None)
    latest = latest_version(plan)
    today = timezone.localdate()
    actions = list(plan.actions.all())
    return PlanSection(
        plan=plan,
        goals=list(plan.goals.all()),
        actions=actions,
        overdue_ids=frozenset(
            a.pk
            for a in actions
            if a.due_on is not None and a.due_on < today and a.status in OPEN_STATUSES
        ),
        latest=latest,
        status_choices=[(s.value, str(s.label)) for s in ActionStatus],
    )
