"""Items this app adds to the work queue (``cases.selectors_queue.register_source``).

Both statements are compiled once per shape (``core/compiled.py``, as the queue's own in
``cases.selectors_queue_sql``): the open cases as the one text parameter of ``IdsText`` (the
SQL of ``InIds``), the teams the user leads as a list (issue 17, branch ``h-tl3``).
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.selectors_queue import QueueItem
from wijkteam.cases.selectors_queue_sql import IdsText, ids_text, vendor_of
from wijkteam.core import compiled

from .constants import EscalationStatus, MessageType, RequestStatus
from .models import Escalation, ProviderRequest

LIMIT = 200


def _status(due: datetime.date, today: datetime.date) -> str:
    if today > due:
        return "overdue"
    return "due_soon" if (due - today).days <= 5 else "on_time"


def _open_requests(open_cases: str) -> "QuerySet[Any]":
    return (
        ProviderRequest.objects.filter(IdsText("case_id", open_cases), status=RequestStatus.OPEN)
        .order_by("due_on", "id")
        .values_list("kind", "due_on", "case_id")[:LIMIT]
    )


def _open_escalations(leader_teams: list[int]) -> "QuerySet[Any]":
    return (
        Escalation.objects.filter(case__team_id__in=leader_teams, status=EscalationStatus.OPEN)
        .order_by("due_on", "id")
        .values_list("due_on", "case_id")[:LIMIT]
    )


def open_request_rows(open_cases: list[int]) -> list[tuple[Any, ...]]:
    """(kind, due on, case id) of the open requests of ``open_cases``: as
    ``filter(InIds("case_id", open_cases), status=OPEN)``; none (no statement) for no cases."""
    if not open_cases:
        return []
    text = ids_text(open_cases, vendor_of(ProviderRequest))
    return compiled.rows(("iwmo", "queue", "requests"), _open_requests, [], texts=[text])


def open_escalation_rows(leader_teams: list[int]) -> list[tuple[Any, ...]]:
    """(due on, case id) of the open escalations of cases of ``leader_teams``."""
    if not leader_teams:
        return []
    return compiled.rows(
        ("iwmo", "queue", "escalations"), _open_escalations, [], lists=[leader_teams]
    )


def requests_source(
    user: User, open_cases: list[int], leader_teams: list[int], today: datetime.date
) -> list[QueueItem]:
    """Open 315/317 requests of the user's cases, with their answer term."""
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
        for kind, due_on, case_id in open_request_rows(open_cases)
    ]


def escalations_source(
    user: User, open_cases: list[int], leader_teams: list[int], today: datetime.date
) -> list[QueueItem]:
    """Open escalations of the teams the user leads (doorzettingsmacht)."""
    rows = open_escalation_rows(leader_teams)
    if not rows:
        return []
    label = _("Escalatie: specialist inzetten?")
    return [
        QueueItem(due_on, "escalatie", label, None, status=_status(due_on, today), case_id=case_id)
        for due_on, case_id in rows
    ]
