"""Casework's own sources of the case timeline (``cases.timeline``): the journal, the phases and
the regie, kitchen-table conversations, decisions, allocations and held evaluations. Each reads in one or two queries and shows only what the
user's categories allow (registered in ``registrations.py``)."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkteam.accounts.models import User
from wijkteam.privacy.constants import DataCategory
from wijkteam.privacy.policies import may_see

from .constants import CaseState, DecisionStatus
from .models import Allocation, Case, Conversation, Decision, Evaluation, JournalEntry
from .timeline import Categories, Source, TimelineItem, day_start

JOURNAL = "journaal"
PHASES = "fasen"
DECISIONS = "besluiten"
ALLOCATIONS = "toewijzingen"
CONVERSATIONS = "gesprekken"
EVALUATIONS = "evaluaties"


def journal_categories(categories: Categories) -> list[str] | None:
    """The categories of journal entries shown (``None``: all)."""
    return None if categories is None else sorted(categories)


def journal_items(case: Case, user: User, categories: Categories) -> Iterable[TimelineItem]:
    entries = JournalEntry.objects.filter(case=case).select_related("author")
    shown = journal_categories(categories)
    if shown is not None:
        entries = entries.filter(category__in=shown)
    for entry in entries:
        yield TimelineItem(
            at=day_start(entry.occurred_on),
            kind=JOURNAL,
            title=_("%(kind)s – met %(whom)s")
            % {"kind": entry.get_kind_display(), "whom": entry.with_whom},
            text=entry.note,
            by=entry.author.display_name,
            date_only=True,
        )


def phase_items(case: Case, user: User, categories: Categories) -> Iterable[TimelineItem]:
    """The phase changes and the handovers of the regie (the frame every case reader sees)."""
    for step in case.transitions.select_related("by"):
        title = (
            _("Casus geopend: %s") % CaseState(step.to_state).label
            if not step.from_state
            else _("Fase: %(from)s → %(to)s")
            % {"from": CaseState(step.from_state).label, "to": CaseState(step.to_state).label}
        )
        yield TimelineItem(
            at=step.at, kind=PHASES, title=title, text=step.reason, by=step.by.display_name
        )
    for assignment in case.coordinator_history.select_related("coordinator", "assigned_by"):
        yield TimelineItem(
            at=assignment.started_at,
            kind=PHASES,
            title=_("Regisseur: %s") % assignment.coordinator.display_name,
            text=assignment.handover_note,
            by=assignment.assigned_by.display_name,
        )


def decision_items(case: Case, user: User, categories: Categories) -> Iterable[TimelineItem]:
    for decision in Decision.objects.filter(case=case).select_related("created_by", "decided_by"):
        url = reverse("cases:decision_detail", args=[case.pk, decision.pk])
        yield TimelineItem(
            at=decision.created_at,
            kind=DECISIONS,
            title=_("Aanvraag: %s") % decision.get_product_category_display(),
            by=decision.created_by.display_name,
            url=url,
        )
        if decision.status == DecisionStatus.BESLOTEN and decision.decided_at is not None:
            yield TimelineItem(
                at=decision.decided_at,
                kind=DECISIONS,
                title=_("Besluit: %(product)s, %(outcome)s")
                % {
                    "product": decision.get_product_category_display(),
                    "outcome": decision.get_outcome_display().lower(),
                },
                by=decision.decided_by.display_name if decision.decided_by else "",
                url=url,
            )


def allocation_items(case: Case, user: User, categories: Categories) -> Iterable[TimelineItem]:
    for allocation in Allocation.objects.filter(intervention__case=case).select_related(
        "provider", "allocated_by"
    ):
        yield TimelineItem(
            at=allocation.allocated_at,
            kind=ALLOCATIONS,
            title=_("Toewijzing %(number)s aan %(provider)s")
            % {"number": allocation.allocation_number, "provider": allocation.provider.name},
            text=allocation.get_product_category_display(),
            by=allocation.allocated_by.display_name,
        )


def conversation_items(case: Case, user: User, categories: Categories) -> Iterable[TimelineItem]:
    """The kitchen-table conversations of the onderzoek (category onderzoek)."""
    for talk in Conversation.objects.filter(investigation__case=case).select_related("recorded_by"):
        yield TimelineItem(
            at=day_start(talk.held_on),
            kind=CONVERSATIONS,
            title=_("Keukentafelgesprek: %s") % talk.place,
            text=talk.summary,
            by=talk.recorded_by.display_name,
            date_only=True,
        )


def evaluation_items(case: Case, user: User, categories: Categories) -> Iterable[TimelineItem]:
    """Held evaluations with their outcome (category plan)."""
    for evaluation in Evaluation.objects.filter(case=case, held_on__isnull=False).select_related(
        "held_by"
    ):
        assert evaluation.held_on is not None
        yield TimelineItem(
            at=day_start(evaluation.held_on),
            kind=EVALUATIONS,
            title=_("Evaluatie: %s") % evaluation.get_outcome_display().lower(),
            text=evaluation.notes,
            by=evaluation.held_by.display_name if evaluation.held_by else "",
            date_only=True,
        )


SOURCES = [
    Source(
        kind=JOURNAL,
        label=gettext_lazy("Journaal"),
        order=10,
        items=journal_items,
        offered=lambda categories: categories is None or bool(categories),
    ),
    Source(kind=PHASES, label=gettext_lazy("Fasen en regie"), order=20, items=phase_items),
    Source(
        kind=CONVERSATIONS,
        label=gettext_lazy("Keukentafelgesprekken"),
        order=25,
        items=conversation_items,
        offered=lambda categories: may_see(categories, DataCategory.ONDERZOEK),
    ),
    Source(
        kind=DECISIONS,
        label=gettext_lazy("Besluiten"),
        order=30,
        items=decision_items,
        offered=lambda categories: may_see(categories, DataCategory.BESLUITEN),
    ),
    Source(
        kind=ALLOCATIONS,
        label=gettext_lazy("Toewijzingen"),
        order=40,
        items=allocation_items,
        offered=lambda categories: may_see(categories, DataCategory.INTERVENTIES),
    ),
    Source(
        kind=EVALUATIONS,
        label=gettext_lazy("Evaluaties"),
        order=45,
        items=evaluation_items,
        offered=lambda categories: may_see(categories, DataCategory.PLAN),
    ),
]
