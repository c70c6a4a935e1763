"""Case page section: the onderzoek with its keukentafelgesprekken and the verslag."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from wijkteam.accounts.models import User
from wijkteam.core import compiled
from wijkteam.residents.models import NetworkMember, Resident

from ..models import Case, Conversation, Investigation
from ..sections import register


@dataclass
class ConversationView:
    conversation: Conversation
    residents: list[Resident] = field(default_factory=list)
    network_members: list[NetworkMember] = field(default_factory=list)


@dataclass
class InvestigationSection:
    investigation: Investigation | None
    conversations: list[ConversationView]

    @property
    def is_completed(self) -> bool:
        return self.investigation is not None and self.investigation.completed_on is not None

    @property
    def ready_to_complete(self) -> bool:
        """A conclusion and at least one conversation: what completing needs."""
        inv = self.investigation
        return (
            inv is not None
            and inv.completed_on is None
            and bool(inv.conclusion.strip())
            and bool(self.conversations)
        )


def case_investigation(case_id: int) -> QuerySet[Investigation]:
    """``Investigation.objects.filter(case_id=case_id).first()`` as a queryset of one."""
    investigations = Investigation.objects.filter(case_id=case_id)
    return (investigations if investigations.ordered else investigations.order_by("pk"))[:1]


def conversations(investigation_id: int) -> QuerySet[Conversation]:
    return Conversation.objects.filter(investigation=investigation_id).select_related("recorded_by")


def conversation_residents(investigation_id: int) -> QuerySet[Any]:
    # Through-tables instead of prefetch_related: the same queries run however many rows exist.
    return (
        Conversation.residents.through.objects.filter(conversation__investigation=investigation_id)
        .select_related("resident")
        .order_by("resident__last_name", "resident__first_name")
    )


def conversation_members(investigation_id: int) -> QuerySet[Any]:
    return (
        Conversation.network_members.through.objects.filter(
            conversation__investigation=investigation_id
        )
        .select_related("networkmember")
        .order_by("networkmember__name")
    )


def investigation_section(case: Case) -> InvestigationSection:
    """The investigation and its conversations with participants, in four queries at most,
    each compiled once (core/compiled.py)."""
    found = compiled.instances("cases.investigation", case_investigation, [case.pk])
    if not found:
        return InvestigationSection(investigation=None, conversations=[])
    investigation = found[0]
    ids = [investigation.pk]
    views = {
        c.pk: ConversationView(conversation=c)
        for c in compiled.instances("cases.conversations", conversations, ids)
    }
    for link in compiled.instances("cases.conversation_residents", conversation_residents, ids):
        views[link.conversation_id].residents.append(link.resident)
    for m in compiled.instances("cases.conversation_members", conversation_members, ids):
        views[m.conversation_id].network_members.append(m.networkmember)
    return InvestigationSection(investigation=investigation, conversations=list(views.values()))


@register("investigation", order=10)
def load(case: Case, user: User) -> InvestigationSection:
    return investigation_section(case)
