"""Case page section: planned and held evaluations, with overdue ones flagged."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from wijkteam.accounts.models import User

from ..models import Case, Evaluation
from ..sections import register


@dataclass(frozen=True)
class PlannedEvaluation:
    evaluation: Evaluation
    overdue: bool
    days_late: int


@dataclass
class EvaluationSection:
    planned: list[PlannedEvaluation]
    held: list[Evaluation]
    today: datetime.date

    @property
    def overdue_count(self) -> int:
        return sum(1 for p in self.planned if p.overdue)


@register("evaluation", order=60)
def load(case: Case, user: User) -> EvaluationSection:
    """One query, whatever the number of evaluations."""
    today = timezone.localdate()
    evaluations = list(case.evaluations.select_related("held_by").order_by("planned_on", "id"))
    planned = [
        PlannedEvaluation(
            evaluation=e,
            overdue=e.planned_on < today,
            days_late=max((today - e.planned_on).days, 0),
        )
        for e in evaluations
        if e.held_on is None
    ]
    held = sorted(
        (e for e in evaluations if e.held_on is not None),
        key=lambda e: (e.held_on, e.pk),
        reverse=True,
    )
    return EvaluationSection(planned=planned, held=held, today=today)
