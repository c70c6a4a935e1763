"""Items this app adds to the work queue (``cases.selectors_queue.register_source``)."""

import datetime

from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.selectors_queue import QUEUE_CASE_COLUMNS, QUEUE_CASE_RELATED, QueueItem

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
    return [
        QueueItem(
            r.due_on,
            "verzoek",
            str(MessageType(r.kind).label),
            r.case,
            status=_status(r.due_on, today),
        )
        for r in ProviderRequest.objects.filter(case_id__in=open_cases, status=RequestStatus.OPEN)
        .select_related(*QUEUE_CASE_RELATED)
        .only("kind", "due_on", *QUEUE_CASE_COLUMNS)
        .order_by("due_on", "id")[:200]
    ]


def escalations_source(
    user: User, open_cases: list[int], leader_teams: list[int], today: datetime.date
) -> list[QueueItem]:
    """Open escalations of the teams the user leads (doorzettingsmacht)."""
    if not leader_teams:
        return []
    return [
        QueueItem(
            e.due_on,
            "escalatie",
            _("Escalatie: specialist inzetten?"),
            e.case,
            status=_status(e.due_on, today),
        )
        for e in Escalation.objects.filter(
            case__team_id__in=leader_teams, status=EscalationStatus.OPEN
        )
        .select_related(*QUEUE_CASE_RELATED)
        .only("due_on", *QUEUE_CASE_COLUMNS)
        .order_by("due_on", "id")[:200]
    ]
