"""The work queue: what needs action, per member or for the teamleider's whole team.

Read by the queue pages, the API and the start page (counts only). Scoped to the user's own
cases (or, for a teamleider, the team's), and every page of it that shows residents is logged.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from django.core.paginator import Page, Paginator
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam import deadlines
from wijkteam.accounts.models import User
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.constants import DataCategory
from wijkteam.privacy.reads import log_read
from wijkteam.residents.models import Resident

from . import selectors_queue_sql as queue_sql
from .constants import REPORT_TERMS
from .models import Case, Report
from .policies_consent import case_and_report_ids_showing
from .selectors_hints import household_hints_from_rows, report_hints
from .services.terms import atw_calendar, term_label, term_status

# Terms the resident acts on (not the team): shown on the case, never as work in the queue.
RESIDENT_TERMS = queue_sql.RESIDENT_TERMS


@dataclass(frozen=True)
class QueueItem:
    """One row of the queue. ``case_id`` alone is enough to build, sort and page the queue;
    ``case`` (with its household and regisseur) is loaded only for the rows shown
    (:func:`with_cases`). An item made with ``case`` gets its ``case_id`` from it. ``url``: a
    page of its own (a klacht, a bezwaar) that the queue links from the "Wat" column."""

    due_on: datetime.date
    kind: str
    label: str
    case: Case | None
    report: Report | None = None
    status: str = ""
    case_id: int | None = None
    url: str = ""  # the item's own page (a higher app's record), when it has one

    def __post_init__(self) -> None:
        if self.case is not None and self.case_id is None:
            object.__setattr__(self, "case_id", self.case.pk)


# Higher apps add their own work (a provider's request, an escalation) through this registry:
# ``source(user, open_case_ids, leader_team_ids, today)`` returns queue items of those cases.
QueueSource = Callable[[User, list[int], list[int], datetime.date], list[QueueItem]]
_SOURCES: list[QueueSource] = []


def register_source(source: QueueSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def report_terms(reports: list[Report], today: datetime.date) -> list[tuple[datetime.date, str]]:
    """Per open melding, its due date and status (``overdue`` shows as "verlopen").

    The legal term that runs from the melding (Wmo: the onderzoek within 6 weeks): an open
    melding past it is overdue, like any other term. A melding without such a term is due on
    the day it came in ("nu oppakken"). One query (the decree days) when any has a term.
    """
    calendar: deadlines.AtwCalendar | None = None
    result = []
    for report in reports:
        received = timezone.localdate(report.received_at)
        due, state = received, "due_soon"
        key = REPORT_TERMS.get(report.law_track)
        if key is not None:
            calendar = calendar or atw_calendar()
            legal = deadlines.compute_term(key, received, calendar=calendar)
            due, state = legal.due, str(deadlines.status(legal, today))
        result.append((due, state))
    return result


QUEUE_PAGE_SIZE = 50
# What a queue item shows of its case: the link (id), the household's name, who is
# responsible, and the team (whether its basic data may be shown). Loading only these keeps
# a team's queue of hundreds of rows cheap to build (docs/performance.md). Sources of other
# apps load the same (``select_related(*QUEUE_CASE_RELATED).only(..., *QUEUE_CASE_COLUMNS)``).
QUEUE_CASE_RELATED = ("case__household", "case__coordinator")
QUEUE_CASE_COLUMNS = (
    "case",
    "case__team",
    "case__household",
    "case__household__name",
    "case__coordinator",
    "case__coordinator__first_name",
    "case__coordinator__last_name",
    "case__coordinator__username",
)
# The same, loaded from the case itself (:func:`with_cases`).
CASE_RELATED = ("household", "coordinator")
CASE_COLUMNS = tuple(c.removeprefix("case__") for c in QUEUE_CASE_COLUMNS if c != "case")


def with_cases(items: Iterable[QueueItem]) -> list[QueueItem]:
    """``items`` with their ``case`` loaded (household name, regisseur): one query for all the
    cases of ``items`` that have only a ``case_id``, one ``Case`` object per case."""
    items = list(items)
    missing = {i.case_id for i in items if i.case is None and i.case_id is not None}
    if not missing:
        return items
    cases = queue_sql.cases_by_id(missing, CASE_RELATED, CASE_COLUMNS)
    return [
        replace(i, case=cases[i.case_id]) if i.case is None and i.case_id is not None else i
        for i in items
    ]


def work_queue(
    *, user: User, team_wide: bool = False, member: User | None = None
) -> list[QueueItem]:
    """What needs action, sorted by deadline: terms, meldingen, approvals, evaluations, carers.

    ``team_wide``: for a teamleider, the whole team's queue instead of their own cases. Every
    case and melding carries its ``household_hint``. Logs the read of every resident in the
    queue.
    """
    items = with_cases(_queue_items(user=user, team_wide=team_wide, member=member))
    cases = [i.case for i in items if i.case is not None]
    reports = [i.report for i in items if i.report is not None]
    # The hints that tell same-named households apart (``household_hint`` on every case and
    # melding, empty without consent for basic data): the members of all the households in
    # one query (as tuples), the meldingen's residents in one more, whatever the length of
    # the queue.
    residents = _hints(user, cases, reports)
    _log_queue_read(user, items, residents=residents)
    return items


def work_queue_page(
    *, user: User, team_wide: bool = False, page: int = 1, member: User | None = None
) -> Page:
    """One page of the work queue, most urgent first; only the residents shown are logged.

    ``member``: in the team-wide queue, only the cases that member coordinates or is involved
    in (open meldingen belong to no one yet and are left out)."""
    items = _queue_items(user=user, team_wide=team_wide, member=member)
    result = Paginator(items, QUEUE_PAGE_SIZE).get_page(page)
    shown = with_cases(result.object_list)
    result.object_list = shown
    cases = [i.case for i in shown if i.case is not None]
    reports = [i.report for i in shown if i.report is not None]
    residents = _hints(user, cases, reports)
    _log_queue_read(user, shown, residents=residents)
    return result


def _hints(user: User, cases: list[Case], reports: list[Report]) -> list[int]:
    """The hints that tell same-named households apart, on the cases and meldingen shown
    (``household_hint``, empty without consent for basic data; ``report.shows_resident``).
    The households' members in one query (tuples, no model objects), the meldingen's
    residents with their buurt in one more (compiled), and the consents of both in at most
    one more (none when the user's teams show everything). Returns the cases' residents
    (sorted) for the access log."""
    if reports:
        queue_sql.load_report_residents(reports)  # the prefetch of their residents, compiled
    shown_cases, shown_reports = case_and_report_ids_showing(
        user, cases, reports, DataCategory.BASISGEGEVENS
    )
    residents = household_hints_from_rows(user, cases, shown=shown_cases)
    if reports:
        report_hints(user, reports, shown=shown_reports)
    return residents


def work_queue_summary(*, user: User) -> tuple[int, int]:
    """(items, overdue items) of the user's own queue, for the start page.

    Only numbers, no resident data, so nothing is written to the access log.
    """
    items = _queue_items(user=user, team_wide=False)
    return len(items), sum(1 for i in items if i.status == "overdue")


def _log_queue_read(user: User, items: list[QueueItem], residents: list[int] | None = None) -> None:
    """Log the residents of ``items``: ``residents`` of their cases when already loaded."""
    if residents is None:
        households = {i.case.household_id for i in items if i.case is not None}
        residents = list(
            Resident.objects.filter(household_id__in=households).values_list("pk", flat=True)
        )
    resident_ids = list(residents)
    resident_ids += [i.report.resident_id for i in items if i.report is not None]
    if resident_ids:
        log_read(user=user, residents=resident_ids, purpose=_("werkvoorraad bekeken"))


def team_queue_members(*, user: User) -> list[User]:
    """The members of the teams a teamleider leads: the choices of the queue's member filter."""
    leader_teams = org_policies.leader_team_ids(user)
    if not leader_teams:
        return []
    return queue_sql.team_members(leader_teams)


def _queue_items(*, user: User, team_wide: bool, member: User | None = None) -> list[QueueItem]:
    today = timezone.localdate()
    leader_teams = org_policies.leader_team_ids(user)
    # The open cases as a list first: each of the lookups below then probes its index per case
    # instead of joining every open term or evaluation of the municipality (docs/performance.md).
    # Rows are read as tuples (no model objects): a team's queue has up to a thousand of them,
    # of which a page shows 50; the cases of those 50 are loaded afterwards (``with_cases``).
    # Every statement is compiled once per shape (``selectors_queue_sql``).
    open_cases = queue_sql.open_case_ids(
        user, team_wide=team_wide, member=member, leader_teams=leader_teams
    )
    items: list[QueueItem] = []
    for due_on, key, case_id in queue_sql.open_terms(open_cases):
        status = term_status(due_on, None, today)
        items.append(QueueItem(due_on, "termijn", term_label(key), None, None, status, case_id))
    evaluation = _("Evaluatie")
    for planned_on, case_id in queue_sql.open_evaluations(open_cases):
        status = "overdue" if planned_on < today else "on_time"
        items.append(QueueItem(planned_on, "evaluatie", evaluation, None, None, status, case_id))
    if leader_teams and member is None:
        approval = _("Tweede akkoord gevraagd")
        for requested_on, case_id in queue_sql.approvals(user, leader_teams):
            items.append(
                QueueItem(requested_on, "akkoord", approval, None, None, "due_soon", case_id)
            )
    open_reports = queue_sql.open_reports(user) if member is None else []
    for report, (due, state) in zip(open_reports, report_terms(open_reports, today), strict=True):
        items.append(
            QueueItem(due, "melding", _("Melding beoordelen"), None, report=report, status=state)
        )
    # a carer at risk stays on the queue until a follow-up is recorded (residents.CarerFollowUp)
    carer = _("Mantelzorger dreigt overbelast te raken")
    for (case_id,) in queue_sql.carers_at_risk(open_cases):
        items.append(QueueItem(today, "mantelzorger", carer, None, None, "due_soon", case_id))
    for source in _SOURCES:
        items += source(user, open_cases, leader_teams, today)
    items.sort(key=lambda i: (i.due_on, i.kind))
    return items
