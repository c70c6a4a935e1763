"""Case page section: the onderzoek with its keukentafelgesprekken and the verslag."""

from dataclasses import dataclass, field

from wijkteam.accounts.models import User
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


def investigation_section(case: Case) -> InvestigationSection:
    """The investigation and its conversations with participants, in four queries at most."""
    investigation = Investigation.objects.filter(case_id=case.pk).first()
    if investigation is None:
        return InvestigationSection(investigation=None, conversations=[])
    views = {
        c.pk: ConversationView(conversation=c)
        for c in Conversation.objects.filter(investigation=investigation).select_related(
            "recorded_by"
        )
    }
    # Through-tables instead of prefetch_related: the same queries run however many rows exist.
    residents = Conversation.residents.through.objects.filter(
        conversation__investigation=investigation
    ).select_related("resident")
    for link in residents.order_by("resident__last_name", "resident__first_name"):
        views[link.conversation_id].residents.append(link.resident)
    members = Conversation.network_members.through.objects.filter(
        conversation__investigation=investigation
    ).select_related("networkmember")
    for m in members.order_by("networkmember__name"):
        views[m.conversation_id].network_members.append(m.networkmember)
    return InvestigationSection(investigation=investigation, conversations=list(views.values()))


@register("investigation", order=10)
def load(case: Case, user: User) -> InvestigationSection:
    return investigation_section(case)
