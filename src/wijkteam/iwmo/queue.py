"""Items this app adds to the work queue (``cases.selectors_queue.register_source``)."""

import datetime

from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.selectors_queue import QueueItem
from wijkteam.core.id_lists import InIds

from .constants import EscalationStatus, MessageType, RequestStatus
from .models import Escalation, ProviderRequest


def _status(due: datetime.date, today: datetime.date) -> str:
    if today > due:
        return "overdue"
    return "due_soon" if (due - today).days <= 5 else "on_time"


def requests_source(
    user: User, open_cases: list[int], leader_teams: list[int], today: datetime.date
) -> list[QueueItem]:
    """Open 315/317 requests of the user's cases, with their answer term."""
    if not open_cases:
        return []
    # Tuples, not objects: the queue loads the cases of the rows it shows (``with_cases``).
    return [
        QueueItem(
            due_on,
            "verzoek",
            str(MessageType(kind).label),
            None,
            status=_status(due_on, today),
            case_id=case_id,
        )
        for kind, due_on, case_id in ProviderRequest.objects.filter(
            InIds("case_id", open_cases), status=RequestStatus.OPEN
        )
        .order_by("due_on", "id")
        .values_list("kind", "due_on", "case_id")[:200]
    ]


def escalations_source(
    user: User, open_cases: list[int], leader_teams: list[int], today: datetime.date
) -> list[QueueItem]:
    """Open escalations of the teams the user leads (doorzettingsmacht)."""
    if not leader_teams:
        return []
    label = _("Escalatie: specialist inzetten?")
    return [
        QueueItem(due_on, "escalatie", label, None, status=_status(due_on, today), case_id=case_id)
        for due_on, case_id in Escalation.objects.filter(
            case__team_id__in=leader_teams, status=EscalationStatus.OPEN
        )
        .order_by("due_on", "id")
        .values_list("due_on", "case_id")[:200]
    ]
