"""Open klachten and bezwaren in the work queue of their handling team
(``cases.selectors_queue.register_source``).

One query (a UNION of both tables, rows as tuples) and only for a user who handles them
(teamleider or beslisser of a team; the memberships are already read for the request). A
bezwaar whose case is open is already in the queue through its ``beslissing_op_bezwaar``
TrackedTerm; it is added here only when its case is not among the queue's open cases (a
closed case, or a handler who is not on the case), so it is never listed twice.
"""

import datetime

from django.db.models import CharField, F, Value
from django.urls import reverse
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.selectors_queue import QueueItem
from wijkteam.core.id_lists import InIds

from .constants import ComplaintStatus, ObjectionStatus
from .models import Complaint, Objection
from .selectors import handler_team_ids


def _status(due: datetime.date, today: datetime.date) -> str:
    if today > due:
        return "overdue"
    return "due_soon" if (due - today).days <= 5 else "on_time"


def complaints_source(
    user: User, open_cases: list[int], leader_teams: list[int], today: datetime.date
) -> list[QueueItem]:
    """Open klachten (for a teamleider) and bezwaren (teamleider, beslisser) of the user's
    teams, with their term and a link to their page."""
    teams = handler_team_ids(user)
    if not teams:
        return []
    complaints = (
        Complaint.objects.filter(team_id__in=[t for t in teams if t in leader_teams])
        .exclude(status=ComplaintStatus.CLOSED)
        .annotate(
            kind=Value("klacht", output_field=CharField()),
            due=F("due_on"),
            case_ref=F("case_id"),
            row=F("pk"),
        )
        .values_list("kind", "due", "case_ref", "row")
        .order_by()
    )
    objections = (
        Objection.objects.filter(team_id__in=teams)
        .exclude(status=ObjectionStatus.DECIDED)
        .annotate(
            kind=Value("bezwaar", output_field=CharField()),
            due=F("term__due_on"),
            case_ref=F("case_id"),
            row=F("pk"),
        )
        .values_list("kind", "due", "case_ref", "row")
        .order_by()
    )
    if open_cases:  # already in the queue through their TrackedTerm
        objections = objections.exclude(InIds("case_id", open_cases)).order_by()
    labels = {"klacht": _("Klacht afhandelen"), "bezwaar": _("Beslissen op bezwaar")}
    names = {"klacht": "complaints:complaint", "bezwaar": "complaints:objection"}
    rows = complaints.union(objections, all=True).order_by("due")[:200]
    return [
        QueueItem(
            due,
            kind,
            str(labels[kind]),
            None,
            status=_status(due, today),
            case_id=case_id,
            url=reverse(names[kind], args=[pk]),
        )
        for kind, due, case_id, pk in rows
    ]
