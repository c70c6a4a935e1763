"""The work queue's statements compiled once per shape (issue 17, ``core/compiled.py``).

The queue (member, team, one member of the team) and the start page's counts run the same
handful of statements on every request, differing only in the user, the user's teams, today
and the open cases. Each is built here exactly as ``selectors_queue`` built it (the same
queryset, so the same SQL text and rows) and compiled once per shape: the user as an id, the
teams as a list (``lists=``, one placeholder per team as ``team_id__in`` sends them), and the
open cases — one JSON (SQLite) or array (PostgreSQL) parameter of ``InIds`` whatever their
number — as a text (``texts=``): :class:`IdsText` is ``InIds`` with its parameter written by
the caller (:func:`ids_text`, what ``InIds`` itself sends), so that one compiled statement
serves any number of cases. An empty list of cases sends no statement, as ``InIds`` does.
"""

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections, router
from django.db.models import Exists, OuterRef, Q, QuerySet

from wijkteam.accounts.models import User
from wijkteam.core import compiled
from wijkteam.core.id_lists import InIds
from wijkteam.organisation import policies as org_policies
from wijkteam.residents.models import Resident, carers_awaiting_follow_up

from .constants import CaseState, DecisionStatus, ReportStatus
from .models import Case, Decision, Evaluation, Report, TrackedTerm

# Terms the resident acts on (not the team): shown on the case, never as work in the queue.
RESIDENT_TERMS = ("bezwaar", "wmo_persoonlijk_plan")
LIMIT = 200  # rows of each kind at most


class IdsText(InIds):
    """``InIds`` whose one parameter is given as text: the JSON list SQLite gets from
    ``InIds`` (``[1, 2]``), or for PostgreSQL the array literal (``{1,2}``) that its
    ``::bigint[]`` cast reads as the array ``InIds`` sends. The same SQL text."""

    def __init__(self, field: str, text: str) -> None:
        super().__init__(field, ())
        self.text = text

    def __repr__(self) -> str:
        return f"IdsText({self.column!r})"

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.column)
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s::bigint[])", [*params, self.text]
        if connection.vendor == "sqlite":
            return f"{column} IN (SELECT value FROM json_each(%s))", [*params, self.text]  # noqa: S608
        raise NotImplementedError(connection.vendor)  # pragma: no cover - other databases


def ids_text(ids: Iterable[int], vendor: str) -> str:
    """The parameter ``InIds`` sends for ``ids`` (sorted, without duplicates), as text."""
    values = sorted({int(i) for i in ids})
    if vendor == "postgresql":
        return "{" + ",".join(str(i) for i in values) + "}"
    return json.dumps(values)


def vendor_of(model: Any) -> str:
    """The database vendor ``model`` is read from."""
    return str(connections[router.db_for_read(model)].vendor)


def _vendor() -> str:
    return vendor_of(Case)


def open_case_ids(
    user: User, *, team_wide: bool, member: User | None, leader_teams: Sequence[int]
) -> list[int]:
    """The open cases of the queue (sorted): the user's own, the team's, or one member's."""
    if team_wide and leader_teams and member is not None:

        def of_member(member_id: int, teams: list[int]) -> "QuerySet[Any]":
            involved = Case.involved_members.through.objects.filter(user_id=member_id)
            cases = Case.objects.filter(team_id__in=teams).filter(
                Q(coordinator=member_id) | Q(pk__in=involved.values("case_id"))
            )
            return _open(cases)

        found = compiled.rows(("queue", "member"), of_member, [member.pk], lists=[leader_teams])
    elif team_wide and leader_teams:

        def of_team(teams: list[int]) -> "QuerySet[Any]":
            return _open(Case.objects.filter(team_id__in=teams))

        found = compiled.rows(("queue", "team"), of_team, [], lists=[leader_teams])
    else:

        def of_user(user_id: int, teams: list[int]) -> "QuerySet[Any]":
            involved = Case.involved_members.through.objects.filter(user_id=user_id)
            cases = Case.objects.filter(
                Q(coordinator=user_id) | Q(pk__in=involved.values("case_id"))
            ).filter(team_id__in=teams)
            return _open(cases)

        teams = org_policies.member_team_ids(user)
        found = compiled.rows(("queue", "own"), of_user, [user.pk], lists=[teams])
    return sorted({row[0] for row in found})


def _open(cases: "QuerySet[Case]") -> "QuerySet[Any]":
    return cases.exclude(state=CaseState.AFGESLOTEN).order_by().values_list("pk", flat=True)


def _in_open(
    name: str, build: Any, open_cases: Sequence[int], ids: Sequence[int] = ()
) -> list[Any]:
    """``compiled.rows`` of a statement over the open cases (their ``InIds`` as a text)."""
    if not open_cases:
        return []  # ``InIds`` of nothing: no statement
    return compiled.rows(("queue", name), build, ids, texts=[ids_text(open_cases, _vendor())])


def open_terms(open_cases: Sequence[int]) -> list[Any]:
    """(due_on, key, case_id) of the open terms of the team's work, by deadline."""

    def build(text: str) -> "QuerySet[Any]":
        return (
            TrackedTerm.objects.filter(IdsText("case_id", text), met_on__isnull=True)
            .exclude(key__in=RESIDENT_TERMS)
            .order_by("due_on", "id")
            .values_list("due_on", "key", "case_id")[:LIMIT]
        )

    return _in_open("terms", build, open_cases)


def open_evaluations(open_cases: Sequence[int]) -> list[Any]:
    """(planned_on, case_id) of the evaluations not yet held."""

    def build(text: str) -> "QuerySet[Any]":
        return (
            Evaluation.objects.filter(IdsText("case_id", text), held_on__isnull=True)
            .order_by("planned_on", "id")
            .values_list("planned_on", "case_id")[:LIMIT]
        )

    return _in_open("evaluations", build, open_cases)


def carers_at_risk(open_cases: Sequence[int]) -> list[Any]:
    """(case_id,) of the open cases with a carer at risk awaiting a follow-up."""

    def build(text: str) -> "QuerySet[Any]":
        overloaded = carers_awaiting_follow_up().filter(household_id=OuterRef("household_id"))
        return (
            Case.objects.filter(IdsText("pk", text))
            .filter(Exists(overloaded))
            .order_by("pk")
            .values_list("pk", flat=True)[:LIMIT]
        )

    return _in_open("carers", build, open_cases)


def approvals(user: User, leader_teams: Sequence[int]) -> list[Any]:
    """(requested_on, case_id) of the decisions awaiting the teamleider's second approval."""

    def build(user_id: int, teams: list[int]) -> "QuerySet[Any]":
        return (
            Decision.objects.filter(status=DecisionStatus.WACHT_OP_AKKOORD, case__team_id__in=teams)
            .exclude(decided_by=user_id)
            .order_by("requested_on", "id")
            .values_list("requested_on", "case_id")[:LIMIT]
        )

    return compiled.rows(("queue", "approvals"), build, [user.pk], lists=[leader_teams])


def open_reports(user: User) -> list[Report]:
    """The open meldingen of ``policies.report_scope(user)`` (the user's teams), oldest first."""
    if not org_policies.may_see_case_content(user):
        return []  # ``report_scope`` is empty: no statement

    def build(teams: list[int]) -> "QuerySet[Report]":
        return (
            Report.objects.filter(team_id__in=teams)  # ``report_scope``
            .filter(status=ReportStatus.OPEN)
            .only("resident_id", "team_id", "received_at", "law_track")
            .order_by("received_at", "id")[:LIMIT]
        )

    teams = org_policies.member_team_ids(user)
    return compiled.instances(("queue", "reports"), build, [], lists=[teams])


def cases_by_id(
    case_ids: Iterable[int], related: Sequence[str], columns: Sequence[str]
) -> dict[int, Case]:
    """``Case.objects.filter(InIds("pk", case_ids)).select_related(*related).only(*columns)``
    per id (what ``in_bulk()`` gives), compiled once."""
    case_ids = list(case_ids)
    if not case_ids:
        return {}

    def build(text: str) -> "QuerySet[Case]":
        return Case.objects.filter(IdsText("pk", text)).select_related(*related).only(*columns)

    key = ("queue", "cases", tuple(related), tuple(columns))
    found = compiled.instances(key, build, [], texts=[ids_text(case_ids, _vendor())])
    return {case.pk: case for case in found}


def team_members(leader_teams: Sequence[int]) -> list[User]:
    """The members of ``leader_teams``; only what the filter shows (``display_name``) and the
    queue needs (``pk``)."""

    def build(teams: list[int]) -> "QuerySet[User]":
        return (
            User.objects.filter(memberships__team_id__in=teams)
            .only("pk", "username", "first_name", "last_name")
            .distinct()
            .order_by("first_name", "last_name", "pk")
        )

    return compiled.instances(("queue", "members"), build, [], lists=[leader_teams])


def load_report_residents(reports: Sequence[Report]) -> None:
    """``prefetch_related_objects(reports, Prefetch("resident",
    queryset=Resident.objects.select_related("neighbourhood")))``, compiled once per number of
    residents: the prefetch's columns and join, without ordering as the prefetch clears it,
    ``id IN`` the residents (the prefetch's ``TupleIn`` writes the same condition as ``= %s``
    for one id, per vendor otherwise); each melding's ``resident`` set as the prefetch sets it
    (a melding whose resident is already loaded is left alone)."""
    descriptor = Report.resident
    todo = [r for r in reports if not descriptor.is_cached(r)]
    wanted = {r.resident_id for r in todo if r.resident_id is not None}
    if not todo:
        return
    found: dict[int, Resident] = {}
    if wanted:

        def build(ids: list[int]) -> "QuerySet[Resident]":
            return Resident.objects.select_related("neighbourhood").filter(id__in=ids).order_by()

        residents = compiled.instances(
            ("queue", "report_residents"), build, [], lists=[sorted(wanted)]
        )
        found = {resident.pk: resident for resident in residents}
    for report in todo:
        descriptor.field.set_cached_value(report, found.get(report.resident_id))
