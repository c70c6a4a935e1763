"""Reads around a decision that warn the decider before they decide."""

from django.db.models import QuerySet

from wijkteam.accounts.models import User
from wijkteam.core import compiled

from . import policies
from .constants import DecisionOutcome, DecisionStatus
from .models import Case, Decision, TrackedTerm

GRANTED = (DecisionOutcome.TOEGEKEND, DecisionOutcome.DEELS)


def overlapping_grants(*, user: User, decision: Decision) -> list[Decision]:
    """Grants (decided, or waiting for the second approval) for the same resident and product
    category whose period overlaps this aanvraag's, in cases the user may see: a second grant
    for the same support and time is usually a mistake (or a deliberate extension the decider
    should mention in the motivation). The caller already read this resident's case (logged)."""
    return list(
        Decision.objects.filter(
            resident_id=decision.resident_id,
            product_category=decision.product_category,
            status__in=(DecisionStatus.BESLOTEN, DecisionStatus.WACHT_OP_AKKOORD),
            outcome__in=GRANTED,
            starts_on__lte=decision.ends_on,
            ends_on__gte=decision.starts_on,
            case__in=policies.case_scope_ids(user),
        )
        .exclude(pk=decision.pk)
        .order_by("starts_on", "pk")[:5]
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
