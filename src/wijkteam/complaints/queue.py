"""Open klachten and bezwaren in the work queue of their handling team
(``cases.selectors_queue.register_source``).

One query (a UNION of both tables, rows as tuples) and only for a user who handles them
(teamleider or beslisser of a team; the memberships are already read for the request). A
bezwaar whose case is open is already in the queue through its ``beslissing_op_bezwaar``
TrackedTerm; it is added here only when its case is not among the queue's open cases (a
closed case, or a handler who is not on the case), so it is never listed twice.

The statement is compiled once per shape (``core/compiled.py``, as the queue's own
statements in ``cases.selectors_queue_sql``): the teams whose klachten the user handles and
the teams whose bezwaren, as lists (one placeholder per team, as ``team_id__in`` sends them),
and the open cases as the one text parameter of ``IdsText`` (the same SQL as ``InIds``),
so that one statement serves any number of open cases (issue 17, branch ``h-tl3``).
"""

import datetime
from typing import Any

from django.db.models import CharField, F, QuerySet, Value
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.selectors_queue import QueueItem
from wijkteam.cases.selectors_queue_sql import IdsText, ids_text, vendor_of
from wijkteam.core import compiled
from wijkteam.core.url_cache import cached_reverse

from .constants import ComplaintStatus, ObjectionStatus
from .models import Complaint, Objection
from .selectors import handler_team_ids

LIMIT = 200


def _status(due: datetime.date, today: datetime.date) -> str:
    if today > due:
        return "overdue"
    return "due_soon" if (due - today).days <= 5 else "on_time"


def _open_items(complaint_teams: list[int], teams: list[int]) -> "tuple[QuerySet[Any], ...]":
    complaints = (
        Complaint.objects.filter(team_id__in=complaint_teams)
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
    return complaints, objections


def _all_open(complaint_teams: list[int], teams: list[int]) -> "QuerySet[Any]":
    """The open klachten and bezwaren (no open case of the queue to leave out)."""
    complaints, objections = _open_items(complaint_teams, teams)
    return complaints.union(objections, all=True).order_by("due")[:LIMIT]


def _outside_open_cases(
    open_cases: str, complaint_teams: list[int], teams: list[int]
) -> "QuerySet[Any]":
    """The open klachten, and the open bezwaren whose case is not one of ``open_cases`` (the
    text ``ids_text`` writes: ``InIds("case_id", open cases)``'s parameter)."""
    complaints, objections = _open_items(complaint_teams, teams)
    objections = objections.exclude(IdsText("case_id", open_cases)).order_by()
    return complaints.union(objections, all=True).order_by("due")[:LIMIT]


def open_rows(
    complaint_teams: list[int], teams: list[int], open_cases: list[int]
) -> list[tuple[Any, ...]]:
    """(kind, due, case id, pk) of the open klachten of ``complaint_teams`` and the open
    bezwaren of ``teams`` not on one of ``open_cases``, by due date, at most ``LIMIT``."""
    lists = [complaint_teams, teams]
    if not open_cases:
        return compiled.rows(("complaints", "queue"), _all_open, [], lists=lists)
    text = ids_text(open_cases, vendor_of(Objection))
    return compiled.rows(
        ("complaints", "queue", "open"), _outside_open_cases, [], texts=[text], lists=lists
    )


def complaints_source(
    user: User, open_cases: list[int], leader_teams: list[int], today: datetime.date
) -> list[QueueItem]:
    """Open klachten (for a teamleider) and bezwaren (teamleider, beslisser) of the user's
    teams, with their term and a link to their page."""
    teams = handler_team_ids(user)
    if not teams:
        return []
    rows = open_rows([t for t in teams if t in leader_teams], teams, open_cases)
    labels = {"klacht": _("Klacht afhandelen"), "bezwaar": _("Beslissen op bezwaar")}
    names = {"klacht": "complaints:complaint", "bezwaar": "complaints:objection"}
    return [
        QueueItem(
            due,
            kind,
            str(labels[kind]),
            None,
            status=_status(due, today),
            case_id=case_id,
            url=cached_reverse(names[kind], args=[pk]),
        )
        for kind, due, case_id, pk in rows
    ]
