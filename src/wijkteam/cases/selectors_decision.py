"""Reads around a decision that warn the decider before they decide."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.core import compiled
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.selectors import team_member_users

from . import policies
from .constants import DecisionOutcome, DecisionStatus
from .models import Case, Decision, TrackedTerm

GRANTED = (DecisionOutcome.TOEGEKEND, DecisionOutcome.DEELS)


def overlapping_grants_of(
    resident_id: int,
    product_category: str,
    starts_on: object,
    ends_on: object,
    scope: "QuerySet[Case]",
    pk: int,
) -> "QuerySet[Decision]":
    """The statement of :func:`overlapping_grants` (``scope``: the user's cases, as ids)."""
    return (
        Decision.objects.filter(
            resident_id=resident_id,
            product_category=product_category,
            status__in=(DecisionStatus.BESLOTEN, DecisionStatus.WACHT_OP_AKKOORD),
            outcome__in=GRANTED,
            starts_on__lte=ends_on,
            ends_on__gte=starts_on,
            case__in=scope,
        )
        .exclude(pk=pk)
        .order_by("starts_on", "pk")[:5]
    )


def overlapping_grants(*, user: User, decision: Decision) -> list[Decision]:
    """Grants (decided, or waiting for the second approval) for the same resident and product
    category whose period overlaps this aanvraag's, in cases the user may see: a second grant
    for the same support and time is usually a mistake (or a deliberate extension the decider
    should mention in the motivation). The caller already read this resident's case (logged).

    Compiled once per product category and number of teams (:mod:`wijkteam.core.compiled`,
    issue 17): the period's two dates are put in as moments, the ids of the resident, the user,
    their teams and the decision as ids; the same statement as the queryset."""
    if (
        not org_policies.may_see_case_content(user)  # no scope
        or decision.pk is None
        or decision.starts_on is None
        or decision.ends_on is None
    ):  # the ORM's answer
        scope = policies.case_scope_ids(user)
        return list(
            overlapping_grants_of(
                decision.resident_id,
                decision.product_category,
                decision.starts_on,
                decision.ends_on,
                scope,
                decision.pk,
            )
        )
    member_teams = org_policies.member_team_ids(user)
    leader_teams = org_policies.leader_team_ids(user)
    count = len(member_teams)
    category = decision.product_category

    def build(resident_id: int, pk: int, user_id: int, *rest: object) -> "QuerySet[Decision]":
        *teams, ends_on, starts_on = rest
        ids = [int(t) for t in teams]  # type: ignore[call-overload]
        scope = policies.case_scope_of(user_id, ids[:count], ids[count:]).values("pk")
        return overlapping_grants_of(
            resident_id,
            category,
            starts_on,
            ends_on,
            scope,  # type: ignore[arg-type]
            pk,
        )

    key = ("cases.overlapping_grants", category, count, len(leader_teams))
    return compiled.instances(
        key,
        build,
        [decision.resident_id, decision.pk, user.pk, *member_teams, *leader_teams],
        moments=[decision.ends_on, decision.starts_on],
    )


def _decision_of_case(case_id: int, pk: int) -> "QuerySet[Decision]":
    return (
        Decision.objects.filter(case_id=case_id, pk=pk)
        .select_related("resident", "decided_by", "approved_by")
        .order_by("-requested_on", "-id")[:1]
    )


def decision_of_case(*, case: Case, pk: int) -> Decision | None:
    """One decision of a case the caller has just read through ``case_get`` (scoped, logged),
    with its resident, decider and approver; ``None`` when the case has no such decision. The
    statement is compiled once (:mod:`wijkteam.core.compiled`, issue 17)."""
    found = compiled.instances("cases.decision_of_case", _decision_of_case, [case.pk, pk])
    if not found:
        return None
    decision = found[0]
    decision.case = case
    return decision


def _decision_terms(decision_id: int) -> "QuerySet[TrackedTerm]":
    return TrackedTerm.objects.filter(decision_id=decision_id).order_by("due_on", "id")


def decision_terms(decision: Decision) -> list[TrackedTerm]:
    """``decision.terms.order_by("due_on", "id")``, from a statement compiled once."""
    terms = compiled.instances("cases.decision_terms", _decision_terms, [decision.pk])
    for term in terms:  # as the related manager leaves them
        term.decision = decision
    return terms


def _leaders(team_id: int, actor_id: int, day: datetime.date) -> "QuerySet[User]":
    return team_member_users(team_id=team_id, role=TeamRole.TEAMLEIDER, on=day).exclude(pk=actor_id)


def second_approval_leaders(*, team_id: int, actor: User) -> list[User]:
    """The team's active teamleiders other than ``actor``, to notify of a decision that waits
    for their second approval (never shown): ``team_member_users(team_id=…, role=TEAMLEIDER)
    .exclude(pk=actor.pk)``, from a statement compiled once (today as a moment)."""
    return compiled.instances(
        "cases.second_approval_leaders",
        _leaders,
        [team_id, actor.pk],
        moments=[timezone.localdate()],
    )
