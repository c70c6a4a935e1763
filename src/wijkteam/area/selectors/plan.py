"""Reads of the development plan: goals with actions, reviews, the next review, the history."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from ..models import DevelopmentGoal, PlanEvent, PlanReview, TeamDesign
from ..services.plan import add_months


@dataclass
class PlanPage:
    goals: list[DevelopmentGoal]
    reviews: list[PlanReview]
    events: list[PlanEvent]
    next_review_on: datetime.date
    review_overdue: bool


def next_review(design: TeamDesign, reviews: list[PlanReview]) -> datetime.date:
    if reviews:
        return reviews[0].next_review_on
    return add_months(timezone.localdate(design.created_at), design.review_months)


def plan_page(*, design: TeamDesign) -> PlanPage:
    goals = list(design.goals.prefetch_related("actions"))
    reviews = list(design.reviews.select_related("reviewed_by"))
    events = list(design.events.select_related("actor")[:100])
    next_on = next_review(design, reviews)
    return PlanPage(goals, reviews, events, next_on, next_on < timezone.localdate())


def overdue_reviews() -> list[TeamDesign]:
    """Designs whose next review (after the last review, or the term after the start) has
    passed: two queries, whatever the number of designs."""
    today = timezone.localdate()
    designs = list(TeamDesign.objects.all())
    latest: dict[int, datetime.date] = {}
    for design_id, next_on in PlanReview.objects.order_by("reviewed_on", "pk").values_list(
        "design_id", "next_review_on"
    ):
        latest[design_id] = next_on
    return [
        d
        for d in designs
        if latest.get(d.pk, add_months(timezone.localdate(d.created_at), d.review_months)) < today
    ]
