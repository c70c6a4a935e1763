"""Case page section: planned and held evaluations, with overdue ones flagged."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.core import compiled

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


def case_evaluations(case_id: int) -> QuerySet[Evaluation]:
    """``case.evaluations.select_related("held_by").order_by("planned_on", "id")``."""
    return (
        Evaluation.objects.filter(case_id=case_id)
        .select_related("held_by")
        .order_by("planned_on", "id")
    )


@register("evaluation", order=60)
def load(case: Case, user: User) -> EvaluationSection:
    """One query, whatever the number of evaluations (compiled once, core/compiled.py)."""
    today = timezone.localdate()
    evaluations = compiled.instances("cases.evaluations", case_evaluations, [case.pk])
    for e in evaluations:  # as the related manager sets it
        e.case = case
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
