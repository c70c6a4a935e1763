"""Reads of casework: always scoped to the user, and every read of resident data logged."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.emergency import case_for_emergency
from wijkteam.cases.policies_consent import (
    require_category,
)
from wijkteam.core import compiled
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction, DataCategory
from wijkteam.privacy.policies import may_see
from wijkteam.privacy.reads import log_read, refuse
from wijkteam.residents.models import Resident

from . import policies, selectors_caseload, selectors_search
from .constants import ReportStatus
from .models import (
    Case,
    Report,
)
from .selectors_hints import (
    household_hints,
    household_hints_from_rows,
    report_hints,
)
from .selectors_queue import (
    QUEUE_PAGE_SIZE,
    QueueItem,
    report_terms,
    work_queue,
    work_queue_page,
    work_queue_summary,
)

PAGE_SIZE = 25


def _residents_of(case: Case) -> list[int]:
    return [r.pk for r in case.household.members.all()]


def _case_in_scope(user: User, pk: int) -> Case | None:
    """The case if it is in the user's scope (``policies.case_scope``), with its household,
    team, regisseur, cliëntondersteuner and the household's residents. The statement is
    compiled once per number of teams (:mod:`wijkteam.core.compiled`, issue 17)."""
    if not org_policies.may_see_case_content(user):
        return None
    member_teams = org_policies.member_team_ids(user)
    leader_teams = org_policies.leader_team_ids(user)
    count = len(member_teams)

    def build(user_id: int, case_id: int, *teams: int) -> QuerySet[Case]:
        return (
            policies.case_scope_of(user_id, teams[:count], teams[count:])
            .select_related("household", "team", "coordinator", "client_supporter")
            .filter(pk=case_id)
            .order_by("pk")[:1]
        )

    found = compiled.instances(
        ("cases.case_get", count, len(leader_teams)),
        build,
        [user.pk, pk, *member_teams, *leader_teams],
    )
    if not found:
        return None
    case = found[0]
    # Read through the scope for this user, in this request: decision_take's own scope check
    # (policies.can_view_case) is this statement's rule and need not ask again (h-dec5).
    case._in_scope_of = user.pk  # type: ignore[attr-defined]
    # What prefetch_related("household__members") does, from a statement compiled once.
    household = case.household
    members = compiled.instances("cases.case_get.members", _household_members, [case.household_id])
    for resident in members:
        _RESIDENT_HOUSEHOLD.set_cached_value(resident, household)
    prefetched = household.members.all()
    prefetched._result_cache, prefetched._prefetch_done = members, True  # type: ignore[attr-defined]
    household._prefetched_objects_cache = {"members": prefetched}  # type: ignore[attr-defined]
    return case


def _household_members(household_id: int) -> QuerySet[Resident]:
    return Resident.objects.filter(household_id=household_id)


_RESIDENT_HOUSEHOLD = Resident._meta.get_field("household")


def case_get(*, user: User, pk: int, purpose: str = "", category: str | None = None) -> Case:
    """One case in scope (404 and a refused-access entry otherwise). Logs the read.

    A running doorbraak (emergency access) opens a case outside the scope, read-only and logged
    as emergency access. ``category``: the kind of data the caller is about to show; a member
    of another organisation than the responsible one needs the resident's consent for it.
    """
    case = _case_in_scope(user, pk)
    if case is None:
        emergency = case_for_emergency(user=user, pk=pk, purpose=purpose or _("casus geopend"))
        if emergency is not None:
            if category is not None:
                require_category(user, emergency, category)
            return emergency
        residents = Resident.objects.filter(household__cases__pk=pk).values_list("pk", flat=True)
        raise refuse(user=user, object_type="casus", object_id=pk, residents=list(residents))
    if category is not None:
        require_category(user, case, category)
    log_read(
        user=user, residents=_residents_of(case), obj=case, purpose=purpose or _("casus geopend")
    )
    return case


def case_list(*, user: User, state: str = "", team_id: int | None = None, page: int = 1) -> Page:
    # The page's rows from a statement compiled once per shape (selectors_caseload; issue 17).
    paginator = selectors_caseload.caseload_paginator(user, state, team_id, PAGE_SIZE)
    result = paginator.get_page(page)
    # The page's households' members as tuples (one query), for the hints and the log.
    resident_ids = household_hints_from_rows(user, result.object_list)
    log_read(user=user, residents=resident_ids, purpose=_("caseload bekeken"))
    return result


def report_queue(*, user: User) -> list[Report]:
    """Open meldingen of the user's teams, oldest first, each with ``shows_resident`` and
    ``household_hint`` (:func:`~wijkteam.cases.selectors_hints.report_hints`): the resident's
    name and hint only where the case page's rule lets the user see basic data."""
    reports = list(
        policies.report_scope(user)
        .filter(status=ReportStatus.OPEN)
        .select_related("resident", "resident__neighbourhood", "team")
        .order_by("received_at")[:200]
    )
    report_hints(user, reports)
    if reports:
        log_read(
            user=user, residents=[r.resident_id for r in reports], purpose=_("meldingen bekeken")
        )
    return reports


@dataclass(frozen=True)
class ReportRow:
    """A melding on the meldingen page with the legal term that runs from it."""

    report: Report
    due_on: datetime.date
    status: str  # overdue ("verlopen"), due_soon, on_time


def report_rows(*, user: User) -> list[ReportRow]:
    """The open meldingen (``report_queue``, logged) with their terms, as in the work queue."""
    reports = report_queue(user=user)
    terms = report_terms(reports, timezone.localdate())
    return [ReportRow(r, due, state) for r, (due, state) in zip(reports, terms, strict=True)]


def report_get(*, user: User, pk: int) -> Report:
    """One melding in scope, with ``shows_resident`` and ``household_hint`` as in the list."""
    report = (
        policies.report_scope(user)
        .select_related("resident", "resident__neighbourhood", "team", "case")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise refuse(user=user, object_type="melding", object_id=pk)
    report_hints(user, [report])
    log_read(user=user, residents=[report.resident_id], obj=report, purpose=_("melding geopend"))
    return report


def resident_search(
    *, user: User, query: str = "", bsn: str = "", limit: int = 50
) -> list[Resident]:
    """Search residents the user may see: by name (prefix of last name or first name) or exact BSN."""
    if not bsn and not query.strip():
        return []
    # The statement compiled once per shape (selectors_search; issue 17).
    results = selectors_search.candidates(user, query, bsn, limit)
    # The result list shows basic data: only of residents whose basic data the user may see
    # (the rule of the resident record and the case page).
    visible = policies.residents_visible_categories(user, results)
    results = [r for r in results if may_see(visible[r.pk], DataCategory.BASISGEGEVENS)]
    log_access(
        user=user,
        action=AccessAction.SEARCH,
        residents=[r.pk for r in results],
        purpose=_("zoeken op BSN") if bsn else _("zoeken op naam"),
    )
    return results


def resident_get(
    *, user: User, pk: int, category: str | None = DataCategory.BASISGEGEVENS
) -> Resident:
    """One resident in scope (404 and a refused entry otherwise), the read logged.

    ``category``: what the caller shows of the resident, by default the basic data (name,
    address, date of birth). A member who may not see it under the rule of the case page
    (``policies.resident_visible_categories``) gets a 403 that names the missing consent, and
    the refusal is logged. ``None`` only where the caller shows nothing of the record (the
    melding form of a resident the user just registered).
    """
    resident = (
        policies.resident_scope(user)
        .select_related("household", "neighbourhood")
        .filter(pk=pk)
        .first()
    )
    if resident is None:
        raise refuse(
            user=user,
            object_type="inwoner",
            object_id=pk,
            residents=[pk] if Resident.objects.filter(pk=pk).exists() else [],
        )
    if category is not None and not may_see(
        policies.resident_visible_categories(user, resident), category
    ):
        log_access(
            user=user,
            action=AccessAction.REFUSED,
            residents=[resident.pk],
            obj=resident,
            purpose=_("inwoner: geen toestemming voor %s") % DataCategory(category).label,
        )
        raise PermissionDenied(
            _(
                "Uw organisatie heeft voor deze gegevens (%s) geen toestemming van de inwoner. "
                "De regisseur van de casus kan de toestemming vastleggen."
            )
            % DataCategory(category).label
        )
    log_read(user=user, residents=[resident.pk], obj=resident, purpose=_("inwoner geopend"))
    return resident


def require_case_worker(user: User, case: Case) -> None:
    if not policies.is_case_worker(user, case):
        raise Http404


# The case page lives in selectors_page, the work queue in selectors_queue; their names stay
# importable from here.
from .selectors_page import CasePage, case_page  # noqa: E402

__all__ = [
    "QUEUE_PAGE_SIZE",
    "CasePage",
    "QueueItem",
    "case_get",
    "case_list",
    "case_page",
    "household_hints",
    "report_get",
    "report_queue",
    "require_case_worker",
    "resident_get",
    "resident_search",
    "work_queue",
    "work_queue_page",
    "work_queue_summary",
]
